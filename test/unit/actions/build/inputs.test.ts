import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { getInputs } from '../../../../src/actions/build/inputs';
import { DEFAULT_QEMU_IMAGE } from '../../../../src/actions/shared/smoke-inputs';
import { getCheckInputs } from '../../../../src/actions/check/inputs';
import { getMergeInputs } from '../../../../src/actions/merge/inputs';
import { formatPlatform } from '../../../../src/oci/platform';

// Inputs are set the way the runner sets them, and read by the real
// core.getInput, so trimming and naming are exactly the runner's.
function setInputs(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) process.env[`INPUT_${k.toUpperCase()}`] = v;
}

afterEach(() => {
  for (const k of Object.keys(process.env))
    if (k.startsWith('INPUT_')) Reflect.deleteProperty(process.env, k);
});

describe('getInputs', () => {
  it('applies defaults: both platforms, no push without tags, smoke on', () => {
    const i = getInputs();
    expect(i.platforms.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i.push).toBe(false);
    expect(i.smoke).toBe(true);
    expect(i.verifyArch).toBe(true);
    expect(i.smokeTimeoutSeconds).toBe(60);
    expect(i.context).toBe('.');
    expect(i.qemuImage).toBe(DEFAULT_QEMU_IMAGE);
    expect(i.qemuImage).not.toMatch(/:latest$/);
  });

  it('pushes by default when tags are given, and reads lists like build-push-action', () => {
    setInputs({
      tags: 'ghcr.io/acme/api:1.5\nghcr.io/acme/api:latest',
      platforms: 'linux/amd64,\nlinux/arm64/v8',
      'build-args': 'A=1\nB=x,y',
      labels: 'org.opencontainers.image.title=api',
      'cache-from': 'type=registry,ref=ghcr.io/acme/api:cache',
      'smoke-command': '/bin/busybox sh -c "echo hi there"',
      'smoke-expect': 'hi (there|x)',
      'smoke-timeout': '5',
    });
    const i = getInputs();
    expect(i.push).toBe(true);
    expect(i.tags).toEqual(['ghcr.io/acme/api:1.5', 'ghcr.io/acme/api:latest']);
    expect(i.platforms.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i.buildArgs).toEqual(['A=1', 'B=x,y']);
    expect(i.cacheFrom).toEqual(['type=registry,ref=ghcr.io/acme/api:cache']);
    expect(i.smokeCommand).toEqual(['/bin/busybox', 'sh', '-c', 'echo hi there']);
    expect(i.smokeExpect?.test('hi there')).toBe(true);
    expect(i.smokeTimeoutSeconds).toBe(5);
  });

  it.each([
    [
      { platforms: 'linux/arm64;touch /tmp/x' },
      /Input "platforms": "linux\/arm64;touch \/tmp\/x" is not a platform\. Use os\/arch/,
    ],
    [
      { tags: 'ghcr.io/acme/api:$(touch /tmp/x)' },
      /Input "tags": .* is not a valid image reference/,
    ],
    [{ platforms: 'linux/arm64,linux/arm64/v8' }, /names linux\/arm64 a second time/],
    [{ push: 'true' }, /Input "push": "true" needs at least one tag/],
    [{ push: 'maybe', tags: 'a:1' }, /Input "push": "maybe" is not a boolean/],
    [{ 'build-args': 'NO VALUE' }, /Input "build-args": "NO VALUE" is not KEY=VALUE/],
    [{ 'build-args': '1A=x' }, /is not KEY=VALUE/],
    [{ 'smoke-timeout': '0' }, /Input "smoke-timeout": "0" is not a whole number from 1 to 3600/],
    [{ 'smoke-timeout': '10s' }, /not a whole number/],
    [{ 'smoke-expect': '(' }, /Input "smoke-expect": "\(" is not a valid regular expression/],
    [{ target: 'a b' }, /Input "target"/],
    [{ 'cache-to': 'type=registry,ref=x y' }, /Input "cache-to"/],
    [{ provenance: 'mode=max;id' }, /Input "provenance"/],
    [{ 'qemu-image': 'tonistiigi/binfmt:$(x)' }, /Input "qemu-image"/],
    [{ context: '--output=/tmp' }, /Input "context"/],
    [{ tags: `a/b@sha256:${'0'.repeat(64)}` }, /Input "tags": .* has a digest/],
  ])('rejects %j', (values, message) => {
    setInputs(values);
    expect(() => getInputs()).toThrow(message);
  });
});

describe('masking', () => {
  let written: string[] = [];
  beforeEach(() => {
    written = [];
    // Secrets are masked only under a runner (runner/mask.ts).
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(...String(chunk).split(/\r?\n/).filter(Boolean));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('masks each secret value, each line of one that spans lines, and github-token, on read', () => {
    setInputs({
      secrets: 'A=plain-secret-value\n"B=line one here\nline two here"',
      'github-token': 'ghs_token0123',
    });
    getInputs();
    expect(written).toEqual(
      expect.arrayContaining([
        '::add-mask::plain-secret-value',
        '::add-mask::line one here%0Aline two here',
        '::add-mask::line one here',
        '::add-mask::line two here',
        '::add-mask::ghs_token0123',
      ]),
    );
  });

  it('masks the values of a secrets input even when it does not parse, and never shows them', () => {
    setInputs({ secrets: 'A=first-value-123\n"B=never closed' });
    expect(() => getInputs()).toThrow(/Input "secrets": "\*\*\*" opens a quote on line 2/);
    expect(written).toEqual(
      expect.arrayContaining(['::add-mask::first-value-123', '::add-mask::never closed']),
    );
  });
});

/** The input names a reader asks the runner's environment for (INPUT_*) while it runs. */
function inputsRead(read: () => unknown): Set<string> {
  const env = process.env;
  const asked = new Set<string>();
  const note = (key: string | symbol): void => {
    if (typeof key === 'string' && key.startsWith('INPUT_'))
      asked.add(key.slice('INPUT_'.length).toLowerCase());
  };
  process.env = new Proxy(env, {
    get: (target, key) => (note(key), Reflect.get(target, key)),
    has: (target, key) => (note(key), Reflect.has(target, key)),
  });
  try {
    read();
  } finally {
    process.env = env;
  }
  return asked;
}

/** The inputs an action.yml declares. */
function declaredInputs(file: string): string[] {
  const yml: unknown = YAML.parse(
    readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8'),
  );
  return Object.keys((yml as { inputs?: object }).inputs ?? {});
}

// `command` picks the sub-action: src/index.ts reads it before any of these readers runs.
it.each([
  ['action.yml', getInputs, [{}, { tags: 'r/a:1', 'build-args': 'A=1', 'smoke-command': 'true' }]],
  ['merge/action.yml', getMergeInputs, [{ sources: 'r/a:1', tags: 'r/a:2' }]],
  ['check/action.yml', getCheckInputs, [{ images: 'r/a:1' }, { dockerfile: 'Dockerfile' }]],
] as const)('%s declares exactly the inputs its reader asks for', (file, reader, runs) => {
  const asked = new Set<string>();
  for (const values of runs) {
    setInputs(values);
    for (const name of inputsRead(reader)) asked.add(name);
    for (const k of Object.keys(values))
      Reflect.deleteProperty(process.env, `INPUT_${k.toUpperCase()}`);
  }
  const declared = declaredInputs(file).filter((name) => name !== 'command');
  expect(declared.length).toBeGreaterThan(0);
  const sorted = (names: Iterable<string>) => [...names].sort();
  expect(sorted(asked), `${file}: what the reader asks for is not what it declares`).toEqual(
    sorted(declared),
  );
});
