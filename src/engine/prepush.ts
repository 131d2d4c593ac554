/**
 * buildx's docker driver cannot push by digest, so a gated build is loaded
 * as a candidate, tested, and pushed only then: the push sat between the last
 * test and the tags. Here it runs beside the tests instead. The candidate is
 * saved (`docker save`: the containerd store's own bytes) and pushed by
 * digest through the registry API, under no tag, so nothing a user pulls can
 * reach it; once every platform passed, the gate only writes the tags.
 *
 * It is a head start, not a step of its own: whatever keeps it from working
 * (a registry the API client cannot reach, a CLI that saves no OCI layout)
 * is said in the log, and the gate pushes the candidate itself, as before.
 */
import { rm, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { RegistryClient, type Manifest } from '../docker/registry/client';
import { behindProxy, resolveRepository } from '../docker/registry/endpoint';
import { pushLayoutImage } from '../docker/registry/push-layout';
import { exec } from '../docker/exec';
import { saveImage, type SavedImage } from '../docker/saved-image';
import { errorMessage } from '../runner/errors';

export type Prepush =
  | {
      ok: true;
      repository: string;
      client: RegistryClient;
      manifest: Manifest;
      blobs: number;
      durationMs: number;
    }
  | { ok: false; reason: string };

export async function prepushCandidate(c: {
  candidate: string;
  repository: string;
  digest: string;
  tempDir: string;
  timeoutMs: number;
  /** Told the saved image (its file is kept until `keepUntil`), or undefined when there is none. */
  onSaved?: (saved: SavedImage | undefined) => void;
  keepUntil?: Promise<unknown>;
}): Promise<Prepush> {
  const began = Date.now();
  const file = join(c.tempDir, 'candidate.tar');
  let told = false;
  const tell = (saved: SavedImage | undefined): void => {
    if (!told) c.onSaved?.(saved);
    told = true;
  };
  try {
    if (behindProxy(resolveRepository(c.repository).origin))
      throw new Error('a proxy is set, and only the docker CLI goes through it');
    await roomFor(c.candidate, c.tempDir);
    const saved = await saveImage(c.candidate, file, c.timeoutMs);
    const image = saved.images.find((d) => d.digest === c.digest);
    if (!image)
      throw new Error(
        `docker save ${c.candidate} gave ${saved.images.map((d) => d.digest).join(', ') || 'no image'}, not the built ${c.digest}`,
      );
    tell(saved);
    const client = new RegistryClient(c.repository, { timeoutMs: c.timeoutMs });
    const pushed = await pushLayoutImage(client, saved, image);
    return {
      ok: true,
      repository: c.repository,
      client,
      manifest: pushed,
      blobs: pushed.blobs,
      durationMs: Date.now() - began,
    };
  } catch (err) {
    return { ok: false, reason: errorMessage(err) };
  } finally {
    tell(undefined);
    await c.keepUntil?.catch(() => undefined);
    await rm(file, { force: true }).catch(() => undefined);
  }
}

/** Disk the tests may still need beside the saved image. */
const RESERVE_BYTES = 2 * 1024 ** 3;

/**
 * The saved image must not fill the runner's disk under the tests: it is
 * written only when the temp dir's disk has room for the whole image (its
 * unpacked size, more than its blobs) and a reserve.
 */
async function roomFor(image: string, dir: string): Promise<void> {
  const [inspected, disk] = await Promise.all([
    exec(['docker', 'image', 'inspect', '--format', '{{.Size}}', image], {
      timeoutMs: 30_000,
      quiet: true,
    }),
    statfs(dir),
  ]);
  const size = Number(inspected.stdout.trim());
  const free = disk.bavail * disk.bsize;
  if (!Number.isFinite(size) || free < size + RESERVE_BYTES)
    throw new Error(
      `${dir} has ${gib(free)} free, too little to save a ${gib(size)} image beside the tests`,
    );
}

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
