/**
 * The input kit every action uses: split lists, read booleans and numbers,
 * validate references, paths and platforms. Every error names the input, the
 * value and the fix. Pure: callers pass the raw strings.
 */
import {
  formatPlatform,
  parsePlatform,
  PlatformError,
  platformTextProblem,
  unknownPlatform,
  type Platform,
} from '../oci/platform';
import { parseImageRef, ImageReferenceError } from '../oci/reference';
import { errorMessage, MultiarchError } from './errors';
import { splitList, UnclosedQuoteError, type ListSyntax } from './list';

/** Built when an action is given no platforms. */
export const DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64';

/** How much of a bad value an error repeats: enough to find it, not a 100 KB log line. */
const SHOWN_MAX = 200;

function shown(value: string): string {
  if (value.length <= SHOWN_MAX) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, SHOWN_MAX))}… (${value.length} characters)`;
}

export class InputError extends MultiarchError {
  constructor(
    input: string,
    value: string,
    problem: string,
    fix: string,
    options?: { cause?: unknown },
  ) {
    super('input', `Input "${input}": ${shown(value)} ${problem}. ${fix}`, options);
  }
}

/**
 * An action's input reader that refuses, whatever the input, a value that is not text: bytes
 * that are not UTF-8 (which Node turns into U+FFFD, and which would otherwise reach a label or
 * a tag as replacement characters) and NUL (which no argv element can hold). A secret's value
 * is not repeated.
 */
export function textInputs<N extends string>(
  get: (name: N) => string,
  secrets: readonly string[] = [],
): (name: N) => string {
  return (name) => {
    const raw = get(name);
    const problem = raw.includes('\uFFFD')
      ? 'is not valid UTF-8'
      : raw.includes('\0')
        ? 'contains a NUL character'
        : undefined;
    if (problem) {
      throw new InputError(
        name,
        secrets.includes(name) ? '***' : raw,
        problem,
        'Give the value as UTF-8 text without NUL characters.',
      );
    }
    return raw;
  };
}

/** A list input whose every item must match a pattern. */
export function eachMatching(
  name: string,
  items: string[],
  pattern: RegExp,
  problem: string,
  fix: string,
): string[] {
  for (const item of items) if (!pattern.test(item)) throw new InputError(name, item, problem, fix);
  return items;
}

/** An input that takes one of a few words; an empty one is `fallback`, when there is one. */
export function oneOf<T extends string>(
  name: string,
  raw: string,
  values: readonly T[],
  fallback?: T,
): T {
  const v = raw.trim() || (fallback ?? '');
  if ((values as readonly string[]).includes(v)) return v as T;
  throw new InputError(
    name,
    raw,
    `is not one of ${values.join(', ')}`,
    `Use ${values.slice(0, -1).join(', ')} or ${values.at(-1)}.`,
  );
}

/**
 * Splits a list input on newlines and, where `commas`, on commas too; drops
 * blanks and `#` comment lines.
 */
export function list(raw: string, commas: boolean): string[] {
  return raw
    .split(/\r?\n/)
    .flatMap((line) => (commas ? line.split(',') : [line]))
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/**
 * A list input read as docker/build-push-action reads it (see list.ts):
 * quoted items, multi-line quoted values, `#` comment lines. `redact` keeps
 * the value out of the error (secrets).
 */
export function listInput(
  name: string,
  raw: string,
  syntax: ListSyntax,
  opts: { redact?: boolean } = {},
): string[] {
  try {
    return splitList(raw, syntax);
  } catch (err) {
    if (err instanceof UnclosedQuoteError) {
      const line = raw.split(/\r?\n/)[err.line - 1] ?? '';
      throw new InputError(
        name,
        opts.redact ? '***' : line,
        `opens a quote on line ${err.line} that is never closed`,
        'Close it: a quoted item starts and ends with " (it may span lines), and "" inside it is one quote.',
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * Masks a secret in the log: the whole value and, because the runner matches
 * masks line by line, each line of one that spans lines (but not PEM armour
 * lines, nor lines too short to be anything but noise).
 */
export function maskSecret(value: string, mask: (text: string) => void): void {
  if (value.trim() === '') return;
  mask(value);
  const lines = value.split(/\r?\n/).map((l) => l.trim());
  if (lines.length < 2) return;
  for (const line of lines) if (line.length >= 4 && !line.startsWith('-----')) mask(line);
}

export function optional(raw: string): string | undefined {
  return raw.trim() || undefined;
}

export function bool(name: string, raw: string, fallback?: boolean): boolean {
  const v = raw.trim();
  if (v === '' && fallback !== undefined) return fallback;
  // As core.getBooleanInput reads them: the YAML 1.2 core booleans, nothing else.
  if (['true', 'True', 'TRUE'].includes(v)) return true;
  if (['false', 'False', 'FALSE'].includes(v)) return false;
  throw new InputError(name, raw, 'is not a boolean', 'Use true or false.');
}

/** What a number input says when it refuses a value: what is wrong, and the fix. */
export interface NumberRefusal {
  notANumber: string;
  outOfRange: string;
  fix: string;
}

/**
 * A number input from `min` to `max`, empty taking `fallback`: `read` turns the trimmed text
 * into the number it says, or undefined when it says none.
 */
export function boundedNumber(
  name: string,
  raw: string,
  range: { fallback: number; min: number; max: number },
  read: (text: string) => number | undefined,
  refusal: NumberRefusal,
): number {
  const v = raw.trim();
  if (v === '') return range.fallback;
  const n = read(v);
  if (n === undefined) throw new InputError(name, raw, refusal.notANumber, refusal.fix);
  if (n < range.min || n > range.max)
    throw new InputError(name, raw, refusal.outOfRange, refusal.fix);
  return n;
}

/** A whole number of seconds from `min` to `max`; empty is `fallback`. */
export function integer(
  name: string,
  raw: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const problem = `is not a whole number from ${min} to ${max}`;
  const whole = (v: string) => (/^\d+$/.test(v) ? Number(v) : undefined);
  return boundedNumber(name, raw, { fallback, min, max }, whole, {
    notANumber: problem,
    outOfRange: problem,
    fix: `Give seconds, like ${fallback}.`,
  });
}

/** A list of platforms, each parsed and named once; empty takes `fallback` (platforms' default). */
export function platformsInput(
  raw: string,
  name = 'platforms',
  fallback: string = DEFAULT_PLATFORMS,
): Platform[] {
  const values = listInput(name, raw.trim() ? raw : fallback, { commas: 'split' });
  const seen = new Set<string>();
  return values.map((v) => {
    let p: Platform;
    try {
      p = parsePlatform(v);
    } catch (err) {
      if (err instanceof PlatformError) {
        const foreign = platformTextProblem(v);
        throw new InputError(
          name,
          v,
          `is not a platform${foreign ? ` (${foreign})` : ''}`,
          'Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7, separated by commas or newlines.',
          { cause: err },
        );
      }
      throw err;
    }
    const unknown = unknownPlatform(p);
    if (unknown) {
      throw new InputError(
        name,
        v,
        `is not a platform: ${unknown}`,
        'Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7.',
      );
    }
    const key = formatPlatform(p);
    if (seen.has(key)) {
      throw new InputError(
        name,
        v,
        `names ${key} a second time`,
        'List each platform once (linux/arm64 and linux/arm64/v8 are the same platform).',
      );
    }
    seen.add(key);
    return p;
  });
}

export function checkRef(name: string, value: string): string {
  try {
    parseImageRef(value);
  } catch (err) {
    if (err instanceof ImageReferenceError) {
      throw new InputError(
        name,
        value,
        `is not a valid image reference (${err.why})`,
        'Use [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5.',
        { cause: err },
      );
    }
    throw err;
  }
  return value;
}

export function checkTag(value: string): string {
  checkRef('tags', value);
  if (value.includes('@')) {
    throw new InputError(
      'tags',
      value,
      'has a digest',
      'A tag names what to push, so it cannot have one: drop the @sha256:… part.',
    );
  }
  return value;
}

/** Paths and URLs go to buildx as one argv word; a leading "-" would read as a flag. */
export function pathInput(name: string, value: string): string {
  if (value.startsWith('-') || /\p{Cc}/u.test(value)) {
    throw new InputError(
      name,
      value,
      'is not a usable path',
      'Give a path (or Git URL) that does not start with "-" and has no control characters.',
    );
  }
  return value;
}

/** A build argument's name, as a Dockerfile ARG takes it. */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The build action's build-args, as build-push-action reads them: one per line
 * (commas kept), quoted values may span lines, and a bare NAME passes on for
 * buildx to take the value from the environment.
 */
export function buildArgList(raw: string): string[] {
  return listInput('build-args', raw, { commas: 'keep' }).map((a) =>
    !a.includes('=') && ARG_NAME.test(a) ? a : keyValue('build-args', a, ARG_NAME),
  );
}

/** One KEY=VALUE per line; the key is a variable name. */
export function buildArgsInput(raw: string): string[] {
  return list(raw, false).map((a) => keyValue('build-args', a, /^[A-Za-z_][A-Za-z0-9_]*$/));
}

/** What a key may hold, for the inputs whose keys have a rule worth telling. */
const KEY_RULES: Record<string, string> = {
  'build-args': 'letters, digits and _, not starting with a digit',
  'smoke-env': 'letters, digits and _, not starting with a digit',
  labels:
    'letters, digits, _, ., - and /, starting with a letter or digit, like org.opencontainers.image.source',
};

export function keyValue(name: string, value: string, key: RegExp): string {
  const eq = value.indexOf('=');
  if (eq <= 0 || !key.test(value.slice(0, eq))) {
    throw new InputError(
      name,
      value,
      'is not KEY=VALUE',
      `Write one KEY=VALUE per line${KEY_RULES[name] ? ` (KEY: ${KEY_RULES[name]})` : ''}.`,
    );
  }
  return value;
}

export function checked(
  name: string,
  value: string | undefined,
  pattern: RegExp,
  what: string,
): string | undefined {
  if (value !== undefined && !pattern.test(value)) {
    throw new InputError(name, value, 'contains characters that are not allowed', `Give ${what}.`);
  }
  return value;
}

export function regex(name: string, raw: string): RegExp {
  try {
    return new RegExp(raw, 'm');
  } catch (err) {
    throw new InputError(
      name,
      raw,
      `is not a valid regular expression (${errorMessage(err)})`,
      'Give a JavaScript regular expression, like "hello from (x86_64|aarch64)".',
    );
  }
}
