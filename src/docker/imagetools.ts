/**
 * Reading image indexes from a registry with `docker buildx imagetools`, which
 * understands indexes and attestations, uses the engine's registry logins and
 * reaches plain-http registries on 127.0.0.1. Transient failures are retried a
 * bounded number of times.
 */
import * as core from '@actions/core';
import {
  digestsFor,
  parseManifest,
  type ParsedManifest,
  type PlatformManifest,
} from '../oci/manifest';
import { CommandError, exec, tail, type ExecResult } from './exec';
import { formatPlatform, normalize, type Platform } from '../oci/platform';

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

const INSPECT_TIMEOUT_MS = 60_000;
const ATTEMPTS = 3;

/** Errors worth another try: the network or the registry hiccuped, not a missing image or a refused login. */
export function isTransient(output: string): boolean {
  if (/not found|unknown manifest|unauthorized|denied|forbidden|invalid reference/i.test(output))
    return false;
  return /timeout|timed out|connection reset|connection refused|EOF|TLS handshake|temporar|\b50[0234]\b|too many requests|\b429\b/i.test(
    output,
  );
}

/** Runs a registry read, retrying transient failures after 1 s and 2 s. Never throws for a failed command. */
export async function withRetries(
  argv: string[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  timeoutMs = INSPECT_TIMEOUT_MS,
): Promise<ExecResult> {
  let last: ExecResult | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    last = await exec(argv, {
      timeoutMs,
      allowFailure: true,
      quiet: attempt > 1,
    });
    if (last.exitCode === 0 && !last.timedOut) return last;
    if (!last.timedOut && !isTransient(last.output)) break;
    if (attempt < ATTEMPTS) await sleep(1000 * 2 ** (attempt - 1));
  }
  return last as ExecResult;
}

const CREATE_TIMEOUT_MS = 5 * 60_000;

/**
 * Pushes one index made of `refs` under `tags`. Retrying is safe: the same
 * sources make the same index, and a tag written twice points at the same
 * digest.
 */
export async function createIndex(
  tags: string[],
  refs: string[],
  annotations: string[] = [],
): Promise<void> {
  const res = await withRetries(
    imagetoolsCreateArgs(tags, refs, annotations),
    undefined,
    CREATE_TIMEOUT_MS,
  );
  if (res.exitCode !== 0 || res.timedOut) {
    const why = res.timedOut
      ? `no answer within ${CREATE_TIMEOUT_MS / 1000} s`
      : tail(res.output, 3) || `exit ${res.exitCode}`;
    throw new CommandError(`could not push the index ${tags.join(', ')}: ${why}`, res);
  }
}

async function read(argv: string[]): Promise<string> {
  const res = await withRetries(argv);
  if (res.exitCode !== 0 || res.timedOut) {
    const what = argv[argv.length - 1];
    throw new CommandError(
      `cannot read ${what}: ${tail(res.output, 3) || `exit ${res.exitCode}`}`,
      res,
    );
  }
  return res.stdout;
}

/** The config digest of a single image's manifest (the local image ID of what was pushed). */
export async function configDigestOf(ref: string): Promise<string | undefined> {
  const doc = JSON.parse(
    await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref]),
  ) as { config?: { digest?: unknown } };
  return typeof doc.config?.digest === 'string' ? doc.config.digest : undefined;
}

/** The raw manifest or index a reference points at, parsed. */
export async function inspectRaw(ref: string): Promise<ParsedManifest> {
  return parseManifest(await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref]));
}

/** What a single image's config says its platform is, and its manifest digest. */
export async function imageConfig(
  ref: string,
): Promise<{ os?: string; architecture?: string; variant?: string; digest?: string }> {
  const format = '{"manifest":{{json .Manifest}},"image":{{json .Image}}}';
  const doc = JSON.parse(
    await read(['docker', 'buildx', 'imagetools', 'inspect', '--format', format, ref]),
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
): Promise<{ kind: 'index' | 'image'; platforms: PlatformManifest[] }> {
  const parsed = await inspectRaw(ref);
  if (parsed.kind === 'index') return { kind: 'index', platforms: parsed.manifests };
  const c = await imageConfig(ref);
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
export async function digestOf(ref: string): Promise<string> {
  const out = await read([
    'docker',
    'buildx',
    'imagetools',
    'inspect',
    '--format',
    '{{json .Manifest}}',
    ref,
  ]);
  const digest = (JSON.parse(out) as { digest?: unknown }).digest;
  if (typeof digest !== 'string')
    throw new Error(`could not read the digest of ${ref}: ${out.slice(0, 200)}`);
  return digest;
}

/** Reads the pushed index back from the registry and picks each platform's manifest. */
export async function resolvePlatformDigests(
  repository: string,
  digest: string,
  platforms: Platform[],
): Promise<Map<string, string>> {
  const ref = `${repository}@${digest}`;
  const parsed = await inspectRaw(ref);
  if (parsed.kind === 'image') {
    // A single-platform push without attestations is a plain manifest.
    if (platforms.length !== 1)
      throw new Error(`${ref} is a single image, not an index of ${platforms.length} platforms`);
    return new Map([[formatPlatform(platforms[0] as Platform), digest]]);
  }
  core.info(
    `${ref}: ${parsed.manifests.map((m) => `${formatPlatform(m.platform)} ${m.digest}`).join(', ')}` +
      (parsed.attestations ? ` (+${parsed.attestations} attestation manifests, skipped)` : ''),
  );
  return digestsFor(parsed.manifests, platforms);
}
