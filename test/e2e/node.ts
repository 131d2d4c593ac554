/**
 * A second Docker node reachable over ssh, on this same machine, for the
 * end-to-end tests of remote (per-platform) builders.
 *
 * startSshNode() starts, under one fresh temp dir:
 * - a second dockerd on its own unix socket, sharing the host's containerd
 *   under namespaces of its own, with the containerd image store, and a
 *   bridge of its own. It never touches iptables, so the main engine's
 *   rules and docker0 stay as they are;
 * - an sshd on 127.0.0.1:<free port> that accepts one fresh ed25519 client
 *   key for one user and nothing else, and points DOCKER_HOST at that second
 *   engine, so `docker system dial-stdio` over ssh lands there.
 *
 * The node is hermetic: nothing of the host user's home or shell start-up is
 * on its path. sshd runs every command through the login shell of the user
 * who logs in, and root's ~/.bashrc here runs `pyenv init`, which waits 60 s
 * on a lock that a killed process leaves behind. So the node logs in as a
 * user of its own (NODE_USER): /bin/sh (which reads no start-up file when not
 * interactive), a fixed environment (sshd's SetEnv, PermitUserEnvironment
 * off), a HOME of the node's own, and access to that node's engine only
 * through its socket's group.
 *
 * Two nodes can run at once: every name, port, socket and subnet is unique
 * per call. stop() undoes all of it and may be called more than once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './harness';

/** The user every test node logs in as: made on first use, shell /bin/sh. */
export const NODE_USER = 'multiarch-e2e-node';
/** Its passwd home: empty and read-only; each node sets a HOME of its own. */
const NODE_USER_HOME = '/var/lib/multiarch-e2e-node';

/**
 * What a node is like beyond the working default, for the tests of each way a
 * node can fail after the TCP connection: its shell stays silent, docker is
 * not on its PATH, or its engine does not answer.
 */
export interface SshNodeOptions {
  name?: string;
  /** sshd and dockerd in a network namespace of their own. */
  netns?: boolean;
  /** Run this instead of every command (sshd's ForceCommand), e.g. `sleep 600` for a shell that never answers. */
  forceCommand?: string;
  /** The PATH of ssh sessions (default: where docker is). */
  sessionPath?: string;
  /** false: no second engine at all; DOCKER_HOST names a socket nothing listens on. */
  engine?: boolean;
}

export interface SshNode {
  /** ssh://multiarch-e2e-node@127.0.0.1:<port> */
  endpoint: string;
  /** OpenSSH private key text of a fresh ed25519 client key that sshd accepts (write it 0600). */
  privateKey: string;
  /** A known_hosts line for [127.0.0.1]:<port> with the sshd's real host key. */
  knownHosts: string;
  /** A known_hosts line for the same host and port with a different, fresh host key. */
  wrongKnownHosts: string;
  /** unix:///…/docker.sock of the second engine, for direct checks from tests. */
  dockerHost: string;
  /** Runs the docker CLI against the second engine. */
  docker(...args: string[]): { status: number; stdout: string; stderr: string };
  /** Stops sshd and the second dockerd, removes the bridge, namespaces and temp dir. Idempotent. */
  stop(): Promise<void>;
}

const DOCKERD_START_MS = 60_000;
const SSHD_START_MS = 15_000;
const STOP_GRACE_MS = 20_000;
const CMD_TIMEOUT_MS = 120_000;

/** /24s handed out by this process and not yet released, so concurrent nodes differ. */
const subnetsInUse = new Set<number>();

function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
    env: opts.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const err = r.error ? `${r.error.message}\n` : '';
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: err + (r.stderr ?? '') };
}

function must(cmd: string, args: string[]): string {
  const r = run(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A 10.213.N.0/24 that no interface, route or other node of this process
 * uses. docker0 is 172.17/16 and dockerd's default pools are 172.17–31 and
 * 192.168/16, so this range stays clear of the main engine.
 */
function pickSubnet(): number {
  const taken = run('ip', ['-4', '-o', 'addr', 'show']).stdout + run('ip', ['-4', 'route']).stdout;
  for (let tries = 0; tries < 200; tries++) {
    const n = 1 + Math.floor(Math.random() * 254);
    if (subnetsInUse.has(n) || taken.includes(`10.213.${n}.`) || taken.includes(`10.212.${n}.`))
      continue;
    subnetsInUse.add(n);
    return n;
  }
  throw new Error('no free 10.213.N.0/24 subnet for the node bridge');
}

/**
 * Makes NODE_USER if it is not there, and (re)sets what the node relies on:
 * /bin/sh, a home nothing can write, and a password field of `*` (no password
 * login, but not "locked": sshd without PAM refuses locked accounts).
 */
function ensureNodeUser(): void {
  if (run('getent', ['passwd', NODE_USER]).status !== 0) {
    const made = run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      NODE_USER_HOME,
      '--shell',
      '/bin/sh',
      NODE_USER,
    ]);
    // 9: made meanwhile by another suite on this machine.
    if (made.status !== 0 && made.status !== 9)
      throw new Error(`useradd ${NODE_USER} failed (${made.status}): ${made.stderr}`);
  }
  const [, , , , , home, shell] = run('getent', ['passwd', NODE_USER]).stdout.trim().split(':');
  if (home !== NODE_USER_HOME || shell !== '/bin/sh')
    must('usermod', ['--home', NODE_USER_HOME, '--shell', '/bin/sh', NODE_USER]);
  must('usermod', ['--password', '*', NODE_USER]);
  mkdirSync(NODE_USER_HOME, { recursive: true });
  chmodSync(NODE_USER_HOME, 0o555);
}

/** Resolves once GET /_ping on the unix socket answers OK. */
function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** Resolves once something on the port sends an SSH banner. */
function sshBanner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    let data = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2_000, () => done(false));
    sock.on('data', (c: Buffer) => {
      data += c.toString('latin1');
      if (data.includes('\n')) done(data.startsWith('SSH-2.0-'));
    });
    sock.on('error', () => done(false));
    sock.on('close', () => done(false));
  });
}

function startDaemon(cmd: string, args: string[], logFile: string): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    // Never let a forgotten node keep the test runner alive; the exit hook kills it.
    child.unref();
    child.on('error', () => undefined);
    return child;
  } finally {
    closeSync(fd);
  }
}

function alive(child: ChildProcess | undefined): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}

function exitOf(child: ChildProcess): string {
  return `exited (${child.exitCode ?? child.signalCode ?? '?'})`;
}

/** SIGTERM, then SIGKILL after graceMs; resolves when the process is gone. */
async function terminate(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || !alive(child)) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs));
  if ((await Promise.race([gone, timer])) === 'timeout' && alive(child)) {
    child.kill('SIGKILL');
    await Promise.race([gone, sleep(5_000)]);
  }
}

/** The file in a node's dir naming what lives outside it: read by the sweep after a killed run. */
export const LEFTOVERS_FILE = 'leftovers.json';

export interface NodeLeftovers {
  /** containerd namespaces of the node's engine. */
  namespaces: string[];
  /** Host links: the bridge, or the runner's end of the veth pair. */
  links: string[];
  netns?: string;
}

/**
 * Removes what a node of a killed run left outside its dir. Its processes
 * are already gone (the sweep kills every process that names the dir).
 */
export async function sweepNode(left: NodeLeftovers): Promise<void> {
  for (const l of left.links) run('ip', ['link', 'del', l], { timeout: 10_000 });
  if (left.netns) run('ip', ['netns', 'del', left.netns], { timeout: 10_000 });
  for (const n of left.namespaces) await dropNamespace(n);
}

/** Unmounts what a killed dockerd left mounted under a dir (its netns files), deepest first. */
export function unmountUnder(dir: string): void {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) run('umount', ['-l', m], { timeout: 5_000 });
}

/** Empties and removes a containerd namespace, best effort and bounded. */
async function dropNamespace(ns: string): Promise<void> {
  const ctr = (...a: string[]) => run('ctr', ['-n', ns, ...a], { timeout: 20_000 });
  const list = (...a: string[]) =>
    ctr(...a)
      .stdout.split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  const exists = () => run('ctr', ['namespaces', 'ls', '-q']).stdout.split('\n').includes(ns);
  const deadline = Date.now() + 15_000;
  while (exists()) {
    const containers = list('containers', 'ls', '-q');
    if (containers.length) ctr('containers', 'rm', ...containers);
    const images = list('images', 'ls', '-q');
    if (images.length) ctr('images', 'rm', ...images);
    const leases = list('leases', 'ls', '-q');
    for (const l of leases) ctr('leases', 'rm', '--sync', l);
    const blobs = list('content', 'ls', '-q');
    if (blobs.length) ctr('content', 'rm', ...blobs);
    if (run('ctr', ['namespaces', 'rm', ns], { timeout: 20_000 }).status === 0) return;
    if (Date.now() > deadline) return;
    await sleep(500);
  }
}

/**
 * With `netns`, the node is really somewhere else: sshd and dockerd run in a
 * network namespace of their own, reached over a veth pair, so a port its
 * containers publish on 127.0.0.1 is on the node's loopback, not the runner's.
 */
export async function startSshNode(opts: SshNodeOptions = {}): Promise<SshNode> {
  const id = randomBytes(4).toString('hex');
  const name = (opts.name ?? 'multiarch-node').replace(/[^A-Za-z0-9_.-]/g, '-');
  const withEngine = opts.engine !== false;
  ensureNodeUser();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  // The node user reaches its engine's socket in here, and nothing else.
  chmodSync(dir, 0o711);
  for (let up = path.dirname(dir); up !== path.dirname(up); up = path.dirname(up)) {
    if ((statSync(up).mode & 0o001) === 0) chmodSync(up, statSync(up).mode | 0o001);
  }
  const home = path.join(dir, 'home');
  mkdirSync(home);
  const bridge = `manode${id.slice(0, 6)}`; // ≤ 15 characters, the kernel's limit
  const ns = `${name}-${id}`;
  const pluginsNs = `${ns}-plugins`;
  const socket = path.join(dir, 'docker.sock');
  const dockerHost = `unix://${socket}`;
  const dockerdLog = path.join(dir, 'dockerd.log');
  const sshdLog = path.join(dir, 'sshd.log');
  let subnet: number | undefined;
  let bridgeMade = false;
  const netns = opts.netns ? `mans${id}` : undefined;
  const veth = `mav${id.slice(0, 6)}`;
  let nsMade = false;
  /** Runs a daemon inside the node's network namespace (nsenter, not ip netns exec: see E2E-HOST.md). */
  const inNode = (cmd: string, args: string[]): [string, string[]] =>
    netns ? ['nsenter', [`--net=/run/netns/${netns}`, cmd, ...args]] : [cmd, args];
  const ipNode = (...args: string[]) => must('ip', netns ? ['-n', netns, ...args] : args);
  let dockerd: ChildProcess | undefined;
  let sshd: ChildProcess | undefined;
  let stopped: Promise<void> | undefined;
  // What a run killed before stop() leaves behind, for the next run's sweep.
  const left: NodeLeftovers = {
    namespaces: [ns, `${ns}_history`, pluginsNs],
    links: netns ? [`${veth}a`] : [bridge],
    ...(netns ? { netns } : {}),
  };
  writeFileSync(path.join(dir, LEFTOVERS_FILE), JSON.stringify(left));

  const nodeEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: dockerHost };
    delete env.DOCKER_CONTEXT;
    return env;
  };
  const docker = (...args: string[]) =>
    run('docker', args, { env: nodeEnv(), timeout: CMD_TIMEOUT_MS });

  // Synchronous last resort if the process exits without stop().
  const onExit = () => {
    for (const c of [sshd, dockerd]) if (c && alive(c)) c.kill('SIGTERM');
    if (bridgeMade && !netns) run('ip', ['link', 'del', bridge], { timeout: 5_000 });
    if (nsMade) {
      run('ip', ['link', 'del', `${veth}a`], { timeout: 5_000 });
      run('ip', ['netns', 'del', netns as string], { timeout: 5_000 });
    }
  };
  process.once('exit', onExit);

  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      process.removeListener('exit', onExit);
      await terminate(sshd, 5_000);
      if (withEngine && alive(dockerd)) {
        // Drop what this engine stored in the shared containerd, then stop it.
        const ids = docker('ps', '-aq').stdout.split('\n').filter(Boolean);
        if (ids.length) docker('container', 'rm', '-f', ...ids);
        docker('system', 'prune', '-af');
        docker('builder', 'prune', '-af');
      }
      await terminate(dockerd, STOP_GRACE_MS);
      for (const n of [ns, `${ns}_history`, pluginsNs]) await dropNamespace(n);
      if (bridgeMade && !netns) run('ip', ['link', 'del', bridge], { timeout: 10_000 });
      bridgeMade = false;
      if (nsMade) {
        // Deleting one end of the veth pair deletes both; the namespace takes its bridge along.
        run('ip', ['link', 'del', `${veth}a`], { timeout: 10_000 });
        run('ip', ['netns', 'del', netns as string], { timeout: 10_000 });
        nsMade = false;
      }
      if (subnet !== undefined) subnetsInUse.delete(subnet);
      unmountUnder(dir);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    // ── the second engine ──────────────────────────────────────────────────
    subnet = pickSubnet();
    if (netns) {
      must('ip', ['netns', 'add', netns]);
      nsMade = true;
      must('ip', ['link', 'add', `${veth}a`, 'type', 'veth', 'peer', 'name', `${veth}b`]);
      must('ip', ['link', 'set', `${veth}b`, 'netns', netns]);
      must('ip', ['addr', 'add', `10.212.${subnet}.1/30`, 'dev', `${veth}a`]);
      must('ip', ['link', 'set', `${veth}a`, 'up']);
      ipNode('addr', 'add', `10.212.${subnet}.2/30`, 'dev', `${veth}b`);
      ipNode('link', 'set', `${veth}b`, 'up');
      ipNode('link', 'set', 'lo', 'up');
    }
    ipNode('link', 'add', bridge, 'type', 'bridge');
    bridgeMade = true;
    ipNode('addr', 'add', `10.213.${subnet}.1/24`, 'dev', bridge);
    ipNode('link', 'set', bridge, 'up');
    const sshHost = netns ? `10.212.${subnet}.2` : '127.0.0.1';

    const config = path.join(dir, 'daemon.json');
    if (withEngine) {
      // Its own config file, so /etc/docker/daemon.json never applies twice or
      // conflicts with the flags below. The containerd image store is what lets
      // the default `docker` builder push by digest with attestations, like the
      // main engine does.
      writeFileSync(config, JSON.stringify({ features: { 'containerd-snapshotter': true } }));
      for (const d of ['data', 'exec']) mkdirSync(path.join(dir, d));
      dockerd = startDaemon(
        ...inNode('dockerd', [
          '--config-file',
          config,
          '--host',
          dockerHost,
          '--data-root',
          path.join(dir, 'data'),
          '--exec-root',
          path.join(dir, 'exec'),
          '--pidfile',
          path.join(dir, 'dockerd.pid'),
          '--containerd',
          '/run/containerd/containerd.sock',
          '--containerd-namespace',
          ns,
          '--containerd-plugins-namespace',
          pluginsNs,
          '--bridge',
          bridge,
          // The socket's group: how the node user, not only root, reaches this engine.
          '--group',
          NODE_USER,
          '--iptables=false',
          '--ip6tables=false',
          '--ip-masq=false',
          '--ip-forward=false',
        ]),
        dockerdLog,
      );
      const dockerdDeadline = Date.now() + DOCKERD_START_MS;
      while (!(existsSync(socket) && (await ping(socket)))) {
        if (!alive(dockerd) || Date.now() > dockerdDeadline) {
          const why = alive(dockerd)
            ? `did not answer within ${DOCKERD_START_MS / 1000} s`
            : exitOf(dockerd);
          throw new Error(`node dockerd on ${dockerHost} ${why}; log tail:\n${tail(dockerdLog)}`);
        }
        await sleep(200);
      }
    }

    // ── keys ──────────────────────────────────────────────────────────────
    const keygen = (file: string) =>
      must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${ns}`, '-f', file]);
    const hostKey = path.join(dir, 'ssh_host_ed25519_key');
    const clientKey = path.join(dir, 'client_ed25519');
    const otherHostKey = path.join(dir, 'other_host_ed25519_key');
    keygen(hostKey);
    keygen(clientKey);
    keygen(otherHostKey);
    const pub = (file: string) => {
      const [type, key] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
      return `${type} ${key}`;
    };
    const authorized = path.join(dir, 'authorized_keys');
    // sshd reads it as the user who logs in; a public key needs no secrecy.
    writeFileSync(authorized, `${pub(clientKey)}\n`, { mode: 0o644 });
    const sessionPath = opts.sessionPath ?? '/usr/local/bin:/usr/bin:/bin';

    // ── sshd ──────────────────────────────────────────────────────────────
    const port = await freePort();
    const sshdConfig = path.join(dir, 'sshd_config');
    writeFileSync(
      sshdConfig,
      [
        `Port ${port}`,
        `ListenAddress ${sshHost}`,
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorized}`,
        `AllowUsers ${NODE_USER}`,
        'PermitRootLogin no',
        'PermitUserEnvironment no',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'HostbasedAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'X11Forwarding no',
        'PrintMotd no',
        'LogLevel VERBOSE',
        // A fixed environment: nothing comes from the host's shell set-up.
        `SetEnv DOCKER_HOST=${dockerHost} PATH=${sessionPath} HOME=${home} LANG=C.UTF-8`,
        ...(opts.forceCommand ? [`ForceCommand ${opts.forceCommand}`] : []),
        '',
      ].join('\n'),
    );
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    // -e: log to the log file instead of syslog, which may not be running.
    sshd = startDaemon(...inNode('/usr/sbin/sshd', ['-D', '-e', '-f', sshdConfig]), sshdLog);
    const sshdDeadline = Date.now() + SSHD_START_MS;
    while (!(await sshBanner(sshHost, port))) {
      if (!alive(sshd) || Date.now() > sshdDeadline) {
        const why = alive(sshd) ? `did not answer within ${SSHD_START_MS / 1000} s` : exitOf(sshd);
        throw new Error(`node sshd on ${sshHost}:${port} ${why}; log tail:\n${tail(sshdLog)}`);
      }
      await sleep(100);
    }

    return {
      endpoint: `ssh://${NODE_USER}@${sshHost}:${port}`,
      privateKey: readFileSync(clientKey, 'utf8'),
      knownHosts: `[${sshHost}]:${port} ${pub(hostKey)}`,
      wrongKnownHosts: `[${sshHost}]:${port} ${pub(otherHostKey)}`,
      dockerHost,
      docker,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
