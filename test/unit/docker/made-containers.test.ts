import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../src/docker/exec';

// The remove goes through exec: a stand-in answers it and records the argv.
const calls: string[][] = [];
let answer: Partial<ExecResult> = {};
const { execResult } = await import('../exec-result');
vi.mock('../../../src/docker/exec', async (original) => ({
  ...(await original<typeof import('../../../src/docker/exec')>()),
  exec: (argv: string[], _opts: ExecOptions = {}): Promise<ExecResult> => {
    calls.push(argv);
    return Promise.resolve(execResult(argv, answer));
  },
}));

const DOCKER = ['docker', '--context', 'm-ab-arm1'];
const NAME = 'm-ab-0-linux-arm64';

/** A fresh ledger, a session saved, and `body` run against it: says whether main then reads as clean. */
async function cleanAfter(
  body: (m: typeof import('../../../src/docker/made-containers')) => Promise<void> | void,
): Promise<boolean> {
  vi.resetModules();
  const state = await import('../../../src/runner/state');
  const made = await import('../../../src/docker/made-containers');
  state.saveState({ containerPrefix: 'm-ab', docker: ['docker'] });
  made.making(DOCKER, NAME);
  await body(made);
  state.mainEnded();
  return state.savedState()?.mainCleaned === true;
}

const githubState = process.env.GITHUB_STATE;
beforeEach(() => {
  calls.length = 0;
  answer = {};
  // The state stays in this process: nothing is written to a runner's GITHUB_STATE.
  delete process.env.GITHUB_STATE;
});
afterEach(() => {
  if (githubState !== undefined) process.env.GITHUB_STATE = githubState;
});

describe('a container main made, and whether post need look for it', () => {
  it('made and never seen removed: post looks', async () => {
    expect(await cleanAfter(() => undefined)).toBe(false);
  });

  it.each<[string, Partial<ExecResult>, boolean]>([
    ['the container exited 0: the engine removed it before the client returned', {}, true],
    ['it exited 1, or the connection was lost', { exitCode: 1 }, false],
    ['the engine failed to run or remove it', { exitCode: 125 }, false],
    ['the client was killed at the timeout', { timedOut: true }, false],
  ])('docker run --rm: %s → clean %s', async (_name, run, clean) => {
    const res = execResult(['docker', 'run', '--rm'], run);
    expect(await cleanAfter((m) => m.ranWithRm(DOCKER, NAME, res))).toBe(clean);
  });

  it.each<[string, Partial<ExecResult>, boolean, boolean]>([
    ['removed', {}, true, true],
    [
      'no such container (a newer CLI exits 0)',
      { output: 'Error: No such container: x' },
      true,
      true,
    ],
    [
      'no such container (an older CLI exits 1)',
      { exitCode: 1, output: 'Error: No such container: x' },
      true,
      true,
    ],
    ['the engine refused', { exitCode: 1, output: 'removal already in progress' }, true, false],
    ['the remove timed out', { timedOut: true }, true, false],
    // A killed `docker create` may still reach the engine after the remove.
    ['removed, but a killed command could still make it', {}, false, false],
  ])('docker rm --force: %s → clean %s', async (_name, res, settled, clean) => {
    answer = res;
    const quiet = { allowFailure: true, quiet: true };
    expect(
      await cleanAfter((m) => m.removeMade(DOCKER, NAME, quiet, settled).then(() => undefined)),
    ).toBe(clean);
    expect(calls).toEqual([[...DOCKER, 'rm', '--force', NAME]]);
  });
});
