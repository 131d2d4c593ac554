/**
 * The post step: remove what main left behind, on the runner and on the
 * nodes. It runs even when main failed or was cancelled, and it only ever
 * warns.
 */
import { rm } from 'node:fs/promises';
import { delimiter } from 'node:path';
import * as core from '@actions/core';
import { exec, tail } from '../docker/exec';
import { contextRemoveArgs, dockerFor } from '../docker/contexts';
import { builderRemoveArgs } from './nodes/strategy';
import { loadState, type PostState } from '../runner/state';

const STEP_TIMEOUT_MS = 60_000;

async function attempt(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    core.warning(`Could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
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
  });
  const ids = listed.stdout.split('\n').filter(Boolean);
  if (ids.length > 0) {
    await exec([...docker, 'rm', '--force', ...ids], { timeoutMs: STEP_TIMEOUT_MS });
    core.info(`Removed ${ids.length} leftover container(s) from ${docker.join(' ')}.`);
  }
}

export async function cleanup(state: PostState | undefined = loadState()): Promise<void> {
  if (!state) {
    core.info('Nothing to clean up.');
    return;
  }
  // Nodes are reached the way main reached them: through the private ssh setup.
  if (state.ssh) process.env.PATH = `${state.ssh.binDir}${delimiter}${process.env.PATH ?? ''}`;
  const local = state.docker.length > 0 ? state.docker : ['docker'];
  const engines = [local, ...(state.contexts ?? []).map(dockerFor)];
  const prefix = state.containerPrefix;
  if (prefix) {
    await Promise.all(
      engines.map((d) =>
        attempt(`remove leftover containers on ${d.join(' ')}`, () => removeContainers(d, prefix)),
      ),
    );
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
      core.info(`Removed ${dir} (keys, ssh config, metadata).`);
    });
  }
}
