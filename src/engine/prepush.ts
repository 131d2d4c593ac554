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
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { RegistryClient, type Manifest } from '../docker/registry/client';
import { behindProxy, resolveRepository } from '../docker/registry/endpoint';
import { pushLayoutImage } from '../docker/registry/push-layout';
import { saveImage } from '../docker/saved-image';
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
}): Promise<Prepush> {
  const began = Date.now();
  const file = join(c.tempDir, 'candidate.tar');
  try {
    if (behindProxy(resolveRepository(c.repository).origin))
      throw new Error('a proxy is set, and only the docker CLI goes through it');
    const saved = await saveImage(c.candidate, file, c.timeoutMs);
    const image = saved.images.find((d) => d.digest === c.digest);
    if (!image)
      throw new Error(
        `docker save ${c.candidate} gave ${saved.images.map((d) => d.digest).join(', ') || 'no image'}, not the built ${c.digest}`,
      );
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
    await rm(file, { force: true }).catch(() => undefined);
  }
}
