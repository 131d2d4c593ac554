/**
 * OCI 1.1 referrers: artifacts that name an image in their `subject`, and the
 * index that lists them. Built and merged here, as plain data, so that what we
 * push to a registry can be tested without one.
 */
import { createHash } from 'node:crypto';
import { MultiarchError } from './errors';
import type { Platform } from './platform';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const IN_TOTO_ARTIFACT = 'application/vnd.in-toto+json';

/** The blob behind EMPTY_CONFIG: an artifact has no image config, and the spec asks for this one. */
export const EMPTY_JSON = '{}';

/** A pointer to content, as manifests and indexes hold them. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
  platform?: Platform;
}

export const EMPTY_CONFIG: Readonly<Descriptor> = Object.freeze({
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
});

export interface ArtifactManifest {
  schemaVersion: 2;
  mediaType: typeof OCI_MANIFEST;
  artifactType: string;
  config: Descriptor;
  layers: Descriptor[];
  subject: Descriptor;
  annotations?: Record<string, string>;
}

export interface ReferrersIndex {
  schemaVersion: 2;
  mediaType: typeof OCI_INDEX;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** The digest of some bytes, as registries name content. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .filter((k) => obj[k] !== undefined)
      .map((k) => [k, sorted(obj[k])]),
  );
}

/**
 * One byte form per value (sorted keys, no spaces): the same artifact built
 * twice has the same digest, so attaching it again replaces, not duplicates.
 */
export function canonicalJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(sorted(value)));
}

/** A descriptor of bytes about to be pushed. */
export function describe(mediaType: string, bytes: Uint8Array): Descriptor {
  return { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength };
}

export function artifactManifest(a: {
  artifactType: string;
  layer: Descriptor;
  subject: Descriptor;
  annotations?: Record<string, string>;
}): ArtifactManifest {
  const manifest: ArtifactManifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType: a.artifactType,
    config: { ...EMPTY_CONFIG },
    layers: [a.layer],
    // Only what identifies the subject: its platform or annotations would change our digest, not the link.
    subject: { mediaType: a.subject.mediaType, digest: a.subject.digest, size: a.subject.size },
  };
  if (a.annotations && Object.keys(a.annotations).length > 0)
    manifest.annotations = { ...a.annotations };
  return manifest;
}

/** The entry a referrers list holds for a pushed artifact manifest. */
export function referrerDescriptor(manifest: ArtifactManifest, bytes: Uint8Array): Descriptor {
  const d: Descriptor = {
    ...describe(manifest.mediaType, bytes),
    artifactType: manifest.artifactType || manifest.config.mediaType,
  };
  if (manifest.annotations) d.annotations = { ...manifest.annotations };
  return d;
}

/**
 * The tag a registry without the referrers API keeps a subject's referrers
 * under (OCI distribution 1.1, referrers tag schema): `<alg>-<hex>`, made a
 * valid tag and cut to a tag's 128 characters.
 */
export function referrersTag(digest: string): string {
  const colon = digest.indexOf(':');
  if (colon <= 0 || colon === digest.length - 1)
    throw new MultiarchError('invalid', `"${digest}" is not a digest (algorithm:hex)`);
  const tag = `${digest.slice(0, colon)}-${digest.slice(colon + 1)}`;
  return tag.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 128);
}

function isDescriptor(value: unknown): value is Descriptor {
  const d = value as Partial<Descriptor> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.mediaType === 'string' &&
    typeof d.digest === 'string' &&
    typeof d.size === 'number'
  );
}

/**
 * Reads a referrers index (the API's answer, or what the fallback tag holds).
 * Entries that are not descriptors are dropped: no client can follow them.
 * Throws an 'invalid' error for anything that is not an index.
 */
export function parseReferrersIndex(json: unknown, where: string): ReferrersIndex {
  const obj = json as { manifests?: unknown; mediaType?: unknown; annotations?: unknown } | null;
  if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.manifests))
    throw new MultiarchError('invalid', `${where} is not an image index: it has no manifests list`);
  if (obj.mediaType !== undefined && obj.mediaType !== OCI_INDEX)
    throw new MultiarchError(
      'invalid',
      `${where} is a ${String(obj.mediaType)}, not an OCI image index (${OCI_INDEX})`,
    );
  const index: ReferrersIndex = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: obj.manifests.filter(isDescriptor),
  };
  if (obj.annotations && typeof obj.annotations === 'object')
    index.annotations = obj.annotations as Record<string, string>;
  return index;
}

/**
 * The referrers index with `descriptor` in it: every other entry is kept
 * (another tool's signature, an earlier run's statement), and one with the
 * same digest is replaced where it stands rather than listed twice.
 */
export function withReferrer(
  index: ReferrersIndex | undefined,
  descriptor: Descriptor,
): ReferrersIndex {
  const manifests = [...(index?.manifests ?? [])];
  const at = manifests.findIndex((m) => m.digest === descriptor.digest);
  if (at >= 0) manifests[at] = descriptor;
  else manifests.push(descriptor);
  return { ...index, schemaVersion: 2, mediaType: OCI_INDEX, manifests };
}

/** The referrers of one artifact type, or all of them. */
export function filterReferrers(manifests: Descriptor[], artifactType?: string): Descriptor[] {
  return artifactType ? manifests.filter((m) => m.artifactType === artifactType) : [...manifests];
}
