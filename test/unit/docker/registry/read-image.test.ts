import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../../../src/oci/platform';
import {
  readConfig,
  readDigest,
  readIndex,
  readPlatforms,
  resolvePlatformDigests,
} from '../../../../src/docker/registry/read-image';
import { dockerConfig, fakeRegistry, OCI_MANIFEST, REPO, seedImage } from './setup';

describe('reading an image through the registry API', () => {
  it('gives the platforms, the digest and each config, as imagetools would', async () => {
    const registry = await fakeRegistry();
    dockerConfig({});
    const { index, platforms } = seedImage(registry);
    const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'arm', variant: 'v7' }));
    const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
    registry.blobs.set(configDigest, config);
    const single = registry.seed(
      REPO,
      OCI_MANIFEST,
      {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: configDigest,
          size: config.length,
        },
        layers: [],
      },
      'armv7',
    );
    const ref = `${registry.host}/${REPO}`;
    expect(await readPlatforms(`${ref}:v1`, 5_000)).toEqual({
      kind: 'index',
      platforms: [
        { platform: { os: 'linux', architecture: 'amd64' }, digest: platforms[0] },
        { platform: { os: 'linux', architecture: 'arm64' }, digest: platforms[1] },
      ],
    });
    // A single image says its platform only in its config, named as everywhere (arm is v7 unless said).
    expect(await readPlatforms(`${ref}:armv7`, 5_000)).toEqual({
      kind: 'image',
      platforms: [
        {
          platform: normalize({ os: 'linux', architecture: 'arm', variant: 'v7' }),
          digest: single,
        },
      ],
    });
    expect(await readConfig(`${ref}@${single}`, 5_000)).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
      digest: single,
    });
    expect(await readDigest(`${ref}:v1`, 5_000)).toBe(index);
    expect((await readIndex(`${ref}:v1`, 5_000)).kind).toBe('index');
    expect(
      await resolvePlatformDigests(ref, index, [{ os: 'linux', architecture: 'arm64' }], 5_000),
    ).toEqual(new Map([['linux/arm64', platforms[1]]]));
    // Nothing but reads.
    expect(registry.seen.every((s) => s.method === 'GET' || s.method === 'HEAD')).toBe(true);
  });
});
