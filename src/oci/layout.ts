/**
 * An OCI image layout as `docker save` writes it (containerd image store):
 * `index.json` names the saved images, `blobs/sha256/<hex>` holds every
 * index, manifest, config and layer. Pure: what refers to what.
 */
import { DIGEST } from './reference';
import { DOCKER_MANIFEST_LIST, OCI_INDEX, type Descriptor } from './referrers';

const BLOB_PATH = /^blobs\/(sha256)\/([a-f0-9]{64})$/;

/** The digest a layout's blob path names (`blobs/sha256/<hex>` → `sha256:<hex>`); undefined for other paths. */
export function blobDigestOf(path: string): string | undefined {
  const m = BLOB_PATH.exec(path.replace(/^\.\//, ''));
  return m ? `${m[1]}:${m[2]}` : undefined;
}

function descriptorsOf(list: unknown, where: string): Descriptor[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${where} is not a list`);
  return list.map((d: unknown, i) => descriptorOf(d, `${where}[${i}]`));
}

function descriptorOf(d: unknown, where: string): Descriptor {
  const o = (d ?? {}) as Partial<Descriptor>;
  if (
    typeof o.mediaType !== 'string' ||
    typeof o.digest !== 'string' ||
    !DIGEST.test(o.digest) ||
    typeof o.size !== 'number' ||
    !Number.isSafeInteger(o.size) ||
    o.size < 0
  )
    throw new Error(`${where} is not a descriptor (mediaType, digest, size)`);
  return o as Descriptor;
}

/** The images a layout's `index.json` names. */
export function layoutImages(indexJson: unknown): Descriptor[] {
  return descriptorsOf(
    (indexJson as { manifests?: unknown } | null)?.manifests,
    'index.json manifests',
  );
}

export const isIndexType = (mediaType: string): boolean =>
  mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;

/**
 * What a manifest or index needs in the registry before it can be put there:
 * an index its manifests; a manifest its config and layers. A subject is not
 * needed (a referrer may come before what it refers to).
 */
export function referencedBy(
  mediaType: string,
  json: unknown,
): { manifests: Descriptor[]; blobs: Descriptor[] } {
  const doc = (json ?? {}) as { manifests?: unknown; config?: unknown; layers?: unknown };
  if (isIndexType(mediaType))
    return { manifests: descriptorsOf(doc.manifests, 'manifests'), blobs: [] };
  return {
    manifests: [],
    blobs: [
      ...(doc.config === undefined ? [] : [descriptorOf(doc.config, 'config')]),
      ...descriptorsOf(doc.layers, 'layers'),
    ],
  };
}

/** What an image manifest is made of: its config, and its layers bottom first. */
export function imageParts(json: unknown): { config: Descriptor; layers: Descriptor[] } {
  const doc = (json ?? {}) as { config?: unknown; layers?: unknown };
  return {
    config: descriptorOf(doc.config, 'config'),
    layers: descriptorsOf(doc.layers, 'layers'),
  };
}
