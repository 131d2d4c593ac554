import { describe, expect, it } from 'vitest';
import { ImageCache, judgePlatform } from '../../src/actions/check/images';
import { parseCheckInputs, splitGlobs } from '../../src/actions/check/inputs';
import {
  isReady,
  renderCheckMarkdown,
  renderCheckText,
  shouldFail,
  type CheckReport,
} from '../../src/actions/check/report';
import { formatPlatform, parsePlatform } from '../../src/oci/platform';
import { isTransient } from '../../src/docker/imagetools';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';
const listed = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'].map((p, i) => ({
  platform: parsePlatform(p),
  digest: `sha256:${String(i).repeat(64)}`,
}));

describe('judgePlatform', () => {
  it.each([
    ['linux/arm64', undefined, { ok: true, reason: 'linux/arm64 in the index' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }, { ok: true }],
    [
      'linux/arm/v6',
      undefined,
      {
        ok: false,
        reason: 'no linux/arm/v6 in the index (it lists linux/amd64, linux/arm64, linux/arm)',
      },
    ],
    ['linux/s390x', undefined, { ok: false }],
    [
      'linux/arm64',
      { os: 'linux', architecture: 'amd64' },
      { ok: false, reason: "the linux/arm64 entry's config says linux/amd64" },
    ],
  ] as const)('%s with config %j', (platform, config, expected) => {
    expect(judgePlatform(parsePlatform(platform), listed, config)).toMatchObject(expected);
  });
  it('keeps the digest of a listed platform', () => {
    expect(judgePlatform(parsePlatform('linux/amd64'), listed, undefined).digest).toBe(
      `sha256:${'0'.repeat(64)}`,
    );
  });
});

it.each([
  [
    'failed to do request: Head "https://r/v2/x/manifests/1": net/http: TLS handshake timeout',
    true,
  ],
  ['unexpected status from HEAD request: 503 Service Unavailable', true],
  ['read: connection reset by peer', true],
  ['ERROR: 127.0.0.1:5000/x:1: not found', false],
  ['unexpected status: 401 Unauthorized', false],
  ['denied: requested access to the resource is denied', false],
])('isTransient(%j) → %s', (output, transient) => {
  expect(isTransient(output)).toBe(transient);
});

describe('check inputs', () => {
  it('defaults platforms, cluster architectures, fail-on, and the context to the Dockerfile dir', () => {
    const i = parseCheckInputs(get({ dockerfile: 'app/Dockerfile' }));
    expect(i.platforms.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i).toMatchObject({
      clusterArchitectures: ['amd64', 'arm64'],
      failOn: 'error',
      context: 'app',
      build: false,
    });
  });
  it.each([
    [{}, /Input "images": "" is empty, and so are dockerfile and kubernetes-manifests/],
    [
      { images: 'a:1', 'fail-on': 'sometimes' },
      /Input "fail-on": "sometimes" is not one of error, warning, never\. Use error, warning or never\./,
    ],
    [{ images: 'a:1', build: 'true' }, /Input "build": "true" needs a dockerfile/],
    [{ images: 'a:1', 'cluster-architectures': 'amd64,ARM 64' }, /Input "cluster-architectures"/],
    [{ images: 'a:$(id)' }, /Input "images"/],
  ])('rejects %j', (values, why) => {
    expect(() => parseCheckInputs(get(values))).toThrow(why);
  });
});

const report: CheckReport = {
  platforms: ['linux/amd64', 'linux/arm64'],
  rows: [
    {
      kind: 'image',
      subject: 'image r/a:1',
      cells: {
        'linux/amd64': { status: 'ok', reason: 'runs' },
        'linux/arm64': {
          status: 'error',
          reason: 'no linux/arm64 in the index (it lists linux/amd64)',
        },
      },
    },
    {
      kind: 'workload',
      subject: 'Deployment api: container app (r/a:1)',
      file: 'k8s/api.yaml',
      line: 12,
      cells: {
        'linux/amd64': { status: 'ok', reason: 'in the index' },
        'linux/arm64': { status: 'skip', reason: 'not scheduled on arm64 (nodeSelector)' },
      },
    },
  ],
  findings: [
    {
      level: 'error',
      message: 'image r/a:1: linux/arm64: no linux/arm64 in the index (it lists linux/amd64)',
    },
    { level: 'warning', message: 'pin it', file: 'Dockerfile', line: 3 },
  ],
};

describe('readiness report', () => {
  it('renders the matrix: one row per subject, one column per platform', () => {
    const md = renderCheckMarkdown(report);
    expect(md.split('\n')).toEqual(
      expect.arrayContaining([
        '### ARM readiness: ❌ not ready',
        '| | `linux/amd64` | `linux/arm64` |',
        '| image r/a:1 | ✅ | ❌ no linux/arm64 in the index (it lists linux/amd64) |',
        '| Deployment api: container app (r/a:1)<br><sub>k8s/api.yaml:12</sub> | ✅ | – not scheduled on arm64 (nodeSelector) |',
        '1 error, 1 warning:',
        '- ⚠️ `Dockerfile:3`: pin it',
      ]),
    );
  });
  it('renders text for the log', () => {
    expect(renderCheckText(report).split('\n').at(-1)).toBe('NOT READY: 1 errors, 1 warnings');
  });
  it.each([
    ['error', true],
    ['warning', true],
    ['never', false],
  ] as const)('fail-on %s → %s', (failOn, fails) => {
    expect(shouldFail(report, failOn)).toBe(fails);
  });
  it('is ready with warnings only, and fails on them only when asked', () => {
    const warningsOnly = {
      ...report,
      findings: report.findings.filter((f) => f.level === 'warning'),
    };
    expect(isReady(warningsOnly)).toBe(true);
    expect(shouldFail(warningsOnly, 'error')).toBe(false);
    expect(shouldFail(warningsOnly, 'warning')).toBe(true);
    expect(renderCheckMarkdown(warningsOnly)).toContain(
      '### ARM readiness: ⚠️ ready, with warnings',
    );
  });
});

it('splits manifest globs on commas outside braces', () => {
  expect(splitGlobs('deploy/{a,b}.yaml, k8s/**/*.yml')).toEqual([
    'deploy/{a,b}.yaml',
    'k8s/**/*.yml',
  ]);
  expect(
    parseCheckInputs(get({ 'kubernetes-manifests': 'x/{p,q}/*.yaml\ny.yaml' })).manifests,
  ).toEqual(['x/{p,q}/*.yaml', 'y.yaml']);
});

it('never hands something that is not an image reference to a command', async () => {
  // From a Dockerfile or YAML in a pull request: these would read as flags.
  for (const ref of ['--builder=evil', '-x', '--format={{.Name}}']) {
    const facts = await new ImageCache().get(ref, [parsePlatform('linux/arm64')]);
    expect(facts.error).toMatch(/is not a valid image reference/);
    expect(facts.platforms).toEqual([]);
  }
});
