/**
 * Finds out how far a connection to an ssh node gets, when the docker CLI
 * could not use it: a TCP dial first (the CLI hides socket errors), then one
 * verbose ssh run of a fixed probe, read phase by phase.
 */
import { exec } from '../../docker/exec';
import { classifyFailure } from '../../docker/contexts';
import type { Endpoint } from '../../docker/endpoint';
import {
  readSshProbe,
  SHELL_MARK,
  SILENT_SECONDS,
  sshProbeArgs,
  type SshDiagnosis,
} from '../../docker/ssh-diagnosis';
import { dialError } from './dial';

const CONNECT_SECONDS = 10;
const SSH_PORT = 22;

export interface ProbeSsh {
  realSsh: string;
  /** The action's own ssh config, when it wrote one (ssh-private-key given). */
  config?: string;
}

export async function diagnoseSshNode(
  endpoint: Extract<Endpoint, { scheme: 'ssh' }>,
  ssh: ProbeSsh,
  /** Stops the probe: the engine answered after all. */
  cancel?: AbortSignal,
): Promise<SshDiagnosis> {
  const target = { user: endpoint.user, host: endpoint.host, port: endpoint.port };
  const dialed = await dialError(endpoint.host, endpoint.port ?? SSH_PORT);
  if (dialed) {
    const { cause, fix } = classifyFailure(dialed);
    return {
      phase: 'tcp',
      cause,
      what: 'the TCP connection to the node failed',
      fix,
      evidence: [dialed],
    };
  }
  // The shell gets SILENT_SECONDS after the connection, and docker as long
  // again once the shell has answered: each silence is measured on its own.
  const stop = new AbortController();
  cancel?.addEventListener('abort', () => stop.abort(), { once: true });
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  /** (Re)starts the one silence timer: when it fires, the probe is stopped as timed out. */
  const allow = (seconds: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      stop.abort();
    }, seconds * 1000);
  };
  allow(CONNECT_SECONDS + SILENT_SECONDS);
  let shellAnswered = false;
  const res = await exec(sshProbeArgs(ssh, target, CONNECT_SECONDS), {
    allowFailure: true,
    quiet: true,
    signal: stop.signal,
    onOutput: (chunk) => {
      if (shellAnswered || !chunk.includes(SHELL_MARK)) return;
      shellAnswered = true;
      allow(SILENT_SECONDS);
    },
  }).finally(() => clearTimeout(timer));
  return readSshProbe(target, {
    exitCode: res.exitCode,
    stdout: res.stdout,
    stderr: res.stderr,
    timedOut,
    // From the first connection attempt: the handshake itself takes well under a second.
    waitedSeconds: shellAnswered ? SILENT_SECONDS : Math.round(res.durationMs / 1000),
  });
}
