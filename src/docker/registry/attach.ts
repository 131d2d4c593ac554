/**
 * Attaches an artifact (a test-result statement) to an image as an OCI 1.1
 * referrer: its own manifest, pushed by digest, whose `subject` is the image,
 * so no tag of the image moves. A registry with the referrers API lists it
 * itself; for one without (distribution 2.8, Debian's docker-registry), the
 * client keeps the list under the referrers tag, as the spec asks.
 */
import { DIGEST } from '../../oci/reference';
import {
  artifactManifest,
  canonicalJson,
  EMPTY_CONFIG,
  EMPTY_JSON,
  OCI_MANIFEST,
  referrerDescriptor,
  referrersTag,
  type Descriptor,
} from '../../oci/referrers';
import { MultiarchError } from '../../runner/errors';
import type { RegistryClient } from './client';
import { resolveRepository } from './endpoint';
import { bounded } from './http';
import { addToReferrersTag } from './referrers-tag';

export interface AttachRequest {
  /** The image: its digest, or a reference (tag or digest) in the client's repository. */
  subject: string;
  artifactType: string;
  layerBytes: Uint8Array;
  layerMediaType: string;
  annotations?: Record<string, string>;
  /** The whole attach, every request in it; the client's timeout when left out. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface Attached {
  /** The artifact manifest's digest. */
  digest: string;
  /** Who lists it: the registry (`api`) or the referrers tag we updated (`tag`). */
  via: 'api' | 'tag';
  subject: Descriptor;
}

/** The tag or digest `subject` names in the client's repository. */
function subjectReference(client: RegistryClient, subject: string): string {
  if (DIGEST.test(subject)) return subject;
  const repo = resolveRepository(subject);
  if (repo.registry !== client.registry || repo.name !== client.name)
    throw new MultiarchError(
      'input',
      `cannot attach to ${subject}: it is not in ${client.registry}/${client.name}, the repository the artifact goes to`,
    );
  if (!repo.reference)
    throw new MultiarchError('input', `cannot attach to ${subject}: it names no tag or digest`);
  return repo.reference;
}

export async function attachArtifact(
  client: RegistryClient,
  req: AttachRequest,
): Promise<Attached> {
  let step = 'reading the subject and pushing the artifact content';
  const what = (): string =>
    `attaching a ${req.artifactType} artifact to ${client.name}@${req.subject} (${step})`;
  return bounded(
    {
      registry: client.registry,
      what,
      timeoutMs: req.timeoutMs ?? client.timeoutMs,
      signal: req.signal,
    },
    async (signal) => {
      const reference = subjectReference(client, req.subject);
      // The subject is read while the blobs go up: none of the three waits for another.
      const [head, , layer] = await Promise.all([
        client.manifestHead(reference, { signal }),
        client.pushBlob(new TextEncoder().encode(EMPTY_JSON), EMPTY_CONFIG.mediaType, { signal }),
        client.pushBlob(req.layerBytes, req.layerMediaType, { signal }),
      ]);
      if (!head)
        throw new MultiarchError(
          'command',
          `registry ${client.registry} has no manifest ${reference} in ${client.name}, so there is nothing to attach the ${req.artifactType} artifact to`,
        );
      const subject: Descriptor = {
        mediaType: head.mediaType,
        digest: head.digest,
        size: head.size,
      };
      const manifest = artifactManifest({
        artifactType: req.artifactType,
        layer,
        subject,
        annotations: req.annotations,
      });
      const bytes = canonicalJson(manifest);
      const entry = referrerDescriptor(manifest, bytes);
      step = 'pushing the artifact manifest';
      const put = await client.putManifest(entry.digest, OCI_MANIFEST, bytes, { signal });
      if (put.subject) return { digest: entry.digest, via: 'api', subject };
      step = `updating ${client.tagName(referrersTag(subject.digest))}`;
      await addToReferrersTag(client, subject.digest, entry, signal);
      return { digest: entry.digest, via: 'tag', subject };
    },
  );
}
