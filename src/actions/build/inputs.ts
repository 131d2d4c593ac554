/**
 * Every input of the action, read and validated in one place.
 *
 * Names and list syntax follow docker/build-push-action where the concept is
 * the same, so steps can be switched over and `${{ steps.meta.outputs.tags }}`
 * from docker/metadata-action works as it is.
 */
import * as core from '@actions/core';
import { formatPlatform, parsePlatform, PlatformError, type Platform } from '../../oci/platform';
import { NodeError, parseNodes, type NodeSpec } from '../../docker/endpoint';
import { parseImageRef, ReferenceError } from '../../oci/reference';

export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v7.0.0-28';
export const DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64';

/** How images are run: the same inputs, in this order, in every action of the repository. */
export const SMOKE_INPUT_NAMES = [
  'smoke',
  'smoke-command',
  'smoke-expect',
  'smoke-timeout',
  'verify-arch',
  'qemu-image',
] as const;

/** Every input action.yml declares; the CLI accepts the same names as flags. */
export const INPUT_NAMES = [
  'context',
  'file',
  'platforms',
  'tags',
  'labels',
  'build-args',
  'target',
  'push',
  'cache-from',
  'cache-to',
  'provenance',
  'sbom',
  'no-cache',
  'pull',
  'builder',
  ...SMOKE_INPUT_NAMES,
  'nodes',
  'node-strategy',
  'buildkit-image',
  'ssh-private-key',
  'ssh-known-hosts',
  'ssh-accept-new-host-keys',
  'tls-ca',
  'tls-cert',
  'tls-key',
  'push-by-digest',
  'digests-dir',
] as const;

export const BOOLEAN_INPUTS = new Set([
  'push',
  'no-cache',
  'pull',
  'smoke',
  'verify-arch',
  'ssh-accept-new-host-keys',
  'push-by-digest',
  'build',
]);

/** Inputs whose values are masked in the log as soon as they are read. */
export const SECRET_INPUTS = ['ssh-private-key', 'tls-key'] as const;

export type NodeStrategy = 'auto' | 'append' | 'fanout';

export interface Inputs {
  context: string;
  file?: string;
  platforms: Platform[];
  tags: string[];
  labels: string[];
  buildArgs: string[];
  target?: string;
  push: boolean;
  cacheFrom: string[];
  cacheTo: string[];
  provenance?: string;
  sbom?: string;
  noCache: boolean;
  pull: boolean;
  builder?: string;
  smoke: boolean;
  smokeCommand: string[];
  smokeExpect?: RegExp;
  smokeTimeoutSeconds: number;
  verifyArch: boolean;
  qemuImage: string;
  nodes: NodeSpec[];
  nodeStrategy: NodeStrategy;
  buildkitImage?: string;
  ssh: { privateKey?: string; knownHosts?: string; acceptNewHostKeys: boolean };
  tls: { ca?: string; cert?: string; key?: string };
  /** Push without a tag and report the digest (matrix builds merged later). */
  pushByDigest: boolean;
  digestsDir?: string;
}

export class InputError extends Error {
  constructor(input: string, value: string, problem: string, fix: string) {
    super(`Input "${input}": ${JSON.stringify(value)} ${problem}. ${fix}`);
  }
}

/** Reads the inputs from the environment, the way the runner passes them. */
export function getInputs(): Inputs {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (!value) continue;
    core.setSecret(value);
    // The runner matches masks line by line in the log, so a key is masked by line too.
    for (const line of value.split(/\r?\n/))
      if (line.trim().length >= 8 && !/^-----/.test(line.trim())) core.setSecret(line.trim());
  }
  return parseInputs((name) => core.getInput(name));
}

/** Pure: turns raw input strings into a validated Inputs. */
export function parseInputs(get: (name: string) => string): Inputs {
  const tags = list(get('tags'), true).map((t) => checkTag(t));
  const pushByDigest = bool('push-by-digest', get('push-by-digest'), false);
  const pushRaw = get('push').trim();
  const push = pushByDigest || (pushRaw === '' ? tags.length > 0 : bool('push', pushRaw));
  if (pushByDigest && tags.length !== 1) {
    throw new InputError(
      'tags',
      tags.join(','),
      `names ${tags.length} images`,
      'With push-by-digest, give exactly one: the repository to push to, like ghcr.io/acme/api.',
    );
  }
  if (pushByDigest && pushRaw && !bool('push', pushRaw)) {
    throw new InputError(
      'push',
      pushRaw,
      'contradicts push-by-digest: true',
      'Drop push, or set push-by-digest: false.',
    );
  }
  if (get('builder').trim() && get('nodes').trim()) {
    throw new InputError(
      'builder',
      get('builder').trim(),
      'cannot be combined with nodes',
      'Nodes build on their own engines (fanout) or on a builder this action creates (append); drop builder.',
    );
  }
  if (pushByDigest && get('nodes').trim()) {
    throw new InputError(
      'push-by-digest',
      'true',
      'cannot be combined with nodes',
      'Nodes already push one merged index; drop push-by-digest, or build each platform in its own job.',
    );
  }
  if (push && tags.length === 0) {
    throw new InputError(
      'push',
      pushRaw,
      'needs at least one tag',
      'Set "tags" to the image to push, like ghcr.io/acme/api:1.5, or set push: false.',
    );
  }
  const platformList = platformsInput(get('platforms'));
  const nodes = nodeSpecs(get('nodes'), platformList);
  return {
    context: pathInput('context', get('context').trim() || '.'),
    file: optional(get('file')) && pathInput('file', get('file').trim()),
    platforms: platformList,
    tags,
    labels: list(get('labels'), false).map((l) => keyValue('labels', l, /^[^=\s]+$/)),
    buildArgs: buildArgsInput(get('build-args')),
    target: checked(
      'target',
      optional(get('target')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'a build stage name like "runtime"',
    ),
    push,
    cacheFrom: list(get('cache-from'), false).map((c) => cacheSpec('cache-from', c)),
    cacheTo: list(get('cache-to'), false).map((c) => cacheSpec('cache-to', c)),
    provenance: attestation('provenance', get('provenance')),
    sbom: attestation('sbom', get('sbom')),
    noCache: bool('no-cache', get('no-cache'), false),
    pull: bool('pull', get('pull'), false),
    builder: checked(
      'builder',
      optional(get('builder')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'the name of an existing buildx builder',
    ),
    ...smokeInputs(get),
    nodes,
    nodeStrategy: oneOf(
      'node-strategy',
      get('node-strategy'),
      ['auto', 'append', 'fanout'] as const,
      'auto',
    ),
    buildkitImage:
      optional(get('buildkit-image')) && checkRef('buildkit-image', get('buildkit-image').trim()),
    ssh: sshInputs(get, nodes),
    tls: tlsInputs(get),
    pushByDigest,
    digestsDir: optional(get('digests-dir')) && pathInput('digests-dir', get('digests-dir').trim()),
  };
}

export type SmokeInputs = Pick<
  Inputs,
  'smoke' | 'smokeCommand' | 'smokeExpect' | 'smokeTimeoutSeconds' | 'verifyArch' | 'qemuImage'
>;

/** How every platform is tested: the same inputs in the build action and in merge. */
export function smokeInputs(get: (name: string) => string): SmokeInputs {
  const expect = get('smoke-expect').trim();
  return {
    smoke: bool('smoke', get('smoke'), true),
    smokeCommand: splitCommand(get('smoke-command')),
    smokeExpect: expect ? regex('smoke-expect', expect) : undefined,
    smokeTimeoutSeconds: integer('smoke-timeout', get('smoke-timeout'), 60, 1, 3600),
    verifyArch: bool('verify-arch', get('verify-arch'), true),
    qemuImage: checkRef('qemu-image', get('qemu-image').trim() || DEFAULT_QEMU_IMAGE),
  };
}

function nodeSpecs(raw: string, requested: Platform[]): NodeSpec[] {
  const lines = list(raw, true);
  try {
    return parseNodes(lines, requested);
  } catch (err) {
    if (err instanceof NodeError) {
      throw new InputError('nodes', err.line ?? '***', 'is not valid', `${err.message}.`);
    }
    throw err;
  }
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

/** An input that takes one of a few words. */
export function oneOf<T extends string>(
  name: string,
  raw: string,
  values: readonly T[],
  fallback: T,
): T {
  const v = raw.trim() || fallback;
  if ((values as readonly string[]).includes(v)) return v as T;
  throw new InputError(
    name,
    raw,
    `is not one of ${values.join(', ')}`,
    `Use ${values.slice(0, -1).join(', ')} or ${values.at(-1)}.`,
  );
}

function sshInputs(get: (name: string) => string, nodes: NodeSpec[]): Inputs['ssh'] {
  const key = get('ssh-private-key').trim();
  const knownHosts = get('ssh-known-hosts').trim();
  const acceptNewHostKeys = bool(
    'ssh-accept-new-host-keys',
    get('ssh-accept-new-host-keys'),
    false,
  );
  if (
    key &&
    !/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(key)
  ) {
    // Never echo a key back, not even a malformed one.
    throw new InputError(
      'ssh-private-key',
      '***',
      'is not a private key',
      'Give the whole key file, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----, e.g. from a secret.',
    );
  }
  for (const line of knownHosts.split('\n').map((l) => l.trim())) {
    if (line && !line.startsWith('#') && line.split(/\s+/).length < 3) {
      throw new InputError(
        'ssh-known-hosts',
        line,
        'is not a known_hosts line',
        'Give lines like "[arm1.example.com]:22 ssh-ed25519 AAAA…", as ssh-keyscan prints them.',
      );
    }
  }
  const sshNodes = nodes.filter((n) => n.endpoint.scheme === 'ssh');
  if (sshNodes.length > 0 && key && !knownHosts && !acceptNewHostKeys) {
    throw new InputError(
      'ssh-known-hosts',
      '',
      'is required for ssh nodes',
      "Give the nodes' host keys (ssh-keyscan -p PORT HOST), or set ssh-accept-new-host-keys: true to trust them on first use.",
    );
  }
  return { privateKey: key || undefined, knownHosts: knownHosts || undefined, acceptNewHostKeys };
}

function tlsInputs(get: (name: string) => string): Inputs['tls'] {
  const tls = {
    ca: optional(get('tls-ca')),
    cert: optional(get('tls-cert')),
    key: optional(get('tls-key')),
  };
  if (Boolean(tls.cert) !== Boolean(tls.key)) {
    throw new InputError(
      tls.cert ? 'tls-key' : 'tls-cert',
      '',
      'is missing',
      'A client certificate needs its key: give both tls-cert and tls-key, or neither.',
    );
  }
  for (const [name, value] of [
    ['tls-ca', tls.ca],
    ['tls-cert', tls.cert],
  ] as const) {
    if (value && !value.includes('-----BEGIN CERTIFICATE-----')) {
      throw new InputError(
        name,
        value.slice(0, 40),
        'is not a PEM certificate',
        'Give the PEM text, from -----BEGIN CERTIFICATE----- on.',
      );
    }
  }
  return tls;
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

export function optional(raw: string): string | undefined {
  return raw.trim() || undefined;
}

export function bool(name: string, raw: string, fallback?: boolean): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '' && fallback !== undefined) return fallback;
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  throw new InputError(name, raw, 'is not a boolean', 'Use true or false.');
}

function integer(name: string, raw: string, fallback: number, min: number, max: number): number {
  const v = raw.trim();
  if (v === '') return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) {
    throw new InputError(
      name,
      raw,
      `is not a whole number from ${min} to ${max}`,
      `Give seconds, like ${fallback}.`,
    );
  }
  return n;
}

export function platformsInput(raw: string): Platform[] {
  const values = list(raw.trim() ? raw : DEFAULT_PLATFORMS, true);
  const seen = new Set<string>();
  return values.map((v) => {
    let p: Platform;
    try {
      p = parsePlatform(v);
    } catch (err) {
      if (err instanceof PlatformError) {
        throw new InputError(
          'platforms',
          v,
          'is not a platform',
          'Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7, separated by commas or newlines.',
        );
      }
      throw err;
    }
    const key = formatPlatform(p);
    if (seen.has(key)) {
      throw new InputError(
        'platforms',
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
    if (err instanceof ReferenceError) {
      throw new InputError(
        name,
        value,
        `is not a valid image reference (${err.why})`,
        'Use [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5.',
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

/** One KEY=VALUE per line; the key is a variable name. */
export function buildArgsInput(raw: string): string[] {
  return list(raw, false).map((a) => keyValue('build-args', a, /^[A-Za-z_][A-Za-z0-9_]*$/));
}

function keyValue(name: string, value: string, key: RegExp): string {
  const eq = value.indexOf('=');
  if (eq <= 0 || !key.test(value.slice(0, eq))) {
    throw new InputError(
      name,
      value,
      'is not KEY=VALUE',
      `Write one KEY=VALUE per line${name === 'build-args' ? ' (KEY: letters, digits and _, not starting with a digit)' : ''}.`,
    );
  }
  return value;
}

function checked(
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

/** `key=value,key=value` with values that can only be refs, paths, modes and URLs. */
const KEY_VALUES = /^[a-z-]+=[\w.:/@+=-]+(?:,[a-z-]+=[\w.:/@+=-]*)*$/;

/** `type=registry,ref=…` style specs, or a bare image reference (cache-from shorthand). */
function cacheSpec(name: string, value: string): string {
  if (/^[a-z]+=/.test(value)) {
    if (!KEY_VALUES.test(value)) {
      throw new InputError(
        name,
        value,
        'is not a cache spec',
        'Write key=value pairs separated by commas, like type=registry,ref=ghcr.io/acme/api:cache, one per line.',
      );
    }
    return value;
  }
  return checkRef(name, value);
}

function attestation(name: string, raw: string): string | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  if (/^(true|false)$/i.test(v) || KEY_VALUES.test(v)) return v;
  throw new InputError(
    name,
    raw,
    'is not a valid attestation setting',
    'Use true, false, or key=value pairs such as mode=max.',
  );
}

function regex(name: string, raw: string): RegExp {
  try {
    return new RegExp(raw, 'm');
  } catch (err) {
    throw new InputError(
      name,
      raw,
      `is not a valid regular expression (${err instanceof Error ? err.message : String(err)})`,
      'Give a JavaScript regular expression, like "hello from (x86_64|aarch64)".',
    );
  }
}

/**
 * Splits a smoke command into argv without any shell: a JSON array of strings,
 * or words separated by spaces with '…' and "…" quoting. To use a shell, say so:
 * `sh -c "…"`.
 */
export function splitCommand(raw: string): string[] {
  const v = raw.trim();
  if (v === '') return [];
  if (v.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      parsed = undefined;
    }
    if (
      !Array.isArray(parsed) ||
      !parsed.every((x) => typeof x === 'string') ||
      parsed.length === 0
    ) {
      throw new InputError(
        'smoke-command',
        raw,
        'is not a JSON array of strings',
        'Write ["/app","--version"] or plain words: /app --version.',
      );
    }
    return parsed as string[];
  }
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (v[i + 1] === '"' || v[i + 1] === '\\'))
        word += v[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new InputError(
      'smoke-command',
      raw,
      `has an unclosed ${quote} quote`,
      'Close the quote, or give a JSON array like ["sh","-c","echo hi"].',
    );
  }
  if (inWord) words.push(word);
  return words;
}
