/**
 * Pushes one image of an OCI layout (a `docker save` of the containerd image
 * store) to a repository by digest, no tag: every blob, then every manifest,
 * then the index, each under its own digest. The bytes are the layout's
 * own, so the registry ends up holding exactly the digest that was saved.
 */
import { sha256Digest, type Descriptor } from '../../oci/referrers';
import { referencedBy } from '../../oci/layout';
import { MultiarchError } from '../../runner/errors';
import type { Manifest, RegistryClient } from './client';

/** Where a layout's blobs are read from. */
export interface LayoutBlobs {
  /** The blob's content (read when sent); undefined when the layout lacks it. */
  blob(digest: string): Blob | undefined;
}

/** distribution's own limit on a manifest. */
const MANIFEST_MAX = 4 * 1024 * 1024;
/** Layers sent at once: enough to fill a link, few enough not to starve the tests beside it. */
const PARALLEL_BLOBS = 4;

export interface PushedLayout extends Manifest {
  /** Blobs the repository holds for it now: sent, or found there already. */
  blobs: number;
}

export async function pushLayoutImage(
  client: RegistryClient,
  layout: LayoutBlobs,
  image: Descriptor,
): Promise<PushedLayout> {
  const queue = limiter(PARALLEL_BLOBS);
  let sent = 0;
  const need = (digest: string): Blob => {
    const blob = layout.blob(digest);
    if (!blob)
      throw new MultiarchError('command', `the saved image lacks blob ${digest}: it was not sent`);
    return blob;
  };
  const pushManifest = async (desc: Descriptor): Promise<Manifest> => {
    if (desc.size > MANIFEST_MAX)
      throw new MultiarchError(
        'command',
        `manifest ${desc.digest} is larger than a registry takes`,
      );
    const bytes = new Uint8Array(await need(desc.digest).arrayBuffer());
    if (sha256Digest(bytes) !== desc.digest)
      throw new MultiarchError(
        'command',
        `the saved manifest ${desc.digest} does not match its digest`,
      );
    const json = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    const { manifests, blobs } = referencedBy(desc.mediaType, json);
    await Promise.all([
      ...blobs.map((b) =>
        queue(async () => {
          await client.pushBlobFrom(b, need(b.digest));
          sent++;
        }),
      ),
      ...manifests.map(pushManifest),
    ]);
    await client.putManifest(desc.digest, desc.mediaType, bytes);
    return { digest: desc.digest, mediaType: desc.mediaType, size: bytes.byteLength, bytes, json };
  };
  const top = await pushManifest(image);
  return { ...top, blobs: sent };
}

/** Runs at most `n` of the tasks given to it at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
