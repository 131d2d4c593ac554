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
 *   key for root and nothing else, and points DOCKER_HOST at that second
 *   engine, so `docker system dial-stdio` over ssh lands there.
 *
 * Two nodes can run at once: every name, port, socket and subnet is unique
 * per call. stop() undoes all of it and may be called more than once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './harness';

export interface SshNode {
  /** ssh://root@127.0.0.1:<port> */
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
export async function startSshNode(
  opts: { name?: string; netns?: boolean } = {},
): Promise<SshNode> {
  const id = randomBytes(4).toString('hex');
  const name = (opts.name ?? 'multiarch-node').replace(/[^A-Za-z0-9_.-]/g, '-');
  const dir = mkdtempSync(path.join(os.tmpdir(), `${name}-`));
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
      if (alive(dockerd)) {
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
      // A killed dockerd may leave its netns files mounted under the exec root.
      const mounts = readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[1] ?? '')
        .filter((m) => m.startsWith(`${dir}/`))
        .sort((a, b) => b.length - a.length);
      for (const m of mounts) run('umount', ['-l', m], { timeout: 5_000 });
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
    writeFileSync(authorized, `${pub(clientKey)}\n`, { mode: 0o600 });

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
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'HostbasedAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'X11Forwarding no',
        'PrintMotd no',
        'LogLevel VERBOSE',
        `SetEnv DOCKER_HOST=${dockerHost} PATH=/usr/local/bin:/usr/bin:/bin`,
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
      endpoint: `ssh://root@${sshHost}:${port}`,
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
