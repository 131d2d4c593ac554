/**
 * What a registry says about an image, per platform: is the platform in the
 * index, and does that image's own config agree.
 */
import type { PlatformManifest } from '../../oci/manifest';
import { formatPlatform, normalize, samePlatform, type Platform } from '../../oci/platform';
import { parseImageRef, ImageReferenceError, repository } from '../../oci/reference';
import { readConfig, readPlatforms } from '../../docker/registry/read-image';
import { DEFAULT_REGISTRY_TIMEOUT_MS } from '../../engine/request';
import { errorMessage } from '../../runner/errors';
import { testedVerdict } from '../../verify/attestation/read';
import type { TestedVerdict } from '../../verify/attestation/judge';

export interface PlatformFacts {
  platform: Platform;
  /** The platform's manifest digest, when the image has the platform. */
  digest?: string;
  ok: boolean;
  reason: string;
}

export interface ImageFacts {
  ref: string;
  /** Set when the image could not be read at all. */
  error?: string;
  platforms: PlatformFacts[];
}

/** Judges one platform from what the index lists and what its config says. Pure. */
export function judgePlatform(
  p: Platform,
  listed: PlatformManifest[],
  config: { os?: string; architecture?: string; variant?: string } | undefined,
): PlatformFacts {
  const name = formatPlatform(p);
  const entry = listed.find((m) => samePlatform(m.platform, p));
  if (!entry) {
    const has = listed.map((m) => formatPlatform(m.platform)).join(', ') || 'nothing';
    return { platform: p, ok: false, reason: `no ${name} in the index (it lists ${has})` };
  }
  if (config?.os && config.architecture) {
    const said = normalize({
      os: config.os,
      architecture: config.architecture,
      variant: config.variant,
    });
    if (!samePlatform(said, p)) {
      return {
        platform: p,
        digest: entry.digest,
        ok: false,
        reason: `the ${name} entry's config says ${formatPlatform(said)}`,
      };
    }
  }
  return { platform: p, digest: entry.digest, ok: true, reason: `${name} in the index` };
}

/** How an image is read from its registry; the docker CLI by default, a stand-in in tests. */
export interface Registry {
  platforms(ref: string): Promise<{ platforms: PlatformManifest[] }>;
  config(ref: string): Promise<{ os?: string; architecture?: string; variant?: string }>;
  /** Whether a PASSED test-result attestation names this platform's manifest (require-tested). */
  tested(repository: string, platform: string, digest: string): Promise<TestedVerdict>;
}

/** The registry API, or the docker CLI where that cannot answer; each read bounded by registry-timeout. */
export function dockerRegistry(timeoutMs: number): Registry {
  return {
    platforms: (ref) => readPlatforms(ref, timeoutMs),
    config: (ref) => readConfig(ref, timeoutMs),
    tested: (repo, platform, digest) => testedVerdict(repo, platform, digest, timeoutMs),
  };
}

const DOCKER: Registry = dockerRegistry(DEFAULT_REGISTRY_TIMEOUT_MS);

export async function inspectImage(
  ref: string,
  wanted: Platform[],
  registry: Registry = DOCKER,
): Promise<ImageFacts> {
  return new ImageCache(registry).get(ref, wanted);
}

/**
 * Reads each image's platform list once, and each platform's config once,
 * however often and for whichever platforms it is asked. Every platform is
 * judged on its own: a config that cannot be read spoils only its platform.
 */
export class ImageCache {
  private readonly listings = new Map<string, Promise<PlatformManifest[]>>();
  private readonly configs = new Map<string, Promise<Awaited<ReturnType<Registry['config']>>>>();
  private readonly verdicts = new Map<string, Promise<TestedVerdict>>();

  constructor(private readonly registry: Registry = DOCKER) {}

  async get(ref: string, wanted: Platform[]): Promise<ImageFacts> {
    // References from Dockerfiles and YAML in a pull request are untrusted:
    // nothing that is not an image reference reaches a command line.
    let repo: string;
    try {
      repo = repository(parseImageRef(ref));
    } catch (err) {
      if (err instanceof ImageReferenceError) return { ref, error: err.message, platforms: [] };
      throw err;
    }
    let listing = this.listings.get(ref);
    if (!listing) {
      listing = this.registry.platforms(ref).then((r) => r.platforms);
      this.listings.set(ref, listing);
    }
    let listed: PlatformManifest[];
    try {
      listed = await listing;
    } catch (err) {
      return { ref, error: errorMessage(err), platforms: [] };
    }
    const platforms = await Promise.all(
      wanted.map(async (p) => {
        const entry = listed.find((m) => samePlatform(m.platform, p));
        // An entry's config is read only for the platforms asked about.
        const config = entry
          ? await this.config(`${repo}@${entry.digest}`).catch(() => undefined)
          : undefined;
        return judgePlatform(p, listed, config);
      }),
    );
    return { ref, platforms };
  }

  /** require-tested's verdict on one platform manifest of `ref`, asked once. */
  tested(ref: string, platform: Platform, digest: string): Promise<TestedVerdict> {
    const repo = repository(parseImageRef(ref));
    const key = `${repo}@${digest} ${formatPlatform(platform)}`;
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = this.registry.tested(repo, formatPlatform(platform), digest);
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  private config(ref: string): ReturnType<Registry['config']> {
    let config = this.configs.get(ref);
    if (!config) {
      config = this.registry.config(ref);
      this.configs.set(ref, config);
    }
    return config;
  }
}
