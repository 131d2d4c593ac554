/**
 * The structure of an in-toto Statement v1 carrying a test-result v0.1 predicate, checked
 * field by field. Two readings: strict, for what this action makes (no field it does not
 * know), and lenient, for what a registry hands back, where in-toto's parsing rules say a
 * consumer ignores fields it does not know and reads null as unset.
 */
import { STATEMENT_TYPE, TEST_RESULT_PREDICATE } from './statement';

export interface SchemaOptions {
  /** Unknown fields and null values are problems (what we make), or ignored (what we read). */
  strict: boolean;
}

const STRICT: SchemaOptions = { strict: true };

const STATEMENT_FIELDS = ['_type', 'subject', 'predicateType', 'predicate'];
const DESCRIPTOR_FIELDS = [
  'name',
  'uri',
  'digest',
  'content',
  'downloadLocation',
  'mediaType',
  'annotations',
];
const PREDICATE_FIELDS = [
  'result',
  'configuration',
  'url',
  'passedTests',
  'warnedTests',
  'failedTests',
];
const RESULTS = ['PASSED', 'WARNED', 'FAILED'];
/** The digests whose length is known; any other algorithm only needs a value. */
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128, sha1: 40 };
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

type Fields = Record<string, unknown>;

/** Every way `value` is not a Statement v1, one line each, naming the field; empty when it is. */
export function statementProblems(value: unknown, opts: SchemaOptions = STRICT): string[] {
  if (!isObject(value)) return ['the statement is not a JSON object'];
  const problems = unknownFields(value, STATEMENT_FIELDS, '', opts);
  if (value._type !== STATEMENT_TYPE) {
    problems.push(`_type is ${shown(value._type)}, not ${STATEMENT_TYPE}`);
  }
  const subject = value.subject;
  if (!Array.isArray(subject) || subject.length === 0) {
    problems.push('subject is not a non-empty array');
  } else {
    subject.forEach((s, i) => problems.push(...subjectProblems(s, `subject[${i}]`, opts)));
  }
  if (typeof value.predicateType !== 'string' || value.predicateType === '') {
    problems.push('predicateType is not a non-empty string');
  }
  if (!isObject(value.predicate)) problems.push('predicate is not a JSON object');
  return problems;
}

/** statementProblems, and every way its predicate is not a test-result v0.1. */
export function testResultProblems(value: unknown, opts: SchemaOptions = STRICT): string[] {
  const problems = statementProblems(value, opts);
  if (!isObject(value)) return problems;
  const type = value.predicateType;
  if (typeof type === 'string' && type !== '' && type !== TEST_RESULT_PREDICATE) {
    problems.push(`predicateType is ${shown(type)}, not ${TEST_RESULT_PREDICATE}`);
  }
  if (isObject(value.predicate)) problems.push(...predicateProblems(value.predicate, opts));
  return problems;
}

/** The problems of a test-result v0.1 predicate, its fields named `predicate.<field>`. */
export function predicateProblems(p: Fields, opts: SchemaOptions = STRICT): string[] {
  const problems = unknownFields(p, PREDICATE_FIELDS, 'predicate.', opts);
  if (typeof p.result !== 'string' || !RESULTS.includes(p.result)) {
    problems.push(`predicate.result is ${shown(p.result)}, not one of ${RESULTS.join(', ')}`);
  }
  const configuration = p.configuration;
  if (!Array.isArray(configuration)) {
    problems.push('predicate.configuration is not an array');
  } else {
    configuration.forEach((d, i) =>
      problems.push(...descriptorProblems(d, `predicate.configuration[${i}]`, opts)),
    );
  }
  const url = optional(p, 'url', opts);
  if (url !== undefined && !isUri(url)) problems.push('predicate.url is not a URI');
  const lists: Record<string, string[]> = {};
  for (const field of ['passedTests', 'warnedTests', 'failedTests']) {
    const list = optional(p, field, opts);
    if (list === undefined) {
      lists[field] = [];
    } else if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) {
      problems.push(`predicate.${field} is not an array of strings`);
    } else {
      lists[field] = list as string[];
    }
  }
  // A result that its own lists contradict cannot be trusted either way.
  const failed = lists.failedTests?.length ?? 0;
  const warned = lists.warnedTests?.length ?? 0;
  if (p.result === 'PASSED' && failed + warned > 0) {
    problems.push('predicate.result is PASSED, yet failedTests or warnedTests is not empty');
  }
  if (p.result === 'WARNED' && failed > 0) {
    problems.push('predicate.result is WARNED, yet failedTests is not empty');
  }
  return problems;
}

/** A subject: a ResourceDescriptor with a name and a digest. */
function subjectProblems(value: unknown, at: string, opts: SchemaOptions): string[] {
  const problems = descriptorProblems(value, at, opts);
  if (!isObject(value)) return problems;
  if (typeof value.name !== 'string' || value.name === '') {
    problems.push(`${at}.name is not a non-empty string`);
  }
  if (isObject(value.digest)) return problems;
  // A subject needs its digest in particular: say that, not "none of uri, digest or content".
  const none = `${at} has none of uri, digest or content`;
  return [...problems.filter((p) => p !== none), `${at}.digest is missing`];
}

/** A ResourceDescriptor: typed fields, and at least one of uri, digest or content. */
export function descriptorProblems(
  value: unknown,
  at: string,
  opts: SchemaOptions = STRICT,
): string[] {
  if (!isObject(value)) return [`${at} is not a JSON object`];
  const problems = unknownFields(value, DESCRIPTOR_FIELDS, `${at}.`, opts);
  for (const field of ['name', 'mediaType']) {
    const v = optional(value, field, opts);
    if (v !== undefined && typeof v !== 'string') problems.push(`${at}.${field} is not a string`);
  }
  for (const field of ['uri', 'downloadLocation']) {
    const v = optional(value, field, opts);
    if (v !== undefined && !isUri(v)) problems.push(`${at}.${field} is not a URI`);
  }
  const digest = optional(value, 'digest', opts);
  if (digest !== undefined) problems.push(...digestProblems(digest, `${at}.digest`));
  const content = optional(value, 'content', opts);
  if (content !== undefined && (typeof content !== 'string' || !BASE64.test(content))) {
    problems.push(`${at}.content is not base64`);
  }
  const annotations = optional(value, 'annotations', opts);
  if (annotations !== undefined && !isObject(annotations)) {
    problems.push(`${at}.annotations is not a JSON object`);
  }
  const set = (v: unknown): boolean =>
    v !== undefined && v !== '' && !(isObject(v) && Object.keys(v).length === 0);
  if (!set(optional(value, 'uri', opts)) && !set(digest) && !set(content)) {
    problems.push(`${at} has none of uri, digest or content`);
  }
  return problems;
}

function digestProblems(value: unknown, at: string): string[] {
  if (!isObject(value)) return [`${at} is not a JSON object`];
  const problems: string[] = [];
  for (const [algorithm, hex] of Object.entries(value)) {
    const length = HEX_LENGTH[algorithm];
    const ok =
      typeof hex === 'string' &&
      hex !== '' &&
      (length === undefined || (hex.length === length && /^[0-9a-f]+$/.test(hex)));
    if (!ok) {
      problems.push(
        `${at}.${shown(algorithm)} is not ${length ? `${length} lowercase hex digits` : 'a digest'}`,
      );
    }
  }
  return problems;
}

function unknownFields(value: Fields, known: string[], at: string, opts: SchemaOptions): string[] {
  if (!opts.strict) return [];
  return Object.keys(value)
    .filter((k) => !known.includes(k))
    .map((k) => `${at}${shown(k)} is not a field of the spec`);
}

/** A field that may be left out; a lenient reading takes null for unset. */
function optional(value: Fields, field: string, opts: SchemaOptions): unknown {
  const v = value[field];
  return v === null && !opts.strict ? undefined : v;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUri(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value);
}

/**
 * A value from a registry as it may appear in a message: quoted, escaped and cut short, so
 * that no newline or workflow command inside it reaches a log line of its own.
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'unset';
  const cut = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);
  // JSON text holds no raw newline: strings are escaped inside it.
  if (typeof value !== 'string') return cut(JSON.stringify(value) ?? String(value));
  return JSON.stringify(cut(value));
}
