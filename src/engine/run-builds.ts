/** Runs the planned builds and learns what they produced. */
import { readFile } from 'node:fs/promises';
import { buildFailureHint } from '../docker/buildx';
import { log } from '../runner/log';
import { exec, tail } from '../docker/exec';
import { engineLost } from './engine-lost';
import {
  findStall,
  JsonObjectSplitter,
  platformDurations,
  ProgressTracker,
  type Stall,
} from '../docker/progress';
import { registryOf, registryTimeoutMessage } from '../docker/registry-phase';
import {
  DEFAULT_ADVICE_THRESHOLDS,
  emulationAdvice,
  type AdviceThresholds,
} from './emulation-advice';
import { DEFAULT_REGISTRY_TIMEOUT_MS } from './request';
import type { BuildStep, Plan } from './plan/index';
import { formatPlatform, type Platform } from '../oci/platform';
import { createIndex } from '../docker/imagetools';
import { readDigest, resolvePlatformDigests } from '../docker/registry/read-image';
import { parseMetadata, type BuildMetadata } from '../oci/manifest';
import { errorMessage } from '../runner/errors';
import { during } from '../runner/progress';

// The rendered log kept for the error message: its tail is what a person reads.
const RENDERED_CAP = 2000;

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
  /** Each platform's own build time, when the progress stream told it. */
  platformMs: Map<string, number>;
}

// How often the stall watch looks: often enough to stop a hung registry near its deadline.
const WATCH_EVERY_MS = 1000;

/** Where a stalled exchange is, for the error: the registry the vertex names, or the one pushed to. */
function stallMessage(
  stall: Stall,
  fallbackRegistry: string | undefined,
  timeoutMs: number,
): string {
  return registryTimeoutMessage({
    registry: stall.registry ?? fallbackRegistry,
    phase: stall.phase,
    timeoutMs,
    idleMs: stall.idleMs,
    vertex: stall.vertex,
    stopped: 'the build',
    from: 'the builder',
  });
}

function registryOfTag(tag: string | undefined): string | undefined {
  return tag ? registryOf(tag) : undefined;
}

/**
 * A registry's 5xx to a request of the push inside a build. Debian's
 * distribution 2.8 answers 500 to a HEAD of a tag whose link file is being
 * rewritten, which dockerd's own multi-platform push runs into at times.
 */
// The reason ends at the line's end, or where the progress stream's JSON quotes it.
const REGISTRY_HICCUP =
  /unexpected status from (?:HEAD|GET|PUT|POST) request to \S+: 50[0234]\b[^\n"\\]*/;

/** What the registry answered, when a build's output says its push met a 5xx. Pure. */
export function registryHiccup(output: string): string | undefined {
  return REGISTRY_HICCUP.exec(output)?.[0].trim();
}

/** One build; once more when the registry hiccuped during its push (the layers are cached by then). */
async function runStep(
  step: BuildStep,
  stream: boolean | string,
  registryTimeoutMs: number,
  pushRegistry: string | undefined,
): Promise<StepResult> {
  const first = await attemptStep(step, stream, registryTimeoutMs, pushRegistry, true);
  if (first !== 'again') return first;
  return (await attemptStep(step, stream, registryTimeoutMs, pushRegistry, false)) as StepResult;
}

async function attemptStep(
  step: BuildStep,
  stream: boolean | string,
  registryTimeoutMs: number,
  pushRegistry: string | undefined,
  mayRetry: boolean,
): Promise<StepResult | 'again'> {
  const rawjson = step.argv.includes('rawjson');
  const prefix = typeof stream === 'string' ? `[${stream}] ` : '';
  const splitter = new JsonObjectSplitter();
  const tracker = new ProgressTracker();
  const rendered: string[] = [];
  const show = (lines: string[]): void => {
    for (const l of lines) {
      log.info(prefix + l);
      rendered.push(l);
    }
    if (rendered.length > RENDERED_CAP) rendered.splice(0, rendered.length - RENDERED_CAP);
  };
  const feed = (chunk: string): void => {
    const now = Date.now();
    for (const item of splitter.push(chunk))
      show(typeof item === 'string' ? [item] : tracker.apply(item, now));
  };
  const abort = new AbortController();
  let stall: Stall | undefined;
  const watch = rawjson
    ? setInterval(() => {
        stall = findStall(tracker.vertices, Date.now(), registryTimeoutMs);
        if (stall) abort.abort();
      }, WATCH_EVERY_MS)
    : undefined;
  const res = await exec(
    step.argv,
    rawjson
      ? { onOutput: feed, signal: abort.signal, allowFailure: true }
      : { stream, allowFailure: true },
  ).finally(() => clearInterval(watch));
  if (rawjson) show([...splitter.end(), ...tracker.flush()]);
  const text = rawjson ? rendered.join('\n') : res.output;
  const where = step.worker === 'local' ? '' : ` on ${step.worker}`;
  const what = `The build of ${step.platforms.map(formatPlatform).join(', ')}${where}`;
  if (stall)
    throw new Error(`${what} was stopped: ${stallMessage(stall, pushRegistry, registryTimeoutMs)}`);
  const hiccup = res.exitCode !== 0 && mayRetry ? registryHiccup(res.output) : undefined;
  if (hiccup) {
    log.info(`${what} met a registry error while pushing (${hiccup}): building once more.`);
    return 'again';
  }
  if (res.exitCode !== 0) {
    const last = text
      .trimEnd()
      .split('\n')
      .filter((l) => /error|failed/i.test(l))
      .slice(-3)
      .join('\n');
    const lost = await engineLost(step.argv, step.worker);
    if (lost) throw new Error(`${lost}\nBuild output:\n${last || tail(text, 3)}`);
    const hint = buildFailureHint(text);
    throw new Error(
      `${what} failed (exit ${res.exitCode})${last ? `:\n${last}` : '. See the log above.'}${hint ? `\n${hint}` : ''}`,
    );
  }
  return {
    step,
    meta: parseMetadata(await readFile(step.metadataFile, 'utf8')),
    durationMs: res.durationMs,
    platformMs: platformDurations(tracker.vertices),
  };
}

/**
 * Each platform's build time. One build of one platform: all of it. One
 * build of several: each platform's own steps, read from the progress stream
 * (docker/progress.ts says how), or the whole build when the stream said
 * nothing of that platform (plain progress, an old buildx).
 */
function durationsOf(results: StepResult[]): Map<string, number> {
  return new Map(
    results.flatMap((r) =>
      r.step.platforms.map((p) => {
        const key = formatPlatform(p);
        const own = r.step.platforms.length > 1 ? r.platformMs.get(key) : undefined;
        return [key, own ?? r.durationMs] as const;
      }),
    ),
  );
}

/** Says once when QEMU made a platform's build much slower than a native one. */
function adviseOnEmulation(
  plan: Plan,
  durations: Map<string, number>,
  thresholds: AdviceThresholds,
): void {
  const times = plan.targets.flatMap((t) => {
    const platform = formatPlatform(t.platform);
    const buildMs = durations.get(platform);
    return buildMs === undefined ? [] : [{ platform, emulated: t.emulated, buildMs }];
  });
  const advice = emulationAdvice(times, thresholds.ratio, thresholds.minMs);
  if (advice) log.warning(advice);
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
  registryTimeoutMs = DEFAULT_REGISTRY_TIMEOUT_MS,
  adviceThresholds: AdviceThresholds = DEFAULT_ADVICE_THRESHOLDS,
): Promise<BuildOutcome> {
  const pushRegistry = registryOfTag(plan.repository ?? tags[0]);
  // Several builds run side by side (one per node or platform): prefix their lines.
  const parallel = plan.builds.length > 1;
  // Every build is awaited: one failing must neither orphan the others nor hide their errors.
  const settled = await Promise.allSettled(
    plan.builds.map((s) =>
      during(
        s.platforms.map(formatPlatform),
        'building',
        runStep(
          s,
          parallel ? `${s.platforms.map(formatPlatform).join(',')}@${s.worker}` : true,
          registryTimeoutMs,
          pushRegistry,
        ),
      ),
    ),
  );
  const failures = settled.flatMap((r) =>
    r.status === 'rejected' ? [errorMessage(r.reason)] : [],
  );
  if (failures.length > 0) throw new Error(failures.join('\n'));
  const results = settled.map((r) => (r as PromiseFulfilledResult<StepResult>).value);
  const durations = durationsOf(results);
  adviseOnEmulation(plan, durations, adviceThresholds);
  const metadata =
    results.length === 1
      ? (results[0] as StepResult).meta.raw
      : Object.fromEntries(
          results.map((r) => [
            `${r.step.platforms.map(formatPlatform).join(',')}@${r.step.worker}`,
            r.meta.raw,
          ]),
        );

  const shape = outcomeShape(plan);
  switch (shape.kind) {
    case 'pushed': {
      const digest = requireDigest(results[0] as StepResult);
      const platformDigests = await resolvePlatformDigests(
        shape.repository,
        digest,
        platforms,
        registryTimeoutMs,
      );
      return { digest, metadata, platformDigests, durations };
    }
    case 'loaded-index':
      // The loaded index: what is pushed, unchanged, once every platform passed.
      return {
        digest: requireDigest(results[0] as StepResult),
        metadata,
        platformDigests: new Map(),
        durations,
      };
    case 'parts': {
      const repo = shape.repository;
      const parts = results.map((r) => `${repo}@${requireDigest(r)}`);
      const found = await Promise.all(
        results.map((r) =>
          resolvePlatformDigests(repo, requireDigest(r), r.step.platforms, registryTimeoutMs),
        ),
      );
      const platformDigests = new Map(found.flatMap((m) => [...m]));
      return { metadata, platformDigests, durations, parts };
    }
    case 'merged': {
      const repo = shape.repository;
      const sources = results.map((r) => `${repo}@${requireDigest(r)}`);
      await createIndex(tags, sources, plan.mergeAnnotations ?? [], registryTimeoutMs);
      const digest = await readDigest(tags[0] as string, registryTimeoutMs);
      const platformDigests = await resolvePlatformDigests(
        repo,
        digest,
        platforms,
        registryTimeoutMs,
      );
      return { digest, metadata, platformDigests, durations };
    }
    case 'local':
      return { metadata, platformDigests: new Map(), durations };
  }
}

/**
 * What a build's outcome is read from, by mode:
 * - `pushed`: the index pushed to the repository, read back per platform;
 * - `loaded-index`: the loaded index's digest (pushed once every platform passed);
 * - `parts`: each engine's part, tested before the index is made from them (gated fanout);
 * - `merged`: the index made from the parts right away (fanout without a gate);
 * - `local`: nothing beyond the metadata (loads, and a push with no repository).
 */
export type OutcomeShape =
  | { kind: 'pushed'; repository: string }
  | { kind: 'loaded-index' }
  | { kind: 'parts'; repository: string }
  | { kind: 'merged'; repository: string }
  | { kind: 'local' };

/** Pure; a new build mode is a compile error here until it says what its outcome is. */
export function outcomeShape(plan: Pick<Plan, 'mode' | 'repository' | 'gate'>): OutcomeShape {
  const repository = plan.repository;
  switch (plan.mode) {
    case 'push':
      return repository ? { kind: 'pushed', repository } : { kind: 'local' };
    case 'load-then-push':
      return { kind: 'loaded-index' };
    case 'fanout-push':
      if (!repository) return { kind: 'local' };
      return plan.gate ? { kind: 'parts', repository } : { kind: 'merged', repository };
    case 'load':
    case 'load-per-platform':
    case 'fanout-load':
      return { kind: 'local' };
    default:
      return unknownMode(plan.mode);
  }
}

function unknownMode(mode: never): never {
  throw new Error(`No outcome is defined for build mode ${String(mode)}`);
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
