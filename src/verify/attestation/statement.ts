/**
 * The tests of a run as an in-toto Statement v1 with the test-result predicate v0.1: what
 * travels with the image, so that a registry, a PR check or an admission policy can ask
 * "was this digest tested, and did it pass" long after the run's log is gone. Pure: the
 * registry side pushes what this makes.
 *
 * Subject: the index, named by its repository (`ghcr.io/acme/app`), then each tested
 * platform's manifest, named by its platform (`linux/arm64`). Tests: `<platform>/<kind>`,
 * kind one of TEST_KINDS.
 */
import { formatPlatform, parsePlatform } from '../../oci/platform';
import { DIGEST, parseImageRef, repository } from '../../oci/reference';
import { canonicalJson } from '../../oci/referrers';
import { MultiarchError } from '../../runner/errors';
import { probeText, type Probe } from '../probe';
import type { PlatformResult } from '../result';
import type { SmokeSettings } from '../smoke';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';

/**
 * What a platform can be tested for: `smoke` (a command ran and passed), `probe` (a server
 * answered ready, instead of a command), `arch-scan` (no executable for another architecture)
 * and `loader` (every dynamically linked executable has its loader).
 */
export const TEST_KINDS = ['smoke', 'probe', 'arch-scan', 'loader'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `{ sha256: "<hex>" }`: algorithm to lowercase hex. */
export type DigestSet = Record<string, string>;

/** in-toto v1 ResourceDescriptor: every field optional, but one of uri, digest or content is set. */
export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: DigestSet;
  /** Base64 of the bytes. */
  content?: string;
  downloadLocation?: string;
  mediaType?: string;
  annotations?: Record<string, Json>;
}

/** A subject always has both: a policy matches by digest and reads the name. */
export interface Subject extends ResourceDescriptor {
  name: string;
  digest: DigestSet;
}

export type TestResult = 'PASSED' | 'WARNED' | 'FAILED';

export interface TestResultPredicate {
  result: TestResult;
  configuration: ResourceDescriptor[];
  url?: string;
  passedTests: string[];
  warnedTests: string[];
  failedTests: string[];
}

export interface Statement<P = TestResultPredicate> {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export type TestResultStatement = Statement<TestResultPredicate> & {
  predicateType: typeof TEST_RESULT_PREDICATE;
};

/**
 * The settings every platform was tested with. SmokeSettings fits as it is; smokeEnv is read
 * for its keys only, since its values may be secrets.
 */
export type TestSettings = Pick<
  SmokeSettings,
  'smoke' | 'smokeCommand' | 'smokeExpect' | 'smokeTimeoutSeconds' | 'verifyArch'
> & { smokeProbe?: Probe; smokeEnv?: readonly string[] };

export interface TestResultInput {
  /**
   * Where the image was pushed: `ghcr.io/acme/app`. A tag or digest on it is dropped; a
   * value that is no image name throws ImageReferenceError.
   */
  repository: string;
  /** The index the tags point at; unset when a single manifest was pushed. */
  indexDigest?: string;
  /** RunReport.platforms. */
  platforms: readonly PlatformResult[];
  settings: TestSettings;
  /** GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT; no url without it. */
  env?: Readonly<Record<string, string | undefined>>;
}

type Status = 'passed' | 'warned' | 'failed';

/** `linux/arm64/smoke`. */
export function testName(platform: string, kind: TestKind): string {
  return `${platform}/${kind}`;
}

/** in-toto wants at least one subject: a run that pushed nothing has nothing to attest. */
export class NothingToAttestError extends MultiarchError {
  constructor() {
    super(
      'invalid',
      'nothing to attest: the run has no index digest and no tested platform with a digest',
    );
  }
}

/** Throws NothingToAttestError when neither the index nor any platform has a digest. */
export function testResultStatement(input: TestResultInput): TestResultStatement {
  // One spelling everywhere (linux/arm64, never linux/arm64/v8), so that names match.
  const platforms = input.platforms
    .map((p) => ({ ...p, platform: platformName(p.platform) }))
    .sort((a, b) => compare(a.platform, b.platform));
  const tests: Record<Status, Set<string>> = {
    passed: new Set(),
    warned: new Set(),
    failed: new Set(),
  };
  for (const p of platforms) {
    for (const [kind, status] of platformTests(p, input.settings)) {
      tests[status].add(testName(p.platform, kind));
    }
  }
  // A platform listed twice keeps its worst: a test is in one list only, and a failure wins.
  const failedTests = sorted(tests.failed);
  const warnedTests = sorted(tests.warned).filter((t) => !tests.failed.has(t));
  const passedTests = sorted(tests.passed).filter(
    (t) => !tests.failed.has(t) && !tests.warned.has(t),
  );
  const subject = subjects(input, platforms);
  if (subject.length === 0) throw new NothingToAttestError();
  const url = runUrl(input.env ?? {});
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: TEST_RESULT_PREDICATE,
    predicate: {
      // Never PASSED without a passed test: a run with no platform proves nothing.
      result:
        failedTests.length > 0
          ? 'FAILED'
          : warnedTests.length > 0 || passedTests.length === 0
            ? 'WARNED'
            : 'PASSED',
      configuration: configuration(input.settings, platforms),
      ...(url ? { url } : {}),
      passedTests,
      warnedTests,
      failedTests,
    },
  };
}

/** The predicate alone: what actions/attest takes as predicate-path. */
export function predicateOnly<P>(statement: Statement<P>): P {
  return statement.predicate;
}

/** The statement as it is pushed and hashed: canonical JSON in UTF-8, one line, no newline. */
export function statementBytes(statement: Statement<unknown>): Buffer {
  return Buffer.from(canonicalJson(statement));
}

/**
 * Each test that applies to one platform, with its status. A failure is never lost: a platform
 * the run failed, whose own tests show no failure (it could not be pulled, or run at all),
 * turns its first warned test, or else its smoke test, into a failed one.
 */
function platformTests(p: PlatformResult, s: TestSettings): Map<TestKind, Status> {
  const smokeKind: TestKind = s.smokeProbe ? 'probe' : 'smoke';
  const tests = new Map<TestKind, Status>();
  if (s.smoke || p.smoke !== 'skipped') {
    // Smoke on but skipped: the platform never got as far as its test.
    tests.set(smokeKind, p.smoke === 'skipped' ? 'warned' : p.smoke);
  }
  if (s.verifyArch || p.arch) {
    if (p.arch?.checked) {
      tests.set('arch-scan', p.arch.foreignCount === 0 ? 'passed' : 'failed');
      const loader = p.arch.loaderProblemCount;
      tests.set('loader', loader === undefined ? 'warned' : loader === 0 ? 'passed' : 'failed');
    } else {
      // A check that could not look (an architecture it does not know) proves nothing either way.
      tests.set('arch-scan', 'warned');
      tests.set('loader', 'warned');
    }
  }
  // Nothing was asked of this platform: say so rather than list nothing.
  if (tests.size === 0) tests.set(smokeKind, 'warned');
  if (!p.ok && ![...tests.values()].includes('failed')) {
    const carrier = [...tests].find(([, status]) => status === 'warned')?.[0] ?? smokeKind;
    tests.set(carrier, 'failed');
  }
  return tests;
}

function subjects(input: TestResultInput, platforms: readonly PlatformResult[]): Subject[] {
  const out: Subject[] = [];
  const index = input.indexDigest && digestSet(input.indexDigest);
  if (index) out.push({ name: repository(parseImageRef(input.repository)), digest: index });
  const seen = new Set<string>();
  for (const p of platforms) {
    const digest = p.digest && digestSet(p.digest);
    const key = `${p.platform}@${p.digest}`;
    if (!digest || seen.has(key)) continue;
    seen.add(key);
    out.push({ name: p.platform, digest });
  }
  return out;
}

/** `sha256:<hex>` as `{ sha256: "<hex>" }`; undefined for anything that is not a digest. */
function digestSet(digest: string): DigestSet | undefined {
  if (!DIGEST.test(digest)) return undefined;
  const [algorithm = '', hex = ''] = digest.split(':');
  return { [algorithm]: hex };
}

/**
 * What defined the tests, one descriptor each: the smoke test, the architecture check, and
 * where each platform ran. The same fields go twice: as annotations, which a policy engine
 * reads as they are (Kyverno's JMESPath cannot decode base64), and as base64 content, which
 * in-toto asks of a descriptor that has neither uri nor digest.
 */
function configuration(
  s: TestSettings,
  platforms: readonly PlatformResult[],
): ResourceDescriptor[] {
  const smoke: Record<string, Json> = { enabled: s.smoke };
  if (s.smoke) {
    if (s.smokeProbe) {
      smoke.kind = 'probe';
      smoke.probe = probeText(s.smokeProbe);
    } else {
      smoke.kind = 'command';
    }
    smoke.command = [...s.smokeCommand];
    // A probe waits for an answer, not for output: smoke-expect plays no part in it.
    if (s.smokeExpect && !s.smokeProbe) smoke.expect = String(s.smokeExpect);
    smoke.timeoutSeconds = s.smokeTimeoutSeconds;
    // The values may be secrets; the names say what the test depended on.
    const envKeys = [...new Set((s.smokeEnv ?? []).map((kv) => kv.split('=', 1)[0] ?? ''))]
      .filter((k) => k !== '')
      .sort(compare);
    if (envKeys.length > 0) smoke.envKeys = envKeys;
  }
  const arch: Record<string, Json> = s.verifyArch
    ? { enabled: true, tests: ['arch-scan', 'loader'] }
    : { enabled: false };
  const seen = new Set<string>();
  const where: ResourceDescriptor[] = [];
  for (const p of platforms) {
    if (seen.has(p.platform)) continue;
    seen.add(p.platform);
    where.push(
      described(
        p.platform,
        p.emulated
          ? { platform: p.platform, emulated: true, emulator: 'qemu', node: p.node }
          : { platform: p.platform, emulated: false, node: p.node },
      ),
    );
  }
  return [described('smoke-test', smoke), described('verify-arch', arch), ...where];
}

function described(name: string, fields: Record<string, Json>): ResourceDescriptor {
  return {
    name,
    mediaType: 'application/json',
    content: Buffer.from(canonicalJson(fields)).toString('base64'),
    annotations: fields,
  };
}

/** The run's page, when the environment is a GitHub Actions run; undefined otherwise. */
function runUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  const repo = env.GITHUB_REPOSITORY;
  const id = env.GITHUB_RUN_ID;
  if (!server || !repo || !id) return undefined;
  // These land in a URL that policies may follow: anything odd leaves the url out.
  if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[\w.~-]+)*$/.test(server)) return undefined;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id)) return undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT;
  const suffix = attempt && /^\d+$/.test(attempt) ? `/attempts/${attempt}` : '';
  return `${server}/${repo}/actions/runs/${id}${suffix}`;
}

/** A platform as it is written in subjects and test names, so that spellings match. */
export function platformName(text: string): string {
  try {
    return formatPlatform(parsePlatform(text));
  } catch {
    return text;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(set: Set<string>): string[] {
  return [...set].sort(compare);
}
