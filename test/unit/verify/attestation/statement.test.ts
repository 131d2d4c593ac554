import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/oci/referrers';
import {
  NothingToAttestError,
  predicateOnly,
  statementBytes,
  testResultStatement,
  type ResourceDescriptor,
  type TestResultInput,
} from '../../../../src/verify/attestation/statement';
import { testResultProblems } from '../../../../src/verify/attestation/schema';
import { parseProbe } from '../../../../src/verify/probe';
import { AMD64, ARM64, CLEAN_SCAN, hex, INDEX, passed, REPO, RUN_ENV, SETTINGS } from './fixtures';

/** A configuration entry from the canonical JSON it must carry, written out by hand. */
function descriptor(name: string, json: string): ResourceDescriptor {
  return {
    name,
    mediaType: 'application/json',
    content: Buffer.from(json, 'utf8').toString('base64'),
    annotations: JSON.parse(json) as Record<string, never>,
  };
}

const SMOKE_COMMAND = descriptor(
  'smoke-test',
  '{"command":["sh","-c","uname -m"],"enabled":true,"kind":"command","timeoutSeconds":60}',
);
const ARCH_ON = descriptor('verify-arch', '{"enabled":true,"tests":["arch-scan","loader"]}');
const AMD64_LOCAL = descriptor(
  'linux/amd64',
  '{"emulated":false,"node":"local","platform":"linux/amd64"}',
);
const ARM64_QEMU = descriptor(
  'linux/arm64',
  '{"emulated":true,"emulator":"qemu","node":"local","platform":"linux/arm64"}',
);

const SUBJECT = [
  { name: REPO, digest: { sha256: hex(INDEX) } },
  { name: 'linux/amd64', digest: { sha256: hex(AMD64) } },
  { name: 'linux/arm64', digest: { sha256: hex(ARM64) } },
];

function make(over: Partial<TestResultInput> = {}) {
  const statement = testResultStatement({
    repository: REPO,
    indexDigest: INDEX,
    platforms: [passed('linux/amd64', AMD64), passed('linux/arm64', ARM64, { emulated: true })],
    settings: SETTINGS,
    ...over,
  });
  // Whatever a case checks, what it made must be a well-formed statement.
  expect(testResultProblems(statement)).toEqual([]);
  return statement;
}

describe('testResultStatement', () => {
  it('two platforms that passed: the exact statement', () => {
    expect(make({ env: RUN_ENV })).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: SUBJECT,
      predicateType: 'https://in-toto.io/attestation/test-result/v0.1',
      predicate: {
        result: 'PASSED',
        configuration: [SMOKE_COMMAND, ARCH_ON, AMD64_LOCAL, ARM64_QEMU],
        url: 'https://github.com/team/app/actions/runs/4242/attempts/2',
        passedTests: [
          'linux/amd64/arch-scan',
          'linux/amd64/loader',
          'linux/amd64/smoke',
          'linux/arm64/arch-scan',
          'linux/arm64/loader',
          'linux/arm64/smoke',
        ],
        warnedTests: [],
        failedTests: [],
      },
    });
  });

  it('arm64 holding an amd64 binary: its smoke run and its scan fail, its loader check passes', () => {
    const arm64 = passed('linux/arm64', ARM64, {
      emulated: true,
      smoke: 'failed',
      exitCode: 255,
      output: 'exec /app/server: exec format error\n',
      arch: {
        ...CLEAN_SCAN,
        foreign: [{ path: '/app/server', found: 'x86-64' }],
        foreignCount: 1,
      },
      ok: false,
      errors: ['exec format error: the linux/arm64 image holds an executable …'],
    });
    const s = make({ platforms: [passed('linux/amd64', AMD64), arm64] });
    expect(s.subject).toEqual(SUBJECT);
    expect(s.predicate).toMatchObject({
      result: 'FAILED',
      passedTests: [
        'linux/amd64/arch-scan',
        'linux/amd64/loader',
        'linux/amd64/smoke',
        'linux/arm64/loader',
      ],
      warnedTests: [],
      failedTests: ['linux/arm64/arch-scan', 'linux/arm64/smoke'],
    });
  });

  it('a probe ran instead of a command: tests are named probe, and smoke-expect is not part of it', () => {
    const s = make({
      settings: {
        ...SETTINGS,
        smokeCommand: [],
        smokeProbe: parseProbe('http://:8080/healthz'),
        smokeExpect: /ready/,
        smokeTimeoutSeconds: 30,
      },
    });
    expect(s.predicate.passedTests).toEqual([
      'linux/amd64/arch-scan',
      'linux/amd64/loader',
      'linux/amd64/probe',
      'linux/arm64/arch-scan',
      'linux/arm64/loader',
      'linux/arm64/probe',
    ]);
    expect(s.predicate.configuration[0]).toEqual(
      descriptor(
        'smoke-test',
        '{"command":[],"enabled":true,"kind":"probe","probe":"http://:8080/healthz","timeoutSeconds":30}',
      ),
    );
  });

  it.each([
    ['tcp://:5432', 'tcp://:5432'],
    ['healthcheck', 'healthcheck'],
    ['log:listening on \\d+', 'log:listening on \\d+'],
  ])('the probe %s is recorded as the input spells it', (input, recorded) => {
    const s = make({ settings: { ...SETTINGS, smokeProbe: parseProbe(input) } });
    expect(s.predicate.configuration[0]?.annotations?.probe).toBe(recorded);
  });

  it('smoke-expect is recorded with a command', () => {
    const s = make({ settings: { ...SETTINGS, smokeExpect: /aarch64|x86_64/m } });
    expect(s.predicate.configuration[0]).toEqual(
      descriptor(
        'smoke-test',
        '{"command":["sh","-c","uname -m"],"enabled":true,"expect":"/aarch64|x86_64/m","kind":"command","timeoutSeconds":60}',
      ),
    );
  });

  it('a scan that could not run (an architecture it does not know) warns, on both its tests', () => {
    const riscv = passed('linux/riscv64', `sha256:${'d'.repeat(64)}`, {
      emulated: true,
      arch: {
        checked: false,
        elfFiles: 0,
        foreign: [],
        foreignCount: 0,
        durationMs: 0,
        note: 'no architecture check for riscv64',
      },
    });
    const s = make({ platforms: [passed('linux/amd64', AMD64), riscv] });
    expect(s.predicate).toMatchObject({
      result: 'WARNED',
      passedTests: [
        'linux/amd64/arch-scan',
        'linux/amd64/loader',
        'linux/amd64/smoke',
        'linux/riscv64/smoke',
      ],
      warnedTests: ['linux/riscv64/arch-scan', 'linux/riscv64/loader'],
      failedTests: [],
    });
  });

  it('a scan that could not read the image fails the platform: its scan carries the failure', () => {
    const arm64 = passed('linux/arm64', ARM64, {
      arch: { checked: false, elfFiles: 0, foreign: [], foreignCount: 0, durationMs: 3 },
      ok: false,
      errors: ['the architecture check could not read the image: no space left on device'],
    });
    const s = make({ platforms: [arm64] });
    expect(s.predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['linux/arm64/smoke'],
      warnedTests: ['linux/arm64/loader'],
      failedTests: ['linux/arm64/arch-scan'],
    });
  });

  it('a loader problem fails the loader test alone', () => {
    const arm64 = passed('linux/arm64', ARM64, {
      arch: { ...CLEAN_SCAN, loaderProblemCount: 2 },
      ok: false,
    });
    expect(make({ platforms: [arm64] }).predicate).toMatchObject({
      passedTests: ['linux/arm64/arch-scan', 'linux/arm64/smoke'],
      failedTests: ['linux/arm64/loader'],
    });
  });

  it('a scan report without a loader count (made before it was counted) warns on the loader', () => {
    const older = { ...CLEAN_SCAN, loaderProblemCount: undefined };
    const s = make({ platforms: [passed('linux/arm64', ARM64, { arch: older })] });
    expect(s.predicate).toMatchObject({
      result: 'WARNED',
      passedTests: ['linux/arm64/arch-scan', 'linux/arm64/smoke'],
      warnedTests: ['linux/arm64/loader'],
    });
  });

  it('a platform that could not be pulled never ran: its smoke test fails, its scan warns', () => {
    const arm64 = passed('linux/arm64', ARM64, {
      smoke: 'skipped',
      exitCode: undefined,
      output: undefined,
      arch: undefined,
      ok: false,
      errors: ['could not pull …: manifest unknown'],
    });
    expect(make({ platforms: [arm64] }).predicate).toMatchObject({
      result: 'FAILED',
      passedTests: [],
      warnedTests: ['linux/arm64/arch-scan', 'linux/arm64/loader'],
      failedTests: ['linux/arm64/smoke'],
    });
  });

  it('with smoke off, a platform that could not be pulled fails on its scan', () => {
    const arm64 = passed('linux/arm64', ARM64, { smoke: 'skipped', arch: undefined, ok: false });
    const s = make({ platforms: [arm64], settings: { ...SETTINGS, smoke: false } });
    expect(s.predicate).toMatchObject({
      warnedTests: ['linux/arm64/loader'],
      failedTests: ['linux/arm64/arch-scan'],
    });
    expect(s.predicate.configuration[0]).toEqual(descriptor('smoke-test', '{"enabled":false}'));
  });

  it('a platform the run failed whose tests all passed still fails, on its smoke test', () => {
    const arm64 = passed('linux/arm64', ARM64, { ok: false, errors: ['lost the node'] });
    expect(make({ platforms: [arm64] }).predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['linux/arm64/arch-scan', 'linux/arm64/loader'],
      failedTests: ['linux/arm64/smoke'],
    });
  });

  it('nothing asked (smoke and verify-arch off): each platform gets a warned smoke test', () => {
    const s = make({
      platforms: [
        passed('linux/amd64', AMD64, { smoke: 'skipped', arch: undefined }),
        passed('linux/arm64', ARM64, { smoke: 'skipped', arch: undefined }),
      ],
      settings: { ...SETTINGS, smoke: false, verifyArch: false },
    });
    expect(s.predicate).toMatchObject({
      result: 'WARNED',
      passedTests: [],
      warnedTests: ['linux/amd64/smoke', 'linux/arm64/smoke'],
      failedTests: [],
    });
    expect(s.predicate.configuration.slice(0, 2)).toEqual([
      descriptor('smoke-test', '{"enabled":false}'),
      descriptor('verify-arch', '{"enabled":false}'),
    ]);
  });

  it('no platform at all is never PASSED', () => {
    expect(make({ platforms: [] }).predicate.result).toBe('WARNED');
  });

  it('a platform listed twice keeps its worst result, each test in one list', () => {
    const s = make({
      platforms: [
        passed('linux/arm64', ARM64),
        passed('linux/arm64/v8', ARM64, { smoke: 'failed', ok: false }),
      ],
    });
    expect(s.subject).toEqual([SUBJECT[0], SUBJECT[2]]);
    expect(s.predicate).toMatchObject({
      result: 'FAILED',
      passedTests: ['linux/arm64/arch-scan', 'linux/arm64/loader'],
      warnedTests: [],
      failedTests: ['linux/arm64/smoke'],
    });
  });

  it('nothing pushed (no index, no platform digest) is nothing to attest', () => {
    expect(() =>
      make({
        indexDigest: undefined,
        platforms: [passed('linux/arm64', ARM64, { digest: undefined })],
      }),
    ).toThrow(NothingToAttestError);
  });

  it('records where each platform ran: a native node by its endpoint, QEMU as the emulator', () => {
    const s = make({
      platforms: [
        passed('linux/amd64', AMD64),
        passed('linux/arm64', ARM64, { node: 'ssh://builder@arm1.example.com' }),
        passed('linux/arm/v6', `sha256:${'e'.repeat(64)}`, { emulated: true }),
      ],
    });
    expect(s.predicate.configuration.slice(2)).toEqual([
      descriptor('linux/amd64', '{"emulated":false,"node":"local","platform":"linux/amd64"}'),
      descriptor(
        'linux/arm/v6',
        '{"emulated":true,"emulator":"qemu","node":"local","platform":"linux/arm/v6"}',
      ),
      descriptor(
        'linux/arm64',
        '{"emulated":false,"node":"ssh://builder@arm1.example.com","platform":"linux/arm64"}',
      ),
    ]);
  });

  it('smoke-env values never appear, only their keys', () => {
    const s = make({
      settings: {
        ...SETTINGS,
        smokeEnv: [
          'API_TOKEN=hunter2-s3cr3t',
          'DB_URL=postgres://u:pw-x9@db/app',
          'API_TOKEN=again',
        ],
      },
    });
    const bytes = statementBytes(s).toString('utf8');
    for (const secret of ['hunter2', 's3cr3t', 'pw-x9', 'postgres', 'again']) {
      expect(bytes).not.toContain(secret);
      // Nor hidden in the base64 of a descriptor's content.
      for (const d of s.predicate.configuration) {
        expect(Buffer.from(d.content ?? '', 'base64').toString('utf8')).not.toContain(secret);
      }
    }
    expect(s.predicate.configuration[0]?.annotations?.envKeys).toEqual(['API_TOKEN', 'DB_URL']);
  });

  describe('subject', () => {
    it('skips platforms without a digest, and digests that are none', () => {
      const s = make({
        platforms: [
          passed('linux/amd64', AMD64),
          passed('linux/arm64', ARM64, { digest: undefined }),
          passed('linux/s390x', 'sha256:nothex'),
        ],
      });
      expect(s.subject).toEqual([SUBJECT[0], SUBJECT[1]]);
      // The platforms were still tested, and say so.
      expect(s.predicate.passedTests).toContain('linux/arm64/smoke');
      expect(s.predicate.passedTests).toContain('linux/s390x/smoke');
    });

    it('without an index, names the platforms alone', () => {
      expect(make({ indexDigest: undefined }).subject).toEqual([SUBJECT[1], SUBJECT[2]]);
    });

    it('drops a tag or digest from the repository, and is in the same order however the platforms come', () => {
      const s = make({
        repository: `${REPO}:v1@${INDEX}`,
        platforms: [passed('linux/arm64', ARM64), passed('linux/amd64', AMD64)],
      });
      expect(s.subject).toEqual(SUBJECT);
    });

    it('spells a platform one way everywhere: linux/arm64/v8 is linux/arm64', () => {
      const s = make({ platforms: [passed('linux/arm64/v8', ARM64)] });
      expect(s.subject[1]).toEqual(SUBJECT[2]);
      expect(s.predicate.passedTests).toContain('linux/arm64/smoke');
    });

    it('a repository that is no image name throws', () => {
      expect(() => make({ repository: 'Not A Name' })).toThrow(/not a valid image reference/);
    });
  });

  describe('url', () => {
    it.each([
      [
        'a run and its attempt',
        RUN_ENV,
        'https://github.com/team/app/actions/runs/4242/attempts/2',
      ],
      [
        'no attempt',
        { ...RUN_ENV, GITHUB_RUN_ATTEMPT: undefined },
        'https://github.com/team/app/actions/runs/4242',
      ],
      [
        'an enterprise server, trailing slash',
        { ...RUN_ENV, GITHUB_SERVER_URL: 'https://ghe.example.com/' },
        'https://ghe.example.com/team/app/actions/runs/4242/attempts/2',
      ],
      ['no run id', { ...RUN_ENV, GITHUB_RUN_ID: undefined }, undefined],
      ['no repository', { ...RUN_ENV, GITHUB_REPOSITORY: '' }, undefined],
      ['no server', { ...RUN_ENV, GITHUB_SERVER_URL: undefined }, undefined],
      ['a run id that is not a number', { ...RUN_ENV, GITHUB_RUN_ID: '1?x=2' }, undefined],
      [
        'a server that is not http',
        { ...RUN_ENV, GITHUB_SERVER_URL: 'javascript:alert(1)' },
        undefined,
      ],
      ['a repository with a space', { ...RUN_ENV, GITHUB_REPOSITORY: 'team/app x' }, undefined],
      ['no environment', undefined, undefined],
    ])('%s', (_name, env, url) => {
      const s = make({ env });
      expect(s.predicate.url).toBe(url);
      expect('url' in s.predicate).toBe(url !== undefined);
    });
  });
});

describe('statementBytes and canonicalJson', () => {
  it('are one line of JSON, keys sorted at every depth, that parses back to the statement', () => {
    const s = make({ env: RUN_ENV, settings: { ...SETTINGS, smokeCommand: ['sh', '-c', 'a\nb'] } });
    const text = statementBytes(s).toString('utf8');
    expect(text).not.toMatch(/[\n\r]/);
    expect(
      text.startsWith(
        '{"_type":"https://in-toto.io/Statement/v1","predicate":{"configuration":[{"annotations":{"command":["sh","-c","a\\nb"],',
      ),
    ).toBe(true);
    expect(JSON.parse(text)).toEqual(s);
  });

  it('the same statement built twice has the same bytes', () => {
    expect(statementBytes(make({ env: RUN_ENV }))).toEqual(statementBytes(make({ env: RUN_ENV })));
  });

  it.each([
    [{ b: 1, a: [2, { d: null, c: 'x' }] }, '{"a":[2,{"c":"x","d":null}],"b":1}'],
    [{ z: undefined, y: true }, '{"y":true}'],
    [[undefined, 'é'], '[null,"é"]'],
    [{ B: 1, a: 2, _: 3 }, '{"B":1,"_":3,"a":2}'],
    ['line\nbreak', '"line\\nbreak"'],
  ])('canonicalJson(%j) is %s', (value, json) => {
    expect(new TextDecoder().decode(canonicalJson(value))).toBe(json);
  });

  it('predicateOnly is the predicate', () => {
    const s = make();
    expect(predicateOnly(s)).toBe(s.predicate);
  });
});
