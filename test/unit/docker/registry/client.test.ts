import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../../src/docker/registry/client';
import { errorKind } from '../../../../src/runner/errors';
import {
  basicAuth,
  dockerConfig,
  fakeRegistry,
  OCI_INDEX,
  OCI_MANIFEST,
  REPO,
  seedImage,
} from './setup';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const sha = (s: string | Uint8Array): string =>
  `sha256:${createHash('sha256').update(s).digest('hex')}`;
const AUTH = { username: 'ci', password: 's3cret' };

describe('RegistryClient manifests', () => {
  it('reads a manifest by tag and by digest, named by the hash of what came back', async () => {
    const registry = await fakeRegistry();
    const { index } = seedImage(registry);
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const byTag = await client.getManifest('v1');
    expect(byTag).toMatchObject({ digest: index, mediaType: OCI_INDEX });
    expect(byTag?.size).toBe(byTag?.bytes.byteLength);
    expect(sha(byTag!.bytes)).toBe(index);
    expect((byTag?.json as { manifests: unknown[] }).manifests).toHaveLength(2);
    expect((await client.getManifest(index))?.digest).toBe(index);
    expect(await client.manifestHead('v1')).toEqual({
      digest: index,
      mediaType: OCI_INDEX,
      size: byTag?.size,
    });
  });

  it('answers undefined for a tag or digest the registry does not have', async () => {
    const registry = await fakeRegistry();
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    expect(await client.getManifest('nope')).toBeUndefined();
    expect(await client.manifestHead(`sha256:${'9'.repeat(64)}`)).toBeUndefined();
  });

  it('refuses what is neither a tag nor a digest before asking', async () => {
    const registry = await fakeRegistry();
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const err = await client.getManifest('../../other/manifests/v1').catch((e: unknown) => e);
    expect(errorKind(err)).toBe('invalid');
    await expect(client.getBlob('v1')).rejects.toThrow('"v1" is not a digest');
    expect(registry.seen).toEqual([]);
  });

  it('refuses a manifest whose content does not hash to the digest asked for', async () => {
    const registry = await fakeRegistry();
    const { index } = seedImage(registry);
    registry.intercept = (req, res) => {
      if (req.method !== 'GET') return false;
      res.writeHead(200, { 'content-type': OCI_INDEX }).end('{"manifests":[]}');
      return true;
    };
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    await expect(client.getManifest(index)).rejects.toThrow(
      `registry ${registry.host} answered with other content for manifest ${index} of ${REPO}`,
    );
  });

  it('puts a manifest and says whether the registry answered OCI-Subject', async () => {
    for (const referrersApi of [true, false]) {
      const registry = await fakeRegistry({ referrersApi });
      const { index } = seedImage(registry);
      const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
      const doc = bytes(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          config: { mediaType: 'x', digest: sha('{}'), size: 2 },
          layers: [],
          subject: { mediaType: OCI_INDEX, digest: index, size: 1 },
        }),
      );
      await client.pushBlob(bytes('{}'), 'x');
      expect(await client.putManifest(sha(doc), OCI_MANIFEST, doc)).toEqual({
        digest: sha(doc),
        subject: referrersApi,
      });
    }
  });

  it("names the registry, the request, the status and the registry's words when it refuses", async () => {
    const registry = await fakeRegistry();
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const doc = bytes(
      JSON.stringify({ schemaVersion: 2, config: { digest: sha('absent') }, layers: [] }),
    );
    const err = await client.putManifest('v2', OCI_MANIFEST, doc).catch((e: unknown) => e);
    expect(errorKind(err)).toBe('command');
    expect(String(err)).toContain(
      `registry ${registry.host} refused PUT /v2/${REPO}/manifests/v2: HTTP 400 Bad Request: MANIFEST_BLOB_UNKNOWN: blob unknown: ${sha('absent')}`,
    );
  });

  it('shows the tail of a refusal that is not JSON', async () => {
    const registry = await fakeRegistry();
    registry.intercept = (_req, res) => {
      res
        .writeHead(500, { 'content-type': 'text/html' })
        .end(`<html>${'x'.repeat(500)} upstream broke</html>`);
      return true;
    };
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: null,
      retryDelayMs: 1,
    });
    await expect(client.getManifest('v1')).rejects.toThrow(
      /HTTP 500 Internal Server Error: …x+ upstream broke<\/html>$/,
    );
  });
});

describe('RegistryClient blobs', () => {
  it('pushes a blob with POST then PUT, keeping the upload state of a relative Location', async () => {
    const registry = await fakeRegistry();
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const blob = await client.pushBlob(bytes('hello'), 'text/plain');
    expect(blob).toEqual({ mediaType: 'text/plain', digest: sha('hello'), size: 5 });
    expect(registry.blobs.get(sha('hello'))?.toString()).toBe('hello');
    expect(registry.seen.map((s) => s.method)).toEqual(['HEAD', 'POST', 'PUT']);
  });

  it('follows an absolute Location', async () => {
    const registry = await fakeRegistry({ absoluteLocation: true });
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    await client.pushBlob(bytes('abs'), 'text/plain');
    expect(registry.blobs.has(sha('abs'))).toBe(true);
  });

  it('skips a blob the repository has', async () => {
    const registry = await fakeRegistry();
    registry.blobs.set(sha('there'), Buffer.from('there'));
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    await client.pushBlob(bytes('there'), 'text/plain');
    expect(registry.seen.map((s) => s.method)).toEqual(['HEAD']);
  });

  it('pushes the same blob asked for side by side once, under each caller’s media type', async () => {
    const registry = await fakeRegistry();
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const [a, b] = await Promise.all([
      client.pushBlob(bytes('twice'), 'text/plain'),
      client.pushBlob(bytes('twice'), 'application/json'),
    ]);
    expect([a.mediaType, b.mediaType]).toEqual(['text/plain', 'application/json']);
    expect(registry.seen.map((s) => s.method)).toEqual(['HEAD', 'POST', 'PUT']);
  });

  it('reads a blob back, through a redirect', async () => {
    const registry = await fakeRegistry({ redirectBlobs: 'here' });
    registry.blobs.set(sha('content'), Buffer.from('content'));
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    expect(new TextDecoder().decode(await client.getBlob(sha('content')))).toBe('content');
    expect(registry.seen.map((s) => s.path)).toEqual([
      `/v2/${REPO}/blobs/${sha('content')}`,
      `/storage/${sha('content')}`,
    ]);
  });

  it('keeps its login from a storage host the registry redirects to', async () => {
    const storage = await fakeRegistry();
    storage.blobs.set(sha('content'), Buffer.from('content'));
    const registry = await fakeRegistry({
      auth: { scheme: 'bearer', ...AUTH },
      redirectBlobs: `http://${storage.host}`,
    });
    registry.blobs.set(sha('content'), Buffer.from('content'));
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: { kind: 'basic', ...AUTH },
    });
    await client.getBlob(sha('content'));
    expect(registry.seen.at(-1)?.authorization).toMatch(/^Bearer /);
    expect(storage.seen).toEqual([
      { method: 'GET', path: `/storage/${sha('content')}`, authorization: undefined },
    ]);
  });

  it('refuses a blob whose content does not hash to its digest', async () => {
    const registry = await fakeRegistry();
    registry.blobs.set(sha('asked'), Buffer.from('something else'));
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    const err = await client.getBlob(sha('asked')).catch((e: unknown) => e);
    expect(errorKind(err)).toBe('command');
    expect(String(err)).toContain(
      `registry ${registry.host} answered with other content for blob ${sha('asked')} of ${REPO}: it hashes to ${sha('something else')}`,
    );
  });
});

describe('RegistryClient login', () => {
  it('answers a Bearer challenge with a token got with the docker config login, once per client', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'bearer', ...AUTH } });
    const { index } = seedImage(registry);
    dockerConfig({ auths: { [registry.host]: basicAuth(AUTH.username, AUTH.password) } });
    const client = new RegistryClient(`${registry.host}/${REPO}`);
    expect((await client.getManifest('v1'))?.digest).toBe(index);
    expect((await client.manifestHead('v1'))?.digest).toBe(index);
    const paths = registry.seen.map((s) => `${s.method} ${s.path}`);
    expect(paths).toEqual([
      `GET /v2/${REPO}/manifests/v1`,
      'GET /token',
      `GET /v2/${REPO}/manifests/v1`,
      `HEAD /v2/${REPO}/manifests/v1`,
    ]);
  });

  it('logs in once for requests that meet the challenge side by side', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'bearer', ...AUTH } });
    seedImage(registry);
    dockerConfig({ auths: { [registry.host]: basicAuth(AUTH.username, AUTH.password) } });
    const client = new RegistryClient(`${registry.host}/${REPO}`);
    const found = await Promise.all([1, 2, 3].map(() => client.manifestHead('v1')));
    expect(found.every((f) => f?.digest.startsWith('sha256:'))).toBe(true);
    expect(registry.seen.filter((s) => s.path === '/token')).toHaveLength(1);
  });

  it('trades an identity token for an access token', async () => {
    const registry = await fakeRegistry({
      auth: { scheme: 'bearer', ...AUTH, refreshToken: 'refresh-me' },
    });
    const { index } = seedImage(registry);
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: { kind: 'identity-token', token: 'refresh-me' },
    });
    expect((await client.getManifest('v1'))?.digest).toBe(index);
    expect(registry.seen.map((s) => `${s.method} ${s.path}`)).toContain('POST /token');
  });

  it('asks the token service for push only with a login', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'bearer', ...AUTH } });
    let scope = '';
    const original = registry.intercept;
    registry.intercept = (req, res, body) => {
      if (req.url?.startsWith('/token'))
        scope = new URL(req.url, 'http://x').searchParams.get('scope') ?? '';
      return original?.(req, res, body) ?? false;
    };
    seedImage(registry);
    dockerConfig({ auths: { [registry.host]: basicAuth(AUTH.username, AUTH.password) } });
    await new RegistryClient(`${registry.host}/${REPO}`).getManifest('v1');
    expect(scope).toBe(`repository:${REPO}:pull,push`);
  });

  it('names the registry, its token service and the status when the login is wrong', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'bearer', ...AUTH } });
    seedImage(registry);
    dockerConfig({ auths: { [registry.host]: basicAuth(AUTH.username, 'wrong') } });
    const err = await new RegistryClient(`${registry.host}/${REPO}`)
      .getManifest('v1')
      .catch((e: unknown) => e);
    expect(errorKind(err)).toBe('command');
    expect(String(err)).toContain(
      `the token service http://${registry.host}/token of registry ${registry.host} refused a token for repository:${REPO}:pull,push: HTTP 401: UNAUTHORIZED: bad credentials; the login for ${registry.host} from the docker config was refused`,
    );
    expect(String(err)).not.toContain('wrong');
  });

  it('says there is no login when an anonymous token is refused', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'bearer', ...AUTH } });
    dockerConfig({});
    await expect(new RegistryClient(`${registry.host}/${REPO}`).getManifest('v1')).rejects.toThrow(
      `no login for ${registry.host} was found in the docker config`,
    );
  });

  it('answers a Basic challenge with the login, and names a 401 that stays', async () => {
    const registry = await fakeRegistry({ auth: { scheme: 'basic', ...AUTH } });
    const { index } = seedImage(registry);
    const good = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: { kind: 'basic', ...AUTH },
    });
    expect((await good.getManifest('v1'))?.digest).toBe(index);
    const bad = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: { kind: 'basic', username: 'ci', password: 'nope' },
    });
    await expect(bad.getManifest('v1')).rejects.toThrow(
      `registry ${registry.host} refused GET /v2/${REPO}/manifests/v1: HTTP 401 Unauthorized: UNAUTHORIZED: authentication required. Check the login for ${registry.host}`,
    );
  });
});

describe('RegistryClient bounds', () => {
  it('stops a registry that never answers within the bound, naming it and what was being done', async () => {
    const registry = await fakeRegistry();
    registry.intercept = () => true; // never answers
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: null,
      timeoutMs: 1000,
    });
    const began = Date.now();
    const err = await client.getManifest('v1').catch((e: unknown) => e);
    expect(Date.now() - began).toBeLessThan(3000);
    expect(errorKind(err)).toBe('timeout');
    expect(String(err)).toContain(
      `The registry ${registry.host} did not finish reading manifest v1 of ${REPO} within 1 s`,
    );
  });

  it.each([503, 429, 500])('tries a read again after an answer of %i', async (status) => {
    const registry = await fakeRegistry();
    const { index } = seedImage(registry);
    let busy = 1;
    registry.intercept = (_req, res) => {
      if (busy-- <= 0) return false;
      res.writeHead(status).end();
      return true;
    };
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: null,
      retryDelayMs: 5,
    });
    expect((await client.getManifest('v1'))?.digest).toBe(index);
  });

  it('does not push again after a 500', async () => {
    const registry = await fakeRegistry();
    registry.intercept = (req, res) => {
      if (req.method !== 'PUT') return false;
      res.writeHead(500).end();
      return true;
    };
    const client = new RegistryClient(`${registry.host}/${REPO}`, {
      credentials: null,
      retryDelayMs: 5,
    });
    await expect(client.putManifest('v1', OCI_INDEX, bytes('{}'))).rejects.toThrow(/HTTP 500/);
    expect(registry.seen.filter((s) => s.method === 'PUT')).toHaveLength(1);
  });

  it('names a registry nothing listens on', async () => {
    const registry = await fakeRegistry();
    const host = registry.host;
    await registry.close();
    const client = new RegistryClient(`${host}/${REPO}`, { credentials: null, retryDelayMs: 5 });
    await expect(client.getManifest('v1')).rejects.toThrow(
      `could not reach registry ${host} (GET /v2/${REPO}/manifests/v1): connect ECONNREFUSED`,
    );
  });
});

describe('RegistryClient referrers', () => {
  it('reads the referrers API and filters by artifact type', async () => {
    const registry = await fakeRegistry({ referrersApi: true });
    const { index } = seedImage(registry);
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    await client.pushBlob(bytes('{}'), 'application/vnd.oci.empty.v1+json');
    for (const type of ['application/vnd.in-toto+json', 'application/example.sig']) {
      const doc = bytes(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          artifactType: type,
          config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha('{}'), size: 2 },
          layers: [],
          subject: { mediaType: OCI_INDEX, digest: index, size: 1 },
        }),
      );
      await client.putManifest(sha(doc), OCI_MANIFEST, doc);
    }
    const all = await client.referrers(index);
    expect(all.via).toBe('api');
    expect(all.manifests.map((m) => m.artifactType).sort()).toEqual([
      'application/example.sig',
      'application/vnd.in-toto+json',
    ]);
    const some = await client.referrers(index, 'application/vnd.in-toto+json');
    expect(some.manifests.map((m) => m.artifactType)).toEqual(['application/vnd.in-toto+json']);
    expect(registry.seen.at(-1)?.path).toBe(`/v2/${REPO}/referrers/${index}`);
  });

  it('filters itself when the registry did not', async () => {
    const registry = await fakeRegistry({ referrersApi: true, unfilteredReferrers: true });
    const { index } = seedImage(registry);
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    await client.pushBlob(bytes('{}'), 'application/vnd.oci.empty.v1+json');
    const doc = bytes(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/example.sig',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha('{}'), size: 2 },
        layers: [],
        subject: { mediaType: OCI_INDEX, digest: index, size: 1 },
      }),
    );
    await client.putManifest(sha(doc), OCI_MANIFEST, doc);
    expect((await client.referrers(index)).manifests).toHaveLength(1);
    expect(await client.referrers(index, 'application/vnd.in-toto+json')).toEqual({
      via: 'api',
      manifests: [],
    });
  });

  it('falls back to the referrers tag on a 404, and to none when that is missing too', async () => {
    const registry = await fakeRegistry();
    const { index } = seedImage(registry);
    const client = new RegistryClient(`${registry.host}/${REPO}`, { credentials: null });
    expect(await client.referrers(index)).toEqual({ via: 'tag', manifests: [] });
    const listed = [
      {
        mediaType: OCI_MANIFEST,
        digest: sha('a'),
        size: 1,
        artifactType: 'application/vnd.in-toto+json',
      },
      {
        mediaType: OCI_MANIFEST,
        digest: sha('b'),
        size: 2,
        artifactType: 'application/example.sig',
      },
    ];
    registry.seed(
      REPO,
      OCI_INDEX,
      { schemaVersion: 2, mediaType: OCI_INDEX, manifests: listed },
      `sha256-${index.slice(7)}`,
    );
    expect(await client.referrers(index, 'application/example.sig')).toEqual({
      via: 'tag',
      manifests: [listed[1]],
    });
    expect((await client.referrers(index)).manifests).toEqual(listed);
  });
});
