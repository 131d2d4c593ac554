/**
 * Runs a server the way a cluster does and waits until it is ready: detached,
 * real entrypoint, the probed port published on the engine's loopback, probed
 * until it answers or the platform's time runs out. Always removes it.
 */
import { connect } from 'node:net';
import {
  logsArgs,
  parsePublishedPort,
  portArgs,
  runDetachedArgs,
  stateArgs,
} from '../docker/containers';
import { exec, tail } from '../docker/exec';
import { making, removeMade } from '../docker/made-containers';
import type { Platform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import {
  describeProbe,
  judgeHealth,
  judgeHttp,
  probePort,
  type ContainerState,
  type Probe,
  type ProbeAnswer,
} from './probe';

const STEP_TIMEOUT_MS = 30_000;
const POLL_MS = 250;
const ATTEMPT_MS = 2_000;
// docker-proxy accepts every connection to a published port and closes it when
// nothing listens behind: a connection that stays open this long reached the server.
const TCP_SETTLE_MS = 300;

/** A published port on the engine's loopback, made reachable from here. */
export interface Reach {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** How to reach a port on the engine's own loopback: directly for the runner's engine; over ssh for a node. */
export type ReachPort = (enginePort: number) => Promise<Reach>;

export const reachLocal: ReachPort = async (port) => ({
  host: '127.0.0.1',
  port,
  close: async () => undefined,
});

export interface ProbeRun {
  ok: boolean;
  /** From the container's start to its first ready answer. */
  readyMs?: number;
  durationMs: number;
  exitCode?: number;
  reason?: string;
  output: string;
}

async function httpOnce(reach: Reach, path: string): Promise<ProbeAnswer> {
  try {
    const res = await fetch(`http://${reach.host}:${reach.port}${path}`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_MS),
    });
    const body = await res.text().catch(() => '');
    return judgeHttp(res.status, body);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why =
      cause?.code === 'ECONNREFUSED'
        ? 'connection refused'
        : cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET'
          ? 'connection closed without an answer'
          : (cause?.message ?? errorMessage(err));
    return { state: 'waiting', why };
  }
}

function tcpOnce(reach: Reach): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ host: reach.host, port: reach.port });
    const done = (answer: ProbeAnswer): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    let timer = setTimeout(() => done({ state: 'waiting', why: 'connect timed out' }), ATTEMPT_MS);
    socket.on('connect', () => {
      clearTimeout(timer);
      timer = setTimeout(() => done({ state: 'ready' }), TCP_SETTLE_MS);
    });
    socket.on('data', () => done({ state: 'ready' }));
    socket.on('end', () =>
      done({ state: 'waiting', why: 'connection closed at once: nothing listens on the port yet' }),
    );
    socket.on('error', (err: NodeJS.ErrnoException) =>
      done({
        state: 'waiting',
        why: err.code === 'ECONNREFUSED' ? 'connection refused' : err.message,
      }),
    );
  });
}

export async function runWithProbe(opts: {
  docker: string[];
  name: string;
  platform: Platform;
  ref: string;
  command: string[];
  env: string[];
  probe: Probe;
  timeoutSeconds: number;
  reachPort?: ReachPort;
}): Promise<ProbeRun> {
  const { docker, name, probe } = opts;
  const began = Date.now();
  const what = describeProbe(probe);
  const port = probePort(probe);
  const quiet = { allowFailure: true, quiet: true, timeoutMs: STEP_TIMEOUT_MS } as const;
  let reach: Reach | undefined;
  // Whether `docker run --detach` returned on its own: a killed one may still make the container.
  let settled = false;
  const finish = async (run: Omit<ProbeRun, 'output' | 'durationMs'>): Promise<ProbeRun> => {
    const logs = await exec(logsArgs(docker, name, 40), quiet);
    await reach?.close().catch(() => undefined);
    await removeMade(docker, name, quiet, settled);
    return { ...run, durationMs: Date.now() - began, output: tail(logs.output, 20) };
  };
  try {
    making(docker, name);
    const started = await exec(
      runDetachedArgs(docker, name, opts.platform, opts.ref, {
        command: opts.command,
        env: opts.env,
        port,
      }),
      { allowFailure: true, timeoutMs: STEP_TIMEOUT_MS },
    );
    settled = !started.timedOut;
    if (started.exitCode !== 0 || started.timedOut) {
      return await finish({
        ok: false,
        reason: `could not start: ${tail(started.output, 3) || `exit ${started.exitCode}`}`,
      });
    }
    const startedAt = Date.now();
    if (port) {
      const published = parsePublishedPort(
        (await exec(portArgs(docker, name, port), quiet)).stdout,
      );
      // A container that exits at once has no port: the loop below says how it ended.
      if (published) reach = await (opts.reachPort ?? reachLocal)(published);
    }
    const deadline = startedAt + opts.timeoutSeconds * 1000;
    let last = 'no answer yet';
    for (;;) {
      const stateRes = await exec(stateArgs(docker, name), quiet);
      let state: ContainerState = {};
      try {
        state = JSON.parse(stateRes.stdout) as ContainerState;
      } catch {
        // A container that vanished reads as exited below.
      }
      const answer: ProbeAnswer =
        port && !reach
          ? state.Running
            ? { state: 'failed', why: `was not published: the engine gave no port for ${port}` }
            : { state: 'waiting', why: 'the container stopped before its port was published' }
          : await once(state);
      if (answer.state === 'ready')
        return await finish({ ok: true, readyMs: Date.now() - startedAt });
      if (answer.state === 'failed')
        return await finish({ ok: false, reason: `${what} ${answer.why}` });
      last = answer.why;
      if (state.Running === false) {
        const secs = ((Date.now() - startedAt) / 1000).toFixed(1);
        return await finish({
          ok: false,
          exitCode: state.ExitCode,
          reason: `exited with code ${state.ExitCode ?? '?'} after ${secs} s, before answering ${what}`,
        });
      }
      if (Date.now() >= deadline) {
        return await finish({
          ok: false,
          reason: `not ready after ${opts.timeoutSeconds} s (last probe of ${what}: ${last})`,
        });
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    return await finish({ ok: false, reason: `probing failed: ${errorMessage(err)}` });
  }

  async function once(state: ContainerState): Promise<ProbeAnswer> {
    switch (probe.kind) {
      case 'http':
        return httpOnce(reach as Reach, probe.path);
      case 'tcp':
        return tcpOnce(reach as Reach);
      case 'healthcheck':
        return judgeHealth(state);
      case 'log': {
        const logs = await exec(logsArgs(docker, name), quiet);
        return probe.pattern.test(logs.output)
          ? { state: 'ready' }
          : { state: 'waiting', why: 'no matching line in the output yet' };
      }
    }
  }
}
