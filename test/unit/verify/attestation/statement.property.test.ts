/** What testResultStatement makes, for any run: well-formed, honest about failures, no secrets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeTested } from '../../../../src/verify/attestation/judge';
import { testResultProblems } from '../../../../src/verify/attestation/schema';
import {
  NothingToAttestError,
  platformName,
  statementBytes,
  testResultStatement,
  TEST_KINDS,
  TEST_RESULT_PREDICATE,
  type TestResultInput,
  type TestSettings,
} from '../../../../src/verify/attestation/statement';
import { parseProbe } from '../../../../src/verify/probe';
import type { ArchReport, PlatformResult } from '../../../../src/verify/result';
import { anyText, RUNS } from '../../arbitraries';

const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm64/v8',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/riscv64',
  'linux/s390x',
  'linux/ppc64le',
  'linux/386',
];

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const digest = fc.oneof(
  hex64.map((h) => `sha256:${h}`),
  fc.constant(undefined),
  anyText,
);

const arch: fc.Arbitrary<ArchReport | undefined> = fc.option(
  fc.record({
    checked: fc.boolean(),
    elfFiles: fc.nat(500),
    foreign: fc.constant([]),
    foreignCount: fc.nat(3),
    loaderProblemCount: fc.option(fc.nat(3), { nil: undefined }),
    durationMs: fc.nat(10_000),
    note: fc.option(anyText, { nil: undefined }),
  }),
  { nil: undefined },
);

const result = (platform: string): fc.Arbitrary<PlatformResult> =>
  fc.record({
    platform: fc.constant(platform),
    digest,
    emulated: fc.boolean(),
    node: fc.constantFrom('local', 'ssh://builder@arm1.example.com', 'tcp://10.0.0.7:2376'),
    smoke: fc.constantFrom('passed', 'failed', 'skipped'),
    exitCode: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    output: fc.option(anyText, { nil: undefined }),
    arch,
    ok: fc.boolean(),
    errors: fc.array(anyText, { maxLength: 2 }),
    hints: fc.constant([]),
  });

const platforms = fc
  .array(fc.constantFrom(...PLATFORMS), { maxLength: 5 })
  .chain((names) => fc.tuple(...names.map(result)));

/** Values no statement may hold: the test looks for them in every byte it makes. */
const secret = hex64.map((h) => `SECRET${h.slice(0, 24)}`);
const envLine = fc
  .tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,11}$/), secret)
  .map(([k, v]) => `${k}=${v}`);

const PROBES = ['http://:8080/healthz', 'tcp://:5432', 'healthcheck', 'log:ready'].map((p) =>
  parseProbe(p),
);

const settings: fc.Arbitrary<TestSettings> = fc.record({
  smoke: fc.boolean(),
  smokeCommand: fc.array(anyText, { maxLength: 4 }),
  smokeExpect: fc.option(fc.constantFrom(/ok/, /^ready$/m, /a|b/i), { nil: undefined }),
  smokeTimeoutSeconds: fc.integer({ min: 1, max: 3600 }),
  verifyArch: fc.boolean(),
  smokeProbe: fc.option(fc.constantFrom(...PROBES), { nil: undefined }),
  smokeEnv: fc.array(envLine, { maxLength: 4 }),
});

const env = fc.option(
  fc.record({
    GITHUB_SERVER_URL: fc.oneof(fc.constant('https://github.com'), anyText),
    GITHUB_REPOSITORY: fc.oneof(fc.constant('team/app'), anyText),
    GITHUB_RUN_ID: fc.oneof(fc.constant('4242'), anyText),
    GITHUB_RUN_ATTEMPT: fc.option(fc.oneof(fc.constant('1'), anyText), { nil: undefined }),
  }),
  { nil: undefined },
);

const anyInput: fc.Arbitrary<TestResultInput> = fc.record({
  repository: fc.constantFrom('127.0.0.1:5000/team/app', 'ghcr.io/acme/api:1.5', 'app'),
  indexDigest: fc.option(
    hex64.map((h) => `sha256:${h}`),
    { nil: undefined },
  ),
  platforms,
  settings,
  env,
});

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A run that pushed something: the index, or a platform by digest. */
function attestable(i: TestResultInput): boolean {
  return i.indexDigest !== undefined || i.platforms.some((p) => DIGEST.test(p.digest ?? ''));
}

const input = anyInput.filter(attestable);

describe('testResultStatement, for any run', () => {
  it('throws NothingToAttestError exactly when nothing has a digest', () => {
    fc.assert(
      fc.property(anyInput, (i) => {
        if (attestable(i)) expect(() => testResultStatement(i)).not.toThrow();
        else expect(() => testResultStatement(i)).toThrow(NothingToAttestError);
      }),
      RUNS,
    );
  });

  it('makes a statement the strict schema accepts, as one line of canonical JSON', () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = testResultStatement(i);
        expect(testResultProblems(s)).toEqual([]);
        const text = statementBytes(s).toString('utf8');
        expect(text).not.toMatch(/[\n\r]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(s)));
      }),
      RUNS,
    );
  });

  it('lists every platform, loses no failure, and is PASSED only when every platform passed', () => {
    fc.assert(
      fc.property(input, (i) => {
        const { predicate } = testResultStatement(i);
        const all = [...predicate.passedTests, ...predicate.warnedTests, ...predicate.failedTests];
        expect(new Set(all).size).toBe(all.length);
        for (const p of i.platforms) {
          const mine = (list: string[]) =>
            list.filter((t) => TEST_KINDS.some((k) => t === `${platformName(p.platform)}/${k}`));
          expect(mine(all).length).toBeGreaterThan(0);
          if (!p.ok) expect(mine(predicate.failedTests).length).toBeGreaterThan(0);
        }
        expect(predicate.result === 'FAILED').toBe(predicate.failedTests.length > 0);
        if (predicate.result === 'PASSED') {
          expect(i.platforms.every((p) => p.ok)).toBe(true);
          expect(predicate.passedTests.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('never holds a smoke-env value, in the open or inside a descriptor', () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = testResultStatement(i);
        const text = [
          statementBytes(s).toString('utf8'),
          ...s.predicate.configuration.map((d) =>
            Buffer.from(d.content ?? '', 'base64').toString('utf8'),
          ),
        ].join('\n');
        for (const kv of i.settings.smokeEnv ?? []) {
          expect(text).not.toContain(kv.slice(kv.indexOf('=') + 1));
        }
      }),
      RUNS,
    );
  });

  it('the judge reads it as written: each platform digest is tested and passed exactly when the run PASSED', () => {
    fc.assert(
      fc.property(input, (i) => {
        const s = testResultStatement(i);
        for (const p of i.platforms) {
          if (!p.digest || !DIGEST.test(p.digest)) continue;
          const verdict = judgeTested([s], p.platform, p.digest);
          expect(verdict.ok).toBe(s.predicate.result === 'PASSED');
        }
      }),
      RUNS,
    );
  });
});

describe('judgeTested, for anything a registry may hold', () => {
  const statementLike = fc.record(
    {
      _type: fc.oneof(fc.constant('https://in-toto.io/Statement/v1'), fc.jsonValue()),
      subject: fc.oneof(
        fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('linux/arm64', 'linux/amd64'), fc.jsonValue()),
            digest: fc.oneof(
              fc.constant({ sha256: 'c'.repeat(64) }),
              fc.dictionary(anyText, fc.jsonValue()),
            ),
          }),
        ),
        fc.jsonValue(),
      ),
      predicateType: fc.oneof(fc.constant(TEST_RESULT_PREDICATE), fc.jsonValue(), anyText),
      predicate: fc.oneof(
        fc.record({
          result: fc.oneof(fc.constantFrom('PASSED', 'WARNED', 'FAILED'), fc.jsonValue()),
          configuration: fc.oneof(fc.constant([]), fc.jsonValue()),
          passedTests: fc.oneof(
            fc.array(fc.oneof(fc.constant('linux/arm64/smoke'), anyText)),
            fc.jsonValue(),
          ),
          warnedTests: fc.array(anyText, { maxLength: 2 }),
          failedTests: fc.oneof(fc.array(anyText, { maxLength: 2 }), fc.jsonValue()),
        }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  );

  it('never throws, and its reason is one line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(statementLike, fc.jsonValue()), { maxLength: 4 }),
        anyText,
        (statements, platform) => {
          for (const [p, d] of [
            ['linux/arm64', `sha256:${'c'.repeat(64)}`],
            [platform, `sha256:${'c'.repeat(64)}`],
            ['linux/arm64', platform],
          ] as const) {
            const verdict = judgeTested(statements, p, d);
            if (!verdict.ok) expect(verdict.reason).not.toMatch(/[\n\r]/);
          }
        },
      ),
      RUNS,
    );
  });
});
