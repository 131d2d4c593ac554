/**
 * "Was this platform of this image tested here, and did it pass?", asked of
 * a registry: every in-toto artifact attached to the platform's manifest is
 * read and judged (judge.ts). Artifacts of other types (signatures, SBOMs)
 * are passed over.
 */
import { RegistryClient } from '../../docker/registry/client';
import {
  filterReferrers,
  IN_TOTO_ARTIFACT,
  parseReferrersIndex,
  referrersTag,
  type Descriptor,
} from '../../oci/referrers';
import { errorMessage } from '../../runner/errors';
import { judgeTested, type TestedVerdict } from './judge';

/** A statement signed into a DSSE envelope (as cosign and the attest actions write) carries it as payload. */
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';

/**
 * The referrers of `digest` that are in-toto artifacts. A registry with the
 * referrers API may still hold older ones under the referrers tag that
 * clients wrote before it had the API: both are read.
 */
async function inTotoReferrers(client: RegistryClient, digest: string): Promise<Descriptor[]> {
  const found = await client.referrers(digest, IN_TOTO_ARTIFACT);
  if (found.via === 'tag') return found.manifests;
  const tag = referrersTag(digest);
  const held = await client.getManifest(tag);
  const tagged = held
    ? filterReferrers(
        parseReferrersIndex(held.json, client.tagName(tag)).manifests,
        IN_TOTO_ARTIFACT,
      )
    : [];
  const seen = new Set(found.manifests.map((m) => m.digest));
  return [...found.manifests, ...tagged.filter((m) => !seen.has(m.digest))];
}

/** The statement a layer holds, unwrapped from a DSSE envelope when it is one; the raw text when it is not JSON. */
function statementOf(bytes: Uint8Array, mediaType: string): unknown {
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  const envelope = json as { payloadType?: unknown; payload?: unknown };
  if (
    (mediaType === DSSE_ENVELOPE || envelope.payloadType === IN_TOTO_ARTIFACT) &&
    typeof envelope.payload === 'string'
  ) {
    try {
      return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    } catch {
      return envelope.payload;
    }
  }
  return json;
}

/** Every in-toto statement attached to `digest` in `repository`, parsed (or as text when it does not parse). */
export async function attachedStatements(
  repository: string,
  digest: string,
  timeoutMs: number,
): Promise<unknown[]> {
  const client = new RegistryClient(repository, { timeoutMs });
  const referrers = await inTotoReferrers(client, digest);
  const manifests = await Promise.all(referrers.map((r) => client.getManifest(r.digest)));
  const layers = manifests.flatMap((m) => {
    const layerList = (m?.json as { layers?: unknown } | undefined)?.layers;
    return Array.isArray(layerList) ? (layerList as Descriptor[]).filter((l) => l?.digest) : [];
  });
  return Promise.all(
    layers.map(async (l) => statementOf(await client.getBlob(l.digest), l.mediaType)),
  );
}

/** The verdict on one platform's manifest; a registry that cannot be read is a reason too. */
export async function testedVerdict(
  repository: string,
  platform: string,
  digest: string,
  timeoutMs: number,
): Promise<TestedVerdict> {
  let statements: unknown[];
  try {
    statements = await attachedStatements(repository, digest, timeoutMs);
  } catch (err) {
    return { ok: false, reason: `its attestations could not be read: ${errorMessage(err)}` };
  }
  return judgeTested(statements, platform, digest);
}
