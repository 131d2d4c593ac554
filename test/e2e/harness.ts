/**
 * Runs the bundled action the way the GitHub runner does, against a real
 * engine and a real registry on 127.0.0.1 that the tests start themselves.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { NAMES_FILE } from '../setup/names';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Whether a real engine answers. Under CI=true its absence fails the run instead of skipping. */
export function engineAvailable(): boolean {
  const ok =
    spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 }).status ===
    0;
  if (!ok && process.env.CI === 'true') {
    throw new Error(
      'CI=true but no Docker engine answers `docker info`: run scripts/setup-host.sh first. End-to-end tests are never skipped in CI.',
    );
  }
  if (!ok)
    console.warn(
      'SKIPPING end-to-end tests: no Docker engine answers `docker info` (run scripts/setup-host.sh).',
    );
  return ok;
}

export function docker(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface Registry {
  host: string;
  /** The raw manifest at a reference, read over the registry's HTTP API. */
  manifest(
    repo: string,
    reference: string,
  ): Promise<{
    mediaType?: string;
    manifests?: {
      digest: string;
      platform?: { os: string; architecture: string; variant?: string };
    }[];
  }>;
  /** All repositories the registry holds. */
  catalog(): Promise<string[]>;
  stop(): void;
}

/** A registry login, for a registry that asks for one (htpasswd, bcrypt). */
export interface Credentials {
  username: string;
  password: string;
}

/** Starts Debian's docker-registry on a free port, storage in a temp dir; with `auth`, only that user gets in. */
export async function startRegistry(auth?: Credentials): Promise<Registry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  const authLines: string[] = [];
  const headers: Record<string, string> = {};
  if (auth) {
    // htpasswd (apache2-utils) reads the password on stdin and writes a bcrypt entry.
    const entry = spawnSync('htpasswd', ['-niB', auth.username], {
      input: `${auth.password}\n`,
      encoding: 'utf8',
    });
    if (entry.status !== 0) throw new Error(`htpasswd failed: ${entry.stderr}`);
    writeFileSync(path.join(dir, 'htpasswd'), entry.stdout);
    authLines.push(`auth: {htpasswd: {realm: e2e, path: ${dir}/htpasswd}}`);
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  }
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log: {level: warn}',
      'storage:',
      `  filesystem: {rootdirectory: ${dir}/data}`,
      '  delete: {enabled: true}',
      `http: {addr: "127.0.0.1:${port}"}`,
      ...authLines,
      '',
    ].join('\n'),
  );
  const bin =
    ['/usr/bin/docker-registry', '/usr/local/bin/registry'].find(existsSync) ?? 'docker-registry';
  const proc = spawn(bin, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/v2/`, { headers })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill();
      throw new Error(`registry did not start on ${base}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const accept = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
  ].join(', ');
  return {
    host: `127.0.0.1:${port}`,
    async manifest(repo, reference) {
      const res = await fetch(`${base}/v2/${repo}/manifests/${reference}`, {
        headers: { ...headers, accept },
      });
      if (!res.ok) throw new Error(`GET manifest ${repo}:${reference}: ${res.status}`);
      return (await res.json()) as Awaited<ReturnType<Registry['manifest']>>;
    },
    async catalog() {
      const res = await fetch(`${base}/v2/_catalog`, { headers });
      return ((await res.json()) as { repositories?: string[] }).repositories ?? [];
    },
    stop() {
      proc.kill();
      // A registry-side 5xx explains a failure better than the client sees it.
      const errors = log.split('\n').filter((l) => /status=5\d\d|err.code=unknown|panic/.test(l));
      if (errors.length > 0)
        console.warn(`registry ${port} logged:\n${errors.slice(-5).join('\n')}`);
      rmSync(dir, { recursive: true, force: true });
      // The engine's names for this registry's images (tags a docker-driver
      // run leaves, pulls) go with it: runs would otherwise pile them up.
      // Pulls by digest have no tag: they go by their digest.
      removeEngineImages((repo) => repo.startsWith(`127.0.0.1:${port}/`));
    },
  };
}

/**
 * Removes the engine's names for images `ours` picks by repository (with
 * their tags, or their digests when pulled by digest). The engine lists one
 * name of an image at a time: content pushed to several repositories (the same
 * busybox, run after run) shows its next name once one is gone, so it goes
 * round until none is left, a bounded number of times.
 */
export function removeEngineImages(ours: (repo: string, tag: string) => boolean): number {
  let removedCount = 0;
  for (let round = 0; round < 20; round++) {
    const refs = docker(
      'image',
      'ls',
      '--digests',
      '--format',
      '{{.Repository}} {{.Tag}} {{.Digest}}',
    )
      .stdout.split('\n')
      .map((l) => l.split(' '))
      .filter(([repo, tag]) => repo !== undefined && repo !== '' && ours(repo, tag ?? ''))
      .map(([repo, tag, digest]) => (tag === '<none>' ? `${repo}@${digest}` : `${repo}:${tag}`));
    if (refs.length === 0) break;
    docker('image', 'rm', ...refs);
    removedCount += refs.length;
  }
  return removedCount;
}

/** Parses the runner's file commands (`name<<DELIM\nvalue\nDELIM`, or `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i] as string);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

export interface StepRun {
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  durationMs: number;
  post: { exitCode: number; stdout: string };
  runnerTemp: string;
  /** What the afterMain probe returned. */
  afterMain?: unknown;
}

/** A signal sent to main mid-step; `then` is the runner's follow-up (SIGTERM 7.5 s after SIGINT). */
export interface StepSignal {
  name: NodeJS.Signals;
  when: (stdout: string) => boolean;
  delayMs?: number;
  then?: { name: NodeJS.Signals; afterMs: number };
}

function runNode(
  script: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  signal?: StepSignal,
  onOutput?: (stdout: string) => void,
): Promise<{ exitCode: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let signalled = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      onOutput?.(out);
      // Like the runner cancelling a job: the signal arrives mid-step.
      if (signal && !signalled && signal.when(out)) {
        signalled = true;
        setTimeout(() => {
          child.kill(signal.name);
          const then = signal.then;
          if (then) setTimeout(() => child.kill(then.name), then.afterMs).unref();
        }, signal.delayMs ?? 0);
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout: out });
    });
  });
}

/** The `default:` of every input an action.yml declares, as the runner reads them. */
export function actionDefaults(actionYml: string): Record<string, string> {
  const text = readFileSync(path.join(ROOT, actionYml), 'utf8');
  const section = text.split(/^inputs:\n/m)[1]?.split(/^\S/m)[0] ?? '';
  const defaults: Record<string, string> = {};
  let current: string | undefined;
  for (const line of section.split('\n')) {
    const name = /^ {2}([a-z-]+):$/.exec(line);
    if (name) current = name[1];
    const value = /^ {4}default: (.*)$/.exec(line);
    if (current && value) defaults[current] = (value[1] as string).replace(/^'(.*)'$/, '$1');
  }
  return defaults;
}

/**
 * The scripts an action.yml's `runs:` names for main and post, as the runner
 * resolves them: relative to the action's own directory.
 */
export function actionRuns(actionYml: string): { main: string; post: string } {
  const file = path.join(ROOT, actionYml);
  const runs = (
    parseYaml(readFileSync(file, 'utf8')) as { runs?: { main?: string; post?: string } }
  ).runs;
  if (!runs?.main || !runs.post) throw new Error(`${actionYml} names no runs.main and runs.post`);
  return {
    main: path.resolve(path.dirname(file), runs.main),
    post: path.resolve(path.dirname(file), runs.post),
  };
}

/**
 * Runs main, then post, like the runner: the scripts action.yml's `runs:`
 * names, inputs (over the action.yml defaults) as INPUT_*, file commands in
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE, state handed to post as
 * STATE_*.
 */
export async function runAction(
  inputs: Record<string, string>,
  {
    actionYml = 'action.yml',
    timeoutMs = 240_000,
    afterMain,
    signal,
    onOutput,
    env: extraEnv,
  }: {
    actionYml?: string;
    timeoutMs?: number;
    /** More environment for main and post (RUNNER_TOOL_CACHE, …). */
    env?: NodeJS.ProcessEnv;
    /** Sends main a signal once its output satisfies `when`. */
    signal?: StepSignal;
    /** Sees main's stdout so far, each time more arrives (to time a phase). */
    onOutput?: (stdout: string) => void;
    /** Looks at the world between main and post (as later steps see it), with main's state and outputs. */
    afterMain?: (state: Record<string, string>, outputs: Record<string, string>) => unknown;
  } = {},
): Promise<StepRun> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'multiarch-step-'));
  const runnerTemp = path.join(work, 'runner-temp');
  mkdirSync(runnerTemp);
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary', GITHUB_STATE: 'state' };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: runnerTemp,
    GITHUB_ACTIONS: 'true',
  };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  // The suite's own Docker config (test/setup/temp-dir.ts), never ~/.docker.
  if (process.env.DOCKER_CONFIG) env.DOCKER_CONFIG = process.env.DOCKER_CONFIG;
  Object.assign(env, extraEnv);
  for (const [k, f] of Object.entries(files)) {
    env[k] = path.join(work, f);
    writeFileSync(env[k] as string, '');
  }
  for (const [k, v] of Object.entries({ ...actionDefaults(actionYml), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  const runs = actionRuns(actionYml);
  const began = Date.now();
  const main = await runNode(runs.main, env, timeoutMs, signal, onOutput);
  const durationMs = Date.now() - began;
  const state = parseFileCommands(readFileSync(path.join(work, 'state'), 'utf8'));
  const betweenMainAndPost = afterMain?.(
    state,
    parseFileCommands(readFileSync(path.join(work, 'output'), 'utf8')),
  );
  const postEnv: NodeJS.ProcessEnv = { ...env };
  for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
  const post = await runNode(runs.post, postEnv, 120_000);
  const result: StepRun = {
    ...main,
    outputs: parseFileCommands(readFileSync(path.join(work, 'output'), 'utf8')),
    summary: readFileSync(path.join(work, 'summary'), 'utf8'),
    state,
    durationMs,
    post,
    runnerTemp,
    afterMain: betweenMainAndPost,
  };
  return result;
}

/** Static busybox for each architecture, from Debian, cached between runs. */
export function busybox(): string {
  const cache = path.join(ROOT, '.e2e-cache/busybox');
  const r = spawnSync(
    'bash',
    [path.join(ROOT, 'scripts/fetch-busybox.sh'), cache, 'amd64', 'arm64'],
    { encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`fetch-busybox.sh failed: ${r.stderr}`);
  return cache;
}

/**
 * A build context of FROM-scratch busybox images. `rootfs` says which
 * architecture's busybox each platform gets: `${TARGETARCH}` for a correct
 * image, a fixed arch for the classic mistake.
 */
export function makeContext(opts: {
  copyFrom: string;
  cmd?: string[];
  entrypoint?: string[];
  /** Extra files of the context, copied to the image's root (a server's /www). */
  files?: Record<string, string>;
  /** Extra Dockerfile lines (HEALTHCHECK, EXPOSE). */
  extra?: string[];
}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-ctx-'));
  // Built without tags, the image is named multiarch-local/<this dir's name>.
  recordName(path.basename(dir));
  cpSync(busybox(), path.join(dir, 'rootfs'), { recursive: true });
  for (const [name, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, 'files', name)), { recursive: true });
    writeFileSync(path.join(dir, 'files', name), text);
  }
  const lines = [
    'FROM scratch',
    'ARG TARGETARCH',
    `COPY rootfs/${opts.copyFrom}/ /`,
    ...(opts.files ? ['COPY files/ /'] : []),
    ...(opts.extra ?? []),
    `ENTRYPOINT ${JSON.stringify(opts.entrypoint ?? ['/bin/busybox'])}`,
    `CMD ${JSON.stringify(opts.cmd ?? ['uname', '-m'])}`,
  ];
  writeFileSync(path.join(dir, 'Dockerfile'), `${lines.join('\n')}\n`);
  return dir;
}

/** Every file under a directory, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

export function uniqueName(prefix: string): string {
  return recordName(`${prefix}-${randomBytes(3).toString('hex')}`);
}

/**
 * Notes a name the engine's images may carry (a unique name, a context dir
 * the action names its local image after): the suite removes those images
 * when it ends (test/setup).
 */
export function recordName(name: string): string {
  appendFileSync(path.join(os.tmpdir(), NAMES_FILE), `${name}\n`);
  return name;
}

/** Containers of one run still on the engine, by the prefix it saved for its post step. */
export function leftoverContainers(state: Record<string, string>): string[] {
  const prefix = (JSON.parse(state.state ?? '{}') as { containerPrefix?: string }).containerPrefix;
  if (!prefix) throw new Error('the run saved no container prefix');
  return docker('ps', '--all', '--format', '{{.Names}}', '--filter', `name=^${prefix}-`)
    .stdout.split('\n')
    .filter(Boolean);
}

/** Builds and pushes an image straight with buildx, for tests that need ready-made sources. */
export function pushImage(
  tag: string,
  platforms: string,
  opts: { copyFrom?: string; provenance?: boolean; extra?: string[] } = {},
): string {
  const context = makeContext({ copyFrom: opts.copyFrom ?? '${TARGETARCH}', extra: opts.extra });
  const meta = path.join(context, 'metadata.json');
  const args = [
    'buildx',
    'build',
    '--progress',
    'quiet',
    '--platform',
    platforms,
    '--tag',
    tag,
    '--push',
    '--metadata-file',
    meta,
  ];
  if (opts.provenance === false) args.push('--provenance=false');
  // Debian's registry 2.8 now and then answers 500 ("unknown error") under
  // load; a fixture push is retried a bounded number of times, and says so.
  let r = docker(...args, context);
  for (let attempt = 2; r.status !== 0 && /\b500\b/.test(r.stderr) && attempt <= 3; attempt++) {
    console.warn(`pushImage ${tag}: registry answered 500, attempt ${attempt} of 3`);
    spawnSync('sleep', ['1']);
    r = docker(...args, context);
  }
  if (r.status !== 0) throw new Error(`pushing ${tag} failed: ${r.stderr}`);
  return (JSON.parse(readFileSync(meta, 'utf8')) as Record<string, string>)[
    'containerimage.digest'
  ] as string;
}

/** One platform of the `platforms` output, as the action writes it (see src/report/render.ts). */
export interface PlatformOut {
  digest: string | null;
  ref: string | null;
  node: string;
  buildDurationMs: number | null;
  smoke: string;
  exitCode: number | null;
  durationMs: number | null;
  emulated: boolean;
  ok: boolean;
  output: string;
  errors: string[];
  arch: {
    checked: boolean;
    elfFiles: number;
    foreignCount: number;
    foreign: { path: string; found: string }[];
  } | null;
}

export function platformsOf(outputs: Record<string, string>): Record<string, PlatformOut> {
  return JSON.parse(outputs.platforms ?? '{}') as Record<string, PlatformOut>;
}

/** The builders every main scenario runs on: the engine's default, and a docker-container one. */
export const BUILDERS = [
  { label: 'default builder (docker driver)', container: false },
  { label: 'docker-container builder', container: true },
] as const;

/**
 * A docker-container builder made the way docker/setup-buildx-action makes
 * one. network=host only because the test registry listens on loopback.
 * `buildkitdConfig`: a buildkitd.toml, as setup-buildx-action's
 * buildkitd-config input gives one.
 */
export function createContainerBuilder(buildkitdConfig?: string): string {
  const name = uniqueName('e2e-dc');
  const r = docker(
    'buildx',
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    '--driver-opt',
    'network=host',
    ...(buildkitdConfig ? ['--buildkitd-config', buildkitdConfig] : []),
    '--bootstrap',
  );
  if (r.status !== 0) throw new Error(`docker buildx create failed: ${r.stderr}`);
  return name;
}

export function removeBuilder(name: string): void {
  docker('buildx', 'rm', '--force', name);
}

/** The digest a tag points at, straight from the registry's HTTP API; undefined when the tag is not there. */
export async function tagDigest(
  registryHost: string,
  repo: string,
  tag: string,
): Promise<string | undefined> {
  const res = await fetch(`http://${registryHost}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
      ].join(', '),
    },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

/**
 * One block of scenarios on one builder: a registry of its own and, for the
 * docker-container entry, a builder made as setup-buildx-action makes one,
 * both removed after the block. `runAction` builds with that builder.
 */
export function builderSuite(
  container: boolean,
  auth?: Credentials,
): {
  readonly registry: Registry;
  runAction: typeof runAction;
} {
  let registry: Registry | undefined;
  let builder: string | undefined;
  beforeAll(async () => {
    registry = await startRegistry(auth);
    if (container) builder = createContainerBuilder();
  });
  afterAll(() => {
    registry?.stop();
    if (builder) removeBuilder(builder);
  });
  return {
    get registry() {
      if (!registry) throw new Error('the registry starts in beforeAll');
      return registry;
    },
    runAction: (inputs, opts) => runAction({ ...inputs, ...(builder ? { builder } : {}) }, opts),
  };
}

const BB = '/bin/busybox';

/** A busybox httpd serving /www on 8080; `script` runs first, in sh, on every platform. */
export function server(script = '', extra: string[] = []): string {
  return makeContext({
    copyFrom: '${TARGETARCH}',
    files: { 'www/healthz': 'ok\n', 'www/index.html': '<h1>hello</h1>\n' },
    extra,
    cmd: ['sh', '-c', `${script} exec ${BB} httpd -f -v -p 8080 -h /www`],
  });
}
/** Runs only on arm64: `[ arm64 ] && …;` */
export const onArm = (cmd: string) => `[ "$(${BB} uname -m)" = aarch64 ] && ${cmd};`;
