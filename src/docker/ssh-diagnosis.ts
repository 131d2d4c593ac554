/**
 * Why an ssh node did not answer, phase by phase. The docker CLI reports every
 * ssh failure the same way (its ssh helper exited, or nothing at all before a
 * timeout), so the action asks ssh itself, once, with `-v`, and reads how far
 * it got: TCP, host key, authentication, the remote shell, docker on the
 * remote PATH, the engine behind it. Pure: argv and parsing only.
 */
import type { SshTarget } from './ssh';

export type SshPhase =
  'tcp' | 'host key' | 'auth' | 'silent shell' | 'no docker' | 'engine' | 'silent docker' | 'ok';

export interface SshDiagnosis {
  phase: SshPhase;
  /** For the TCP phase: refused, dns or timeout, as the socket said. */
  cause?: string;
  /** One line: what happened, in the node's own terms. */
  what: string;
  /** What to do about it. */
  fix: string;
  /** The lines of ssh's or the node's own words that show it, if any. */
  evidence: string[];
}

/** Printed by the remote shell before anything else: proof that the shell started and answers. */
export const SHELL_MARK = 'multiarch-node-shell-ok';
/** Printed when `docker` is not on the remote PATH. */
export const NO_DOCKER_MARK = 'multiarch-node-no-docker';
/** Printed before the engine's own answer. */
export const ENGINE_MARK = 'multiarch-node-engine';

/**
 * A mark as the probe writes it: an empty '' inside, so that the command text
 * itself (which `ssh -v` echoes as "Sending command: …") never contains the
 * mark; only the shell's output does.
 */
const spoken = (mark: string): string => mark.replace('-', "-''");

/**
 * The command the node's login shell runs. A fixed text with no input in it:
 * ssh hands the remote side one string whatever the client does, and this
 * one is plain POSIX sh, which every login shell that can run docker's
 * `dial-stdio` also understands.
 */
export const PROBE_COMMAND = [
  `echo ${spoken(SHELL_MARK)}`,
  `command -v docker >/dev/null 2>&1 || { echo ${spoken(NO_DOCKER_MARK)}; exit 127; }`,
  `echo ${spoken(ENGINE_MARK)} "$(docker version --format '{{.Server.Os}}/{{.Server.Arch}}' 2>&1)"`,
].join('; ');

/** How long the probe waits for the node's shell, and then for its docker, before calling it silent. */
export const SILENT_SECONDS = 15;

/**
 * ssh with the action's config (when it wrote one), verbose, on a connection
 * of its own: a shared ControlMaster would skip the very phases being looked at.
 */
export function sshProbeArgs(
  ssh: { realSsh: string; config?: string },
  target: SshTarget,
  connectTimeoutSeconds: number,
): string[] {
  return [
    ssh.realSsh,
    ...(ssh.config ? ['-F', ssh.config] : []),
    '-v',
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    'ControlMaster=no',
    '-o',
    'ControlPath=none',
    '-o',
    `ConnectTimeout=${connectTimeoutSeconds}`,
    ...(target.port ? ['-p', String(target.port)] : []),
    ...(target.user ? ['-l', target.user] : []),
    target.host,
    PROBE_COMMAND,
  ];
}

export interface ProbeRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** How long the probe was given, in seconds. */
  waitedSeconds: number;
}

function target(t: SshTarget): string {
  return `${t.user ? `${t.user}@` : ''}${t.host}${t.port ? ` -p ${t.port}` : ''}`;
}

/** ssh's own lines, without its debug chatter: what a person would have seen. */
function sshWords(stderr: string): string[] {
  return (
    stderr
      .split('\n')
      .map((l) => l.trimEnd())
      // Our own stop of a silent probe is no evidence of anything.
      .filter((l) => l && !/^debug\d:|^OpenSSH_|^Killed by signal/.test(l))
  );
}

const HOST_KEY =
  /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key is known|Host key for .* has changed/i;
const AUTH = /Permission denied|Too many authentication failures|Authentication failed/i;
const DNS =
  /Could not resolve hostname|Name or service not known|Temporary failure in name resolution/i;
const REFUSED = /Connection refused/i;
const CONNECT_TIMEOUT = /connect to host .* (timed out|No route to host)|Connection timed out/i;
// OpenSSH 8+ prints it at -v without the debug1 prefix; older ones with it.
const AUTHENTICATED = /^(debug1: )?Authenticated to /m;
const ENGINE_DOWN =
  /Cannot connect to the Docker daemon|Is the docker daemon running|permission denied while trying to connect|error during connect/i;

/** Reads one `ssh -v` run of PROBE_COMMAND. */
export function readSshProbe(t: SshTarget, probe: ProbeRun): SshDiagnosis {
  const words = sshWords(probe.stderr);
  const evidence = words.slice(-4);
  const out = probe.stdout;
  const n = probe.waitedSeconds;
  const by = target(t);
  if (HOST_KEY.test(probe.stderr)) {
    return {
      phase: 'host key',
      what: 'ssh reached the node, but its host key is not the one in ssh-known-hosts',
      fix: 'Check the key with ssh-keyscan and update ssh-known-hosts (or, to trust on first use, set ssh-accept-new-host-keys: true).',
      evidence,
    };
  }
  if (DNS.test(probe.stderr) || REFUSED.test(probe.stderr) || CONNECT_TIMEOUT.test(probe.stderr)) {
    return {
      phase: 'tcp',
      what: 'ssh could not open a TCP connection to the node',
      fix: 'Check the host and port in "nodes", and that sshd runs there and the firewall lets the port through.',
      evidence,
    };
  }
  if (AUTH.test(probe.stderr) && !AUTHENTICATED.test(probe.stderr)) {
    return {
      phase: 'auth',
      what: 'the node refused the key (authentication failed)',
      fix: `Check ssh-private-key and the user in "nodes", and that the public key is in that user's authorized_keys on the node (try: ssh ${by} true).`,
      evidence,
    };
  }
  if (!out.includes(SHELL_MARK)) {
    if (AUTHENTICATED.test(probe.stderr) && probe.timedOut) {
      return {
        phase: 'silent shell',
        what: `ssh authenticated, but the remote command stayed silent for ${n} s: the node's login shell never got to run it`,
        fix:
          "The usual causes are a slow login shell on the node (the ssh user's ~/.bashrc or profile runs something slow or waits on a lock: pyenv, conda or nvm init, a network mount) " +
          `or a ForceCommand there. Time it by hand (time ssh ${by} true), and make that user's shell start fast: e.g. a build user whose shell is /bin/sh, or start-up files that return early when not interactive.`,
        evidence,
      };
    }
    if (probe.timedOut) {
      return {
        phase: 'tcp',
        what: `ssh got no further than the connection within ${n} s: the node accepted TCP but never completed the ssh handshake`,
        fix: 'Check that the port in "nodes" is sshd\'s (not another service), and that nothing between runner and node holds the connection open.',
        evidence,
      };
    }
    return {
      phase: AUTHENTICATED.test(probe.stderr) ? 'silent shell' : 'auth',
      what: AUTHENTICATED.test(probe.stderr)
        ? `ssh authenticated, but the node's login shell exited (${probe.exitCode}) without running the command`
        : `ssh exited (${probe.exitCode}) before the node ran any command`,
      fix: `Run ssh ${by} true by hand to see why; the user's shell on the node must be able to run commands (not nologin).`,
      evidence,
    };
  }
  if (out.includes(NO_DOCKER_MARK)) {
    return {
      phase: 'no docker',
      what: "ssh and the node's shell work, but docker is not on the PATH of ssh sessions there",
      fix: 'Install the docker CLI on the node, or put its directory on the PATH that non-interactive ssh sessions get (sshd SetEnv PATH=…, or /etc/environment).',
      evidence: [],
    };
  }
  const at = out.indexOf(ENGINE_MARK);
  if (at < 0) {
    return {
      phase: 'silent docker',
      what: `ssh and the node's shell work, but the node's docker CLI did not answer within ${n} s`,
      fix: "Check the node's engine (docker version, as that user): a hung dockerd, or a DOCKER_HOST or docker context there that points at an engine that does not answer.",
      evidence: [],
    };
  }
  // Everything docker said: on failure its template line comes out empty and the error follows.
  const answer = out
    .slice(at + ENGINE_MARK.length)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
  if (/^[a-z0-9]+\/[a-z0-9]+$/.test(answer)) {
    return {
      phase: 'ok',
      what: `the node answers over ssh now (its engine is ${answer})`,
      fix: "The docker CLI's own connection failed nonetheless; run the step again, and if it fails again, check the node's sshd logs.",
      evidence: [],
    };
  }
  return {
    phase: 'engine',
    what: "ssh and docker on the node work, but the node's Docker engine does not answer",
    fix: ENGINE_DOWN.test(answer)
      ? 'Start dockerd on the node, and check that the ssh user may use its socket (the docker group) and that DOCKER_HOST there, if set, is right.'
      : "Check the node's engine: docker version, run there as the ssh user, must answer.",
    evidence: answer ? answer.split('\n').slice(-4) : [],
  };
}
