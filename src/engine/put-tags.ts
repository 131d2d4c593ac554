/**
 * Writing tags through the registry API: the tested manifest's own bytes,
 * put under each tag of the repository that holds it. One small request per
 * tag, where `imagetools create` or `docker push` costs a process and several
 * round trips; the digest cannot change, as the bytes are the tested ones.
 * Each tag is read back: another run may write the same tag at the same time.
 * Tags of other repositories are the caller's (their blobs must be copied
 * there first, which `imagetools create` does).
 */
import type { Manifest, RegistryClient } from '../docker/registry/client';
import { resolveRepository } from '../docker/registry/endpoint';
import { parseImageRef } from '../oci/reference';

/** Where a reference's repository lives, the way docker reads it (`alpine` is `docker.io/library/alpine`). */
function home(ref: string): string {
  const r = resolveRepository(ref);
  return `${r.registry}/${r.name}`;
}

/** The tags in `repo` (a reference: `127.0.0.1:5000/team/app`), and the rest. Pure. */
export function splitByRepository(
  tags: string[],
  repo: string,
): { here: string[]; elsewhere: string[] } {
  const here = tags.filter((t) => home(t) === home(repo));
  return { here, elsewhere: tags.filter((t) => !here.includes(t)) };
}

/** Puts `manifest` under each tag (all in the client's repository). */
export async function putTags(
  client: RegistryClient,
  manifest: Manifest,
  tags: string[],
): Promise<void> {
  await Promise.all(
    tags.map((t) => client.putManifest(tagOf(t), manifest.mediaType, manifest.bytes)),
  );
}

/** Fails, naming the tag, unless every tag (all in the client's repository) points at `digest`. */
export async function readTagsBack(
  client: RegistryClient,
  tags: string[],
  digest: string,
): Promise<void> {
  const found = await Promise.all(
    tags.map(async (t) => [t, (await client.manifestHead(tagOf(t)))?.digest] as const),
  );
  const wrong = found.filter(([, d]) => d !== digest);
  if (wrong.length > 0) throw tagsMovedError(wrong, digest);
}

/** The tags that point elsewhere after they were written: a race with another run, said so. */
export function tagsMovedError(
  wrong: readonly (readonly [string, string | undefined])[],
  digest: string,
): Error {
  return new Error(
    `After writing the tags, ${wrong.map(([t, d]) => `${t} points at ${d ?? 'nothing'}`).join(', ')}, not at the tested ${digest}. Another run may have written the same tag at the same time.`,
  );
}

const tagOf = (ref: string): string => parseImageRef(ref).tag ?? 'latest';
