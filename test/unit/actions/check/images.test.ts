import { describe, expect, it } from 'vitest';
import { ImageCache, judgePlatform, type Registry } from '../../../../src/actions/check/images';
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

describe('ImageCache', () => {
  /** A registry stand-in that counts what it is asked. */
  function registry(configs: Record<string, { os: string; architecture: string } | Error>) {
    const asked: string[] = [];
    const r: Registry = {
      platforms: async (ref) => {
        asked.push(`platforms ${ref}`);
        if (ref.startsWith('gone/')) throw new Error(`cannot read ${ref}: not found`);
        return { platforms: listed };
      },
      config: async (ref) => {
        asked.push(`config ${ref}`);
        const c = configs[ref.slice(ref.indexOf('@') + 1)];
        if (c instanceof Error) throw c;
        return c ?? {};
      },
      tested: async (repo, platform, d) => {
        asked.push(`tested ${repo}@${d} ${platform}`);
        return d === digest(0) ? { ok: true } : { ok: false, reason: 'no attestation' };
      },
    };
    return { r, asked };
  }
  const digest = (i: number) => `sha256:${String(i).repeat(64)}`;

  it('reads an index once and each platform config once, whatever the platform sets asked', async () => {
    const { r, asked } = registry({});
    const cache = new ImageCache(r);
    await cache.get('r/a:1', [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')]);
    await cache.get('r/a:1', [parsePlatform('linux/arm64')]);
    await cache.get('r/a:1', [parsePlatform('linux/amd64')]);
    expect(asked.sort()).toEqual([
      `config r/a@${digest(0)}`,
      `config r/a@${digest(1)}`,
      'platforms r/a:1',
    ]);
  });

  it('judges each platform on its own: a config it cannot read spoils nothing else', async () => {
    const { r } = registry({
      [digest(0)]: { os: 'linux', architecture: 'arm64' },
      [digest(1)]: new Error('registry hiccup'),
    });
    const facts = await new ImageCache(r).get('r/a:1', [
      parsePlatform('linux/amd64'),
      parsePlatform('linux/arm64'),
      parsePlatform('linux/s390x'),
    ]);
    expect(facts.platforms.map((p) => [p.ok, p.reason])).toEqual([
      [false, "the linux/amd64 entry's config says linux/arm64"],
      [true, 'linux/arm64 in the index'],
      [false, 'no linux/s390x in the index (it lists linux/amd64, linux/arm64, linux/arm)'],
    ]);
  });

  it('asks require-tested of each platform manifest once, by repository and digest', async () => {
    const { r, asked } = registry({});
    const cache = new ImageCache(r);
    const amd = parsePlatform('linux/amd64');
    expect(await cache.tested('r/a:1', amd, digest(0))).toEqual({ ok: true });
    expect(await cache.tested('r/a@' + digest(0), amd, digest(0))).toEqual({ ok: true });
    expect(await cache.tested('r/a:2', parsePlatform('linux/arm64'), digest(1))).toEqual({
      ok: false,
      reason: 'no attestation',
    });
    expect(asked).toEqual([
      `tested r/a@${digest(0)} linux/amd64`,
      `tested r/a@${digest(1)} linux/arm64`,
    ]);
  });

  it('says why an image cannot be read at all', async () => {
    const { r } = registry({});
    const facts = await new ImageCache(r).get('gone/x:1', [parsePlatform('linux/arm64')]);
    expect(facts).toEqual({
      ref: 'gone/x:1',
      error: 'cannot read gone/x:1: not found',
      platforms: [],
    });
  });
});
