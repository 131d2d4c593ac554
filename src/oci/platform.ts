/**
 * OCI platforms: parsing, normalising and matching.
 *
 * Docker and the OCI image spec spell the same platform several ways
 * (`linux/arm64` and `linux/arm64/v8`, `linux/arm` and `linux/arm/v7`), so every
 * comparison goes through `normalize` first.
 */

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

// Only lowercase letters, digits and a few separators: a platform is also used
// in container names and file names, so nothing else may get through.
const PART = /^[a-z0-9][a-z0-9._-]*$/;

/** Default variants that the OCI spec lets a manifest leave out. */
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' };

/** Architecture aliases people type that Docker does not use. */
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  i386: '386',
  i686: '386',
};

export class PlatformError extends Error {}

/**
 * Parses `os/arch[/variant]`. Throws PlatformError naming the value and the
 * expected shape; callers add the input name.
 */
export function parsePlatform(value: string): Platform {
  const raw = value.trim();
  const parts = raw.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw new PlatformError(
      `"${raw}" is not a platform: expected os/arch[/variant] made of lowercase letters, digits, ".", "_" or "-", like linux/amd64 or linux/arm/v7`,
    );
  }
  const [os, arch, variant] = parts as [string, string, string | undefined];
  return normalize({ os, architecture: arch, variant });
}

/** Canonical form: aliases resolved, default variants dropped. */
export function normalize(p: Platform): Platform {
  const architecture = ARCH_ALIASES[p.architecture] ?? p.architecture;
  let variant = p.variant || undefined;
  if (variant && DEFAULT_VARIANT[architecture] === variant) variant = undefined;
  return variant ? { os: p.os, architecture, variant } : { os: p.os, architecture };
}

export function formatPlatform(p: Platform): string {
  const n = normalize(p);
  return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}

/** True when both name the same platform: `arm64` ≡ `arm64/v8`, `arm/v7` ≠ `arm/v6`. */
export function samePlatform(a: Platform, b: Platform): boolean {
  return formatPlatform(a) === formatPlatform(b);
}

/** Attestation manifests in a buildx index carry this platform; they are not images. */
export function isUnknownPlatform(p: Partial<Platform>): boolean {
  return p.os === 'unknown' || p.architecture === 'unknown';
}

/** A string safe to use inside file and container names: `linux-arm-v7`. */
export function platformSlug(p: Platform): string {
  return formatPlatform(p).replace(/\//g, '-');
}
