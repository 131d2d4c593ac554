/**
 * A talk with a registry that runs outside BuildKit's progress stream (`docker
 * push`, `docker pull`, `buildx imagetools`, `docker manifest`): one phase,
 * bounded as a whole by registry-timeout, retried while the bound allows, and
 * stopped with an error naming the registry, the phase and the fix.
 *
 * A bound on the whole phase, not on silence: these commands say nothing
 * useful while they wait (`docker push` repeats "Waiting" every 100 ms to a
 * registry that never answers), and a registry that answers one byte at a
 * time would keep any progress watch fed forever.
 */
import { parseImageRef } from '../oci/reference';
import { CommandError, exec, type ExecResult } from './exec';

/** registry-timeout's default: a registry silent for this long is not coming back. */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 120_000;

/** One registry phase: what is being done, with which registry, within how long. */
export interface RegistryPhase {
  /** host[:port], as a reference names it (docker.io when it names none); unknown for a reference that cannot be read. */
  registry?: string;
  /** What the run was doing, for the error: `pushing ghcr.io/acme/api:1`. */
  phase: string;
  /** The whole phase, every attempt included (registry-timeout). */
  timeoutMs: number;
}

/** The registry a reference lives in, host[:port]; docker.io when it names none. Pure. */
export function registryOf(ref: string): string | undefined {
  try {
    return parseImageRef(ref.replace(/^docker-image:\/\//, '')).domain ?? 'docker.io';
  } catch {
    return undefined;
  }
}

/** A phase about one reference: its registry is the reference's. Pure. */
export function phaseOf(phase: string, ref: string, timeoutMs: number): RegistryPhase {
  return { registry: registryOf(ref), phase, timeoutMs };
}

const seconds = (ms: number): number => Math.round(ms / 1000);

/**
 * The one wording of a registry that stopped a run, for a BuildKit exchange
 * that went quiet (`idleMs`, the vertex) and for a phase that did not finish
 * within registry-timeout. Pure.
 */
export function registryTimeoutMessage(f: {
  registry?: string;
  phase: string;
  timeoutMs: number;
  /** Set for a BuildKit exchange: how long it made no progress. */
  idleMs?: number;
  /** The BuildKit vertex, for a build. */
  vertex?: string;
  /** What was stopped: `the build`, or (default) the phase itself. */
  stopped?: string;
  /** Where the registry must be reachable from: `the builder` or (default) `the runner`. */
  from?: string;
}): string {
  const registry = f.registry ?? 'the registry';
  const subject = f.registry ? `The registry ${f.registry}` : 'The registry';
  const what =
    f.idleMs !== undefined
      ? `made no progress for ${seconds(f.idleMs)} s while ${f.phase}${f.vertex ? ` ("${f.vertex}")` : ''}`
      : `did not finish ${f.phase} within ${seconds(f.timeoutMs)} s (registry-timeout)`;
  return (
    `${subject} ${what}, so ${f.stopped ?? 'it'} was stopped. ` +
    `Fix: check that ${registry} is up and reachable from ${f.from ?? 'the runner'}, or give registry-timeout more than ${seconds(f.timeoutMs)} s for a slow one.`
  );
}

/** A registry phase that ran out of registry-timeout. */
export class RegistryTimeoutError extends CommandError {
  constructor(
    readonly phase: RegistryPhase,
    result: ExecResult,
  ) {
    super(registryTimeoutMessage(phase), result, 'timeout');
  }
}

const ATTEMPTS = 3;

/** Errors worth another try: the network or the registry hiccuped, not a missing image or a refused login. Pure. */
export function isTransient(output: string): boolean {
  if (/not found|unknown manifest|unauthorized|denied|forbidden|invalid reference/i.test(output))
    return false;
  return /timeout|timed out|connection reset|connection refused|EOF|TLS handshake|temporar|\b50[0234]\b|too many requests|\b429\b/i.test(
    output,
  );
}

/**
 * The time each attempt of a phase gets: what is left of the phase's bound.
 * Undefined when nothing is left (no further attempt). Pure.
 */
export function attemptTimeout(
  phase: RegistryPhase,
  began: number,
  now: number,
): number | undefined {
  const left = phase.timeoutMs - (now - began);
  return left >= 1000 ? left : undefined;
}

/**
 * Runs one registry phase. Transient failures get another try after 1 s and
 * 2 s, within the phase's bound; when the bound runs out, throws a
 * RegistryTimeoutError naming the registry and the phase. Any other failure
 * is returned, not thrown: the caller says what could not be done.
 */
export async function registryCall(
  argv: string[],
  phase: RegistryPhase,
  opts: { quiet?: boolean; sleep?: (ms: number) => Promise<void>; attempts?: number } = {},
): Promise<ExecResult> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const began = Date.now();
  const attempts = opts.attempts ?? ATTEMPTS;
  let last: ExecResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const timeoutMs = attemptTimeout(phase, began, Date.now());
    if (timeoutMs === undefined) break;
    last = await exec(argv, { timeoutMs, allowFailure: true, quiet: opts.quiet || attempt > 1 });
    if (last.timedOut) throw new RegistryTimeoutError(phase, last);
    if (last.exitCode === 0) return last;
    if (!isTransient(last.output)) return last;
    if (attempt < attempts) await sleep(1000 * 2 ** (attempt - 1));
  }
  // registry-timeout is at least 1 s: the first attempt always runs.
  return last as ExecResult;
}
