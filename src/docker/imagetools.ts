/**
 * Reading image indexes from a registry with `docker buildx imagetools`, which
 * understands indexes and attestations, uses the engine's registry logins and
 * reaches plain-http registries on 127.0.0.1. Each call is one registry phase
 * (registry-phase.ts): transient failures are retried, all of it within
 * registry-timeout.
 */
import { parseManifest, type ParsedManifest, type PlatformManifest } from '../oci/manifest';
import { CommandError, tail } from './exec';
import { phaseOf, registryCall, registryOf } from './registry-phase';
import { normalize } from '../oci/platform';

export { isTransient } from './registry-phase';

/** One index from several sources; imagetools keeps each source's attestations. */
export function imagetoolsCreateArgs(
  tags: string[],
  refs: string[],
  annotations: string[] = [],
): string[] {
  return [
    'docker',
    'buildx',
    'imagetools',
    'create',
    ...annotations.flatMap((a) => ['--annotation', a]),
    ...tags.flatMap((t) => ['--tag', t]),
    ...refs,
  ];
}

/** Every registry the references name, once, for an error about them all. Pure. */
export function registriesOf(refs: string[]): string | undefined {
  const found = [...new Set(refs.flatMap((r) => registryOf(r) ?? []))];
  return found.length > 0 ? found.join(', ') : undefined;
}

/**
 * Pushes one index made of `refs` under `tags`, within registry-timeout.
 * Retrying is safe: the same sources make the same index, and a tag written
 * twice points at the same digest.
 */
export async function createIndex(
  tags: string[],
  refs: string[],
  annotations: string[],
  timeoutMs: number,
): Promise<void> {
  const res = await registryCall(imagetoolsCreateArgs(tags, refs, annotations), {
    registry: registriesOf(tags),
    phase: `writing the index ${tags.join(', ')}`,
    timeoutMs,
  });
  if (res.exitCode !== 0) {
    throw new CommandError(
      `could not push the index ${tags.join(', ')}: ${tail(res.output, 3) || `exit ${res.exitCode}`}`,
      res,
    );
  }
}

/** A registry read of `ref`, the last argument, within registry-timeout. */
async function read(argv: string[], timeoutMs: number, phase?: string): Promise<string> {
  const what = argv[argv.length - 1] as string;
  const res = await registryCall(argv, phaseOf(phase ?? `reading ${what}`, what, timeoutMs));
  if (res.exitCode !== 0) {
    throw new CommandError(
      `cannot read ${what}: ${tail(res.output, 3) || `exit ${res.exitCode}`}`,
      res,
    );
  }
  return res.stdout;
}

/** The config digest of a single image's manifest (the local image ID of what was pushed). */
export async function configDigestOf(
  ref: string,
  timeoutMs: number,
  phase?: string,
): Promise<string | undefined> {
  const doc = JSON.parse(
    await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], timeoutMs, phase),
  ) as { config?: { digest?: unknown } };
  return typeof doc.config?.digest === 'string' ? doc.config.digest : undefined;
}

/** The raw manifest or index a reference points at, parsed. */
export async function inspectRaw(
  ref: string,
  timeoutMs: number,
  phase?: string,
): Promise<ParsedManifest> {
  return parseManifest(
    await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], timeoutMs, phase),
  );
}

/** What a single image's config says its platform is, and its manifest digest. */
export async function imageConfig(
  ref: string,
  timeoutMs: number,
): Promise<{ os?: string; architecture?: string; variant?: string; digest?: string }> {
  const format = '{"manifest":{{json .Manifest}},"image":{{json .Image}}}';
  const doc = JSON.parse(
    await read(['docker', 'buildx', 'imagetools', 'inspect', '--format', format, ref], timeoutMs),
  ) as {
    manifest?: { digest?: string };
    image?: { os?: string; architecture?: string; variant?: string };
  };
  return { ...doc.image, digest: doc.manifest?.digest };
}

/**
 * The image platforms a reference holds: an index's entries, or for a single
 * image the platform its config names (its manifest does not say).
 */
export async function imagePlatforms(
  ref: string,
  timeoutMs: number,
): Promise<{ kind: 'index' | 'image'; platforms: PlatformManifest[] }> {
  const parsed = await inspectRaw(ref, timeoutMs);
  if (parsed.kind === 'index') return { kind: 'index', platforms: parsed.manifests };
  const c = await imageConfig(ref, timeoutMs);
  if (!c.digest || !c.os || !c.architecture)
    throw new Error(`could not read the platform of ${ref}`);
  return {
    kind: 'image',
    platforms: [
      {
        platform: normalize({ os: c.os, architecture: c.architecture, variant: c.variant }),
        digest: c.digest,
      },
    ],
  };
}

/** The digest a tag points at in its registry. */
export async function digestOf(ref: string, timeoutMs: number, phase?: string): Promise<string> {
  const out = await read(
    ['docker', 'buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref],
    timeoutMs,
    phase,
  );
  const digest = (JSON.parse(out) as { digest?: unknown }).digest;
  if (typeof digest !== 'string')
    throw new Error(`could not read the digest of ${ref}: ${out.slice(0, 200)}`);
  return digest;
}
