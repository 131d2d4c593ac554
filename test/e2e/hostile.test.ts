/**
 * Hostile input through all three actions and the CLI, run as the runner runs them (dist/).
 *
 * A recording `docker` comes first on PATH: it appends its argv as JSON to a log, then runs
 * the real docker. Every hostile value must either be refused with an InputError naming the
 * input (the step fails, and no docker command ran at all), or reach docker as one argv
 * element after its --flag. Every value that would run a command if a shell ever saw it
 * touches a canary file; the canary must never exist.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { docker, engineAvailable, ROOT, runAction, uniqueName, type StepRun } from './harness';

const hasEngine = engineAvailable();

const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-hostile-'));
const CANARY = path.join(dir, 'canary');
const LOG = path.join(dir, 'docker-argv.jsonl');
const SHIM_DIR = path.join(dir, 'bin');
const REAL_DOCKER = spawnSync('sh', ['-c', 'command -v docker'], {
  encoding: 'utf8',
}).stdout.trim();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

mkdirSync(SHIM_DIR);
writeFileSync(
  path.join(SHIM_DIR, 'docker'),
  `#!${process.execPath}
// Records this docker call, then runs the real docker with the same argv and stdio.
const { appendFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
appendFileSync(process.env.DOCKER_SHIM_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');
const r = spawnSync(process.env.REAL_DOCKER, process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);
`,
);
chmodSync(path.join(SHIM_DIR, 'docker'), 0o755);

/** A workspace: a Dockerfile, and links out of it that a pull request could add. */
const WS = path.join(dir, 'workspace');
const OUTSIDE = path.join(dir, 'outside-secret');
mkdirSync(WS);
writeFileSync(path.join(WS, 'Dockerfile'), 'FROM scratch\nARG X\nLABEL built=yes\n');
writeFileSync(OUTSIDE, 'what a pull request must not read\n');
symlinkSync(OUTSIDE, path.join(WS, 'Dockerfile.evil'));
symlinkSync(dir, path.join(WS, 'up'));
// A manifest outside the workspace, and a link to it where the check's glob finds it.
const OUTSIDE_MANIFEST = path.join(dir, 'outside-manifest.yaml');
writeFileSync(
  OUTSIDE_MANIFEST,
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers: [{name: x, image: outside.example/secret:1}]\n',
);
mkdirSync(path.join(WS, 'k8s'));
symlinkSync(OUTSIDE_MANIFEST, path.join(WS, 'k8s', 'evil.yaml'));

const SHIM_ENV: NodeJS.ProcessEnv = {
  PATH: `${SHIM_DIR}:${process.env.PATH ?? ''}`,
  DOCKER_SHIM_LOG: LOG,
  REAL_DOCKER,
};

function recorded(): string[][] {
  if (!existsSync(LOG)) return [];
  return readFileSync(LOG, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);
}

beforeEach(() => rmSync(LOG, { force: true }));

const touch = `touch ${CANARY}`;
const big = 'a'.repeat(100 * 1024);

type Action = 'build' | 'merge' | 'check';
const ACTION_YML: Record<Action, string> = {
  build: 'action.yml',
  merge: 'merge/action.yml',
  check: 'check/action.yml',
};
/** Enough for each action to start; the case adds its hostile input. */
const BASE: Record<Action, Record<string, string>> = {
  build: { context: WS, platforms: 'linux/amd64', push: 'false' },
  merge: { sources: '127.0.0.1:5000/a/b:1', tags: '127.0.0.1:5000/a/b:2' },
  check: { images: '127.0.0.1:5000/a/b:1' },
};

/** [action, input, hostile value, what the error must say]: refused before any docker call. */
const REFUSED: [Action, string, string, RegExp][] = [
  ['build', 'tags', `app;${touch}`, /not a valid image reference/],
  ['build', 'tags', `app|${touch}`, /not a valid image reference/],
  ['build', 'tags', `app:$(${touch})`, /not a valid image reference/],
  ['build', 'tags', `app:\`${touch}\``, /not a valid image reference/],
  ['build', 'tags', 'app:${IFS}x', /not a valid image reference/],
  ['build', 'tags', '--push', /not a valid image reference/],
  ['build', 'tags', '-t', /not a valid image reference/],
  ['build', 'tags', big, /longer than 512 characters/],
  ['build', 'tags', 'ghcr.io/acme/\uFF41pi:1', /U\+FF41 "ａ", which is not ASCII/],
  ['build', 'platforms', 'linux/amd64,--push', /"--push" is not a platform/],
  ['build', 'platforms', 'linux\u2215arm64', /U\+2215 "∕", which is not ASCII/],
  ['build', 'platforms', '\uFF4Cinux/amd64', /U\+FF4C "ｌ", which is not ASCII/],
  ['build', 'platforms', `linux/amd64;${touch}`, /is not a platform/],
  [
    'build',
    'build-args',
    'A=1\n--output=type=local,dest=/',
    /"--output=type=local,dest=\/" is not KEY=VALUE/,
  ],
  ['build', 'build-args', `$(${touch})=1`, /is not KEY=VALUE/],
  ['build', 'labels', '--label=x', /is not KEY=VALUE/],
  ['build', 'labels', 'ok=1\n-x=2', /"-x=2" is not KEY=VALUE/],
  ['build', 'file', '--file=/etc/passwd', /is not a usable path/],
  ['build', 'context', '--push', /is not a usable path/],
  ['build', 'cache-from', `--x;${touch}`, /not a valid image reference/],
  ['build', 'secrets', '--id=1', /is not ID=VALUE/],
  ['build', 'annotations', '--x=1', /is not an annotation/],
  ['build', 'outputs', '-o', /starts with "-"/],
  [
    'build',
    'nodes',
    `linux/amd64=ssh://-oProxyCommand=${touch}@host`,
    /contains spaces or characters/,
  ],
  ['build', 'nodes', 'linux/amd64=ssh://-oProxyCommand=sh@host', /user name "-oProxyCommand=sh"/],
  ['build', 'nodes', 'linux/amd64=tcp://-H:2375', /not a valid host/],
  ['build', 'smoke-timeout', '10; reboot', /not a whole number/],
  ['merge', 'tags', `app;${touch}`, /not a valid image reference/],
  ['merge', 'sources', `$(${touch})`, /not a valid image reference/],
  ['merge', 'sources', '--push', /not a valid image reference/],
  ['merge', 'image', '-x', /not a valid image reference/],
  ['merge', 'annotations', 'index:--x=1', /is not an annotation/],
  ['check', 'images', `\`${touch}\``, /not a valid image reference/],
  ['check', 'images', '--push', /not a valid image reference/],
  ['check', 'dockerfile', '--file', /is not a usable path/],
  ['check', 'platforms', 'linux\u2215arm64', /which is not ASCII/],
  ['check', 'build-args', 'X=1\n--push', /"--push" is not KEY=VALUE/],
];

function expectRefused(run: StepRun, input: string, why: RegExp): void {
  expect(run.exitCode, run.stdout.slice(-2000)).not.toBe(0);
  expect(run.stdout.slice(0, 20_000)).toContain(`Input "${input}": `);
  expect(run.stdout).toMatch(why);
  // Refused before anything ran: main and post made no docker call at all.
  expect(recorded()).toEqual([]);
  expect(existsSync(CANARY)).toBe(false);
}

describe.skipIf(!hasEngine)(
  'hostile values (recording docker shim, canary file)',
  { timeout: 120_000 },
  () => {
    // A short label: the 100 KB value would make a 100 KB test name.
    const rows = REFUSED.map(([action, input, value, why]) => ({
      action,
      input,
      value,
      why,
      label: JSON.stringify(
        value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value,
      ),
    }));
    it.each(rows)(
      '$action $input=$label is refused, naming the input',
      async ({ action, input, value, why }) => {
        const run = await runAction(
          { ...BASE[action], [input]: value },
          { actionYml: ACTION_YML[action], env: SHIM_ENV, timeoutMs: 60_000 },
        );
        expectRefused(run, input, why);
      },
    );

    it('a value is passed as one argv element after its --flag, and no shell ever sees it', async () => {
      const image = uniqueName('multiarch-hostile');
      const run = await runAction(
        {
          ...BASE.build,
          tags: `${image}:1`,
          // Loaded into the engine, not run: FROM scratch has nothing to run.
          smoke: 'false',
          'verify-arch': 'false',
          'build-args': `X=$(${touch});\`${touch}\`|x\nY=--push`,
          labels: `org.example.note=; ${touch}\nbig=${big}`,
          annotations: `manifest:org.example.x=$(${touch})`,
        },
        { env: SHIM_ENV, timeoutMs: 120_000 },
      );
      docker('image', 'rm', '--force', `${image}:1`);
      expect(run.exitCode, run.stdout.slice(-3000)).toBe(0);
      const build = recorded().find((argv) => argv[0] === 'buildx' && argv[1] === 'build');
      expect(build, JSON.stringify(recorded())).toBeDefined();
      const argv = build as string[];
      const after = (flag: string, value: string): void => {
        const i = argv.indexOf(value);
        expect(i, `${value.slice(0, 60)} in ${JSON.stringify(argv).slice(0, 400)}`).toBeGreaterThan(
          0,
        );
        expect(argv[i - 1]).toBe(flag);
      };
      after('--build-arg', `X=$(${touch});\`${touch}\`|x`);
      after('--build-arg', 'Y=--push');
      after('--label', `org.example.note=; ${touch}`);
      after('--label', `big=${big}`);
      after('--annotation', `manifest:org.example.x=$(${touch})`);
      expect(argv).not.toContain('--push');
      expect(existsSync(CANARY)).toBe(false);
    });

    it('paths from the workspace: no symbolic link or .. leads out of GITHUB_WORKSPACE', async () => {
      const env = { ...SHIM_ENV, GITHUB_WORKSPACE: WS };
      const cases: [Action, Record<string, string>, string, RegExp][] = [
        [
          'build',
          { file: path.join(WS, 'Dockerfile.evil') },
          'file',
          /symbolic link that leads out of the workspace/,
        ],
        [
          'build',
          { 'secret-files': `npmrc=${WS}/up/outside-secret` },
          'secret-files',
          /symbolic link that leads out/,
        ],
        ['build', { context: `${WS}/../` }, 'context', /leads out of the workspace/],
        [
          'check',
          { dockerfile: path.join(WS, 'Dockerfile.evil'), images: '' },
          'dockerfile',
          /symbolic link/,
        ],
        [
          'check',
          { 'kubernetes-manifests': `${WS}/../**/*.yaml`, images: '', context: WS },
          'kubernetes-manifests',
          /leads out of the workspace/,
        ],
      ];
      for (const [action, inputs, input, why] of cases) {
        rmSync(LOG, { force: true });
        const run = await runAction(
          { ...BASE[action], ...inputs },
          { actionYml: ACTION_YML[action], env, timeoutMs: 60_000 },
        );
        expectRefused(run, input, why);
      }
    });

    it('a manifest the glob finds through a symbolic link out of the workspace is not read', async () => {
      const run = await runAction(
        { images: '', context: WS, 'kubernetes-manifests': `${WS}/k8s/*.yaml` },
        {
          actionYml: ACTION_YML.check,
          env: { ...SHIM_ENV, GITHUB_WORKSPACE: WS },
          timeoutMs: 60_000,
        },
      );
      expect(run.exitCode, run.stdout.slice(-2000)).not.toBe(0);
      expect(run.stdout).toMatch(
        /Input "kubernetes-manifests": .*evil\.yaml.* symbolic link that leads out of the workspace/,
      );
      expect(run.stdout + run.summary).not.toContain('outside.example');
    });
  },
);

/** Runs an entry of dist/ under bash, with raw bytes in one variable (no JS string can hold them). */
function runRaw(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  rawVar?: { name: string; printf: string },
): Promise<{ exitCode: number; stdout: string }> {
  const script = [
    ...(rawVar ? [`export ${rawVar.name}="$(printf '${rawVar.printf}')"`] : []),
    `exec "${process.execPath}" "${path.join(ROOT, entry)}" "$@"`,
  ].join('\n');
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script, 'run', ...args], {
      env: { HOME: process.env.HOME, DOCKER_CONFIG: process.env.DOCKER_CONFIG, ...env },
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout: out });
    });
  });
}

describe.skipIf(!hasEngine)('hostile values through the CLI', { timeout: 120_000 }, () => {
  const cli = (args: string[], rawVar?: { name: string; printf: string }) =>
    runRaw('dist/cli/index.js', args, { ...SHIM_ENV, RUNNER_TEMP: dir }, rawVar);

  it.each<[string[], RegExp]>([
    [['--context', WS, '--tags', `app;${touch}`], /Input "tags": .*not a valid image reference/],
    [['--context', WS, '--platforms', 'linux/amd64,--push'], /Input "platforms": "--push"/],
    [['--context', WS, '--tags', '--push'], /Input "tags": "--push"/],
    [['--context', '--push'], /Input "context": "--push" is not a usable path/],
    [['--context', WS, '--nodes', 'linux/amd64=ssh://-oProxyCommand=sh@host'], /Input "nodes"/],
    [['merge', '--sources', '--push', '--tags', 'a/b:1'], /Input "sources": "--push"/],
    [['check', '--images', `$(${touch})`], /Input "images": /],
    [['check', '--images', 'a/b:1', '--platforms', 'linux\u2215arm64'], /U\+2215/],
  ])('%j is refused before any docker call', async (args, why) => {
    const run = await cli(args);
    expect(run.exitCode, run.stdout).not.toBe(0);
    expect(run.stdout).toMatch(why);
    expect(recorded()).toEqual([]);
    expect(existsSync(CANARY)).toBe(false);
  });

  it('invalid UTF-8 is refused as such, in the CLI and in the action', async () => {
    // The bytes \xff\xfe reach the process as they are: bash puts them in the variable.
    const viaCli = await runRaw(
      'dist/cli/index.js',
      ['--context', WS],
      { ...SHIM_ENV, RUNNER_TEMP: dir },
      { name: 'INPUT_TAGS', printf: 'app:\\377\\376' },
    );
    expect(viaCli.stdout).toMatch(/Input "tags": .* is not valid UTF-8/);
    const work = mkdtempSync(path.join(dir, 'step-'));
    for (const f of ['output', 'summary', 'state']) writeFileSync(path.join(work, f), '');
    const viaAction = await runRaw(
      'dist/index.js',
      [],
      {
        ...SHIM_ENV,
        RUNNER_TEMP: work,
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: path.join(work, 'output'),
        GITHUB_STEP_SUMMARY: path.join(work, 'summary'),
        GITHUB_STATE: path.join(work, 'state'),
        INPUT_CONTEXT: WS,
        INPUT_PLATFORMS: 'linux/amd64',
      },
      { name: 'INPUT_LABELS', printf: 'org.example.x=caf\\351' },
    );
    expect(viaAction.exitCode, viaAction.stdout).not.toBe(0);
    expect(viaAction.stdout).toMatch(/Input "labels": .* is not valid UTF-8/);
    expect(recorded()).toEqual([]);
  });

  it('a NUL byte cannot reach the action at all: no environment variable or argv can hold one', () => {
    expect(() =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/index.js')], {
        env: { INPUT_TAGS: 'app\0--push' },
      }),
    ).toThrow(/null bytes/);
    expect(() =>
      spawnSync(process.execPath, [path.join(ROOT, 'dist/cli/index.js'), '--tags', 'a\0b']),
    ).toThrow(/null bytes/);
    expect(recorded()).toEqual([]);
  });
});
