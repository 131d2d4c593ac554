/**
 * One engine session per run, the same for every action: a private temp dir,
 * a container prefix unique to the run, the state post needs, and one probe of
 * the engine. `cleanup` is the post step: it removes what the session left
 * behind, on the runner and on the nodes, even when main failed or was
 * cancelled, and it only ever warns.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import * as core from '@actions/core';
import { exec, tail } from '../docker/exec';
import { contextRemoveArgs, dockerFor } from '../docker/contexts';
import { builderRemoveArgs } from '../docker/buildx';
import { imageRemoveArgs } from '../docker/images';
import { randomBytes } from 'node:crypto';
import { fetchBuildx } from '../docker/buildx-install';
import { createRunConfig, loginArgs, useBuildx } from '../docker/config-dir';
import type { RegistryLogin } from './request';
import {
  buildxNeed,
  DEFAULT_BUILDX_DOWNLOAD_URL,
  parseBuildxVersion,
} from '../docker/buildx-version';
import {
  builderDriver,
  inspectEngine,
  NO_BUILDX_FIX,
  probeEngine,
  type EngineInfo,
  type Inspection,
} from '../docker/engine';
import { formatPlatform } from '../oci/platform';
import type { BuildxSource } from './request';
import { errorMessage } from '../runner/errors';
import { onCancel } from '../runner/cancel';
import { loadState, saveState, type PostState } from '../runner/state';
import { makeTempDir } from '../runner/temp';

const STEP_TIMEOUT_MS = 60_000;

export interface Session {
  /** Private temp dir under RUNNER_TEMP: metadata files, keys, configs. */
  tempDir?: string;
  /** Prefix of every container, builder and context this run names. */
  prefix: string;
  /** What post must clean up; saved again whenever it grows. */
  state: PostState;
  /** The runner's engine, probed once; undefined only when it may be absent. */
  engine?: EngineInfo;
  /** The buildx version this run uses (`0.13.1`), once known. */
  buildxVersion?: string;
  /**
   * The current builder's driver, asked for alongside the engine probe (a push
   * needs it, and it costs a `buildx inspect`); unset when buildx was fetched
   * for the run, which may change the current builder.
   */
  currentBuilderDriver?: Promise<string>;
}

export interface SessionOptions {
  /** A temp dir for files (the check action writes none). */
  tempDir: boolean;
  /** `buildx`: the engine and buildx must answer; `engine`: the engine must; `optional`: neither. */
  needs: 'buildx' | 'engine' | 'optional';
  /** A prefix to reuse (tests pin it to find their containers). */
  prefix?: string;
  /** Which buildx to use: the buildx-version input, and where releases are fetched from. */
  buildx?: BuildxSource;
  /** Registries to log in to, into the run's private DOCKER_CONFIG, before any docker call. */
  logins?: RegistryLogin[];
}

const ENGINE_FIX = 'Fix: start dockerd, or point DOCKER_HOST at a running engine.';

/** Opens the session: state is saved before anything exists that post must remove. */
export async function openSession(opts: SessionOptions): Promise<Session> {
  const prefix = opts.prefix ?? `multiarch-${randomBytes(4).toString('hex')}`;
  const logins = opts.logins ?? [];
  const tempDir = opts.tempDir || logins.length > 0 ? await makeTempDir() : undefined;
  const state: PostState = { tempDir, containerPrefix: prefix, docker: ['docker'] };
  saveState(state);
  const session: Session = { tempDir, prefix, state };
  // Cancelled, main stops its containers and builder itself: a smoke test's
  // `docker run` only returns once its container is gone. Post does the rest.
  onCancel('stop', () => removeRunning(state));
  if (logins.length > 0) await logIn(session, logins);
  if (opts.needs === 'buildx') return readyToBuild(session, opts.buildx);
  // No docker CLI at all reads as no engine: the check action can still read registries.
  const inspected = await inspectEngine(['docker']).catch((err: unknown): Inspection => ({
    ok: false,
    output: errorMessage(err),
    timedOut: false,
  }));
  if (inspected.ok) session.engine = inspected.info;
  else if (opts.needs === 'engine')
    throw new Error(`Cannot reach the Docker engine: ${inspected.output}. ${ENGINE_FIX}`);
  return session;
}

/**
 * Makes a session ready for the build engine: the engine and buildx answer,
 * and there is a temp dir. The check action opens its session without them
 * and asks for them only when it builds.
 */
export async function readyToBuild(
  session: Session,
  buildx: BuildxSource = { downloadUrl: DEFAULT_BUILDX_DOWNLOAD_URL },
): Promise<Session> {
  if (!session.tempDir) remember(session, { tempDir: (session.tempDir = await makeTempDir()) });
  const tempDir = session.tempDir;
  // Started with the probe rather than after it: one round trip less before the build.
  const driver = builderDriver();
  driver.catch(() => undefined); // awaited, or dropped, later
  session.engine = await core.group('Docker engine', async () => {
    const e = await probeEngine(['docker']);
    core.info(
      `Engine: ${formatPlatform(e.native)} ${e.version}, containerd image store: ${e.containerdStore ? 'yes' : 'no'}`,
    );
    const installed = e.buildx ? parseBuildxVersion(e.buildx) : undefined;
    const need = buildxNeed(buildx.version, installed);
    if (!need.install) {
      if (!e.buildx)
        throw new Error(`docker buildx is not available (${e.buildxError}). ${NO_BUILDX_FIX}`);
      core.info(`Using ${need.reason}.`);
      session.buildxVersion = installed;
      session.currentBuilderDriver = driver;
      return e;
    }
    core.info(`Fetching buildx ${need.version} for this run: ${need.reason}.`);
    const fetched = await fetchBuildx(need.version, buildx.downloadUrl).catch((err: unknown) => {
      throw new Error(
        `Could not fetch buildx ${need.version} from ${buildx.downloadUrl}: ${errorMessage(err)}. ${NO_BUILDX_FIX}`,
      );
    });
    core.info(
      `buildx ${need.version} ${fetched.cached ? 'found in the tool cache' : 'downloaded, checksum verified, and cached'}: ${fetched.binary}`,
    );
    // Only the docker commands of this run see it; post reaches the same config.
    await useBuildx(await runConfig(session, tempDir), fetched.binary);
    const check = await exec(['docker', 'buildx', 'version'], {
      timeoutMs: 45_000,
      allowFailure: true,
      quiet: true,
    });
    if (check.exitCode !== 0)
      throw new Error(
        `The fetched buildx does not run: ${tail(check.output, 3)}. ${NO_BUILDX_FIX}`,
      );
    core.info(check.stdout.trim());
    session.buildxVersion = parseBuildxVersion(check.stdout) ?? need.version;
    return e;
  });
  return session;
}

/**
 * The run's private DOCKER_CONFIG, made once: every docker and buildx call of
 * this process uses it (process.env, never exported to later steps), and
 * post finds it in the state.
 */
async function runConfig(
  session: Session,
  tempDir: string,
  logins: string[] = [],
): Promise<string> {
  if (session.state.dockerConfig) return session.state.dockerConfig;
  const config = await createRunConfig(join(tempDir, 'docker-config'), logins);
  process.env.DOCKER_CONFIG = config;
  remember(session, { dockerConfig: config });
  return config;
}

const LOGIN_TIMEOUT_MS = 60_000;

/** `docker login` to each registry, the password on stdin, into the run's config only. */
async function logIn(session: Session, logins: RegistryLogin[]): Promise<void> {
  await core.group('Registry login', async () => {
    await runConfig(
      session,
      session.tempDir as string,
      logins.map((l) => l.registry),
    );
    for (const { registry, username, password } of logins) {
      const res = await exec(loginArgs(registry, username), {
        input: password,
        timeoutMs: LOGIN_TIMEOUT_MS,
        allowFailure: true,
      });
      if (res.exitCode !== 0 || res.timedOut) {
        const why = res.timedOut
          ? `no answer within ${LOGIN_TIMEOUT_MS / 1000} s`
          : tail(res.output, 3) || `exit code ${res.exitCode}`;
        throw new Error(
          `Could not log in to ${registry} as ${username}: ${why}. Fix: check the registry, username and password inputs (a token needs read and write access to the repository), and that the engine reaches ${registry}.`,
        );
      }
      core.info(`Logged in to ${registry} as ${username} (this step only).`);
    }
  });
}

/** Records more for post to remove. */
export function remember(session: Session, more: Partial<PostState>): void {
  Object.assign(session.state, more);
  saveState(session.state);
}

async function attempt(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    core.warning(`Could not ${what}: ${errorMessage(err)}`);
  }
}

/** Closes the shared ssh connections (ControlMaster) opened to the nodes. */
export function sshExitArgs(ssh: NonNullable<PostState['ssh']>): string[][] {
  return ssh.targets.map((t) => [
    ssh.realSsh,
    '-F',
    ssh.config,
    '-O',
    'exit',
    ...(t.port ? ['-p', String(t.port)] : []),
    ...(t.user ? ['-l', t.user] : []),
    t.host,
  ]);
}

/** Main removes its containers itself; these are left only by a cancelled run. */
async function removeContainers(docker: string[], prefix: string): Promise<void> {
  const listed = await exec([...docker, 'ps', '--all', '--quiet', '--filter', `name=^${prefix}-`], {
    timeoutMs: 30_000,
    quiet: true,
    whenCancelled: true,
  });
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (ids.length > 0) {
    await exec([...docker, 'rm', '--force', ...ids], {
      timeoutMs: STEP_TIMEOUT_MS,
      whenCancelled: true,
    });
    core.info(`Removed ${ids.length} leftover container(s) from ${docker.join(' ')}.`);
  }
}

/** The engines a run may have containers on: the runner's, and each node's context. */
function enginesOf(state: PostState): string[][] {
  const local = state.docker.length > 0 ? state.docker : ['docker'];
  const reached = (state.contexts ?? []).filter((c) => !state.unreachable?.includes(c));
  return [local, ...reached.map(dockerFor)];
}

/** What a cancelled main removes before it exits: running containers and the temporary builder. */
async function removeRunning(state: PostState): Promise<void> {
  const prefix = state.containerPrefix;
  const builder = state.builder;
  await Promise.all([
    ...(prefix
      ? enginesOf(state).map((d) =>
          attempt(`remove containers on ${d.join(' ')}`, () => removeContainers(d, prefix)),
        )
      : []),
    builder
      ? exec(builderRemoveArgs(builder), {
          timeoutMs: STEP_TIMEOUT_MS,
          allowFailure: true,
          whenCancelled: true,
        })
      : undefined,
  ]);
}

export async function cleanup(state: PostState | undefined = loadState()): Promise<void> {
  if (!state) {
    core.info('Nothing to clean up.');
    return;
  }
  // Docker runs with main's config (a buildx fetched for the run): builders and contexts are found.
  if (state.dockerConfig && existsSync(state.dockerConfig))
    process.env.DOCKER_CONFIG = state.dockerConfig;
  // Nodes are reached the way main reached them: through the private ssh setup.
  if (state.ssh) process.env.PATH = `${state.ssh.binDir}${delimiter}${process.env.PATH ?? ''}`;
  const engines = enginesOf(state);
  const prefix = state.containerPrefix;
  if (prefix) {
    await Promise.all(
      engines.map((d) =>
        attempt(`remove leftover containers on ${d.join(' ')}`, () => removeContainers(d, prefix)),
      ),
    );
  }
  if (state.images && state.images.length > 0) {
    const images = state.images;
    await attempt(`remove ${images.join(', ')}`, async () => {
      const res = await exec(imageRemoveArgs(images), {
        timeoutMs: STEP_TIMEOUT_MS,
        allowFailure: true,
        quiet: true,
      });
      if (res.exitCode === 0) core.info(`Removed ${images.join(', ')}.`);
      else if (!/No such image/i.test(res.output))
        core.warning(`Could not remove ${images.join(', ')}: ${tail(res.output, 3)}`);
    });
  }
  if (state.builder) {
    const builder = state.builder;
    await attempt(`remove builder ${builder}`, async () => {
      // Removes each node's BuildKit container too, over the same connections.
      const res = await exec(builderRemoveArgs(builder), {
        timeoutMs: STEP_TIMEOUT_MS,
        allowFailure: true,
      });
      if (res.exitCode !== 0 && !/no builder .* found|not found/i.test(res.output)) {
        core.warning(`Could not remove builder ${builder}: ${tail(res.output, 3)}`);
      }
    });
  }
  if (state.contexts && state.contexts.length > 0) {
    const contexts = state.contexts;
    await attempt('remove docker contexts', async () => {
      await exec(contextRemoveArgs(contexts), { timeoutMs: STEP_TIMEOUT_MS });
      core.info(`Removed docker contexts ${contexts.join(', ')}.`);
    });
  }
  if (state.ssh) {
    for (const argv of sshExitArgs(state.ssh)) {
      // No master running is fine: it may have timed out already.
      await exec(argv, { timeoutMs: 15_000, allowFailure: true, quiet: true }).catch(
        () => undefined,
      );
    }
    const controlDir = state.ssh.controlDir;
    await attempt(`remove ${controlDir}`, () => rm(controlDir, { recursive: true, force: true }));
  }
  if (state.tempDir) {
    const dir = state.tempDir;
    await attempt(`remove ${dir}`, async () => {
      await rm(dir, { recursive: true, force: true });
      core.info(`Removed ${dir} (registry logins, keys, ssh config, metadata).`);
    });
  }
}
