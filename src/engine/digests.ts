import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Records a pushed digest as an empty file named after it, the layout the
 * matrix recipe uploads as an artifact and the merge sub-action reads back.
 */
export async function writeDigestFile(dir: string, digest: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, digest.replace(/^sha256:/, ''));
  await writeFile(file, '');
  return file;
}
