import { describe, expect, it } from 'vitest';
import { imagetoolsCreateArgs } from '../../../src/docker/imagetools';
import { insecureFlag, manifestPhase, manifestRecipe } from '../../../src/docker/index-tools';
import { parsePlatform } from '../../../src/oci/platform';

const H1 = '1'.repeat(64);

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

describe('manifestPhase: which steps of the docker manifest recipe get registry-timeout', () => {
  const recipe = manifestRecipe('127.0.0.1:5000/app:1.5', [
    { ref: 'ghcr.io/acme/app-amd64:1.5', platform: parsePlatform('linux/amd64') },
    { ref: '127.0.0.1:5000/app-arm64:1.5', platform: parsePlatform('linux/arm64') },
  ]);
  it('create reads the sources from their registries', () => {
    expect(manifestPhase(recipe[0] as string[], 9000)).toEqual({
      registry: 'ghcr.io, 127.0.0.1:5000',
      phase:
        'reading the sources of 127.0.0.1:5000/app:1.5 (ghcr.io/acme/app-amd64:1.5, 127.0.0.1:5000/app-arm64:1.5)',
      timeoutMs: 9000,
    });
  });
  it('annotate is local: no registry phase', () => {
    expect(manifestPhase(recipe[1] as string[], 9000)).toBeUndefined();
    expect(manifestPhase(recipe[2] as string[], 9000)).toBeUndefined();
  });
  it('push writes the list to its registry', () => {
    expect(manifestPhase(recipe[3] as string[], 9000)).toEqual({
      registry: '127.0.0.1:5000',
      phase: 'pushing the list 127.0.0.1:5000/app:1.5',
      timeoutMs: 9000,
    });
  });
});
