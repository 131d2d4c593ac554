import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A private temp dir under RUNNER_TEMP (mode 0700), removed by the post step. */
export async function makeTempDir(): Promise<string> {
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  return mkdtemp(path.join(base, 'multiarch-'));
}
