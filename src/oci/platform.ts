/**
 * OCI platforms: parsing, normalising and matching.
 *
 * Docker and the OCI image spec spell the same platform several ways
 * (`linux/arm64` and `linux/arm64/v8`, `linux/arm` and `linux/arm/v7`), so every
 * comparison goes through `normalize` first.
 */
import { foreignCharacter } from './characters';
import { MultiarchError } from './errors';

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

export class PlatformError extends MultiarchError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** What is wrong with a platform's text beyond its shape: a look-alike, invalid UTF-8. */
export function platformTextProblem(value: string): string | undefined {
  return foreignCharacter(value.trim());
}

/**
 * Parses `os/arch[/variant]`. Throws PlatformError naming the value and the
 * expected shape; callers add the input name.
 */
export function parsePlatform(value: string): Platform {
  const raw = value.trim();
  const parts = raw.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    const foreign = platformTextProblem(raw);
    throw new PlatformError(
      `"${raw}" is not a platform${foreign ? ` (${foreign})` : ''}: expected os/arch[/variant] made of lowercase letters, digits, ".", "_" or "-", like linux/amd64 or linux/arm/v7`,
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

/** Operating systems Go (and so Docker and BuildKit) builds for. */
const KNOWN_OS = new Set([
  'linux',
  'windows',
  'darwin',
  'freebsd',
  'netbsd',
  'openbsd',
  'dragonfly',
  'solaris',
  'illumos',
  'aix',
  'android',
  'ios',
  'plan9',
  'js',
  'wasip1',
]);
/** The architectures Go (and so Docker and BuildKit) builds for, as Docker names them. */
export const KNOWN_ARCHITECTURES: readonly string[] = [
  'amd64',
  'arm64',
  'arm',
  '386',
  'ppc64le',
  'ppc64',
  's390x',
  'riscv64',
  'mips64le',
  'mips64',
  'mipsle',
  'mips',
  'loong64',
  'wasm',
];
/** Variants the OCI image spec names, per architecture; others take any. */
const KNOWN_VARIANTS: Record<string, RegExp> = {
  arm: /^v[5-8]$/,
  arm64: /^v8(\.[0-9])?$|^v9(\.[0-9])?$/,
  amd64: /^v[1-4]$/,
};

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  return (d[a.length] as number[])[b.length] as number;
}

function closest(word: string, known: readonly string[]): string | undefined {
  const best = known.map((k) => [k, distance(word, k)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 2 ? best[0] : undefined;
}

/**
 * Why a well-formed platform names nothing that exists (`linux/amd65`), with
 * the likely intended word; undefined for a real one.
 */
export function unknownPlatform(p: Platform): string | undefined {
  const n = normalize(p);
  if (!KNOWN_OS.has(n.os)) {
    const guess = closest(n.os, [...KNOWN_OS]);
    return `"${n.os}" is not an operating system${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  if (!KNOWN_ARCHITECTURES.includes(n.architecture)) {
    const guess = closest(n.architecture, KNOWN_ARCHITECTURES);
    return `"${n.architecture}" is not an architecture${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  const variants = KNOWN_VARIANTS[n.architecture];
  if (n.variant && variants && !variants.test(n.variant))
    return `"${n.variant}" is not a variant of ${n.architecture}`;
  return undefined;
}
