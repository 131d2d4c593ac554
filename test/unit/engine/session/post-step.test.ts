import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPost } from '../../../../src/engine/session/post-step';
import type { PostState } from '../../../../src/runner/post-state';
import { useScratch } from './post-fixture';

const scratch = useScratch('post-');
const { log } = scratch;

/** A dir with a file in it, as main leaves its temp dir. */
function dirWithFile(name: string): string {
  const dir = path.join(scratch.base, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'metadata.json'), '{}');
  return dir;
}

/** A stand-in for the full cleanup that records the state it was handed. */
function fullCleanup() {
  const handed: PostState[] = [];
  const load = async () => async (state: PostState) => void handed.push(state);
  return { handed, load };
}

describe('post as the runner starts it', () => {
  it('after a clean main, removes the temp dir itself and never loads the full cleanup', async () => {
    const tempDir = dirWithFile('multiarch-1');
    const full = fullCleanup();
    const state: PostState = {
      tempDir,
      containerPrefix: 'm-ab',
      docker: ['docker'],
      mainCleaned: true,
    };
    expect(await runPost(state, log, full.load)).toBe('files');
    expect(existsSync(tempDir)).toBe(false);
    expect(full.handed).toEqual([]);
    expect(scratch.lines).toEqual([
      `Removed ${tempDir} (registry logins, keys, ssh config, metadata).`,
    ]);
  });

  it.each<[string, Partial<PostState>]>([
    ['main never said it cleaned up (cancelled, killed)', {}],
    ['a candidate image main did not see removed', { images: ['m-ab-candidate'] }],
    ['a builder, even after a clean main', { builder: 'm-ab-builder', mainCleaned: true }],
    ['node contexts, even after a clean main', { contexts: ['m-ab-arm1'], mainCleaned: true }],
  ])('hands the state to the full cleanup when %s', async (_name, more) => {
    const tempDir = dirWithFile('multiarch-1');
    const full = fullCleanup();
    const state: PostState = { tempDir, containerPrefix: 'm-ab', docker: ['docker'], ...more };
    expect(await runPost(state, log, full.load)).toBe('full');
    expect(full.handed).toEqual([state]);
    // The full cleanup removes the temp dir in its turn, last.
    expect(existsSync(tempDir)).toBe(true);
  });

  it('with no state, says there is nothing to clean up', async () => {
    const full = fullCleanup();
    expect(await runPost(undefined, log, full.load)).toBe('nothing');
    expect(scratch.lines).toEqual(['Nothing to clean up.']);
    expect(full.handed).toEqual([]);
  });

  it('only warns when the full cleanup cannot be loaded', async () => {
    const state: PostState = { containerPrefix: 'm-ab', docker: ['docker'] };
    const load = () => Promise.reject(new Error('Cannot find module ./cleanup'));
    expect(await runPost(state, log, load)).toBe('warned');
    expect(scratch.lines).toEqual([
      'warning: Post could not clean up: Cannot find module ./cleanup',
    ]);
  });
});
