/** Runs the planned builds and learns what they produced. */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { exec } from '../exec';
import type { BuildStep, Plan } from '../plan';
import { formatPlatform, platformSlug, type Platform } from '../platform';
import { digestsFor, parseManifest, parseMetadata, type BuildMetadata } from './manifest';

const INSPECT_TIMEOUT_MS = 60_000;

export interface BuildOutcome {
  /** Index (or single manifest) digest of a push. */
  digest?: string;
  metadata: Record<string, unknown>;
  /** Per-platform manifest digests of a push. */
  platformDigests: Map<string, string>;
}

async function runStep(step: BuildStep, stream: boolean): Promise<BuildMetadata> {
  const res = await exec(step.argv, { stream, allowFailure: true });
  if (res.exitCode !== 0) {
    if (!stream) core.info(res.output);
    const last = res.output
      .trimEnd()
      .split('\n')
      .filter((l) => /error|failed/i.test(l))
      .slice(-3)
      .join('\n');
    throw new Error(
      `The build of ${step.platforms.map(formatPlatform).join(', ')} failed (exit ${res.exitCode})${last ? `:\n${last}` : '. See the log above.'}`,
    );
  }
  if (!stream) core.info(res.output);
  return parseMetadata(await readFile(step.metadataFile, 'utf8'));
}

export async function build(
  docker: string[],
  plan: Plan,
  platforms: Platform[],
): Promise<BuildOutcome> {
  if (plan.builds.length === 1) {
    const meta = await runStep(plan.builds[0] as BuildStep, true);
    if (plan.mode !== 'push' || !plan.repository) {
      return { digest: meta.digest, metadata: meta.raw, platformDigests: new Map() };
    }
    if (!meta.digest) {
      throw new Error(
        `buildx pushed but did not report the image digest in its metadata file (${JSON.stringify(meta.raw)}), so the pushed platforms cannot be tested by digest. Check the buildx version (0.10 or newer).`,
      );
    }
    const platformDigests = await resolvePlatformDigests(
      docker,
      plan.repository,
      meta.digest,
      platforms,
    );
    return { digest: meta.digest, metadata: meta.raw, platformDigests };
  }
  // One build per platform (engines without the containerd image store): run
  // them side by side and print each log whole afterwards, not interleaved.
  const metas = await Promise.all(plan.builds.map((s) => runStep(s, false)));
  const metadata = Object.fromEntries(
    plan.builds.map((s, i) => [platformSlug(s.platforms[0] as Platform), metas[i]?.raw ?? {}]),
  );
  return { metadata, platformDigests: new Map() };
}

/** Reads the pushed index back from the registry and picks each platform's manifest. */
export async function resolvePlatformDigests(
  docker: string[],
  repository: string,
  digest: string,
  platforms: Platform[],
): Promise<Map<string, string>> {
  const ref = `${repository}@${digest}`;
  const res = await exec([...docker, 'buildx', 'imagetools', 'inspect', '--raw', ref], {
    timeoutMs: INSPECT_TIMEOUT_MS,
  });
  const parsed = parseManifest(res.stdout);
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
