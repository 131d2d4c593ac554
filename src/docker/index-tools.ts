/**
 * The two ways to assemble an index: `docker buildx imagetools` (keeps
 * attestations, accepts sources that are indexes) and the classic
 * `docker manifest create / annotate / push` recipe (single-platform sources
 * only), for runners without buildx.
 */
import { formatPlatform, isUnknownPlatform, normalize, type Platform } from '../oci/platform';
import { exec } from './exec';
import { parseManifest, type SourceInfo } from '../oci/manifest';
import { createIndex, digestOf, imagePlatforms, inspectRaw } from './imagetools';
import { parseImageRef } from '../oci/reference';

const TIMEOUT_MS = 5 * 60_000;

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

export const imagetools: MergeTool = {
  name: 'imagetools',
  async inspect(ref) {
    return { ref, ...(await imagePlatforms(ref)) };
  },
  async create(tags, sources, annotations) {
    await createIndex(
      tags,
      sources.map((s) => s.ref),
      annotations,
    );
    return digestOf(tags[0] as string);
  },
  async platformsAt(tag) {
    const parsed = await inspectRaw(tag);
    return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
  },
};

// ---------------------------------------------------------------- docker manifest

export const manifestTool: MergeTool = {
  name: 'manifest',
  async inspect(ref) {
    const res = await exec(
      ['docker', 'manifest', 'inspect', ...insecureFlag(ref), '--verbose', ref],
      { timeoutMs: TIMEOUT_MS },
    );
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
        timeoutMs: TIMEOUT_MS,
      });
      for (const argv of manifestRecipe(tag, parts)) {
        const res = await exec(argv, { timeoutMs: TIMEOUT_MS });
        // push prints a line per manifest it copied, then the list's own digest.
        const pushed = res.stdout.match(/sha256:[0-9a-f]{64}/g);
        if (argv[2] === 'push' && pushed) digest = pushed[pushed.length - 1] as string;
      }
    }
    if (!digest)
      throw new Error('docker manifest push did not print the digest of the pushed list');
    return digest;
  },
  async platformsAt(tag) {
    const res = await exec(['docker', 'manifest', 'inspect', ...insecureFlag(tag), tag], {
      timeoutMs: TIMEOUT_MS,
      quiet: true,
    });
    const parsed = parseManifest(res.stdout);
    return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
  },
};

export async function pickTool(requested: 'auto' | 'imagetools' | 'manifest'): Promise<MergeTool> {
  if (requested === 'imagetools') return imagetools;
  if (requested === 'manifest') return manifestTool;
  const buildx = await exec(['docker', 'buildx', 'version'], {
    allowFailure: true,
    quiet: true,
    timeoutMs: 30_000,
  });
  return buildx.exitCode === 0 ? imagetools : manifestTool;
}

export function describePlatforms(sources: SourceInfo[]): string {
  return sources
    .map(
      (s) =>
        `${s.ref}: ${s.platforms.map((m) => formatPlatform(m.platform)).join(', ') || 'no platforms'}`,
    )
    .join('\n');
}
