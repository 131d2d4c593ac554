import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// Metadata files, keys and configs are small; a dir that cannot take this much
// fails the run before anything is built or pushed.
const PROBE_BYTES = 256 * 1024;

function explain(base: string, fromRunner: boolean, err: NodeJS.ErrnoException): Error {
  const where = fromRunner ? `RUNNER_TEMP (${base})` : `the temp dir ${base}`;
  const why =
    err.code === 'ENOSPC'
      ? 'is full'
      : err.code === 'EROFS'
        ? 'is read-only'
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? 'is not writable'
          : err.code === 'ENOENT'
            ? 'does not exist'
            : `cannot be written (${err.code ?? err.message})`;
  return new Error(
    `${where} ${why}: the action keeps its metadata, keys and configs there. Fix: free space or make ${fromRunner ? 'RUNNER_TEMP' : 'TMPDIR'} point at a writable directory with room.`,
  );
}

/** A private temp dir under RUNNER_TEMP (mode 0700), removed by the post step. */
export async function makeTempDir(): Promise<string> {
  const fromRunner = Boolean(process.env.RUNNER_TEMP);
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  let dir: string | undefined;
  try {
    dir = await mkdtemp(path.join(base, 'multiarch-'));
    const probe = path.join(dir, '.space');
    await writeFile(probe, Buffer.alloc(PROBE_BYTES));
    await rm(probe);
    return dir;
  } catch (err) {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw explain(base, fromRunner, err as NodeJS.ErrnoException);
  }
}
