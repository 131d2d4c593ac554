/**
 * The two ways to assemble an index: `docker buildx imagetools` (keeps
 * attestations, accepts sources that are indexes) and the classic
 * `docker manifest create / annotate / push` recipe (single-platform sources
 * only), for runners without buildx.
 */
import { formatPlatform, isUnknownPlatform, normalize, type Platform } from '../oci/platform';
import { exec, tail } from './exec';
import { parseManifest, type SourceInfo } from '../oci/manifest';
import { createIndex, registriesOf } from './imagetools';
import { readDigest, readIndex, readPlatforms } from './registry/read-image';
import { parseImageRef } from '../oci/reference';
import { phaseOf, registryCall, type RegistryPhase } from './registry-phase';

const LOCAL_TIMEOUT_MS = 60_000;

export interface MergeTool {
  name: 'imagetools' | 'manifest';
  inspect(ref: string): Promise<SourceInfo>;
  /** Pushes one index listing every source's platforms under every tag; returns its digest. */
  create(tags: string[], sources: SourceInfo[], annotations: string[]): Promise<string>;
  /** The platforms the registry now lists under a tag. */
  platformsAt(tag: string): Promise<Platform[]>;
}

// ---------------------------------------------------------------- argv (pure)

/** Plain-http registries on loopback need --insecure with `docker manifest`. */
export function insecureFlag(ref: string): string[] {
  const domain = parseImageRef(ref).domain ?? '';
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(domain) ? ['--insecure'] : [];
}

export function manifestRecipe(
  tag: string,
  sources: { ref: string; platform: Platform }[],
): string[][] {
  const insecure = insecureFlag(tag);
  return [
    ['docker', 'manifest', 'create', ...insecure, tag, ...sources.map((s) => s.ref)],
    ...sources.map(({ ref, platform }) => {
      const p = normalize(platform);
      return [
        'docker',
        'manifest',
        'annotate',
        tag,
        ref,
        '--os',
        p.os,
        '--arch',
        p.architecture,
        ...(p.variant ? ['--variant', p.variant] : []),
      ];
    }),
    // --purge drops the local copy: reading the tag back then asks the registry.
    ['docker', 'manifest', 'push', '--purge', ...insecure, tag],
  ];
}

// ---------------------------------------------------------------- imagetools

interface Descriptor {
  digest?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
}

/** imagetools, every registry phase bounded by registry-timeout. */
export const imagetools = (timeoutMs: number): MergeTool => ({
  name: 'imagetools',
  async inspect(ref) {
    return { ref, ...(await readPlatforms(ref, timeoutMs)) };
  },
  async create(tags, sources, annotations) {
    await createIndex(
      tags,
      sources.map((s) => s.ref),
      annotations,
      timeoutMs,
    );
    return readDigest(tags[0] as string, timeoutMs, `reading back ${tags[0]}`);
  },
  async platformsAt(tag) {
    const parsed = await readIndex(tag, timeoutMs, `reading back ${tag}`);
    return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
  },
});

/**
 * Which steps of the docker manifest recipe talk to a registry (create reads
 * the sources, push writes the list), and the phase each is: undefined for
 * the local ones (annotate). Pure.
 */
export function manifestPhase(argv: string[], timeoutMs: number): RegistryPhase | undefined {
  const ref = argv[argv.length - 1] as string;
  if (argv[2] === 'push') return phaseOf(`pushing the list ${ref}`, ref, timeoutMs);
  if (argv[2] === 'create') {
    const [list, ...sources] = argv.slice(3).filter((a) => !a.startsWith('-'));
    return {
      registry: registriesOf(sources),
      phase: `reading the sources of ${list} (${sources.join(', ')})`,
      timeoutMs,
    };
  }
  return undefined;
}

/** One step of the recipe: a registry phase within registry-timeout, or a local command. */
async function recipeStep(argv: string[], timeoutMs: number): Promise<string> {
  const phase = manifestPhase(argv, timeoutMs);
  if (!phase) return (await exec(argv, { timeoutMs: LOCAL_TIMEOUT_MS })).stdout;
  // Not retried: create amends the local list, so a second try is not the first.
  const res = await registryCall(argv, phase, { attempts: 1 });
  if (res.exitCode !== 0)
    throw new Error(`${phase.phase} failed (exit ${res.exitCode}): ${tail(res.output, 3)}`);
  return res.stdout;
}

// ---------------------------------------------------------------- docker manifest

/** docker manifest, every registry phase bounded by registry-timeout. */
export const manifestTool = (timeoutMs: number): MergeTool => ({
  name: 'manifest',
  async inspect(ref) {
    const res = await registryCall(
      ['docker', 'manifest', 'inspect', ...insecureFlag(ref), '--verbose', ref],
      phaseOf(`reading ${ref}`, ref, timeoutMs),
    );
    if (res.exitCode !== 0) throw new Error(`cannot read ${ref}: ${tail(res.output, 3)}`);
    const doc = JSON.parse(res.stdout) as
      { Descriptor?: Descriptor } | { Descriptor?: Descriptor }[];
    if (Array.isArray(doc)) {
      const platforms = doc
        .map((d) => d.Descriptor)
        .filter((d): d is Required<Descriptor> =>
          Boolean(d?.digest && d.platform?.os && d.platform.architecture),
        )
        .filter(
          (d) => !isUnknownPlatform({ os: d.platform.os, architecture: d.platform.architecture }),
        )
        .map((d) => ({
          platform: normalize({
            os: d.platform.os ?? '',
            architecture: d.platform.architecture ?? '',
            variant: d.platform.variant,
          }),
          digest: d.digest,
        }));
      return { ref, kind: 'index', platforms };
    }
    const d = doc.Descriptor;
    if (!d?.digest || !d.platform?.os || !d.platform.architecture)
      throw new Error(`could not read the platform of ${ref}`);
    return {
      ref,
      kind: 'image',
      platforms: [
        {
          platform: normalize({
            os: d.platform.os,
            architecture: d.platform.architecture,
            variant: d.platform.variant,
          }),
          digest: d.digest,
        },
      ],
    };
  },
  async create(tags, sources, annotations) {
    if (annotations.length > 0)
      throw new Error(
        'annotations need imagetools (docker buildx); the docker manifest recipe cannot set them',
      );
    const lists = sources.filter((s) => s.kind === 'index');
    if (lists.length > 0) {
      throw new Error(
        `docker manifest only merges single-platform images, and ${lists.map((s) => s.ref).join(', ')} ${lists.length === 1 ? 'is an index' : 'are indexes'} ("is a manifest list"): buildx's default provenance makes every build one. Install buildx to use imagetools, or build the sources with provenance: false.`,
      );
    }
    const parts = sources.map((s) => ({
      ref: s.ref,
      platform: (s.platforms[0] as SourceInfo['platforms'][number]).platform,
    }));
    let digest = '';
    for (const tag of tags) {
      // A list left in the local manifest store from an earlier run would be amended, not replaced.
      await exec(['docker', 'manifest', 'rm', tag], {
        allowFailure: true,
        quiet: true,
        timeoutMs: LOCAL_TIMEOUT_MS,
      });
      for (const argv of manifestRecipe(tag, parts)) {
        const stdout = await recipeStep(argv, timeoutMs);
        // push prints a line per manifest it copied, then the list's own digest.
        const pushed = stdout.match(/sha256:[0-9a-f]{64}/g);
        if (argv[2] === 'push' && pushed) digest = pushed[pushed.length - 1] as string;
      }
    }
    if (!digest)
      throw new Error('docker manifest push did not print the digest of the pushed list');
    return digest;
  },
  async platformsAt(tag) {
    const res = await registryCall(
      ['docker', 'manifest', 'inspect', ...insecureFlag(tag), tag],
      phaseOf(`reading back ${tag}`, tag, timeoutMs),
      { quiet: true },
    );
    if (res.exitCode !== 0) throw new Error(`cannot read ${tag}: ${tail(res.output, 3)}`);
    const parsed = parseManifest(res.stdout);
    return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
  },
});

/**
 * The merge tool asked for (auto: imagetools when buildx is there), its
 * registry phases bounded by registry-timeout. `listedBuildx`: the buildx
 * `docker info` already listed as working; asked for only when there is none.
 */
export async function pickTool(
  requested: 'auto' | 'imagetools' | 'manifest',
  registryTimeoutMs: number,
  listedBuildx?: string,
): Promise<MergeTool> {
  if (requested === 'imagetools') return imagetools(registryTimeoutMs);
  if (requested === 'manifest') return manifestTool(registryTimeoutMs);
  if (listedBuildx) return imagetools(registryTimeoutMs);
  const buildx = await exec(['docker', 'buildx', 'version'], {
    allowFailure: true,
    quiet: true,
    timeoutMs: 30_000,
  });
  return buildx.exitCode === 0 ? imagetools(registryTimeoutMs) : manifestTool(registryTimeoutMs);
}

export function describePlatforms(sources: SourceInfo[]): string {
  return sources
    .map(
      (s) =>
        `${s.ref}: ${s.platforms.map((m) => formatPlatform(m.platform)).join(', ') || 'no platforms'}`,
    )
    .join('\n');
}
