/**
 * An in-process registry on 127.0.0.1 with just enough of the distribution
 * API for the client: blobs, manifests by tag or digest, bearer or basic
 * auth on demand, and the referrers API switched on (a registry that keeps
 * referrers) or off (404 there, like distribution 2.8). `intercept` lets a
 * test answer a request itself: hang, fail once, hand back other bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOptions {
  referrersApi?: boolean;
  /** `refreshToken`: what an OAuth refresh-token POST to the token service must carry. */
  auth?: { scheme: 'bearer' | 'basic'; username: string; password: string; refreshToken?: string };
  /** Upload locations as absolute URLs (distribution) rather than paths. */
  absoluteLocation?: boolean;
  /** The referrers API lists every artifact type, asked for one or not (the filter is optional). */
  unfilteredReferrers?: boolean;
  /** Blob GETs answered with a redirect to where the content is: this registry's /storage/, or another origin's. */
  redirectBlobs?: 'here' | string;
}

interface Stored {
  mediaType: string;
  bytes: Buffer;
}

export interface Seen {
  method: string;
  path: string;
  authorization?: string;
}

const sha256 = (b: Buffer | string): string =>
  `sha256:${createHash('sha256').update(b).digest('hex')}`;

export class FakeRegistry {
  readonly blobs = new Map<string, Buffer>();
  readonly manifests = new Map<string, Stored>();
  /** `name:tag` → digest. */
  readonly tags = new Map<string, string>();
  readonly seen: Seen[] = [];
  /** Answers a request itself when it returns true. */
  intercept?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => boolean;
  private readonly tokens = new Set<string>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  host = '';

  constructor(readonly opts: FakeOptions = {}) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Stores a manifest as a push would, and tags it when `tag` is given. Returns its digest. */
  seed(name: string, mediaType: string, doc: unknown, tag?: string): string {
    const bytes = Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc));
    const digest = sha256(bytes);
    this.manifests.set(digest, { mediaType, bytes });
    if (tag) this.tags.set(`${name}:${tag}`, digest);
    return digest;
  }

  /** What a tag or digest holds, parsed. */
  json(name: string, reference: string): unknown {
    const digest = reference.includes(':') ? reference : this.tags.get(`${name}:${reference}`);
    const stored = digest ? this.manifests.get(digest) : undefined;
    return stored && (JSON.parse(stored.bytes.toString('utf8')) as unknown);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://${this.host}`);
    this.seen.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
    });
    if (this.intercept?.(req, res, body)) return;
    if (url.pathname === '/token') return this.token(req, res, body);
    if (url.pathname.startsWith('/storage/')) return this.storage(url, res);
    if (!this.authorized(req, url, res)) return;
    this.route(req, url, body, res);
  }

  private token(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const auth = this.opts.auth;
    if (req.method === 'POST') {
      const form = new URLSearchParams(body.toString('utf8'));
      const ok =
        form.get('grant_type') === 'refresh_token' &&
        !!auth?.refreshToken &&
        form.get('refresh_token') === auth.refreshToken;
      if (!ok) return send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad token' }] });
      const token = randomUUID();
      this.tokens.add(token);
      return send(res, 200, { access_token: token });
    }
    const expected =
      auth && `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (!auth || req.headers.authorization !== expected) {
      return send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
    }
    const token = randomUUID();
    this.tokens.add(token);
    send(res, 200, { token });
  }

  private authorized(req: IncomingMessage, url: URL, res: ServerResponse): boolean {
    const auth = this.opts.auth;
    if (!auth) return true;
    const given = req.headers.authorization ?? '';
    const ok =
      auth.scheme === 'basic'
        ? given === `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
        : given.startsWith('Bearer ') && this.tokens.has(given.slice(7));
    if (ok) return true;
    const name = url.pathname.match(/^\/v2\/(.+?)\/(?:manifests|blobs|referrers)\//)?.[1] ?? '';
    res.setHeader(
      'www-authenticate',
      auth.scheme === 'basic'
        ? 'Basic realm="fake"'
        : `Bearer realm="http://${this.host}/token",service="fake",scope="repository:${name}:pull"`,
    );
    send(res, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] });
    return false;
  }

  private storage(url: URL, res: ServerResponse): void {
    const blob = this.blobs.get(url.pathname.slice('/storage/'.length));
    if (!blob) return send(res, 404, 'no such object');
    res.writeHead(200, { 'content-length': blob.length }).end(blob);
  }

  private route(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const method = req.method ?? '';
    const path = url.pathname;
    if (path === '/v2/') return send(res, 200, {});
    const upload = path.match(/^\/v2\/(.+)\/blobs\/uploads\/(.*)$/);
    if (upload) return this.upload(method, upload[1]!, upload[2]!, url, body, res);
    const m = path.match(/^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/);
    if (!m) return send(res, 404, '404 page not found');
    const [, name, kind, reference] = m as unknown as [string, string, string, string];
    if (kind === 'blobs') return this.blob(method, reference, res);
    if (kind === 'manifests') return this.manifest(method, name, reference, req, body, res);
    if (!this.opts.referrersApi) return send(res, 404, '404 page not found');
    const filter = this.opts.unfilteredReferrers ? null : url.searchParams.get('artifactType');
    return this.referrers(name, reference, filter, res);
  }

  private blob(method: string, digest: string, res: ServerResponse): void {
    const blob = this.blobs.get(digest);
    if (!blob)
      return send(res, 404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] });
    if (method === 'GET' && this.opts.redirectBlobs) {
      const origin = this.opts.redirectBlobs === 'here' ? '' : this.opts.redirectBlobs;
      res.writeHead(307, { location: `${origin}/storage/${digest}` }).end();
      return;
    }
    res.writeHead(200, { 'content-length': blob.length, 'docker-content-digest': digest });
    res.end(method === 'HEAD' ? undefined : blob);
  }

  private upload(
    method: string,
    name: string,
    id: string,
    url: URL,
    body: Buffer,
    res: ServerResponse,
  ): void {
    if (method === 'POST' && id === '') {
      const path = `/v2/${name}/blobs/uploads/${randomUUID()}?_state=opaque%2Bstate`;
      res.writeHead(202, {
        location: this.opts.absoluteLocation ? `http://${this.host}${path}` : path,
      });
      res.end();
      return;
    }
    if (method !== 'PUT') return send(res, 405, 'method not allowed');
    if (url.searchParams.get('_state') !== 'opaque+state')
      return send(res, 400, { errors: [{ code: 'BLOB_UPLOAD_INVALID', message: 'state lost' }] });
    const digest = url.searchParams.get('digest') ?? '';
    if (sha256(body) !== digest)
      return send(res, 400, { errors: [{ code: 'DIGEST_INVALID', message: 'digest mismatch' }] });
    this.blobs.set(digest, body);
    res.writeHead(201, { location: `/v2/${name}/blobs/${digest}` }).end();
  }

  private manifest(
    method: string,
    name: string,
    reference: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): void {
    const byDigest = reference.startsWith('sha256:');
    if (method === 'PUT') {
      const digest = sha256(body);
      if (byDigest && digest !== reference)
        return send(res, 400, { errors: [{ code: 'DIGEST_INVALID', message: 'digest mismatch' }] });
      const doc = JSON.parse(body.toString('utf8')) as {
        config?: { digest: string };
        layers?: { digest: string }[];
        manifests?: { digest: string }[];
        subject?: { digest: string };
      };
      const blobs = [doc.config, ...(doc.layers ?? [])].filter((d) => d !== undefined);
      const missing = blobs.find((d) => !this.blobs.has(d.digest));
      if (missing)
        return send(res, 400, {
          errors: [{ code: 'MANIFEST_BLOB_UNKNOWN', message: `blob unknown: ${missing.digest}` }],
        });
      this.manifests.set(digest, { mediaType: req.headers['content-type'] ?? '', bytes: body });
      if (!byDigest) this.tags.set(`${name}:${reference}`, digest);
      const headers: Record<string, string> = {
        location: `/v2/${name}/manifests/${digest}`,
        'docker-content-digest': digest,
      };
      if (this.opts.referrersApi && doc.subject) headers['oci-subject'] = doc.subject.digest;
      res.writeHead(201, headers).end();
      return;
    }
    const digest = byDigest ? reference : this.tags.get(`${name}:${reference}`);
    const stored = digest ? this.manifests.get(digest) : undefined;
    if (!digest || !stored)
      return send(res, 404, {
        errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }],
      });
    res.writeHead(200, {
      'content-type': stored.mediaType,
      'content-length': stored.bytes.length,
      'docker-content-digest': digest,
    });
    res.end(method === 'HEAD' ? undefined : stored.bytes);
  }

  private referrers(
    _name: string,
    subject: string,
    artifactType: string | null,
    res: ServerResponse,
  ): void {
    const manifests = [...this.manifests.entries()].flatMap(([digest, stored]) => {
      const doc = JSON.parse(stored.bytes.toString('utf8')) as {
        subject?: { digest: string };
        artifactType?: string;
        config?: { mediaType: string };
        annotations?: Record<string, string>;
      };
      if (doc.subject?.digest !== subject) return [];
      const type = doc.artifactType ?? doc.config?.mediaType;
      if (artifactType && type !== artifactType) return [];
      return [
        {
          mediaType: stored.mediaType,
          digest,
          size: stored.bytes.length,
          artifactType: type,
          ...(doc.annotations ? { annotations: doc.annotations } : {}),
        },
      ];
    });
    const headers: Record<string, string> = {
      'content-type': 'application/vnd.oci.image.index.v1+json',
    };
    if (artifactType) headers['oci-filters-applied'] = 'artifactType';
    res.writeHead(200, headers);
    res.end(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests,
      }),
    );
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
  });
  res.end(text);
}
