/**
 * The post step's full cleanup: removes what the session left behind, on the
 * runner and on the nodes, even when main failed or was cancelled. Which kinds
 * of thing it removes, and in what order, post-plan.ts decides from the saved
 * state; here is how each is removed. A failure is only ever a warning: post
 * never fails.
 */
import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';
import { log } from '../../runner/log';
import { builderRemoveArgs } from '../../docker/buildx';
import { contextRemoveArgs, dockerFor } from '../../docker/contexts';
import { exec, tail } from '../../docker/exec';
import { imageRemoveArgs } from '../../docker/images';
import { errorMessage } from '../../runner/errors';
import { loadState, type PostState } from '../../runner/state';
import { postWork, type Leftover } from './post-plan';
import { fileRemovals, removeInOrder, type Removal } from './removals';

const STEP_TIMEOUT_MS = 60_000;

async function attempt(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    log.warning(`Could not ${what}: ${errorMessage(err)}`);
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

/** Main removes its containers itself; these are left by a main that was cancelled or killed, or did not see one removed. */
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
    log.info(`Removed ${ids.length} leftover container(s) from ${docker.join(' ')}.`);
  }
}

/** The engines a run may have containers on: the runner's, and each node's context. */
function enginesOf(state: PostState): string[][] {
  const local = state.docker.length > 0 ? state.docker : ['docker'];
  const reached = (state.contexts ?? []).filter((c) => !state.unreachable?.includes(c));
  return [local, ...reached.map(dockerFor)];
}

/** What a cancelled main removes before it exits: running containers and the temporary builder. */
export async function removeRunning(state: PostState): Promise<void> {
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

/** How post removes each kind; which kinds it removes, and in what order, is post-plan.ts's to say. */
export const REMOVALS: Readonly<Record<Leftover, (state: PostState) => Removal[]>> = {
  'leftover containers': (state) =>
    enginesOf(state).map((d) => ({
      what: `remove leftover containers on ${d.join(' ')}`,
      run: () => removeContainers(d, state.containerPrefix as string),
    })),
  images: ({ images = [] }) => [
    {
      what: `remove ${images.join(', ')}`,
      run: async () => {
        const res = await exec(imageRemoveArgs(images), {
          timeoutMs: STEP_TIMEOUT_MS,
          allowFailure: true,
          quiet: true,
        });
        if (res.exitCode === 0) log.info(`Removed ${images.join(', ')}.`);
        else if (!/No such image/i.test(res.output))
          log.warning(`Could not remove ${images.join(', ')}: ${tail(res.output, 3)}`);
      },
    },
  ],
  builder: ({ builder = '' }) => [
    {
      what: `remove builder ${builder}`,
      run: async () => {
        // Removes each node's BuildKit container too, over the same connections.
        const res = await exec(builderRemoveArgs(builder), {
          timeoutMs: STEP_TIMEOUT_MS,
          allowFailure: true,
        });
        if (res.exitCode !== 0 && !/no builder .* found|not found/i.test(res.output)) {
          log.warning(`Could not remove builder ${builder}: ${tail(res.output, 3)}`);
        }
      },
    },
  ],
  'docker contexts': ({ contexts = [] }) => [
    {
      what: 'remove docker contexts',
      run: async () => {
        await exec(contextRemoveArgs(contexts), { timeoutMs: STEP_TIMEOUT_MS });
        log.info(`Removed docker contexts ${contexts.join(', ')}.`);
      },
    },
  ],
  'ssh connections': ({ ssh }) => [
    {
      what: 'close the ssh connections',
      run: async () => {
        for (const argv of ssh ? sshExitArgs(ssh) : []) {
          // No master running is fine: it may have timed out already.
          await exec(argv, { timeoutMs: 15_000, allowFailure: true, quiet: true }).catch(
            () => undefined,
          );
        }
      },
    },
  ],
  'ssh control dir': (state) => fileRemovals('ssh control dir', state, log),
  'temp dir': (state) => fileRemovals('temp dir', state, log),
};

/** What post removes for this saved state: each kind's removals, kinds in order. Pure. */
export function removalsFor(state: PostState): { kind: Leftover; removals: Removal[] }[] {
  return postWork(state).map((kind) => ({ kind, removals: REMOVALS[kind](state) }));
}

export async function cleanup(state: PostState | undefined = loadState()): Promise<void> {
  if (!state) {
    log.info('Nothing to clean up.');
    return;
  }
  // Docker runs with main's config (a buildx fetched for the run): builders and contexts are found.
  if (state.dockerConfig && existsSync(state.dockerConfig))
    process.env.DOCKER_CONFIG = state.dockerConfig;
  // Nodes are reached the way main reached them: through the private ssh setup.
  if (state.ssh) process.env.PATH = `${state.ssh.binDir}${delimiter}${process.env.PATH ?? ''}`;
  await removeInOrder(postWork(state), (kind) => REMOVALS[kind](state), log);
}
