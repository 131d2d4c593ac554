// Helpers of the benchmark: processes with wall time, the action run as the
// runner runs it, a registry on 127.0.0.1, and a docker shim that records a
// timeline of every docker call. Plain Node (no build step): the benchmark
// times dist/, and must not depend on the code it measures.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { performance } from 'node:perf_hooks';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WORK = mkdtempSync(path.join(os.tmpdir(), 'multiarch-bench-'));
export const TAG = `b${process.pid}`;

/**
 * Runs argv; resolves with exit code, output, wall time and the time each
 * output line arrived (ms since start), the way the runner stamps a log.
 */
export function run(argv, { env = process.env, cwd = ROOT, input, check = true } = {}) {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const epoch = Date.now();
    const child = spawn(argv[0], argv.slice(1), { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const lines = [];
    child.stdout.on('data', (c) => {
      const at = performance.now() - began;
      stdout += c;
      const parts = (partial + c).split('\n');
      partial = parts.pop();
      for (const text of parts) lines.push({ at, text });
    });
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - began;
      if (check && code !== 0)
        reject(new Error(`${argv.join(' ')} exited ${code}:\n${(stdout + stderr).slice(-2000)}`));
      else resolve({ code, stdout, stderr, ms, lines, epoch });
    });
    if (input) input.pipe(child.stdin);
    else child.stdin.end();
  });
}

export const docker = (...args) => run(['docker', ...args]);

/**
 * A setup push, tried again when the registry answered a 5xx: Debian's
 * distribution 2.8 answers 500 to a HEAD of a tag whose link file is being
 * rewritten, which dockerd's own multi-platform push runs into at times.
 */
export async function pushRetrying(...args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await docker(...args);
    } catch (err) {
      if (attempt === 3 || !/\b50[0-4]\b/.test(String(err))) throw err;
    }
  }
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** The `default:` of every input an action.yml declares, as the runner passes them. */
function defaults(actionYml) {
  const text = readFileSync(path.join(ROOT, actionYml), 'utf8');
  const section = text.split(/^inputs:\n/m)[1]?.split(/^\S/m)[0] ?? '';
  const out = {};
  let current;
  for (const line of section.split('\n')) {
    const name = /^ {2}([a-z-]+):$/.exec(line);
    if (name) current = name[1];
    const value = /^ {4}default: (.*)$/.exec(line);
    if (current && value) out[current] = value[1].replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** The scripts an action.yml's `runs:` names for main and post, resolved as the runner does. */
function scripts(actionYml) {
  const file = path.join(ROOT, actionYml);
  const section =
    readFileSync(file, 'utf8')
      .split(/^runs:\n/m)[1]
      ?.split(/^\S/m)[0] ?? '';
  const entry = (key) => {
    const value = new RegExp(`^ {2}${key}: (.+)$`, 'm').exec(section)?.[1]?.trim();
    if (!value) throw new Error(`${actionYml} names no runs.${key}`);
    return path.resolve(path.dirname(file), value);
  };
  return { main: entry('main'), post: entry('post') };
}

function fileCommands(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const value = [];
      while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]);
      out[m[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

let steps = 0;
/**
 * Main then post, the scripts action.yml's `runs:` names, as the runner runs a step: INPUT_*
 * over the action.yml defaults, GITHUB_OUTPUT / STATE / STEP_SUMMARY files,
 * state handed to post. `ms` is main plus post: what the job waits for.
 */
export async function runAction(
  inputs,
  { actionYml = 'action.yml', env: extra = {}, rssFile } = {},
) {
  const dir = path.join(WORK, `step-${++steps}`);
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: path.join(dir, 'temp'),
    GITHUB_ACTIONS: 'true',
    ...extra,
  };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  for (const f of ['output', 'state', 'summary']) writeFileSync(path.join(dir, f), '');
  Object.assign(env, {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
  });
  for (const [k, v] of Object.entries({ ...defaults(actionYml), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  const { main: mainScript, post: postScript } = scripts(actionYml);
  const node = [process.execPath, mainScript];
  // GNU time writes main's peak resident set (KiB) to rssFile.
  const timed = rssFile ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...node] : node;
  const main = await run(timed, { env, check: false });
  const state = fileCommands(readFileSync(path.join(dir, 'state'), 'utf8'));
  const postEnv = { ...env };
  for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
  const post = await run([process.execPath, postScript], { env: postEnv, check: false });
  if (main.code !== 0 || post.code !== 0)
    throw new Error(`the action failed (${main.code}/${post.code}):\n${main.stdout.slice(-3000)}`);
  const outputs = fileCommands(readFileSync(path.join(dir, 'output'), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  return { ms: main.ms + post.ms, main, post, outputs };
}

/** Durations of the action's log groups (`::group::NAME` … `::endgroup::`), in order. */
export function groups(lines) {
  const out = [];
  let open;
  for (const { at, text } of lines) {
    if (text.startsWith('::group::')) open = { name: text.slice(9), start: at };
    else if (text === '::endgroup::' && open) {
      out.push({ ...open, ms: at - open.start });
      open = undefined;
    }
  }
  return out;
}

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Debian's docker-registry on a free port of 127.0.0.1, storage under WORK. */
export async function startRegistry() {
  const port = await freePort();
  const dir = path.join(WORK, 'registry');
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog: {level: error}\nstorage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}\nhttp: {addr: "127.0.0.1:${port}"}\n`,
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await globalThis.fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { host: `127.0.0.1:${port}`, stop: () => child.kill() };
    await sleep(100);
  }
  child.kill();
  throw new Error(`docker-registry did not answer on 127.0.0.1:${port}`);
}

/**
 * A directory to put first on PATH: a `docker` that records the start and end
 * of every call (ns since the epoch) and its arguments, then runs the real one.
 */
export async function dockerShim() {
  const real = (await run(['sh', '-c', 'command -v docker'])).stdout.trim();
  const dir = path.join(WORK, 'shim');
  mkdirSync(dir, { recursive: true });
  const log = path.join(dir, 'calls.log');
  const script = `#!/bin/bash\ns=$(date +%s%N)\n${real} "$@"\nrc=$?\necho "$s $(date +%s%N) $*" >>${log}\nexit $rc\n`;
  writeFileSync(path.join(dir, 'docker'), script);
  chmodSync(path.join(dir, 'docker'), 0o755);
  return {
    env: { PATH: `${dir}:${process.env.PATH}` },
    reset: () => writeFileSync(log, ''),
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [s, e, ...args] = l.split(' ');
          return { start: Number(s) / 1e6, end: Number(e) / 1e6, args: args.join(' ') };
        }),
  };
}

export function cleanupWork() {
  rmSync(WORK, { recursive: true, force: true });
}
