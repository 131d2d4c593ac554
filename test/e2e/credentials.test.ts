/**
 * Registry credentials end to end: registries on 127.0.0.1 that ask for a
 * login (htpasswd, bcrypt). The action logs in with --password-stdin into a
 * private DOCKER_CONFIG under RUNNER_TEMP, pushes on both builders, leaves
 * the user's config byte for byte as it was, keeps the user's own logins
 * working, and leaves the password (or its base64) nowhere: not in the log,
 * the summary, the outputs, the state, or a file after post.
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDERS,
  builderSuite,
  engineAvailable,
  filesUnder,
  makeContext,
  runAction,
  startRegistry,
  uniqueName,
  type Credentials,
  type Registry,
  type StepRun,
} from './harness';

const hasEngine = engineAvailable();

function credentials(): Credentials {
  return { username: uniqueName('e2e-user'), password: `pw-${randomBytes(16).toString('hex')}` };
}

const base64 = (c: Credentials) => Buffer.from(`${c.username}:${c.password}`).toString('base64');

const loginInputs = (registry: string, c: Credentials) => ({
  registry,
  username: c.username,
  password: c.password,
});

/**
 * The user's config.json, byte for byte. (buildx keeps its own bookkeeping
 * under buildx/ of whatever config dir it runs with, as any buildx call does.)
 */
const configBytes = (dir: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(dir, 'config.json')))
    .digest('hex');

/**
 * Everything the step leaves for anyone to read: the log as the runner shows
 * it (its ::add-mask:: commands are consumed, never printed), post's log,
 * the summary, outputs, state, and every file left under RUNNER_TEMP.
 */
function everythingShown(r: StepRun): string {
  const log = r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  const files = filesUnder(r.runnerTemp).map((f) => readFileSync(f, 'utf8'));
  return [
    log,
    r.post.stdout,
    r.summary,
    JSON.stringify(r.outputs),
    JSON.stringify(r.state),
    ...files,
  ].join('\n');
}

function expectNoSecret(r: StepRun, c: Credentials): void {
  // Handed to the runner to mask, and shown nowhere.
  expect(r.stdout).toContain(`::add-mask::${c.password}`);
  expect(r.stdout).toContain(`::add-mask::${base64(c)}`);
  const shown = everythingShown(r);
  expect(shown).not.toContain(c.password);
  expect(shown).not.toContain(base64(c));
  // Post removed the run's config and every other file it wrote.
  expect(r.post.exitCode).toBe(0);
  expect(filesUnder(r.runnerTemp)).toEqual([]);
}

/** The run's private DOCKER_CONFIG, as main left it for post. */
function runConfigOf(state: Record<string, string>): string {
  const saved = JSON.parse(state.state ?? '{}') as { dockerConfig?: string };
  if (!saved.dockerConfig) throw new Error('main saved no private DOCKER_CONFIG');
  return saved.dockerConfig;
}

/** Between main and post: the private config is 0700, its config.json 0600 and holds the login. */
function inspectRunConfig(state: Record<string, string>) {
  const dir = runConfigOf(state);
  const file = path.join(dir, 'config.json');
  return {
    dir,
    dirMode: statSync(dir).mode & 0o777,
    fileMode: statSync(file).mode & 0o777,
    auths: Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { auths?: object }).auths ?? {}),
  };
}

const USER_CONFIG = path.join(os.homedir(), '.docker', 'config.json');
const userConfigBytes = () =>
  existsSync(USER_CONFIG) ? readFileSync(USER_CONFIG, 'hex') : 'absent';

const context = () => makeContext({ copyFrom: '${TARGETARCH}' });

describe.skipIf(!hasEngine).each(BUILDERS)(
  'registry credentials on the $label',
  ({ container }) => {
    const login = credentials();
    const suite = builderSuite(container, login);

    it('logs in with --password-stdin into a private config, pushes, and leaks nothing', async () => {
      const before = userConfigBytes();
      const repo = uniqueName('creds');
      const r = await suite.runAction(
        {
          context: context(),
          platforms: 'linux/amd64,linux/arm64',
          tags: `${suite.registry.host}/${repo}:1`,
          ...loginInputs(suite.registry.host, login),
        },
        { afterMain: inspectRunConfig },
      );
      expect(r.exitCode, r.stdout).toBe(0);
      expect(r.outputs.published).toBe('true');
      // The test result went to the same registry with the step's login, over its HTTP API.
      expect(r.outputs['test-attestation-digest'], r.stdout).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.stdout).not.toContain('::warning::Test attestation:');
      const index = await suite.registry.manifest(repo, '1');
      expect(index.manifests?.map((m) => m.platform?.architecture)).toEqual(
        expect.arrayContaining(['amd64', 'arm64']),
      );
      // Never on a command line: the password goes on stdin.
      expect(r.stdout).toMatch(
        new RegExp(
          `\\[command\\] docker login --username=${login.username} --password-stdin ${suite.registry.host}\\n`,
        ),
      );
      const seen = r.afterMain as ReturnType<typeof inspectRunConfig>;
      expect(seen.dir.startsWith(r.runnerTemp)).toBe(true);
      expect(seen.dirMode).toBe(0o700);
      expect(seen.fileMode).toBe(0o600);
      expect(seen.auths).toContain(suite.registry.host);
      expectNoSecret(r, login);
      expect(existsSync(seen.dir)).toBe(false);
      expect(userConfigBytes()).toBe(before);
    });
  },
);

describe.skipIf(!hasEngine)('registry credentials: failures and the user’s own logins', () => {
  const a = credentials();
  const b = credentials();
  let regA: Registry | undefined;
  let regB: Registry | undefined;
  const userConfigs: string[] = [];
  beforeAll(async () => {
    [regA, regB] = await Promise.all([startRegistry(a), startRegistry(b)]);
  });
  afterAll(() => {
    regA?.stop();
    regB?.stop();
    for (const d of userConfigs) rmSync(d, { recursive: true, force: true });
  });
  const hostA = () => (regA as Registry).host;
  const hostB = () => (regB as Registry).host;

  it('without credentials, the push fails and says the registry refused it', async () => {
    const r = await runAction({
      context: context(),
      platforms: 'linux/amd64',
      tags: `${hostA()}/${uniqueName('nocreds')}:1`,
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.outputs.published).toBe('false');
    expect(r.stdout).toMatch(/::error::.*no basic auth credentials/);
    expect(r.stdout).toContain(
      'The registry refused the request: no login, or one without the right to do this. Fix: give registry, username and password',
    );
    expect(r.post.exitCode).toBe(0);
  });

  it('a wrong password fails the login, naming the registry and the user, before anything is built', async () => {
    const wrong = { ...a, password: `pw-${randomBytes(16).toString('hex')}` };
    const r = await runAction({
      context: context(),
      platforms: 'linux/amd64',
      tags: `${hostA()}/${uniqueName('wrong')}:1`,
      ...loginInputs(hostA(), wrong),
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toContain(`::error::Could not log in to ${hostA()} as ${a.username}:`);
    expect(r.stdout).not.toContain('buildx build');
    expectNoSecret(r, wrong);
  });

  it('the user’s own DOCKER_CONFIG login keeps working, with and without a login of the step, and stays byte-identical', async () => {
    // As docker/login-action leaves it: a login in the user's config.
    const userConfig = mkdtempSync(path.join(os.tmpdir(), 'multiarch-userconfig-'));
    userConfigs.push(userConfig);
    const loggedIn = spawnSync(
      'docker',
      ['--config', userConfig, 'login', `--username=${a.username}`, '--password-stdin', hostA()],
      { input: a.password, encoding: 'utf8' },
    );
    expect(loggedIn.status, loggedIn.stderr).toBe(0);
    const before = configBytes(userConfig);
    const env = { DOCKER_CONFIG: userConfig };

    // No credentials given: the user's login is used as it is.
    const plain = await runAction(
      { context: context(), platforms: 'linux/amd64', tags: `${hostA()}/${uniqueName('own')}:1` },
      { env },
    );
    expect(plain.exitCode, plain.stdout).toBe(0);
    expect(plain.outputs.published).toBe('true');
    expect(configBytes(userConfig)).toBe(before);

    // A login of the step's own for B: the user's login for A still works beside it.
    const repo = uniqueName('both');
    const both = await runAction(
      {
        context: context(),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${hostA()}/${repo}:1,${hostB()}/${repo}:1`,
        ...loginInputs(hostB(), b),
      },
      { env, afterMain: inspectRunConfig },
    );
    expect(both.exitCode, both.stdout).toBe(0);
    expect(both.outputs.published).toBe('true');
    await expect((regA as Registry).manifest(repo, '1')).resolves.toBeTruthy();
    await expect((regB as Registry).manifest(repo, '1')).resolves.toBeTruthy();
    const seen = both.afterMain as ReturnType<typeof inspectRunConfig>;
    expect(seen.auths).toEqual(expect.arrayContaining([hostA(), hostB()]));
    expectNoSecret(both, b);
    // The user's config never saw B's login, and is unchanged to the byte.
    expect(configBytes(userConfig)).toBe(before);
    expect(readFileSync(path.join(userConfig, 'config.json'), 'utf8')).not.toContain(hostB());
  });
  it('merge and check log in the same way: a private image is merged, and checked on every platform', async () => {
    const repo = uniqueName('sub');
    const built = await runAction({
      context: context(),
      platforms: 'linux/amd64,linux/arm64',
      tags: `${hostA()}/${repo}:src`,
      ...loginInputs(hostA(), a),
    });
    expect(built.exitCode, built.stdout).toBe(0);
    const merged = await runAction(
      {
        sources: `${hostA()}/${repo}:src`,
        tags: `${hostA()}/${repo}:merged`,
        ...loginInputs(hostA(), a),
      },
      { actionYml: 'merge/action.yml' },
    );
    expect(merged.exitCode, merged.stdout).toBe(0);
    expect(merged.outputs.published).toBe('true');
    expectNoSecret(merged, a);
    const checked = await runAction(
      { images: `${hostA()}/${repo}:merged`, ...loginInputs(hostA(), a) },
      { actionYml: 'check/action.yml' },
    );
    expect(checked.exitCode, checked.stdout).toBe(0);
    expect(checked.outputs.ready).toBe('true');
    expectNoSecret(checked, a);
    // Without the login, the same image cannot be read.
    const anonymous = await runAction(
      { images: `${hostA()}/${repo}:merged` },
      { actionYml: 'check/action.yml' },
    );
    expect(anonymous.outputs.ready).toBe('false');
  });
});
