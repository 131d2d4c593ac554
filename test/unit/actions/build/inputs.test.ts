import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getInputs } from '../../../../src/actions/build/inputs';
import { DEFAULT_QEMU_IMAGE } from '../../../../src/actions/shared/smoke-inputs';
import { formatPlatform } from '../../../../src/oci/platform';
import { githubHost } from '../../../../src/runner/github-host';

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
    const i = getInputs(githubHost());
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
    const i = getInputs(githubHost());
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
    expect(() => getInputs(githubHost())).toThrow(message);
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
    getInputs(githubHost());
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
    expect(() => getInputs(githubHost())).toThrow(
      /Input "secrets": "\*\*\*" opens a quote on line 2/,
    );
    expect(written).toEqual(
      expect.arrayContaining(['::add-mask::first-value-123', '::add-mask::never closed']),
    );
  });
});
