/**
 * "Was this platform's manifest tested, and did it pass?", asked of the test-result statements
 * a registry holds for one digest. Pure: the caller fetches and parses them. Anything may be in
 * a registry, so each statement is checked before it is believed, and every value quoted from
 * one is escaped before it reaches a message.
 */
import { formatPlatform, parsePlatform } from '../../oci/platform';
import { DIGEST } from '../../oci/reference';
import { shown, testResultProblems } from './schema';
import {
  platformName,
  TEST_KINDS,
  TEST_RESULT_PREDICATE,
  type TestKind,
  type TestResultPredicate,
  type TestResultStatement,
} from './statement';

export type TestedVerdict = { ok: true } | { ok: false; reason: string };

/** How many names a reason lists before it counts the rest. */
const LISTED = 10;

/** A statement that names the digest as this platform, read for this platform. */
interface Named {
  result: TestResultPredicate['result'];
  passed: string[];
  warned: string[];
  failed: string[];
  /** Every failed or warned test, of any platform, for a reason when none is this platform's. */
  allFailed: string[];
  allWarned: string[];
}

/**
 * ok when at least one statement is a well-formed test-result, names `digest` as `platform` in
 * its subject, reports PASSED and lists a passed test of that platform. Otherwise the reason
 * names what is missing, from the closest miss: a failure of this platform first, an
 * attestation of another kind last.
 */
export function judgeTested(
  statements: readonly unknown[],
  platform: string,
  digest: string,
): TestedVerdict {
  let wanted: string;
  try {
    wanted = formatPlatform(parsePlatform(platform));
  } catch {
    return no(`${shown(platform)} is not a platform like linux/arm64`);
  }
  if (!DIGEST.test(digest)) {
    return no(`${shown(digest)} is not a digest like sha256:<64 lowercase hex digits>`);
  }
  const [algorithm = '', hex = ''] = digest.split(':');
  const at = `${wanted} (${digest})`;
  const otherTypes = new Set<string>();
  const malformed: string[] = [];
  const unnamed: string[][] = [];
  const named: Named[] = [];
  for (const s of Array.isArray(statements) ? statements : []) {
    const type = isObject(s) ? s.predicateType : undefined;
    if (typeof type === 'string' && type !== TEST_RESULT_PREDICATE) {
      otherTypes.add(type);
      continue;
    }
    const problems = testResultProblems(s, { strict: false });
    if (problems.length > 0) {
      malformed.push(problems[0] ?? 'malformed');
      continue;
    }
    const statement = s as TestResultStatement;
    const holding = statement.subject.filter((e) => e.digest[algorithm]?.toLowerCase() === hex);
    if (!holding.some((e) => platformName(e.name) === wanted)) {
      unnamed.push(holding.map((e) => e.name));
      continue;
    }
    named.push(read(statement.predicate, wanted));
  }

  if (named.some((n) => n.result === 'PASSED' && n.passed.length > 0)) return { ok: true };
  const closest = named.sort((a, b) => rank(a) - rank(b))[0];
  if (closest) return no(namedReason(closest, at, wanted));
  if (unnamed.length === 1) {
    const names = unnamed[0] ?? [];
    const as = names.length > 0 ? `; it names that digest as ${listed(names.map(shown))}` : '';
    return no(
      `the test-result attestation attached to ${digest} does not name ${at} in its subject${as}`,
    );
  }
  if (unnamed.length > 1) {
    return no(
      `none of the ${unnamed.length} test-result attestations attached to ${digest} names ${at} in its subject`,
    );
  }
  const found: string[] = [];
  if (otherTypes.size > 0) {
    const types = listed([...otherTypes].sort().map(shown));
    found.push(`attestations of another predicate type (${types})`);
  }
  if (malformed.length > 0) {
    const count =
      malformed.length === 1 ? 'a malformed statement' : `${malformed.length} malformed statements`;
    found.push(`${count} (${malformed[0]})`);
  }
  const only = found.length > 0 ? `; found only ${found.join(' and ')}` : '';
  return no(`no test-result attestation is attached to ${digest}${only}`);
}

function namedReason(n: Named, at: string, wanted: string): string {
  const head = `the test-result attestation for ${at} reports ${n.result}`;
  switch (n.result) {
    case 'FAILED':
      if (n.failed.length > 0) return `${head}: ${listed(n.failed)} failed`;
      if (n.allFailed.length > 0) {
        return `${head} (${listed(n.allFailed.map(shown))} failed); ${wanted}'s own tests did not fail, but only a PASSED run counts`;
      }
      return `${head} without naming a failed test`;
    case 'WARNED':
      if (n.warned.length > 0) return `${head}, not PASSED: ${listed(n.warned)} warned`;
      return `${head}, not PASSED (${listed(n.allWarned.map(shown))} warned)`;
    case 'PASSED':
      return `${head} but lists no passed test of ${wanted}, so ${wanted} was not tested`;
  }
}

/** Closest miss first: this platform failed, this platform warned, another failed or warned. */
function rank(n: Named): number {
  if (n.result === 'FAILED') return n.failed.length > 0 ? 0 : 2;
  if (n.result === 'WARNED') return n.warned.length > 0 ? 1 : 3;
  return 4;
}

function read(p: TestResultPredicate, wanted: string): Named {
  const all = (field: 'passedTests' | 'warnedTests' | 'failedTests'): string[] =>
    Array.isArray(p[field]) ? p[field] : [];
  return {
    result: p.result,
    passed: own(all('passedTests'), wanted),
    warned: own(all('warnedTests'), wanted),
    failed: own(all('failedTests'), wanted),
    allFailed: all('failedTests'),
    allWarned: all('warnedTests'),
  };
}

/**
 * This platform's tests among `names`, spelt as we spell them: `<platform>/<kind>` with a
 * known kind. `linux/arm/v6/smoke` is no test of linux/arm: its platform is linux/arm/v6.
 */
function own(names: string[], wanted: string): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const slash = name.lastIndexOf('/');
    const kind = name.slice(slash + 1);
    if (slash < 0 || !(TEST_KINDS as readonly string[]).includes(kind)) continue;
    if (platformName(name.slice(0, slash)) === wanted) out.add(`${wanted}/${kind as TestKind}`);
  }
  return [...out].sort();
}

function listed(names: string[]): string {
  if (names.length <= LISTED) return names.join(', ');
  return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}

function no(reason: string): TestedVerdict {
  return { ok: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
