import { describe, expect, it } from 'vitest';
import {
  descriptorProblems,
  statementProblems,
  testResultProblems,
} from '../../../../src/verify/attestation/schema';
import { testResultStatement } from '../../../../src/verify/attestation/statement';
import { ARM64, hex, INDEX, passed, REPO, SETTINGS } from './fixtures';

const GOOD = testResultStatement({
  repository: REPO,
  indexDigest: INDEX,
  platforms: [passed('linux/arm64', ARM64)],
  settings: SETTINGS,
});

const DELETE = Symbol('delete');
type Edit = [path: (string | number)[], value: unknown];

/** GOOD as plain JSON, with each edit made to a copy: the value set at the path, or deleted. */
function changed(...edits: Edit[]): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(GOOD));
  for (const [path, value] of edits) {
    let at = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === DELETE) Reflect.deleteProperty(at, last);
    else at[last] = value;
  }
  return copy;
}

describe('testResultProblems (strict)', () => {
  it('a statement this action makes has none', () => {
    expect(testResultProblems(GOOD)).toEqual([]);
  });

  const FAILED_TEST = ['linux/arm64/smoke'];
  it.each<[string, Edit[], string]>([
    ['a field of its own', [[['extra'], 1]], '"extra" is not a field of the spec'],
    [
      'another _type',
      [[['_type'], 'https://in-toto.io/Statement/v0.1']],
      '_type is "https://in-toto.io/Statement/v0.1", not https://in-toto.io/Statement/v1',
    ],
    ['no _type', [[['_type'], DELETE]], '_type is unset, not https://in-toto.io/Statement/v1'],
    ['no subject', [[['subject'], DELETE]], 'subject is not a non-empty array'],
    ['an empty subject', [[['subject'], []]], 'subject is not a non-empty array'],
    [
      'a subject without a name',
      [[['subject', 1, 'name'], DELETE]],
      'subject[1].name is not a non-empty string',
    ],
    [
      'a subject without a digest',
      [[['subject', 0, 'digest'], DELETE]],
      'subject[0].digest is missing',
    ],
    [
      'a short sha256',
      [[['subject', 0, 'digest', 'sha256'], 'abc']],
      'subject[0].digest."sha256" is not 64 lowercase hex digits',
    ],
    [
      'an uppercase sha256',
      [[['subject', 0, 'digest', 'sha256'], 'A'.repeat(64)]],
      'subject[0].digest."sha256" is not 64 lowercase hex digits',
    ],
    [
      'a subject field of its own',
      [[['subject', 0, 'platform'], 'x']],
      'subject[0]."platform" is not a field of the spec',
    ],
    ['no predicateType', [[['predicateType'], DELETE]], 'predicateType is not a non-empty string'],
    [
      'another predicateType',
      [[['predicateType'], 'https://slsa.dev/provenance/v1']],
      'predicateType is "https://slsa.dev/provenance/v1", not https://in-toto.io/attestation/test-result/v0.1',
    ],
    ['no predicate', [[['predicate'], DELETE]], 'predicate is not a JSON object'],
    [
      'a result out of the enum',
      [[['predicate', 'result'], 'passed']],
      'predicate.result is "passed", not one of PASSED, WARNED, FAILED',
    ],
    [
      'no configuration',
      [[['predicate', 'configuration'], DELETE]],
      'predicate.configuration is not an array',
    ],
    [
      'a descriptor with none of uri, digest, content',
      [[['predicate', 'configuration', 0, 'content'], DELETE]],
      'predicate.configuration[0] has none of uri, digest or content',
    ],
    [
      'content that is not base64',
      [[['predicate', 'configuration', 1, 'content'], 'not base64!']],
      'predicate.configuration[1].content is not base64',
    ],
    [
      'annotations that are a list',
      [[['predicate', 'configuration', 0, 'annotations'], []]],
      'predicate.configuration[0].annotations is not a JSON object',
    ],
    ['a url that is no URI', [[['predicate', 'url'], 'not a uri']], 'predicate.url is not a URI'],
    [
      'tests that are not strings',
      [[['predicate', 'passedTests'], [1]]],
      'predicate.passedTests is not an array of strings',
    ],
    [
      'a predicate field of its own',
      [[['predicate', 'score'], 9]],
      'predicate."score" is not a field of the spec',
    ],
    [
      'PASSED with a failed test',
      [[['predicate', 'failedTests'], FAILED_TEST]],
      'predicate.result is PASSED, yet failedTests or warnedTests is not empty',
    ],
    [
      'PASSED with a warned test',
      [[['predicate', 'warnedTests'], FAILED_TEST]],
      'predicate.result is PASSED, yet failedTests or warnedTests is not empty',
    ],
    [
      'WARNED with a failed test',
      [
        [['predicate', 'result'], 'WARNED'],
        [['predicate', 'failedTests'], FAILED_TEST],
      ],
      'predicate.result is WARNED, yet failedTests is not empty',
    ],
    [
      'null for a list',
      [[['predicate', 'warnedTests'], null]],
      'predicate.warnedTests is not an array of strings',
    ],
  ])('finds %s', (_name, edits, problem) => {
    expect(testResultProblems(changed(...edits))).toEqual([problem]);
  });

  it('is not fooled by something that is not an object', () => {
    for (const v of [null, 1, 'x', [GOOD], undefined]) {
      expect(statementProblems(v)).toEqual(['the statement is not a JSON object']);
    }
  });
});

describe('the lenient reading (what a registry hands back)', () => {
  it('ignores fields it does not know and takes null for unset', () => {
    const other = changed(
      [['extra'], 1],
      [['subject', 0, 'platform'], 'x'],
      [['predicate', 'score'], 9],
      [['predicate', 'warnedTests'], null],
      [['predicate', 'url'], null],
    );
    expect(testResultProblems(other, { strict: false })).toEqual([]);
  });

  it('still wants what makes a statement one', () => {
    const broken = changed([['subject', 0, 'digest'], {}], [['predicate', 'result'], null]);
    expect(testResultProblems(broken, { strict: false })).toEqual([
      'subject[0] has none of uri, digest or content',
      'predicate.result is null, not one of PASSED, WARNED, FAILED',
    ]);
  });
});

describe('descriptorProblems', () => {
  it.each<[unknown, string[]]>([
    [{ uri: 'https://example.com/x' }, []],
    [{ digest: { sha256: hex(ARM64) } }, []],
    [{ digest: { gitCommit: 'd20ace7968ba43c0219f62d71334c1095bab1602' } }, []],
    [{ content: 'e30=' }, []],
    [{ name: 'x', mediaType: 'text/plain' }, ['d has none of uri, digest or content']],
    [{ uri: '' }, ['d.uri is not a URI', 'd has none of uri, digest or content']],
    [{ content: 'e30=', name: 7 }, ['d.name is not a string']],
    [{ content: 'e30=', downloadLocation: 'relative/path' }, ['d.downloadLocation is not a URI']],
    [{ digest: { sha512: 'ab' } }, ['d.digest."sha512" is not 128 lowercase hex digits']],
    [{ digest: { md5sum: '' } }, ['d.digest."md5sum" is not a digest']],
  ])('%j: %j', (value, problems) => {
    expect(descriptorProblems(value, 'd')).toEqual(problems);
  });
});
