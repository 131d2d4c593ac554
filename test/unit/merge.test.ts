import { describe, expect, it } from 'vitest';
import { parseBuilderDriver } from '../../src/docker/engine';
import { parseInputs } from '../../src/actions/build/inputs';
import { parseMergeInputs } from '../../src/actions/merge/inputs';
import {
  checkConflicts,
  compareIndex,
  digestsFromNames,
  expectedPlatforms,
  type SourceInfo,
} from '../../src/actions/merge/sources';
import { imagetoolsCreateArgs, insecureFlag, manifestRecipe } from '../../src/docker/index-tools';
import { localWorker, planRun } from '../../src/build/plan/index';
import { formatPlatform, parsePlatform } from '../../src/oci/platform';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';
const src = (ref: string, ...platforms: string[]): SourceInfo => ({
  ref,
  kind: platforms.length > 1 ? 'index' : 'image',
  platforms: platforms.map((p, i) => ({
    platform: parsePlatform(p),
    digest: `sha256:${String(i).repeat(64)}`,
  })),
});

describe('digestsFromNames', () => {
  it('reads the files the matrix recipe writes, in any of the usual spellings', () => {
    expect(digestsFromNames([H2, `sha256:${H1}`, '.keep', `sha256-${H2}`], '/d')).toEqual([
      `sha256:${H1}`,
      `sha256:${H2}`,
    ]);
  });
  it.each([
    [['notes.txt'], /digests-dir \/d holds "notes.txt", which is not named after a digest/],
    [['.keep'], /holds no digest files/],
    [[], /holds no digest files/],
  ])('rejects %j', (names, why) => {
    expect(() => digestsFromNames(names, '/d')).toThrow(why);
  });
});

describe('checkConflicts', () => {
  it('accepts sources with distinct platforms, single or indexes', () => {
    const sources = [
      src('r/a-amd64:1', 'linux/amd64'),
      src('r/a-arm:1', 'linux/arm64', 'linux/arm/v7'),
    ];
    expect(() => checkConflicts(sources)).not.toThrow();
    expect(expectedPlatforms(sources).map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm',
    ]);
  });
  it('names both sources of one platform, counting arm64/v8 as arm64', () => {
    expect(() =>
      checkConflicts([
        src('r/a:amd64-1', 'linux/amd64'),
        src('r/b:arm', 'linux/arm64'),
        src('r/a:amd64-2', 'linux/amd64'),
        src('r/c:v8', 'linux/arm64/v8'),
      ]),
    ).toThrow(
      'Sources overlap, so the index would be ambiguous: linux/amd64 is in both r/a:amd64-1 and r/a:amd64-2; linux/arm64 is in both r/b:arm and r/c:v8. Give each platform one source. Nothing was pushed.',
    );
  });
  it('keeps arm/v7 and arm/v6 apart', () => {
    expect(() =>
      checkConflicts([src('r/a:v7', 'linux/arm/v7'), src('r/a:v6', 'linux/arm/v6')]),
    ).not.toThrow();
  });
});

it('compares the pushed index with the expected set', () => {
  const want = ['linux/amd64', 'linux/arm64'].map(parsePlatform);
  expect(compareIndex(want, ['linux/arm64/v8', 'linux/amd64'].map(parsePlatform))).toBeUndefined();
  expect(compareIndex(want, [parsePlatform('linux/amd64')])).toBe(
    'the pushed index lists linux/amd64, but linux/amd64, linux/arm64 was expected',
  );
});

describe('merge argv', () => {
  it.each([
    [
      imagetoolsCreateArgs(
        ['r/a:1', 'r/a:latest'],
        ['r/a-amd64:1', `r/a@sha256:${H1}`],
        ['index:org.opencontainers.image.description=api'],
      ),
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--annotation',
        'index:org.opencontainers.image.description=api',
        '--tag',
        'r/a:1',
        '--tag',
        'r/a:latest',
        'r/a-amd64:1',
        `r/a@sha256:${H1}`,
      ],
    ],
    [
      manifestRecipe('127.0.0.1:5000/app:1.5', [
        { ref: '127.0.0.1:5000/app-linux-amd64:1.5', platform: parsePlatform('linux/amd64') },
        { ref: '127.0.0.1:5000/app-linux-arm64:1.5', platform: parsePlatform('linux/arm64/v8') },
        { ref: '127.0.0.1:5000/app-linux-arm:1.5', platform: parsePlatform('linux/arm/v6') },
      ]),
      [
        [
          'docker',
          'manifest',
          'create',
          '--insecure',
          '127.0.0.1:5000/app:1.5',
          '127.0.0.1:5000/app-linux-amd64:1.5',
          '127.0.0.1:5000/app-linux-arm64:1.5',
          '127.0.0.1:5000/app-linux-arm:1.5',
        ],
        [
          'docker',
          'manifest',
          'annotate',
          '127.0.0.1:5000/app:1.5',
          '127.0.0.1:5000/app-linux-amd64:1.5',
          '--os',
          'linux',
          '--arch',
          'amd64',
        ],
        [
          'docker',
          'manifest',
          'annotate',
          '127.0.0.1:5000/app:1.5',
          '127.0.0.1:5000/app-linux-arm64:1.5',
          '--os',
          'linux',
          '--arch',
          'arm64',
        ],
        [
          'docker',
          'manifest',
          'annotate',
          '127.0.0.1:5000/app:1.5',
          '127.0.0.1:5000/app-linux-arm:1.5',
          '--os',
          'linux',
          '--arch',
          'arm',
          '--variant',
          'v6',
        ],
        ['docker', 'manifest', 'push', '--purge', '--insecure', '127.0.0.1:5000/app:1.5'],
      ],
    ],
  ])('%j', (actual, expected) => {
    expect(actual).toEqual(expected);
  });
  it.each([
    ['127.0.0.1:5000/a:1', ['--insecure']],
    ['localhost:5000/a:1', ['--insecure']],
    ['ghcr.io/acme/a:1', []],
    ['acme/a:1', []],
  ])('insecure for %s: %j', (ref, flag) => {
    expect(insecureFlag(ref)).toEqual(flag);
  });
});

describe('merge inputs', () => {
  it('takes the digests repository from the first tag by default', () => {
    const i = parseMergeInputs(
      get({ 'digests-dir': '/tmp/d', tags: 'ghcr.io/acme/api:1.5\nghcr.io/acme/api:latest' }),
    );
    expect(i).toMatchObject({
      image: 'ghcr.io/acme/api',
      digestsDir: '/tmp/d',
      tool: 'auto',
      sources: [],
      smoke: true,
    });
  });
  it.each([
    [{ sources: 'r/a:1' }, /Input "tags": "" is empty/],
    [{ tags: 'r/a:1' }, /Input "sources": "" is empty and no digests-dir is given/],
    [{ tags: 'r/a:1', sources: 'r/a:$(id)' }, /Input "sources"/],
    [
      { tags: 'r/a:1', 'digests-dir': '/d', image: 'r/a:1' },
      /Input "image": "r\/a:1" has a tag or digest/,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', tool: 'crane' },
      /Input "tool": "crane" is not one of auto, imagetools, manifest\. Use auto, imagetools or manifest\./,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', annotations: 'no equals' },
      /Input "annotations": "no equals" is not an annotation/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseMergeInputs(get(values))).toThrow(why);
  });
});

describe('push-by-digest', () => {
  const x86 = { native: parsePlatform('linux/amd64'), containerdStore: true, version: '26.1.5' };
  const inputs = parseInputs(
    get({
      tags: 'ghcr.io/acme/api',
      platforms: 'linux/arm64',
      'push-by-digest': 'true',
      'digests-dir': '/tmp/d',
    }),
  );
  it('pushes without a tag on a builder that can', () => {
    const plan = planRun(inputs, [localWorker(x86, inputs.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker-container',
    });
    expect(plan.builds[0]?.argv.slice(-4)).toEqual([
      '/t/metadata-1.json',
      '--output',
      'type=image,name=ghcr.io/acme/api,push-by-digest=true,name-canonical=true,push=true',
      '.',
    ]);
    expect(plan.builds[0]?.argv).not.toContain('--tag');
  });
  it('falls back to the platform tag on the docker driver, which refuses push-by-digest', () => {
    const plan = planRun(inputs, [localWorker(x86, inputs.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker',
    });
    expect(plan.builds[0]?.tags).toEqual(['ghcr.io/acme/api:latest-linux-arm64']);
    expect(plan.builds[0]?.argv.slice(-2)).toEqual(['--push', '.']);
    expect(plan.notes[0]).toMatch(/cannot push by digest/);
  });
  it.each([
    [{ 'push-by-digest': 'true' }, /Input "tags": "" names 0 images/],
    [{ 'push-by-digest': 'true', tags: 'r/a,r/b' }, /names 2 images/],
    [
      { 'push-by-digest': 'true', tags: 'r/a', push: 'false' },
      /Input "push": "false" contradicts push-by-digest/,
    ],
    [
      { 'push-by-digest': 'true', tags: 'r/a', nodes: 'linux/arm64=ssh://b@arm1' },
      /cannot be combined with nodes/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseInputs(get(values))).toThrow(why);
  });
  it('reads the builder driver', () => {
    expect(parseBuilderDriver('Name:          default\nDriver:        docker\n\nNodes:\n')).toBe(
      'docker',
    );
    expect(parseBuilderDriver('Name: b1\nDriver: docker-container\n')).toBe('docker-container');
    expect(parseBuilderDriver('nothing')).toBeUndefined();
  });
});
