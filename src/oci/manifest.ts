/**
 * Reading what buildx wrote and what the registry holds: the metadata file and
 * the pushed index. Pure parsing only.
 */
import { formatPlatform, isUnknownPlatform, normalize, type Platform } from './platform';
import { DIGEST } from './reference';

export interface BuildMetadata {
  /** Digest of what was pushed or loaded: the index for a multi-platform build. */
  digest?: string;
  imageName?: string;
  raw: Record<string, unknown>;
}

export function parseMetadata(text: string): BuildMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`buildx metadata file is not JSON: ${String(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error('buildx metadata file is not a JSON object');
  }
  const obj = raw as Record<string, unknown>;
  const digest = obj['containerimage.digest'];
  const name = obj['image.name'];
  return {
    digest: typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined,
    imageName: typeof name === 'string' ? name : undefined,
    raw: obj,
  };
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export interface PlatformManifest {
  platform: Platform;
  digest: string;
}

export type ParsedManifest =
  { kind: 'index'; manifests: PlatformManifest[]; attestations: number } | { kind: 'image' };

/**
 * Parses the raw JSON of what a tag or digest points at. For an index, returns
 * one entry per image platform; buildx's `unknown/unknown` attestation entries
 * are counted, not returned.
 */
export function parseManifest(text: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`registry answer is not JSON: ${String(err)}`);
  }
  const obj = (doc ?? {}) as { mediaType?: unknown; manifests?: unknown };
  const isIndex =
    (typeof obj.mediaType === 'string' && INDEX_TYPES.has(obj.mediaType)) ||
    (obj.mediaType === undefined && Array.isArray(obj.manifests));
  if (!isIndex) return { kind: 'image' };
  if (!Array.isArray(obj.manifests)) throw new Error('index has no manifests array');
  const manifests: PlatformManifest[] = [];
  let attestations = 0;
  for (const m of obj.manifests as { digest?: unknown; platform?: Record<string, unknown> }[]) {
    const p = m.platform;
    if (
      typeof m.digest !== 'string' ||
      !p ||
      typeof p.os !== 'string' ||
      typeof p.architecture !== 'string'
    ) {
      continue;
    }
    const platform = {
      os: p.os,
      architecture: p.architecture,
      variant: typeof p.variant === 'string' ? p.variant : undefined,
    };
    if (isUnknownPlatform(platform)) {
      attestations++;
      continue;
    }
    manifests.push({ platform: normalize(platform), digest: m.digest });
  }
  return { kind: 'index', manifests, attestations };
}

/** One source of a merged index, and the platform images it brings. */
export interface SourceInfo {
  ref: string;
  /** An index (a multi-platform or attested build) or a single image. */
  kind: 'index' | 'image';
  platforms: PlatformManifest[];
}

/**
 * Picks the manifest for each wanted platform. Throws naming the platforms the
 * index lacks, and what it has instead.
 */
export function digestsFor(manifests: PlatformManifest[], wanted: Platform[]): Map<string, string> {
  const byPlatform = new Map(manifests.map((m) => [formatPlatform(m.platform), m.digest]));
  const out = new Map<string, string>();
  const lacking: string[] = [];
  for (const p of wanted) {
    const key = formatPlatform(p);
    const d = byPlatform.get(key);
    if (d) out.set(key, d);
    else lacking.push(key);
  }
  if (lacking.length > 0) {
    throw new Error(
      `the pushed index has no image for ${lacking.join(', ')}; it lists ${[...byPlatform.keys()].join(', ') || 'no platforms'}`,
    );
  }
  return out;
}
