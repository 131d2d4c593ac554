/**
 * A private ssh setup for reaching nodes, that leaves ~/.ssh alone.
 *
 * The docker CLI runs `ssh` from PATH for ssh:// endpoints, and OpenSSH reads
 * ~/.ssh from the passwd entry, not from $HOME. So the action writes its own
 * config, key and known_hosts under RUNNER_TEMP (mode 0600) and puts a
 * two-line `ssh` wrapper that adds `-F <config>` first on PATH for the docker
 * commands it starts.
 */
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface SshFiles {
  dir: string;
  config: string;
  key: string;
  knownHosts: string;
  /** Directory holding the `ssh` wrapper; goes first on PATH. */
  binDir: string;
  /** Short private directory for shared-connection sockets. */
  controlDir: string;
}

// Paths end up inside the wrapper script and the ssh config: allow only
// characters that need no quoting in either.
const SAFE_PATH = /^\/[\w./-]+$/;

export function sshPaths(dir: string, controlDir: string): SshFiles {
  return {
    dir,
    controlDir,
    config: join(dir, 'ssh_config'),
    key: join(dir, 'id_node'),
    knownHosts: join(dir, 'known_hosts'),
    binDir: join(dir, 'bin'),
  };
}

// A unix socket path has at most 107 bytes. %C expands to 40 characters, and
// ssh adds a 17-character suffix while it creates the socket.
const MAX_CONTROL_PATH = 107;
const CONTROL_PATH_GROWTH = 40 - 2 + 17;
export const CONNECT_TIMEOUT_SECONDS = 15;

export function sshConfigText(files: SshFiles, acceptNewHostKeys: boolean): string {
  const controlPath = `${files.controlDir}/%C`;
  const shared = controlPath.length + CONTROL_PATH_GROWTH <= MAX_CONTROL_PATH;
  return [
    'Host *',
    `  IdentityFile ${files.key}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${files.knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    // Checked strictly unless the user asked to trust new hosts on first use.
    `  StrictHostKeyChecking ${acceptNewHostKeys ? 'accept-new' : 'yes'}`,
    '  BatchMode yes',
    '  ServerAliveInterval 15',
    '  ServerAliveCountMax 4',
    // The docker CLI opens a new ssh connection per command (a build opens
    // about ten); sharing one per node halves each command's time.
    ...(shared
      ? ['  ControlMaster auto', `  ControlPath ${controlPath}`, '  ControlPersist 60']
      : []),
    '',
  ].join('\n');
}

/**
 * The docker CLI passes its own `-o ConnectTimeout=30`, which beats the config
 * file; ssh keeps the first value of an option, so ours goes before "$@".
 */
export function wrapperScript(realSsh: string, config: string): string {
  return `#!/bin/sh\nexec ${realSsh} -F ${config} -o ConnectTimeout=${CONNECT_TIMEOUT_SECONDS} "$@"\n`;
}

/** Finds the real ssh on PATH, skipping our own wrapper directory. */
export function findSsh(
  pathEnv: string,
  exists: (p: string) => boolean,
  skip?: string,
): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir || dir === skip) continue;
    const candidate = join(dir, 'ssh');
    if (exists(candidate)) return candidate;
  }
  return undefined;
}

export async function writeSshFiles(
  dir: string,
  opts: { privateKey?: string; knownHosts?: string; acceptNewHostKeys: boolean; realSsh: string },
): Promise<SshFiles> {
  // RUNNER_TEMP paths can be too long for a socket: the sockets get a short dir.
  const files = sshPaths(dir, await mkdtemp(join(tmpdir(), 'mcm-')));
  for (const p of [files.config, opts.realSsh]) {
    if (!SAFE_PATH.test(p)) {
      throw new Error(
        `cannot set up ssh: the path ${JSON.stringify(p)} has characters the ssh wrapper cannot carry; set RUNNER_TEMP to a plain path`,
      );
    }
  }
  await mkdir(files.binDir, { recursive: true, mode: 0o700 });
  const secret = { mode: 0o600 } as const;
  // OpenSSH refuses a key without its final newline, which secrets often lose.
  await writeFile(files.key, `${(opts.privateKey ?? '').trim()}\n`, secret);
  await writeFile(files.knownHosts, opts.knownHosts ? `${opts.knownHosts.trim()}\n` : '', secret);
  await writeFile(files.config, sshConfigText(files, opts.acceptNewHostKeys), secret);
  const wrapper = join(files.binDir, 'ssh');
  await writeFile(wrapper, wrapperScript(opts.realSsh, files.config), { mode: 0o700 });
  await chmod(wrapper, 0o700);
  return files;
}

export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
}

function targetArgs(t: SshTarget): string[] {
  return [...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), t.host];
}

/**
 * Asks the node's shared connection (ControlMaster) to forward a port of this
 * machine's loopback to a port on the node's loopback, or to stop doing so.
 */
export function sshForwardArgs(
  ssh: { realSsh: string; config: string },
  target: SshTarget,
  op: 'forward' | 'cancel',
  localPort: number,
  remotePort: number,
): string[] {
  return [
    ssh.realSsh,
    '-F',
    ssh.config,
    '-O',
    op,
    '-L',
    `127.0.0.1:${localPort}:127.0.0.1:${remotePort}`,
    ...targetArgs(target),
  ];
}

/** Opens (or reuses) the node's shared connection: a no-op command through it. */
export function sshMasterArgs(
  ssh: { realSsh: string; config: string },
  target: SshTarget,
): string[] {
  return [ssh.realSsh, '-F', ssh.config, ...targetArgs(target), 'true'];
}
