/**
 * An image's layers, read where they already are for the architecture scan:
 * in the registry (a pushed image needs no pull and no container to be
 * read) or in the file a `docker save` wrote (the docker driver's
 * candidate). Each layer is decompressed as it streams. What cannot be read
 * this way (a proxy the API client does not go through, a registry it cannot
 * reach, zstd on a Node without it) is the caller's to read another way.
 */
import { pipeline, Readable, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { imageParts } from '../oci/layout';
import { parseManifest } from '../oci/manifest';
import { formatPlatform, type Platform } from '../oci/platform';
import type { Descriptor } from '../oci/referrers';
import { RegistryClient } from './registry/client';
import { behindProxy, resolveRepository } from './registry/endpoint';
import type { SavedImage } from './saved-image';

/** The part of an image config the scan needs: how the image starts. */
export interface StartConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Env?: string[] | null;
  WorkingDir?: string;
}

export interface LayerSource {
  /** How errors name it: "layer 2 of 5 (sha256:ab12cd34ef56)". */
  name: string;
  /** The layer's tar, uncompressed. */
  open(): Promise<AsyncIterable<Uint8Array>>;
}

export interface ImageLayers {
  /** Where they are read from, for the log: "the registry", "the saved image". */
  from: string;
  config: StartConfig;
  /** Bottom first, as the manifest lists them. */
  layers: LayerSource[];
}

/** Where an image's manifests and blobs are read from. */
interface BlobStore {
  manifest(digest: string): Promise<unknown>;
  /** A small blob (a config), parsed. */
  json(blob: Descriptor): Promise<unknown>;
  open(blob: Descriptor): Promise<AsyncIterable<Uint8Array>>;
}

/**
 * Inflating runs on libuv's threads, one hand-off per chunk written: the
 * network's 16 to 64 KiB chunks are gathered to this size first, which
 * inflates a large layer about a tenth faster; a chunk out this big keeps
 * the tar reader's calls few.
 */
const CHUNK = 1024 * 1024;

/** The same bytes in chunks of at least `size` (the last may be smaller). */
async function* gathered(
  source: AsyncIterable<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of source) {
    parts.push(chunk);
    held += chunk.byteLength;
    if (held >= size) {
      yield parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
      parts = [];
      held = 0;
    }
  }
  if (held > 0) yield Buffer.concat(parts);
}

const zstdDecompress = (zlib as unknown as { createZstdDecompress?: () => Transform })
  .createZstdDecompress;

function inflaterFor(head: Uint8Array): Transform | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return zlib.createGunzip({ chunkSize: CHUNK });
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    if (!zstdDecompress)
      throw new Error(`zstd layers need Node 22.15 or later (${process.version} runs)`);
    return zstdDecompress();
  }
  return undefined;
}

/**
 * A layer's tar from its stored bytes, whatever its media type says: gzip
 * and zstd are told by their first bytes (an uncompressed tar starts with a
 * file name), so a mislabelled layer is read as what it is.
 */
export async function* decompressed(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  let head: Uint8Array = new Uint8Array(0);
  while (head.length < 4) {
    const next = await it.next();
    if (next.done) break;
    head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const inflater = inflaterFor(head);
  if (!inflater) {
    yield* all();
    return;
  }
  // pipeline destroys the inflater with the source's error, so reading it fails too.
  yield* pipeline(
    Readable.from(gathered(all(), CHUNK)),
    inflater,
    () => undefined,
  ) as AsyncIterable<Uint8Array>;
}

const short = (digest: string): string => digest.slice(0, 'sha256:'.length + 12);

async function layersFrom(
  store: BlobStore,
  manifestDigest: string,
  platform: Platform,
  from: string,
): Promise<ImageLayers> {
  let manifest = await store.manifest(manifestDigest);
  const listed = parseManifest(JSON.stringify(manifest));
  if (listed.kind === 'index') {
    const wanted = formatPlatform(platform);
    const entry = listed.manifests.find((m) => formatPlatform(m.platform) === wanted);
    if (!entry) throw new Error(`${manifestDigest} lists no ${wanted} image`);
    manifest = await store.manifest(entry.digest);
  }
  const parts = imageParts(manifest);
  const config = (await store.json(parts.config)) as { config?: StartConfig } | null;
  const n = parts.layers.length;
  return {
    from,
    config: config?.config ?? {},
    layers: parts.layers.map((d, i) => ({
      name: `layer ${i + 1} of ${n} (${short(d.digest)})`,
      open: async () => decompressed(await store.open(d)),
    })),
  };
}

/**
 * A pushed image's layers, streamed from its registry; undefined where the
 * API client does not go (a proxy carries the registry). What the registry
 * refuses, or does not answer in time, is thrown.
 */
export async function registryLayers(
  ref: string,
  platform: Platform,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ImageLayers | undefined> {
  const repo = resolveRepository(ref);
  if (behindProxy(repo.origin) || !repo.reference) return undefined;
  // One try: exporting a container is the way on.
  const client = new RegistryClient(repo, { timeoutMs, attempts: 1 });
  const store: BlobStore = {
    manifest: async (digest) => {
      const m = await client.getManifest(digest, { signal });
      if (!m)
        throw new Error(`registry ${repo.registry} has no manifest ${digest} in ${repo.name}`);
      return m.json;
    },
    json: async (blob) =>
      JSON.parse(
        new TextDecoder().decode(await client.getBlob(blob.digest, { signal })),
      ) as unknown,
    open: (blob) => client.openBlob(blob, { signal }),
  };
  return layersFrom(store, repo.reference, platform, `registry ${repo.registry}`);
}

/** The layers of one platform of an image `docker save` wrote, read from its file. */
export async function savedLayers(
  saved: SavedImage,
  digest: string,
  platform: Platform,
): Promise<ImageLayers> {
  const blob = (d: string): Blob => {
    const b = saved.blob(d);
    if (!b) throw new Error(`the saved image has no blob ${d}`);
    return b;
  };
  const parsed = async (d: string): Promise<unknown> => JSON.parse(await blob(d).text()) as unknown;
  const store: BlobStore = {
    manifest: parsed,
    json: (d) => parsed(d.digest),
    open: (d) => Promise.resolve(Readable.fromWeb(blob(d.digest).stream() as never)),
  };
  return layersFrom(store, digest, platform, 'the saved image');
}
