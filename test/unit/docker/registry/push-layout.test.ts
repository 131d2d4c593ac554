import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../../src/docker/registry/client';
import { pushLayoutImage } from '../../../../src/docker/registry/push-layout';
import { dockerConfig, fakeRegistry, OCI_INDEX, OCI_MANIFEST, REPO } from './setup';

const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const bytesOf = (v: unknown): Uint8Array =>
  new Uint8Array(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)));

/** A saved two-platform image, as a layout's blobs: index, manifests, configs, one shared layer. */
function layout() {
  const blobs = new Map<string, Uint8Array>();
  const put = (b: Uint8Array, mediaType: string) => {
    blobs.set(sha256(b), b);
    return { mediaType, digest: sha256(b), size: b.byteLength };
  };
  const layer = put(
    bytesOf('a layer both platforms share'),
    'application/vnd.oci.image.layer.v1.tar',
  );
  const manifests = ['amd64', 'arm64'].map((architecture) => {
    const config = put(
      bytesOf({ os: 'linux', architecture }),
      'application/vnd.oci.image.config.v1+json',
    );
    return {
      ...put(
        bytesOf({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] }),
        OCI_MANIFEST,
      ),
      platform: { os: 'linux', architecture },
    };
  });
  const index = put(bytesOf({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }), OCI_INDEX);
  return { blobs, index, manifests, layer };
}

describe('pushing an image of a saved layout', () => {
  it('puts every blob and manifest by digest, the same bytes, and writes no tag', async () => {
    const registry = await fakeRegistry();
    dockerConfig({});
    const { blobs, index, manifests, layer } = layout();
    const client = new RegistryClient(`${registry.host}/${REPO}`);
    const pushed = await pushLayoutImage(
      client,
      {
        blob: (d) =>
          blobs.has(d) ? new Blob([new Uint8Array(blobs.get(d) as Uint8Array)]) : undefined,
      },
      index,
    );
    expect(pushed.digest).toBe(index.digest);
    expect(sha256(pushed.bytes)).toBe(index.digest);
    // Two configs and one shared layer, the layer sent once.
    expect(pushed.blobs).toBe(4);
    expect(
      registry.seen.filter((s) => s.method === 'PUT' && s.path.includes('/blobs/uploads/')),
    ).toHaveLength(3);
    for (const d of [index.digest, ...manifests.map((m) => m.digest)])
      expect(sha256(registry.manifests.get(d)?.bytes as Buffer)).toBe(d);
    expect(registry.blobs.get(layer.digest)?.toString()).toBe('a layer both platforms share');
    expect([...registry.tags.keys()]).toEqual([]);
    // The index went last: its manifests were there when it came.
    const manifestPuts = registry.seen.filter(
      (s) => s.method === 'PUT' && s.path.includes('/manifests/'),
    );
    expect(manifestPuts.at(-1)?.path).toBe(`/v2/${REPO}/manifests/${index.digest}`);
  });

  it('refuses a layout that lacks a blob, or holds other bytes under a manifest digest', async () => {
    const registry = await fakeRegistry();
    dockerConfig({});
    const { blobs, index, layer } = layout();
    const client = new RegistryClient(`${registry.host}/${REPO}`);
    const without = (gone: string) => ({
      blob: (d: string) =>
        d !== gone && blobs.has(d)
          ? new Blob([new Uint8Array(blobs.get(d) as Uint8Array)])
          : undefined,
    });
    await expect(pushLayoutImage(client, without(layer.digest), index)).rejects.toThrow(
      `the saved image lacks blob ${layer.digest}: it was not sent`,
    );
    const other = { blob: (d: string) => (d === index.digest ? new Blob(['{}']) : undefined) };
    await expect(pushLayoutImage(client, other, index)).rejects.toThrow(
      `the saved manifest ${index.digest} does not match its digest`,
    );
    expect(registry.manifests.has(index.digest)).toBe(false);
  });
});
