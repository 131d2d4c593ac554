import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressed, registryLayers, savedLayers } from '../../../src/docker/image-layers';
import type { SavedImage } from '../../../src/docker/saved-image';
import { parsePlatform } from '../../../src/oci/platform';
import { dockerConfig, fakeRegistry, OCI_INDEX, OCI_MANIFEST, REPO } from './registry/setup';

const sha256 = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));
const ARM64 = parsePlatform('linux/arm64');
const AMD64 = parsePlatform('linux/amd64');

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

async function* chunks(bytes: Uint8Array, size = 3): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

/** Stand-ins for a layer's tar: what matters here is that the bytes come back as they went in. */
const TAR_A = Buffer.from('first layer tar bytes '.repeat(500));
const TAR_B = Buffer.from('second layer, stored uncompressed');

/** A two-platform image's blobs: arm64 has a gzip layer and a plain one; amd64 one gzip layer. */
function image() {
  const blobs = new Map<string, Buffer>();
  const put = (b: Buffer, mediaType: string) => {
    blobs.set(sha256(b), b);
    return { mediaType, digest: sha256(b), size: b.length };
  };
  const gz = put(gzipSync(TAR_A), 'application/vnd.oci.image.layer.v1.tar+gzip');
  // Labelled gzip but stored plain: the bytes say what it is.
  const plain = put(TAR_B, 'application/vnd.docker.image.rootfs.diff.tar.gzip');
  const manifests = (['arm64', 'amd64'] as const).map((architecture) => {
    const config = put(
      json({
        os: 'linux',
        architecture,
        config: {
          Entrypoint: ['/app'],
          Cmd: ['--serve'],
          Env: ['PATH=/opt/bin'],
          WorkingDir: '/w',
        },
      }),
      'application/vnd.oci.image.config.v1+json',
    );
    const body = json({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config,
      layers: architecture === 'arm64' ? [gz, plain] : [gz],
    });
    return { ...put(body, OCI_MANIFEST), platform: { os: 'linux', architecture } };
  });
  const index = put(json({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }), OCI_INDEX);
  return { blobs, index, manifests, gz, plain };
}

describe('decompressed', () => {
  it('inflates gzip, told by its first bytes, across chunks of any size', async () => {
    const z = gzipSync(TAR_A);
    expect(await collect(decompressed(chunks(z, 1)))).toEqual(TAR_A);
    expect(await collect(decompressed(chunks(z, 4096)))).toEqual(TAR_A);
    // Concatenated members, as some writers make, are one stream.
    expect(await collect(decompressed(chunks(Buffer.concat([z, gzipSync(TAR_B)]))))).toEqual(
      Buffer.concat([TAR_A, TAR_B]),
    );
  });

  it('passes an uncompressed tar through untouched, even a short or empty one', async () => {
    expect(await collect(decompressed(chunks(TAR_B, 1)))).toEqual(TAR_B);
    expect(await collect(decompressed(chunks(Buffer.from('ab'))))).toEqual(Buffer.from('ab'));
    expect(await collect(decompressed(chunks(Buffer.alloc(0))))).toEqual(Buffer.alloc(0));
  });

  it('fails on corrupt gzip, and with the error of a source that breaks', async () => {
    const z = gzipSync(TAR_A);
    const corrupt = Buffer.concat([z.subarray(0, 20), Buffer.alloc(50, 7)]);
    await expect(collect(decompressed(chunks(corrupt)))).rejects.toThrow();
    async function* breaks(): AsyncGenerator<Uint8Array> {
      yield z.subarray(0, 100);
      throw new Error('connection reset');
    }
    await expect(collect(decompressed(breaks()))).rejects.toThrow('connection reset');
  });

  it('reads zstd where this Node can, and otherwise says which Node it needs', async () => {
    const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const compress = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer })
      .zstdCompressSync;
    if (compress) {
      expect(await collect(decompressed(chunks(compress(TAR_A))))).toEqual(TAR_A);
    } else {
      await expect(collect(decompressed(chunks(zstd)))).rejects.toThrow(
        /zstd layers need Node 22\.15 or later/,
      );
    }
  });
});

describe('registryLayers', () => {
  async function seeded() {
    const registry = await fakeRegistry();
    dockerConfig({});
    const img = image();
    for (const [d, b] of img.blobs) registry.blobs.set(d, b);
    for (const m of [...img.manifests, img.index])
      registry.seed(REPO, m.mediaType, JSON.parse((img.blobs.get(m.digest) as Buffer).toString()));
    return { registry, img };
  }

  it("gives a platform's config and its layers bottom first, decompressed", async () => {
    const { registry, img } = await seeded();
    const arm = img.manifests[0] as { digest: string };
    const layers = await registryLayers(`${registry.host}/${REPO}@${arm.digest}`, ARM64, 5_000);
    expect(layers?.config).toEqual({
      Entrypoint: ['/app'],
      Cmd: ['--serve'],
      Env: ['PATH=/opt/bin'],
      WorkingDir: '/w',
    });
    expect(layers?.from).toBe(`registry ${registry.host}`);
    expect(layers?.layers.map((l) => l.name)).toEqual([
      `layer 1 of 2 (${img.gz.digest.slice(0, 19)})`,
      `layer 2 of 2 (${img.plain.digest.slice(0, 19)})`,
    ]);
    const read = await Promise.all(
      (layers?.layers ?? []).map(async (l) => collect(await l.open())),
    );
    expect(read).toEqual([TAR_A, TAR_B]);
  });

  it("picks the platform's image from an index", async () => {
    const { registry, img } = await seeded();
    const layers = await registryLayers(
      `${registry.host}/${REPO}@${img.index.digest}`,
      AMD64,
      5_000,
    );
    expect(layers?.layers).toHaveLength(1);
    await expect(
      registryLayers(
        `${registry.host}/${REPO}@${img.index.digest}`,
        parsePlatform('linux/s390x'),
        5_000,
      ),
    ).rejects.toThrow(`${img.index.digest} lists no linux/s390x image`);
  });

  it('refuses a layer whose bytes are not what its digest says, or not all of them', async () => {
    const { registry, img } = await seeded();
    const arm = img.manifests[0] as { digest: string };
    const ref = `${registry.host}/${REPO}@${arm.digest}`;
    registry.blobs.set(img.plain.digest, Buffer.from('second layer, stored uncompresseX'));
    const layers = await registryLayers(ref, ARM64, 5_000);
    const second = layers?.layers[1];
    await expect(
      collect(await (second as { open(): Promise<AsyncIterable<Uint8Array>> }).open()),
    ).rejects.toThrow(
      `answered with other content for blob ${img.plain.digest} of ${REPO}: it hashes to`,
    );
    registry.blobs.set(img.plain.digest, Buffer.from('second layer'));
    await expect(
      collect(await (second as { open(): Promise<AsyncIterable<Uint8Array>> }).open()),
    ).rejects.toThrow(`only 12 of its ${TAR_B.length} bytes came`);
  });

  it('bounds the answer by the timeout, not the time the body takes to come', async () => {
    const { registry, img } = await seeded();
    const arm = img.manifests[0] as { digest: string };
    const layers = await registryLayers(`${registry.host}/${REPO}@${arm.digest}`, ARM64, 300);
    registry.intercept = (req, res) => {
      if (!req.url?.endsWith(img.plain.digest)) return false;
      res.writeHead(200, { 'content-length': String(TAR_B.length) });
      res.write(TAR_B.subarray(0, 5));
      setTimeout(() => res.end(TAR_B.subarray(5)), 600);
      return true;
    };
    const second = layers?.layers[1] as { open(): Promise<AsyncIterable<Uint8Array>> };
    expect(await collect(await second.open())).toEqual(TAR_B);
    // No answer at all within the bound is a timeout naming the registry.
    registry.intercept = (req) => req.url?.endsWith(img.plain.digest) ?? false;
    await expect(second.open()).rejects.toThrow(/registry-timeout|did not answer|timed out/i);
  });

  it('leaves a registry behind a proxy to the container export', async () => {
    const { registry, img } = await seeded();
    const was = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = 'http://proxy.invalid:3128';
    try {
      const arm = img.manifests[0] as { digest: string };
      expect(await registryLayers(`${registry.host}/${REPO}@${arm.digest}`, ARM64, 5_000)).toBe(
        undefined,
      );
    } finally {
      if (was === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = was;
    }
  });
});

describe('savedLayers', () => {
  it("reads a platform's layers and config from the saved image's blobs", async () => {
    const img = image();
    const saved: SavedImage = {
      file: '/nonexistent',
      images: [img.index],
      blob: (d) => {
        const b = img.blobs.get(d);
        return b && new Blob([new Uint8Array(b)]);
      },
    };
    const layers = await savedLayers(saved, img.index.digest, ARM64);
    expect(layers.from).toBe('the saved image');
    expect(layers.config.Entrypoint).toEqual(['/app']);
    const read = await Promise.all(layers.layers.map(async (l) => collect(await l.open())));
    expect(read).toEqual([TAR_A, TAR_B]);
    img.blobs.delete(img.plain.digest);
    const again = await savedLayers(saved, img.index.digest, ARM64);
    await expect((again.layers[1] as { open(): Promise<unknown> }).open()).rejects.toThrow(
      `the saved image has no blob ${img.plain.digest}`,
    );
  });
});
