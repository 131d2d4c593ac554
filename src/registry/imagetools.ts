/**
 * Reading and writing image indexes in a registry with `docker buildx
 * imagetools`, which understands indexes, attestations and plain-http
 * registries on 127.0.0.1.
 */
import * as core from '@actions/core';
import { digestsFor, parseManifest, type ParsedManifest } from '../buildx/manifest';
import { exec } from '../exec';
import { formatPlatform, type Platform } from '../platform';

const INSPECT_TIMEOUT_MS = 60_000;

/** The raw manifest or index a reference points at, parsed. */
export async function inspectRaw(ref: string): Promise<ParsedManifest> {
  const res = await exec(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], {
    timeoutMs: INSPECT_TIMEOUT_MS,
  });
  return parseManifest(res.stdout);
}

/** The digest a tag points at in its registry. */
export async function digestOf(ref: string): Promise<string> {
  const res = await exec(
    ['docker', 'buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref],
    {
      timeoutMs: INSPECT_TIMEOUT_MS,
      quiet: true,
    },
  );
  const digest = (JSON.parse(res.stdout) as { digest?: unknown }).digest;
  if (typeof digest !== 'string')
    throw new Error(`could not read the digest of ${ref}: ${res.stdout.slice(0, 200)}`);
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
