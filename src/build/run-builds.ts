/** Runs the planned builds and learns what they produced. */
import { readFile } from 'node:fs/promises';
import { buildFailureHint } from '../docker/buildx';
import { exec } from '../docker/exec';
import type { BuildStep, Plan } from './plan/index';
import { formatPlatform, type Platform } from '../oci/platform';
import { digestOf, imagetoolsCreateArgs, resolvePlatformDigests } from '../docker/imagetools';
import { parseMetadata, type BuildMetadata } from '../oci/manifest';
import { errorMessage } from '../runner/errors';
import { during } from '../runner/progress';

const MERGE_TIMEOUT_MS = 5 * 60_000;

export interface BuildOutcome {
  /** Index (or single manifest) digest of a push. */
  digest?: string;
  metadata: Record<string, unknown>;
  /** Per-platform manifest digests of a push. */
  platformDigests: Map<string, string>;
  /** How long the build that made each platform took. */
  durations: Map<string, number>;
  /** Fanout: each engine's pushed part, by digest, for the index made after the tests. */
  parts?: string[];
}

interface StepResult {
  step: BuildStep;
  meta: BuildMetadata;
  durationMs: number;
}

async function runStep(step: BuildStep, stream: boolean | string): Promise<StepResult> {
  const res = await exec(step.argv, { stream, allowFailure: true });
  if (res.exitCode !== 0) {
    const last = res.output
      .trimEnd()
      .split('\n')
      .filter((l) => /error|failed/i.test(l))
      .slice(-3)
      .join('\n');
    const where = step.worker === 'local' ? '' : ` on ${step.worker}`;
    const hint = buildFailureHint(res.output);
    throw new Error(
      `The build of ${step.platforms.map(formatPlatform).join(', ')}${where} failed (exit ${res.exitCode})${last ? `:\n${last}` : '. See the log above.'}${hint ? `\n${hint}` : ''}`,
    );
  }
  return {
    step,
    meta: parseMetadata(await readFile(step.metadataFile, 'utf8')),
    durationMs: res.durationMs,
  };
}

function durationsOf(results: StepResult[]): Map<string, number> {
  return new Map(
    results.flatMap((r) => r.step.platforms.map((p) => [formatPlatform(p), r.durationMs] as const)),
  );
}

function requireDigest(r: StepResult): string {
  if (!r.meta.digest) {
    throw new Error(
      `buildx pushed but did not report the image digest in its metadata file (${JSON.stringify(r.meta.raw)}), so the pushed platforms cannot be tested by digest. Check the buildx version (0.10 or newer).`,
    );
  }
  return r.meta.digest;
}

export async function build(
  plan: Plan,
  platforms: Platform[],
  tags: string[],
): Promise<BuildOutcome> {
  // Several builds run side by side (one per node or platform): prefix their lines.
  const parallel = plan.builds.length > 1;
  // Every build is awaited: one failing must neither orphan the others nor hide their errors.
  const settled = await Promise.allSettled(
    plan.builds.map((s) =>
      during(
        s.platforms.map(formatPlatform),
        'building',
        runStep(s, parallel ? `${s.platforms.map(formatPlatform).join(',')}@${s.worker}` : true),
      ),
    ),
  );
  const failures = settled.flatMap((r) =>
    r.status === 'rejected' ? [errorMessage(r.reason)] : [],
  );
  if (failures.length > 0) throw new Error(failures.join('\n'));
  const results = settled.map((r) => (r as PromiseFulfilledResult<StepResult>).value);
  const durations = durationsOf(results);
  const metadata =
    results.length === 1
      ? (results[0] as StepResult).meta.raw
      : Object.fromEntries(
          results.map((r) => [
            `${r.step.platforms.map(formatPlatform).join(',')}@${r.step.worker}`,
            r.meta.raw,
          ]),
        );

  if (plan.mode === 'push' && plan.repository) {
    const digest = requireDigest(results[0] as StepResult);
    const platformDigests = await resolvePlatformDigests(plan.repository, digest, platforms);
    return { digest, metadata, platformDigests, durations };
  }
  if (plan.mode === 'load-then-push') {
    // The loaded index: what is pushed, unchanged, once every platform passed.
    return {
      digest: requireDigest(results[0] as StepResult),
      metadata,
      platformDigests: new Map(),
      durations,
    };
  }
  if (plan.mode === 'fanout-push' && plan.repository && plan.gate) {
    const repo = plan.repository;
    const parts = results.map((r) => `${repo}@${requireDigest(r)}`);
    const found = await Promise.all(
      results.map((r) => resolvePlatformDigests(repo, requireDigest(r), r.step.platforms)),
    );
    const platformDigests = new Map(found.flatMap((m) => [...m]));
    return { metadata, platformDigests, durations, parts };
  }
  if (plan.mode === 'fanout-push' && plan.repository) {
    const repo = plan.repository;
    const sources = results.map((r) => `${repo}@${requireDigest(r)}`);
    await exec(imagetoolsCreateArgs(tags, sources, plan.mergeAnnotations), {
      timeoutMs: MERGE_TIMEOUT_MS,
    });
    const digest = await digestOf(tags[0] as string);
    const platformDigests = await resolvePlatformDigests(repo, digest, platforms);
    return { digest, metadata, platformDigests, durations };
  }
  return { metadata, platformDigests: new Map(), durations };
}

/**
 * build-push-action's imageid: what buildx writes to --iidfile, the image
 * config digest, or the digest of what was exported when there is none (an
 * index). A build made in parts has no one image id.
 */
export function imageIdOf(metadata: Record<string, unknown>, steps: number): string | undefined {
  if (steps !== 1) return undefined;
  const id = metadata['containerimage.config.digest'] ?? metadata['containerimage.digest'];
  return typeof id === 'string' ? id : undefined;
}
