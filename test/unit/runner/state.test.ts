import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostState } from '../../../src/runner/post-state';

type StateModule = typeof import('../../../src/runner/state');

let dir: string;
let stateFile: string;
const saved = process.env.GITHUB_STATE;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'state-'));
  stateFile = path.join(dir, 'state');
  writeFileSync(stateFile, '');
  process.env.GITHUB_STATE = stateFile;
  vi.resetModules();
});
afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_STATE;
  else process.env.GITHUB_STATE = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh module: its ledger starts empty. */
const fresh = (): Promise<StateModule> => import('../../../src/runner/state');

/** The state post would be handed: the last value saved under `state`, as the runner keeps it. */
function handedToPost(): PostState | undefined {
  const text = readFileSync(stateFile, 'utf8');
  const values = [...text.matchAll(/^state<<(\S+)\n([\s\S]*?)\n\1$/gm)].map((m) => m[2] as string);
  const last = values.at(-1);
  return last === undefined ? undefined : (JSON.parse(last) as PostState);
}

const opened = (): PostState => ({
  tempDir: '/rt/m-1',
  containerPrefix: 'm-ab',
  docker: ['docker'],
});
const smoke = { container: 'm-ab-0-linux-amd64', docker: ['docker'] };
const onNode = { container: 'm-ab-0-linux-amd64', docker: ['docker', '--context', 'm-ab-arm1'] };

describe('what main tells post it removed itself', () => {
  it('a main that made nothing, or saw all it made removed, says it cleaned up', async () => {
    const s = await fresh();
    s.saveState(opened());
    s.made(smoke);
    s.made({ image: 'm-ab-candidate' });
    s.removed(smoke);
    s.removed({ image: 'm-ab-candidate' });
    s.mainEnded();
    expect(handedToPost()).toEqual({ ...opened(), mainCleaned: true });
    expect(s.savedState()?.mainCleaned).toBe(true);
  });

  it('one thing not seen removed, and post looks for leftovers', async () => {
    const s = await fresh();
    s.saveState(opened());
    s.made(smoke);
    s.made(onNode);
    s.removed(smoke);
    s.mainEnded();
    expect(handedToPost()).toEqual(opened());
  });

  it('the same name on another engine is another container', async () => {
    const s = await fresh();
    s.saveState(opened());
    s.made(onNode);
    s.removed(smoke);
    s.mainEnded();
    expect(handedToPost()?.mainCleaned).toBeUndefined();
  });

  it('a container made after main ended takes the word back', async () => {
    const s = await fresh();
    s.saveState(opened());
    s.mainEnded();
    expect(handedToPost()?.mainCleaned).toBe(true);
    s.made(smoke);
    expect(handedToPost()).toEqual(opened());
    // Seen removed later: post still looks, which costs a look and nothing more.
    s.removed(smoke);
    expect(handedToPost()?.mainCleaned).toBeUndefined();
  });

  it('nothing saved, nothing to say', async () => {
    const s = await fresh();
    s.mainEnded();
    expect(readFileSync(stateFile, 'utf8')).toBe('');
  });
});
