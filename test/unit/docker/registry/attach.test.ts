import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { attachArtifact, type AttachRequest } from '../../../../src/docker/registry/attach';
import { RegistryClient } from '../../../../src/docker/registry/client';
import { errorKind } from '../../../../src/runner/errors';
import type { FakeRegistry } from './fake-registry';
import {
  basicAuth,
  dockerConfig,
  fakeRegistry,
  OCI_INDEX,
  OCI_MANIFEST,
  REPO,
  seedImage,
} from './setup';

const IN_TOTO = 'application/vnd.in-toto+json';
const sha = (s: string | Uint8Array): string =>
  `sha256:${createHash('sha256').update(s).digest('hex')}`;
const statement = (name: string): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', name }));

function request(
  subject: string,
  name = 'smoke',
  extra: Partial<AttachRequest> = {},
): AttachRequest {
  return {
    subject,
    artifactType: IN_TOTO,
    layerBytes: statement(name),
    layerMediaType: IN_TOTO,
    annotations: { 'org.opencontainers.image.created': '2024-05-01T00:00:00Z' },
    ...extra,
  };
}

interface Listed {
  digest: string;
  artifactType?: string;
}

/** The referrers tag of `digest`, as the registry holds it. */
function tagIndex(registry: FakeRegistry, digest: string): Listed[] {
  const index = registry.json(REPO, `sha256-${digest.slice(7)}`) as
    { manifests: Listed[] } | undefined;
  return index?.manifests ?? [];
}

async function setUp(referrersApi: boolean) {
  const registry = await fakeRegistry({ referrersApi });
  const image = seedImage(registry);
  const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
  return { registry, image, client };
}

describe('attachArtifact with the referrers API', () => {
  it('pushes the artifact by digest; the registry lists it, no tag is written or moved', async () => {
    const { registry, image, client } = await setUp(true);
    const tagsBefore = new Map(registry.tags);
    const attached = await attachArtifact(client, request(image.index));
    expect(attached.via).toBe('api');
    expect(attached.subject).toEqual({
      mediaType: OCI_INDEX,
      digest: image.index,
      size: registry.manifests.get(image.index)?.bytes.length,
    });
    expect(registry.tags).toEqual(tagsBefore);
    const manifest = registry.json(REPO, attached.digest) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      mediaType: OCI_MANIFEST,
      artifactType: IN_TOTO,
      config: { mediaType: 'application/vnd.oci.empty.v1+json', size: 2 },
      layers: [{ mediaType: IN_TOTO, digest: sha(statement('smoke')) }],
      subject: { digest: image.index },
    });
    expect(registry.blobs.get(sha(statement('smoke')))?.toString()).toContain('smoke');
    const listed = await client.referrers(image.index, IN_TOTO);
    expect(listed).toEqual({
      via: 'api',
      manifests: [expect.objectContaining({ digest: attached.digest, artifactType: IN_TOTO })],
    });
  });

  it('attaches to each platform manifest as well as to the index', async () => {
    const { image, client } = await setUp(true);
    for (const subject of [image.index, ...image.platforms])
      await attachArtifact(client, request(subject));
    for (const subject of [image.index, ...image.platforms])
      expect((await client.referrers(subject)).manifests).toHaveLength(1);
  });

  it('lists the same artifact attached twice once', async () => {
    const { image, client } = await setUp(true);
    const first = await attachArtifact(client, request(image.index));
    const second = await attachArtifact(client, request(image.index));
    expect(second.digest).toBe(first.digest);
    expect((await client.referrers(image.index)).manifests).toHaveLength(1);
  });
});

describe('attachArtifact through the referrers tag', () => {
  it('writes the referrers tag when the registry has no referrers API', async () => {
    const { registry, image, client } = await setUp(false);
    const attached = await attachArtifact(client, request(`${registry.host}/${REPO}:v1`));
    expect(attached.via).toBe('tag');
    expect(attached.subject.digest).toBe(image.index);
    expect(registry.tags.get(`${REPO}:v1`)).toBe(image.index);
    expect(tagIndex(registry, image.index)).toEqual([
      {
        mediaType: OCI_MANIFEST,
        digest: attached.digest,
        size: registry.manifests.get(attached.digest)?.bytes.length,
        artifactType: IN_TOTO,
        annotations: { 'org.opencontainers.image.created': '2024-05-01T00:00:00Z' },
      },
    ]);
    expect(await client.referrers(image.index, IN_TOTO)).toEqual({
      via: 'tag',
      manifests: tagIndex(registry, image.index),
    });
  });

  it('keeps the first entry and a signature someone else listed when attaching again', async () => {
    const { registry, image, client } = await setUp(false);
    const signature = {
      mediaType: OCI_MANIFEST,
      digest: sha('a signature manifest'),
      size: 321,
      artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
    };
    registry.seed(
      REPO,
      OCI_INDEX,
      { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [signature] },
      `sha256-${image.index.slice(7)}`,
    );
    const first = await attachArtifact(client, request(image.index, 'first'));
    const second = await attachArtifact(client, request(image.index, 'second'));
    expect(tagIndex(registry, image.index).map((m) => m.digest)).toEqual([
      signature.digest,
      first.digest,
      second.digest,
    ]);
    expect(tagIndex(registry, image.index)[0]).toEqual(signature);
    const statements = await client.referrers(image.index, IN_TOTO);
    expect(statements.manifests.map((m) => m.digest)).toEqual([first.digest, second.digest]);
  });

  it('lists the same artifact attached twice once', async () => {
    const { registry, image, client } = await setUp(false);
    await attachArtifact(client, request(image.index));
    await attachArtifact(client, request(image.index));
    expect(tagIndex(registry, image.index)).toHaveLength(1);
  });

  it('merges again when a concurrent writer put its own list over ours', async () => {
    const { registry, image, client } = await setUp(false);
    const tag = `sha256-${image.index.slice(7)}`;
    const theirs = {
      mediaType: OCI_MANIFEST,
      digest: sha('the other run'),
      size: 7,
      artifactType: IN_TOTO,
    };
    let raced = false;
    registry.intercept = (req) => {
      // Right after our first put lands, the other run's put (made from the empty list it read) lands.
      if (
        !raced &&
        req.method === 'GET' &&
        req.url?.endsWith(`/manifests/${tag}`) &&
        registry.tags.has(`${REPO}:${tag}`)
      ) {
        raced = true;
        registry.seed(
          REPO,
          OCI_INDEX,
          { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [theirs] },
          tag,
        );
      }
      return false;
    };
    const attached = await attachArtifact(client, request(image.index));
    expect(raced).toBe(true);
    expect(tagIndex(registry, image.index).map((m) => m.digest)).toEqual([
      theirs.digest,
      attached.digest,
    ]);
  });

  it('merges again when a writer that read before our put lands while we let it settle', async () => {
    const { registry, image, client } = await setUp(false);
    const tag = `sha256-${image.index.slice(7)}`;
    const theirs = { mediaType: OCI_MANIFEST, digest: sha('late'), size: 7, artifactType: IN_TOTO };
    let readsAfterPut = 0;
    registry.intercept = (req) => {
      if (req.method !== 'GET' || !req.url?.endsWith(`/manifests/${tag}`)) return false;
      if (registry.tags.has(`${REPO}:${tag}`) && ++readsAfterPut === 1)
        registry.seed(
          REPO,
          OCI_INDEX,
          { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [theirs] },
          tag,
        );
      return false;
    };
    const attached = await attachArtifact(client, request(image.index));
    expect(tagIndex(registry, image.index).map((m) => m.digest)).toEqual([
      theirs.digest,
      attached.digest,
    ]);
  });

  it('takes turns with the attaches of this process to the same subject', async () => {
    const { registry, image, client } = await setUp(false);
    const tagPath = `/v2/${REPO}/manifests/sha256-${image.index.slice(7)}`;
    const attached = await Promise.all(
      ['one', 'two', 'three'].map((name) => attachArtifact(client, request(image.index, name))),
    );
    expect(
      tagIndex(registry, image.index)
        .map((m) => m.digest)
        .sort(),
    ).toEqual(attached.map((a) => a.digest).sort());
    // Each writer's read, put, and check after the settle, one writer after the other.
    const onTag = registry.seen.filter((r) => r.path === tagPath).map((r) => r.method);
    expect(onTag).toEqual(Array(3).fill(['GET', 'PUT', 'GET']).flat());
  });

  it('gives up, naming the tag, when other writers keep replacing it', async () => {
    const { registry, image, client } = await setUp(false);
    const tag = `sha256-${image.index.slice(7)}`;
    registry.intercept = (req) => {
      if (
        req.method === 'GET' &&
        req.url?.endsWith(`/manifests/${tag}`) &&
        registry.tags.has(`${REPO}:${tag}`)
      )
        registry.seed(
          REPO,
          OCI_INDEX,
          { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] },
          tag,
        );
      return false;
    };
    const err = await attachArtifact(client, request(image.index)).catch((e: unknown) => e);
    expect(errorKind(err)).toBe('command');
    expect(String(err)).toContain(
      `the referrers tag ${tag} of ${REPO} on registry ${registry.host} lost the entry`,
    );
  });

  it('refuses a referrers tag that holds something other than an index', async () => {
    const { registry, image, client } = await setUp(false);
    registry.seed(
      REPO,
      OCI_MANIFEST,
      { schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [] },
      `sha256-${image.index.slice(7)}`,
    );
    await expect(attachArtifact(client, request(image.index))).rejects.toThrow(
      /is not an image index/,
    );
  });
});

describe('attachArtifact subjects and bounds', () => {
  it('names a subject the registry does not have', async () => {
    const { registry, client } = await setUp(false);
    const missing = sha('missing');
    await expect(attachArtifact(client, request(missing))).rejects.toThrow(
      `registry ${registry.host} has no manifest ${missing} in ${REPO}, so there is nothing to attach`,
    );
  });

  it('refuses a subject in another repository', async () => {
    const { registry, client } = await setUp(false);
    const err = await attachArtifact(client, request(`${registry.host}/other/app:v1`)).catch(
      (e: unknown) => e,
    );
    expect(errorKind(err)).toBe('input');
    expect(String(err)).toContain(`it is not in ${registry.host}/${REPO}`);
  });

  it('works through a token login from the docker config', async () => {
    const registry = await fakeRegistry({
      auth: { scheme: 'bearer', username: 'ci', password: 'pw' },
    });
    const image = seedImage(registry);
    dockerConfig({ auths: { [registry.host]: basicAuth('ci', 'pw') } });
    const client = new RegistryClient(`${registry.host}/${REPO}`);
    const attached = await attachArtifact(client, request(image.index));
    expect(tagIndex(registry, image.index).map((m) => m.digest)).toEqual([attached.digest]);
    expect(registry.seen.filter((s) => s.path === '/token')).toHaveLength(1);
  });

  it('bounds the whole attach, naming the step it was at', async () => {
    const { registry, image, client } = await setUp(false);
    registry.intercept = (req) =>
      req.method === 'PUT' && /\/manifests\/sha256:/.test(req.url ?? '');
    const err = await attachArtifact(
      client,
      request(image.index, 'smoke', { timeoutMs: 1000 }),
    ).catch((e: unknown) => e);
    expect(errorKind(err)).toBe('timeout');
    expect(String(err)).toContain(
      `The registry ${registry.host} did not finish attaching a ${IN_TOTO} artifact to ${REPO}@${image.index} (pushing the artifact manifest) within 1 s`,
    );
  });
});
