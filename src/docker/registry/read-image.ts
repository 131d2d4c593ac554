/**
 * Reading what an image holds through the registry API: its platforms, and
 * what a platform image's config says. The same answers as `imagetools
 * inspect` (imagetools.ts), for a few milliseconds where a buildx process
 * costs a tenth of a second or more. Anything the API client does not
 * handle is left to imagetools, which also words the errors users know;
 * a registry that does not answer in time is not asked twice.
 */
import { log } from '../../runner/log';
import {
  digestsFor,
  parseManifest,
  type ParsedManifest,
  type PlatformManifest,
} from '../../oci/manifest';
import { formatPlatform, normalize, type Platform } from '../../oci/platform';
import { MultiarchError } from '../../runner/errors';
import { digestOf, imageConfig, imagePlatforms, inspectRaw } from '../imagetools';
import { RegistryClient } from './client';
import { behindProxy, resolveRepository, type RegistryRepository } from './endpoint';
import { registryTimeoutMessage } from '../registry-phase';

type ImageConfig = { os?: string; architecture?: string; variant?: string; digest?: string };
type Platforms = { kind: 'index' | 'image'; platforms: PlatformManifest[] };

/** A config blob is small; anything bigger is not one. */
const CONFIG_MAX = 4 * 1024 * 1024;

async function apiConfig(client: RegistryClient, reference: string): Promise<ImageConfig> {
  const manifest = await client.getManifest(reference);
  const config = (manifest?.json as { config?: { digest?: unknown; size?: unknown } } | undefined)
    ?.config;
  if (!manifest || typeof config?.digest !== 'string' || Number(config.size) > CONFIG_MAX)
    throw new Error(`no image config at ${reference}`);
  const image = JSON.parse(new TextDecoder().decode(await client.getBlob(config.digest))) as {
    os?: unknown;
    architecture?: unknown;
    variant?: unknown;
  };
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    os: text(image.os),
    architecture: text(image.architecture),
    variant: text(image.variant),
    digest: manifest.digest,
  };
}

/** What the registry answered for a reference; none is a reason to ask imagetools. */
function found<T>(answer: T | undefined, reference: string): T {
  if (answer === undefined) throw new Error(`no manifest at ${reference}`);
  return answer;
}

/** The manifest or index at a reference, and what it lists. */
async function apiIndex(
  client: RegistryClient,
  reference: string,
): Promise<{ digest: string; parsed: ParsedManifest }> {
  const manifest = found(await client.getManifest(reference), reference);
  return {
    digest: manifest.digest,
    parsed: parseManifest(new TextDecoder().decode(manifest.bytes)),
  };
}

async function apiPlatforms(client: RegistryClient, reference: string): Promise<Platforms> {
  const { digest, parsed } = await apiIndex(client, reference);
  if (parsed.kind === 'index') return { kind: 'index', platforms: parsed.manifests };
  const c = await apiConfig(client, digest);
  if (!c.os || !c.architecture) throw new Error(`no platform in the config of ${reference}`);
  return {
    kind: 'image',
    platforms: [
      {
        platform: normalize({ os: c.os, architecture: c.architecture, variant: c.variant }),
        digest,
      },
    ],
  };
}

/**
 * The API's answer, or imagetools' where the API could not give one. A
 * registry that did not answer in time is not asked again: the bound is
 * registry-timeout for the read as a whole.
 */
async function eitherWay<T>(
  ref: string,
  timeoutMs: number,
  api: (client: RegistryClient, reference: string) => Promise<T>,
  imagetools: () => Promise<T>,
): Promise<T> {
  let repo: RegistryRepository;
  try {
    repo = resolveRepository(ref);
  } catch {
    return imagetools();
  }
  if (behindProxy(repo.origin)) return imagetools();
  log.debug(`Reading ${ref} through the registry API`);
  try {
    // One try: imagetools, which retries by itself, is the way on.
    const client = new RegistryClient(repo, { timeoutMs, attempts: 1 });
    return await api(client, repo.reference ?? 'latest');
  } catch (err) {
    if (err instanceof MultiarchError && err.kind === 'timeout')
      throw new MultiarchError(
        'timeout',
        registryTimeoutMessage({ registry: repo.registry, phase: `reading ${ref}`, timeoutMs }),
        { cause: err },
      );
    return imagetools();
  }
}

/** The image platforms a reference holds: an index's entries, or a single image's own. */
export function readPlatforms(ref: string, timeoutMs: number): Promise<Platforms> {
  return eitherWay(ref, timeoutMs, apiPlatforms, () => imagePlatforms(ref, timeoutMs));
}

/** What a single image's config says its platform is, and its manifest digest. */
export function readConfig(ref: string, timeoutMs: number): Promise<ImageConfig> {
  return eitherWay(ref, timeoutMs, apiConfig, () => imageConfig(ref, timeoutMs));
}

/** The raw manifest or index a reference points at, parsed. */
export function readIndex(ref: string, timeoutMs: number, phase?: string): Promise<ParsedManifest> {
  const api = async (client: RegistryClient, reference: string) =>
    (await apiIndex(client, reference)).parsed;
  return eitherWay(ref, timeoutMs, api, () => inspectRaw(ref, timeoutMs, phase));
}

/** The digest a tag points at in its registry. */
export function readDigest(ref: string, timeoutMs: number, phase?: string): Promise<string> {
  const api = async (client: RegistryClient, reference: string) =>
    found(await client.manifestHead(reference), reference).digest;
  return eitherWay(ref, timeoutMs, api, () => digestOf(ref, timeoutMs, phase));
}

/** Reads the pushed index back from the registry and picks each platform's manifest. */
export async function resolvePlatformDigests(
  repository: string,
  digest: string,
  platforms: Platform[],
  timeoutMs: number,
): Promise<Map<string, string>> {
  const ref = `${repository}@${digest}`;
  const parsed = await readIndex(ref, timeoutMs, `reading back ${ref}`);
  if (parsed.kind === 'image') {
    // A single-platform push without attestations is a plain manifest.
    if (platforms.length !== 1)
      throw new Error(`${ref} is a single image, not an index of ${platforms.length} platforms`);
    return new Map([[formatPlatform(platforms[0] as Platform), digest]]);
  }
  log.info(
    `${ref}: ${parsed.manifests.map((m) => `${formatPlatform(m.platform)} ${m.digest}`).join(', ')}` +
      (parsed.attestations ? ` (+${parsed.attestations} attestation manifests, skipped)` : ''),
  );
  return digestsFor(parsed.manifests, platforms);
}
