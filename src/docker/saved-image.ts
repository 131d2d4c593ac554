/**
 * `docker save` of an image of the containerd image store, written to a file
 * and indexed as it streams: where each blob lies in the file, and which
 * images its `index.json` names. A blob is then read from the file only when
 * it is sent (a slice of the file, never the whole image in memory).
 */
import { createWriteStream, openAsBlob } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobDigestOf, layoutImages } from '../oci/layout';
import type { Descriptor } from '../oci/referrers';
import { TarReader } from '../oci/tar';
import { execStream, tail } from './exec';

export interface SavedImage {
  file: string;
  /** The images `index.json` names (one for one saved name). */
  images: Descriptor[];
  blob(digest: string): Blob | undefined;
}

/** index.json names a few images: more than this is not one. */
const INDEX_JSON_MAX = 1024 * 1024;

export function saveArgs(image: string): string[] {
  return ['docker', 'save', image];
}

export async function saveImage(
  image: string,
  file: string,
  timeoutMs: number,
): Promise<SavedImage> {
  const blobs = new Map<string, { offset: number; size: number }>();
  let indexJson = '';
  let current: 'index' | undefined;
  const reader = new TarReader({
    entry: (e) => {
      current = undefined;
      const digest = blobDigestOf(e.name);
      if (digest && e.type === 'file') blobs.set(digest, { offset: e.offset, size: e.size });
      else if (e.name.replace(/^\.\//, '') === 'index.json' && e.size <= INDEX_JSON_MAX)
        current = 'index';
    },
    data: (bytes) => {
      if (current !== 'index') return false;
      indexJson += Buffer.from(bytes).toString('utf8');
      return true;
    },
    end: () => {
      current = undefined;
    },
  });
  const saving = execStream(saveArgs(image), { timeoutMs, quiet: true });
  const index = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        reader.write(chunk);
        done(null, chunk);
      } catch (err) {
        done(err as Error);
      }
    },
  });
  const [written, result] = await Promise.allSettled([
    pipeline(saving.stdout, index, createWriteStream(file, { mode: 0o600 })),
    saving.result,
  ]);
  // When docker save fails, its own error says why; the file only sees a cut-off tar.
  if (result.status === 'rejected') throw result.reason;
  if (result.value.exitCode !== 0)
    throw new Error(`docker save ${image} failed: ${tail(result.value.output, 3)}`);
  if (written.status === 'rejected') throw written.reason;
  if (!reader.ended && reader.midEntry) throw new Error(`docker save ${image} was cut off`);
  if (!indexJson) throw new Error(`docker save ${image} wrote no OCI layout (no index.json)`);
  const images = layoutImages(JSON.parse(indexJson));
  const whole = await openAsBlob(file);
  return {
    file,
    images,
    blob: (digest) => {
      const at = blobs.get(digest);
      return at && whole.slice(at.offset, at.offset + at.size);
    },
  };
}
