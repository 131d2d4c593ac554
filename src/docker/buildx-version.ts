/**
 * Which buildx this run needs, and what the installed one is. Pure.
 *
 * The action relies on `imagetools`, `--metadata-file` with the index digest,
 * and push-by-digest outputs: all there and reliable from buildx 0.10.
 */
export const MIN_BUILDX = '0.10.0';
/** Installed when buildx is missing or too old and no buildx-version is given. */
export const DEFAULT_BUILDX_VERSION = 'v0.13.1';
export const DEFAULT_BUILDX_DOWNLOAD_URL = 'https://github.com/docker/buildx/releases/download';

/** `github.com/docker/buildx 0.13.1+ds1-3 …` or `… v0.13.1 29f2…` → 0.13.1. */
export function parseBuildxVersion(output: string): string | undefined {
  const m = /\bv?(\d+\.\d+\.\d+)/.exec(output);
  return m?.[1];
}

export function compareVersions(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.+-]/).map(Number);
  const pb = b.replace(/^v/, '').split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `v0.13.1` as buildx's releases name it; the input may omit the v. */
export function releaseTag(version: string): string {
  return version.startsWith('v') ? version : `v${version}`;
}

/** The release asset for this machine: buildx-v0.13.1.linux-amd64. */
export function assetName(version: string, arch: string): string {
  const goArch = (
    {
      x64: 'amd64',
      arm64: 'arm64',
      arm: 'arm-v7',
      ppc64: 'ppc64le',
      s390x: 's390x',
      riscv64: 'riscv64',
    } as Record<string, string>
  )[arch];
  if (!goArch) throw new Error(`no buildx release for this machine's architecture (${arch})`);
  return `buildx-${releaseTag(version)}.linux-${goArch}`;
}

/** The sha256 checksums.txt lists for an asset. */
export function checksumFor(checksums: string, asset: string): string | undefined {
  for (const line of checksums.split('\n')) {
    const [sum, name] = line.trim().split(/\s+\*?/);
    if (name === asset && sum && /^[0-9a-f]{64}$/.test(sum)) return sum;
  }
  return undefined;
}

export type BuildxNeed =
  { install: false; reason: string } | { install: true; version: string; reason: string };

/** Decides whether to install a buildx for this run, from the input and what is installed. */
export function buildxNeed(
  requested: string | undefined,
  installed: string | undefined,
): BuildxNeed {
  if (requested) {
    if (installed && compareVersions(installed, requested) === 0)
      return { install: false, reason: `buildx ${installed} is the requested version` };
    return {
      install: true,
      version: releaseTag(requested),
      reason: `buildx-version ${requested} is requested (installed: ${installed ?? 'none'})`,
    };
  }
  if (!installed)
    return { install: true, version: DEFAULT_BUILDX_VERSION, reason: 'buildx is not installed' };
  if (compareVersions(installed, MIN_BUILDX) < 0)
    return {
      install: true,
      version: DEFAULT_BUILDX_VERSION,
      reason: `buildx ${installed} is older than ${MIN_BUILDX}, the oldest this action works with`,
    };
  return { install: false, reason: `buildx ${installed}` };
}
