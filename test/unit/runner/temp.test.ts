import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { makeTempDir } from '../../../src/runner/temp';

const saved = process.env.RUNNER_TEMP;
afterEach(() => {
  if (saved === undefined) delete process.env.RUNNER_TEMP;
  else process.env.RUNNER_TEMP = saved;
});

const isRoot = process.getuid?.() === 0;

/** A tmpfs of its own (root only): the real faults, not a stand-in. */
async function withTmpfs(options: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rt-fs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  try {
    await body(dir);
  } finally {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

it('makes a private dir under RUNNER_TEMP and leaves no probe file behind', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'rt-'));
  process.env.RUNNER_TEMP = base;
  const dir = await makeTempDir();
  expect(path.dirname(dir)).toBe(base);
  expect(readdirSync(dir)).toEqual([]);
  rmSync(base, { recursive: true, force: true });
});

it('names RUNNER_TEMP, what is wrong and the fix, when it does not exist', async () => {
  process.env.RUNNER_TEMP = '/nonexistent/runner-temp';
  await expect(makeTempDir()).rejects.toThrow(
    'RUNNER_TEMP (/nonexistent/runner-temp) does not exist: the action keeps its metadata, keys and configs there. Fix: free space or make RUNNER_TEMP point at a writable directory with room.',
  );
});

it.runIf(isRoot)(
  'says RUNNER_TEMP is full on a 64 KiB tmpfs, and removes its half-made dir',
  async () => {
    await withTmpfs('size=64k', async (base) => {
      process.env.RUNNER_TEMP = base;
      await expect(makeTempDir()).rejects.toThrow(`RUNNER_TEMP (${base}) is full:`);
      expect(readdirSync(base)).toEqual([]);
    });
  },
);

it.runIf(isRoot)('says RUNNER_TEMP is read-only on a read-only mount', async () => {
  await withTmpfs('size=1m,ro', async (base) => {
    process.env.RUNNER_TEMP = base;
    await expect(makeTempDir()).rejects.toThrow(`RUNNER_TEMP (${base}) is read-only:`);
  });
});

it.runIf(!isRoot)('says RUNNER_TEMP is not writable when its mode forbids writing', async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'rt-ro-'));
  chmodSync(base, 0o555);
  process.env.RUNNER_TEMP = base;
  try {
    await expect(makeTempDir()).rejects.toThrow(/^RUNNER_TEMP \(.*\) is not writable/);
  } finally {
    chmodSync(base, 0o755);
    rmSync(base, { recursive: true, force: true });
  }
});

it('falls back to the OS temp dir outside a runner', async () => {
  delete process.env.RUNNER_TEMP;
  const dir = await makeTempDir();
  expect(existsSync(dir)).toBe(true);
  expect(path.dirname(dir)).toBe(os.tmpdir());
  rmSync(dir, { recursive: true, force: true });
});
