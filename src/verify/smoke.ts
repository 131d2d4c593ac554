/**
 * Tests one platform of a built image: pull exactly what was pushed, run it
 * under a timeout, and check the architecture of what is inside.
 */
import { log } from '../runner/log';
import { verifyArchitecture } from './arch/verify';
import { registryLayers, type ImageLayers } from '../docker/image-layers';
import { pullArgs, removeArgs, runArgs } from '../docker/containers';
import { exec, tail } from '../docker/exec';
import { making, ranWithRm } from '../docker/made-containers';
import { formatPlatform, platformSlug, type Platform } from '../oci/platform';
import type { PlatformResult } from './result';
import { EXEC_FORMAT_HINT, judge } from './verdict';
import type { Probe } from './probe';
import { runWithProbe, type ReachPort } from './probe-run';
import { errorMessage } from '../runner/errors';
import { during, finished } from '../runner/progress';

const PULL_TIMEOUT_MS = 10 * 60_000;
/** Reading an image's layers from its registry: as long as a pull may take. */
const LAYERS_TIMEOUT_MS = PULL_TIMEOUT_MS;
const OUTPUT_TAIL_LINES = 20;

export interface SmokeOptions {
  /** Unique per run, so parallel jobs on one engine never share container names. */
  containerPrefix: string;
  smoke: boolean;
  command: string[];
  expect?: RegExp;
  timeoutSeconds: number;
  verifyArch: boolean;
  /** Pull first: the image lives in a registry, not (only) in the local store. */
  pull: boolean;
  /** With a probe, the image runs as a server until it is ready. */
  probe?: Probe;
  /** KEY=VALUE for the container's environment. */
  env: string[];
  /** Where the architecture check finds a platform's layers without a container of it. */
  layers?: (target: Target) => Promise<ImageLayers | undefined>;
}

/** How every platform is tested: what the smoke inputs of every action say. */
export interface SmokeSettings {
  smoke: boolean;
  smokeCommand: string[];
  smokeExpect?: RegExp;
  smokeTimeoutSeconds: number;
  verifyArch: boolean;
  /** The binfmt installer, run only when an emulator is missing. */
  qemuImage: string;
  /** Run as a server and wait for this to answer, instead of waiting for an exit. */
  smokeProbe?: Probe;
  smokeEnv: string[];
}

/** The options of one run of the smoke tests. */
export function smokeOptions(
  /** registryTimeoutMs bounds each request for an image's layers (not the layer's bytes). */
  inputs: SmokeSettings & { registryTimeoutMs: number },
  containerPrefix: string,
  pull: boolean,
): SmokeOptions {
  return {
    containerPrefix,
    smoke: inputs.smoke,
    command: inputs.smokeCommand,
    expect: inputs.smokeExpect,
    timeoutSeconds: inputs.smokeTimeoutSeconds,
    verifyArch: inputs.verifyArch,
    pull,
    probe: inputs.smokeProbe,
    env: inputs.smokeEnv,
    // A pushed image's layers are read from its registry: no pull, no container.
    layers: pull
      ? (t) =>
          registryLayers(
            t.ref,
            t.platform,
            inputs.registryTimeoutMs,
            AbortSignal.timeout(LAYERS_TIMEOUT_MS),
          )
      : undefined,
  };
}

export async function testPlatform(
  target: Target,
  opts: SmokeOptions,
  index = 0,
): Promise<PlatformResult> {
  const p = formatPlatform(target.platform);
  const result: PlatformResult = {
    platform: p,
    digest: target.digest,
    ref: target.ref,
    emulated: target.emulated,
    node: target.node,
    buildDurationMs: target.buildDurationMs,
    smoke: 'skipped',
    ok: true,
    errors: [],
    hints: [],
  };
  const fail = (reason: string, hint?: string): void => {
    result.ok = false;
    result.errors.push(reason);
    if (hint && !result.hints.includes(hint)) result.hints.push(hint);
  };

  // Pulled once, when the smoke test asks; the architecture check waits for
  // it only when it must read a container (the layers were not readable).
  let pulling: Promise<boolean> | undefined;
  const pulled = (): Promise<boolean> => {
    if (!opts.pull) return Promise.resolve(true);
    pulling ??= during(
      p,
      'pulling',
      exec(pullArgs(target.docker, target.platform, target.ref), {
        timeoutMs: PULL_TIMEOUT_MS,
        allowFailure: true,
      }),
    ).then((res) => {
      if (res.exitCode === 0 && !res.timedOut) return true;
      fail(`could not pull ${target.ref}: ${tail(res.output, 3) || `exit ${res.exitCode}`}`);
      return false;
    });
    return pulling;
  };

  // The index keeps names apart when several images share a platform (check).
  const name = `${opts.containerPrefix}-${index}-${platformSlug(target.platform)}`;
  await Promise.all([
    opts.smoke ? during(p, 'smoke test', smoke()) : Promise.resolve(),
    opts.verifyArch ? during(p, 'arch check', archCheck()) : Promise.resolve(),
  ]);
  return result;

  async function smoke(): Promise<void> {
    if (!(await pulled())) return;
    if (opts.probe) return serve(opts.probe);
    making(target.docker, name);
    const res = await exec(
      runArgs(target.docker, name, target.platform, target.ref, opts.command, opts.env),
      {
        timeoutMs: opts.timeoutSeconds * 1000,
        // Killing the docker client leaves the container running: remove it.
        // (Post still looks for it: the client is not dead yet.)
        onTimeout: () =>
          exec(removeArgs(target.docker, name), {
            allowFailure: true,
            quiet: true,
            timeoutMs: 30_000,
          }),
        allowFailure: true,
      },
    );
    ranWithRm(target.docker, name, res);
    result.exitCode = res.timedOut ? undefined : res.exitCode;
    result.durationMs = res.durationMs;
    result.output = tail(res.output, OUTPUT_TAIL_LINES);
    const verdict = judge(res, {
      platform: target.platform,
      emulated: target.emulated,
      timeoutSeconds: opts.timeoutSeconds,
      expect: opts.expect,
    });
    result.smoke = verdict.ok ? 'passed' : 'failed';
    if (!verdict.ok) fail(verdict.reason ?? 'failed', verdict.hint);
  }

  async function serve(probe: Probe): Promise<void> {
    const run = await runWithProbe({
      docker: target.docker,
      name,
      platform: target.platform,
      ref: target.ref,
      command: opts.command,
      env: opts.env,
      probe,
      timeoutSeconds: opts.timeoutSeconds,
      reachPort: target.reachPort,
    });
    result.exitCode = run.exitCode;
    result.durationMs = run.durationMs;
    result.readyMs = run.readyMs;
    result.output = run.output;
    result.smoke = run.ok ? 'passed' : 'failed';
    if (!run.ok) {
      const execFormat = /exec format error/i.test(run.output);
      fail(
        execFormat
          ? `exec format error: the ${p} image holds an executable that ${target.platform.architecture} machines cannot run`
          : (run.reason ?? 'not ready'),
        execFormat ? EXEC_FORMAT_HINT : undefined,
      );
    }
  }

  async function archCheck(): Promise<void> {
    const layersOf = opts.layers;
    try {
      const arch = await verifyArchitecture(
        target.docker,
        target.platform,
        target.ref,
        `${name}-scan`,
        {
          layers: layersOf && (() => layersOf(target)),
          ready: async () => {
            if (!(await pulled())) throw new PullFailed();
          },
        },
      );
      result.arch = arch.report;
      for (const e of arch.errors) fail(e);
      for (const h of arch.hints) if (!result.hints.includes(h)) result.hints.push(h);
    } catch (err) {
      // The pull's failure is said once, by the pull.
      if (err instanceof PullFailed) return;
      // A check that could not read the image must not pass silently.
      fail(`the architecture check could not read the image: ${errorMessage(err)}`);
    }
  }
}

/** The image could not be pulled, which the pull has said already. */
class PullFailed extends Error {}

export interface Target {
  platform: Platform;
  ref: string;
  emulated: boolean;
  digest?: string;
  /** The docker CLI aimed at the engine that runs this platform (a node's, or the runner's). */
  docker: string[];
  node: string;
  buildDurationMs?: number;
  /** How a port the container publishes on its engine's loopback is reached from here (ssh nodes). */
  reachPort?: ReachPort;
}

/** Tests every platform side by side; a platform that throws fails alone. */
export async function testAll(targets: Target[], opts: SmokeOptions): Promise<PlatformResult[]> {
  const results = await Promise.all(
    targets.map((t, i) =>
      testPlatform(t, opts, i).catch((err: unknown): PlatformResult => ({
        platform: formatPlatform(t.platform),
        digest: t.digest,
        ref: t.ref,
        emulated: t.emulated,
        node: t.node,
        buildDurationMs: t.buildDurationMs,
        smoke: 'failed',
        ok: false,
        errors: [errorMessage(err)],
        hints: [],
      })),
    ),
  );
  for (const r of results) finished(r.platform, r.ok);
  // The runs overlap, so their output is printed per platform afterwards.
  // An image under test may print anything: its output is shown as text only.
  for (const r of results.filter((x) => x.output !== undefined)) {
    const exit = r.exitCode !== undefined ? `, exit ${r.exitCode}` : '';
    log.info(`── ${r.platform} (${r.smoke}${exit}) ──`);
    log.verbatim(r.output as string);
  }
  return results;
}
