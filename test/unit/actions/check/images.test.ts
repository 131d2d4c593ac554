import { describe, expect, it } from 'vitest';
import { ImageCache, judgePlatform } from '../../../../src/actions/check/images';
import { parsePlatform } from '../../../../src/oci/platform';

const listed = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'].map((p, i) => ({
  platform: parsePlatform(p),
  digest: `sha256:${String(i).repeat(64)}`,
}));

describe('judgePlatform', () => {
  it.each([
    ['linux/arm64', undefined, { ok: true, reason: 'linux/arm64 in the index' }],
    ['linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v7' }, { ok: true }],
    [
      'linux/arm/v6',
      undefined,
      {
        ok: false,
        reason: 'no linux/arm/v6 in the index (it lists linux/amd64, linux/arm64, linux/arm)',
      },
    ],
    ['linux/s390x', undefined, { ok: false }],
    [
      'linux/arm64',
      { os: 'linux', architecture: 'amd64' },
      { ok: false, reason: "the linux/arm64 entry's config says linux/amd64" },
    ],
  ] as const)('%s with config %j', (platform, config, expected) => {
    expect(judgePlatform(parsePlatform(platform), listed, config)).toMatchObject(expected);
  });
  it('keeps the digest of a listed platform', () => {
    expect(judgePlatform(parsePlatform('linux/amd64'), listed, undefined).digest).toBe(
      `sha256:${'0'.repeat(64)}`,
    );
  });
});

it('never hands something that is not an image reference to a command', async () => {
  // From a Dockerfile or YAML in a pull request: these would read as flags.
  for (const ref of ['--builder=evil', '-x', '--format={{.Name}}']) {
    const facts = await new ImageCache().get(ref, [parsePlatform('linux/arm64')]);
    expect(facts.error).toMatch(/is not a valid image reference/);
    expect(facts.platforms).toEqual([]);
  }
});
