/**
 * What a registry says about an image, per platform: is the platform in the
 * index, and does that image's own config agree.
 */
import type { PlatformManifest } from '../../oci/manifest';
import { formatPlatform, normalize, samePlatform, type Platform } from '../../oci/platform';
import { parseImageRef, ReferenceError, repository } from '../../oci/reference';
import { imageConfig, imagePlatforms } from '../../docker/imagetools';
import { errorMessage } from '../../runner/errors';

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

export async function inspectImage(ref: string, wanted: Platform[]): Promise<ImageFacts> {
  let listed: PlatformManifest[];
  try {
    listed = (await imagePlatforms(ref)).platforms;
  } catch (err) {
    return { ref, error: errorMessage(err), platforms: [] };
  }
  const repo = repository(parseImageRef(ref));
  const platforms = await Promise.all(
    wanted.map(async (p) => {
      const entry = listed.find((m) => samePlatform(m.platform, p));
      // An entry's config is read only for the platforms asked about.
      const config = entry
        ? await imageConfig(`${repo}@${entry.digest}`).catch(() => undefined)
        : undefined;
      return judgePlatform(p, listed, config);
    }),
  );
  return { ref, platforms };
}

/** Inspects each image once per platform set, however often it is asked for. */
export class ImageCache {
  private readonly seen = new Map<string, Promise<ImageFacts>>();
  get(ref: string, wanted: Platform[]): Promise<ImageFacts> {
    // References from Dockerfiles and YAML in a pull request are untrusted:
    // nothing that is not an image reference reaches a command line.
    try {
      parseImageRef(ref);
    } catch (err) {
      if (err instanceof ReferenceError)
        return Promise.resolve({ ref, error: err.message, platforms: [] });
      throw err;
    }
    const key = `${ref} ${wanted.map(formatPlatform).sort().join(',')}`;
    let facts = this.seen.get(key);
    if (!facts) {
      facts = inspectImage(ref, wanted);
      this.seen.set(key, facts);
    }
    return facts;
  }
}
