import { describe, expect, it } from 'vitest';
import { judgeTested } from '../../../../src/verify/attestation/judge';
import {
  testResultStatement,
  type TestResultStatement,
} from '../../../../src/verify/attestation/statement';
import type { PlatformResult } from '../../../../src/verify/result';
import { AMD64, ARM64, CLEAN_SCAN, hex, INDEX, passed, REPO, SETTINGS } from './fixtures';

function statementOf(platforms: PlatformResult[]): TestResultStatement {
  return testResultStatement({
    repository: REPO,
    indexDigest: INDEX,
    platforms,
    settings: SETTINGS,
  });
}

/** A hand-made statement, for what this action never writes but a registry may hold. */
function statement(
  predicate: Record<string, unknown>,
  subject: unknown[] = [{ name: 'linux/arm64', digest: { sha256: hex(ARM64) } }],
): Record<string, unknown> {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject,
    predicateType: 'https://in-toto.io/attestation/test-result/v0.1',
    predicate: { configuration: [], ...predicate },
  };
}

const PASSING = statementOf([passed('linux/amd64', AMD64), passed('linux/arm64', ARM64)]);
const ARM64_FAILED = statementOf([
  passed('linux/amd64', AMD64),
  passed('linux/arm64', ARM64, {
    smoke: 'failed',
    arch: { ...CLEAN_SCAN, foreignCount: 1, foreign: [{ path: '/app', found: 'x86-64' }] },
    ok: false,
  }),
]);
const AMD64_FAILED = statementOf([
  passed('linux/amd64', AMD64, { smoke: 'failed', ok: false }),
  passed('linux/arm64', ARM64),
]);
const ARM64_WARNED = statementOf([
  passed('linux/arm64', ARM64, {
    arch: { checked: false, elfFiles: 0, foreign: [], foreignCount: 0, durationMs: 0 },
  }),
]);
const PROVENANCE = {
  _type: 'https://in-toto.io/Statement/v1',
  subject: [{ name: REPO, digest: { sha256: hex(ARM64) } }],
  predicateType: 'https://slsa.dev/provenance/v1',
  predicate: { buildDefinition: {} },
};
const SBOM = { ...PROVENANCE, predicateType: 'https://spdx.dev/Document' };

describe('judgeTested', () => {
  it.each<[string, unknown[], string]>([
    ['one passing statement', [PASSING], 'linux/arm64'],
    ['the same, asked in another spelling of the platform', [PASSING], 'linux/arm64/v8'],
    ['the same, for the other platform it names', [PASSING], 'linux/amd64'],
    [
      'one passing statement among other kinds, a failed older run and garbage',
      [PROVENANCE, ARM64_FAILED, null, 'text', [1], PASSING, SBOM],
      'linux/arm64',
    ],
    [
      'a statement from another producer, with fields it may add and nulls for unset lists',
      [
        {
          ...statement({
            result: 'PASSED',
            passedTests: ['linux/arm64/smoke'],
            warnedTests: null,
            failedTests: null,
            'x-vendor': { any: 'thing' },
          }),
          'x-extension': true,
        },
      ],
      'linux/arm64',
    ],
  ])('ok: %s', (_name, statements, platform) => {
    const digest = platform === 'linux/amd64' ? AMD64 : ARM64;
    expect(judgeTested(statements, platform, digest)).toEqual({ ok: true });
  });

  const D = ARM64;
  const AT = `linux/arm64 (${D})`;
  it.each<[string, unknown[], string]>([
    ['no statement at all', [], `no test-result attestation is attached to ${D}`],
    [
      'statements of other kinds only',
      [PROVENANCE, SBOM, PROVENANCE],
      `no test-result attestation is attached to ${D}; found only attestations of another predicate type ("https://slsa.dev/provenance/v1", "https://spdx.dev/Document")`,
    ],
    [
      'a malformed test-result statement',
      [statement({ result: 'MAYBE' })],
      `no test-result attestation is attached to ${D}; found only a malformed statement (predicate.result is "MAYBE", not one of PASSED, WARNED, FAILED)`,
    ],
    [
      'values that are no statement at all',
      [null, 42, 'PASSED', [], {}],
      `no test-result attestation is attached to ${D}; found only 5 malformed statements (the statement is not a JSON object)`,
    ],
    [
      'another kind and a malformed one',
      [SBOM, { ...PASSING, _type: 'https://in-toto.io/Statement/v0.1' }],
      `no test-result attestation is attached to ${D}; found only attestations of another predicate type ("https://spdx.dev/Document") and a malformed statement (_type is "https://in-toto.io/Statement/v0.1", not https://in-toto.io/Statement/v1)`,
    ],
    [
      'a statement that claims PASSED while listing a failure',
      [
        statement({
          result: 'PASSED',
          passedTests: ['linux/arm64/smoke'],
          failedTests: ['linux/arm64/loader'],
        }),
      ],
      `no test-result attestation is attached to ${D}; found only a malformed statement (predicate.result is PASSED, yet failedTests or warnedTests is not empty)`,
    ],
    [
      'a statement whose subject does not hold the digest',
      [statementOf([passed('linux/amd64', AMD64)])],
      `the test-result attestation attached to ${D} does not name ${AT} in its subject`,
    ],
    [
      'a statement that names the digest as another platform',
      [
        statement({ result: 'PASSED', passedTests: ['linux/arm64/smoke'] }, [
          { name: 'linux/amd64', digest: { sha256: hex(ARM64) } },
        ]),
      ],
      `the test-result attestation attached to ${D} does not name ${AT} in its subject; it names that digest as "linux/amd64"`,
    ],
    [
      'several statements, none naming it',
      [statementOf([passed('linux/amd64', AMD64)]), statementOf([passed('linux/amd64', AMD64)])],
      `none of the 2 test-result attestations attached to ${D} names ${AT} in its subject`,
    ],
    [
      'FAILED on this platform',
      [ARM64_FAILED],
      `the test-result attestation for ${AT} reports FAILED: linux/arm64/arch-scan, linux/arm64/smoke failed`,
    ],
    [
      'FAILED on another platform only',
      [AMD64_FAILED],
      `the test-result attestation for ${AT} reports FAILED ("linux/amd64/smoke" failed); linux/arm64's own tests did not fail, but only a PASSED run counts`,
    ],
    [
      'FAILED without a name',
      [statement({ result: 'FAILED', passedTests: ['linux/arm64/smoke'] })],
      `the test-result attestation for ${AT} reports FAILED without naming a failed test`,
    ],
    [
      'WARNED on this platform',
      [ARM64_WARNED],
      `the test-result attestation for ${AT} reports WARNED, not PASSED: linux/arm64/arch-scan, linux/arm64/loader warned`,
    ],
    [
      'WARNED on another platform',
      [
        statement({
          result: 'WARNED',
          passedTests: ['linux/arm64/smoke'],
          warnedTests: ['linux/amd64/smoke'],
        }),
      ],
      `the test-result attestation for ${AT} reports WARNED, not PASSED ("linux/amd64/smoke" warned)`,
    ],
    [
      'PASSED with no passed test of this platform',
      [
        statement({
          result: 'PASSED',
          passedTests: ['linux/amd64/smoke', 'linux/arm64/v6/smoke', 'linux/arm64/lint'],
        }),
      ],
      `the test-result attestation for ${AT} reports PASSED but lists no passed test of linux/arm64, so linux/arm64 was not tested`,
    ],
    [
      'a failure of this platform outranks a miss elsewhere',
      [statement({ result: 'PASSED' }), AMD64_FAILED, ARM64_FAILED, SBOM],
      `the test-result attestation for ${AT} reports FAILED: linux/arm64/arch-scan, linux/arm64/smoke failed`,
    ],
  ])('%s', (_name, statements, reason) => {
    expect(judgeTested(statements, 'linux/arm64', D)).toEqual({ ok: false, reason });
  });

  it('a digest that is none is said to be none', () => {
    expect(judgeTested([PASSING], 'linux/arm64', 'sha256:ABC')).toEqual({
      ok: false,
      reason: '"sha256:ABC" is not a digest like sha256:<64 lowercase hex digits>',
    });
  });

  it('a platform that is none is said to be none', () => {
    expect(judgeTested([PASSING], 'linux\narm64', ARM64)).toEqual({
      ok: false,
      reason: '"linux\\narm64" is not a platform like linux/arm64',
    });
  });

  it('a test of linux/arm/v6 is no test of linux/arm', () => {
    const s = statement({ result: 'PASSED', passedTests: ['linux/arm/v6/smoke'] }, [
      { name: 'linux/arm', digest: { sha256: hex(ARM64) } },
    ]);
    expect(judgeTested([s], 'linux/arm', ARM64)).toMatchObject({ ok: false });
    expect(judgeTested([s], 'linux/arm/v7', ARM64)).toMatchObject({ ok: false });
    const v7 = statement({ result: 'PASSED', passedTests: ['linux/arm/v7/smoke'] }, [
      { name: 'linux/arm/v7', digest: { sha256: hex(ARM64) } },
    ]);
    // linux/arm/v7 and linux/arm are one platform.
    expect(judgeTested([v7], 'linux/arm', ARM64)).toEqual({ ok: true });
  });

  it('the index digest is named by the repository, not by a platform', () => {
    expect(judgeTested([PASSING], 'linux/arm64', INDEX)).toEqual({
      ok: false,
      reason: `the test-result attestation attached to ${INDEX} does not name linux/arm64 (${INDEX}) in its subject; it names that digest as "${REPO}"`,
    });
  });

  it('quotes what a registry holds: no newline or workflow command reaches the reason', () => {
    const evil = { ...PROVENANCE, predicateType: 'x\n::error::pwned' };
    const forged = statement({ result: 'FAILED', failedTests: ['a\n::set-output name=x::y'] });
    for (const statements of [[evil], [forged]]) {
      const verdict = judgeTested(statements, 'linux/arm64', ARM64);
      expect(verdict.ok).toBe(false);
      expect(verdict.ok ? '' : verdict.reason).not.toMatch(/\n/);
    }
  });

  it('a long list is cut short with a count', () => {
    const failedTests = Array.from({ length: 25 }, (_, i) => `linux/amd64/test-${i}`);
    const verdict = judgeTested(
      [statement({ result: 'FAILED', failedTests })],
      'linux/arm64',
      ARM64,
    );
    expect(verdict.ok ? '' : verdict.reason).toMatch(/"linux\/amd64\/test-9" and 15 more failed/);
  });

  it('the digest of the subject is matched whatever else its digest set holds', () => {
    const s = statement({ result: 'PASSED', passedTests: ['linux/arm64/smoke'] }, [
      { name: 'linux/arm64', digest: { sha512: 'f'.repeat(128), sha256: hex(ARM64) } },
    ]);
    expect(judgeTested([s], 'linux/arm64', ARM64)).toEqual({ ok: true });
    expect(judgeTested([s], 'linux/arm64', `sha256:${'9'.repeat(64)}`)).toMatchObject({
      ok: false,
    });
    // The same hex under another algorithm is another digest.
    const other = statement({ result: 'PASSED', passedTests: ['linux/arm64/smoke'] }, [
      { name: 'linux/arm64', digest: { blake3: hex(ARM64) } },
    ]);
    expect(judgeTested([other], 'linux/arm64', ARM64)).toEqual({
      ok: false,
      reason: `the test-result attestation attached to ${ARM64} does not name linux/arm64 (${ARM64}) in its subject`,
    });
  });
});
