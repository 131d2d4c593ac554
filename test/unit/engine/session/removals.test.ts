import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fileRemovals, removeInOrder } from '../../../../src/engine/session/removals';
import type { PostState } from '../../../../src/runner/post-state';
import { useScratch } from './post-fixture';

const scratch = useScratch('removals-');
const { log } = scratch;

it('removes the ssh control dir and the temp dir; a failure only warns and stops nothing', async () => {
  const file = path.join(scratch.base, 'a-file');
  writeFileSync(file, '');
  const controlDir = path.join(scratch.base, 'mcm-1');
  mkdirSync(controlDir);
  const state: PostState = {
    // Below a file: rm fails (ENOTDIR), whoever runs it.
    tempDir: path.join(file, 'multiarch-1'),
    docker: ['docker'],
    ssh: { config: '', realSsh: '', binDir: '', controlDir, targets: [] },
  };
  await removeInOrder(['ssh control dir', 'temp dir'], (k) => fileRemovals(k, state, log), log);
  expect(existsSync(controlDir)).toBe(false);
  expect(scratch.lines).toHaveLength(1);
  expect(scratch.lines[0]).toMatch(`warning: Could not remove ${state.tempDir}: ENOTDIR`);
});

it('has no file removals for the kinds that need docker or ssh', () => {
  const state: PostState = { docker: ['docker'], builder: 'b', contexts: ['c'], images: ['i'] };
  for (const kind of [
    'leftover containers',
    'images',
    'builder',
    'docker contexts',
    'ssh connections',
  ] as const)
    expect(fileRemovals(kind, state, log)).toEqual([]);
});
