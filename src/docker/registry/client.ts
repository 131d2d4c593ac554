/**
 * A client of one repository's distribution API, for what the docker CLI
 * cannot do: push an arbitrary artifact (a test-result statement) and read
 * the referrers of an image. Every method is one operation, bounded as a
 * whole by the client's timeout (every retry, login and redirect in it).
 */
import { createHash } from 'node:crypto';
import {
  describe,
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  filterReferrers,
  OCI_INDEX,
  OCI_MANIFEST,
  parseReferrersIndex,
  referrersTag,
  sha256Digest,
  type Descriptor,
} from '../../oci/referrers';
import { DIGEST } from '../../oci/reference';
import { MultiarchError } from '../../runner/errors';
import { DEFAULT_REGISTRY_TIMEOUT_MS } from '../registry-phase';
import type { Credentials } from './credentials';
import { resolveRepository, type RegistryRepository } from './endpoint';
import { bounded, Transport, type TransportOptions } from './http';
import { discard, readBytes, type RegistryRequest } from './wire';

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
}

export interface Manifest extends ManifestHead {
  bytes: Uint8Array;
  json: unknown;
}

export interface Referrers {
  /** `api`: the registry lists them itself; `tag`: read from the referrers tag, as clients keep it. */
  via: 'api' | 'tag';
  manifests: Descriptor[];
}

export interface ClientOptions extends TransportOptions {
  /** Bound of each operation; registry-timeout's default when left out. */
  timeoutMs?: number;
  credentials?: Credentials | null;
}

/** Also bounded by the caller: an operation that is part of a longer one. */
export interface CallOptions {
  signal?: AbortSignal;
}

const ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST].join(', ');
/** distribution's own limit on a manifest. */
const MANIFEST_MAX = 4 * 1024 * 1024;
/** Artifacts we read are statements, not layers. */
const BLOB_MAX = 64 * 1024 * 1024;

const TAG = /^[\w][\w.-]{0,127}$/;

/** A tag or digest goes into a URL path as it is: nothing else may. */
function checked(reference: string, digestOnly = false): string {
  if (DIGEST.test(reference) || (!digestOnly && TAG.test(reference))) return reference;
  throw new MultiarchError(
    'invalid',
    `"${reference}" is not a ${digestOnly ? 'digest (sha256:<64 hex>)' : 'tag or digest'}`,
  );
}

/** The hash of bytes under a digest's own algorithm. */
function digestLike(digest: string, bytes: Uint8Array): string {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

function mediaTypeOf(res: Response): string | undefined {
  return res.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
}

export class RegistryClient {
  readonly registry: string;
  readonly name: string;
  readonly timeoutMs: number;
  private readonly http: Transport;
  /** Blobs pushed, or being pushed, by this client: each is pushed once. */
  private readonly blobs = new Map<string, Promise<Descriptor>>();

  /** `repository`: `127.0.0.1:5000/team/app`, `ghcr.io/o/r`, `alpine`; a tag or digest on it is ignored. */
  constructor(repository: string | RegistryRepository, opts: ClientOptions = {}) {
    const repo = typeof repository === 'string' ? resolveRepository(repository) : repository;
    this.registry = repo.registry;
    this.name = repo.name;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
    this.http = new Transport(repo, opts);
  }

  /**
   * Opens a connection to the registry, and nothing more: called while other
   * work runs, so that the requests that follow find it open. Never fails.
   */
  warm(): void {
    fetch(`${this.http.repo.origin}/v2/`, { signal: AbortSignal.timeout(this.timeoutMs) })
      .then((res) => res.body?.cancel())
      .catch(() => undefined);
  }

  /** What a tag or digest points at, without its content; undefined when the registry has none. */
  manifestHead(reference: string, opts: CallOptions = {}): Promise<ManifestHead | undefined> {
    return this.operation(`reading manifest ${reference} of ${this.name}`, opts, (signal) =>
      this.head(reference, signal),
    );
  }

  /** A manifest or index, checked against its digest; undefined when the registry has none. */
  getManifest(reference: string, opts: CallOptions = {}): Promise<Manifest | undefined> {
    return this.operation(`reading manifest ${reference} of ${this.name}`, opts, (signal) =>
      this.read(reference, signal),
    );
  }

  /**
   * Puts a manifest under a tag or its digest. `subject`: the registry
   * answered OCI-Subject, so it keeps the referrers list of the manifest's
   * subject itself.
   */
  putManifest(
    reference: string,
    mediaType: string,
    bytes: Uint8Array,
    opts: CallOptions = {},
  ): Promise<{ digest: string; subject: boolean }> {
    return this.operation(`pushing manifest ${reference} to ${this.name}`, opts, async (signal) => {
      const req: RegistryRequest = {
        method: 'PUT',
        url: this.http.url(`manifests/${checked(reference)}`),
        headers: { 'content-type': mediaType },
        body: bytes,
      };
      const res = await this.http.send(req, signal);
      if (!res.ok) throw await this.http.refusal(req, res);
      await discard(res);
      return { digest: sha256Digest(bytes), subject: res.headers.has('oci-subject') };
    });
  }

  /**
   * Pushes a blob in one piece, unless the repository has it already. The
   * same blob asked for again (one statement attached to several digests at
   * once) waits for the first push instead of racing it; a failed one is tried again.
   */
  pushBlob(bytes: Uint8Array, mediaType: string, opts: CallOptions = {}): Promise<Descriptor> {
    return this.pushBlobFrom(describe(mediaType, bytes), bytes, opts);
  }

  /**
   * Pushes a blob whose descriptor is known (a layer of a saved image, sent
   * from its file): the registry checks the content against the digest.
   */
  pushBlobFrom(
    blob: Descriptor,
    body: Uint8Array | Blob,
    opts: CallOptions = {},
  ): Promise<Descriptor> {
    const earlier = this.blobs.get(blob.digest);
    if (earlier)
      return earlier.then(
        () => blob,
        () => this.uploadBlob(blob, body, opts),
      );
    return this.uploadBlob(blob, body, opts);
  }

  private uploadBlob(
    blob: Descriptor,
    body: Uint8Array | Blob,
    opts: CallOptions,
  ): Promise<Descriptor> {
    const pushed = this.operation(
      `pushing blob ${blob.digest} to ${this.name}`,
      opts,
      async (signal) => {
        const head: RegistryRequest = {
          method: 'HEAD',
          url: this.http.url(`blobs/${blob.digest}`),
        };
        const there = await this.http.send(head, signal);
        await discard(there);
        if (there.ok) return blob;
        if (there.status !== 404) throw await this.http.refusal(head, there);
        const start: RegistryRequest = {
          method: 'POST',
          url: this.http.url('blobs/uploads/'),
          body: new Uint8Array(0),
        };
        const started = await this.http.send(start, signal);
        const location = started.headers.get('location');
        if (started.status !== 202) throw await this.http.refusal(start, started);
        await discard(started);
        if (!location)
          throw new MultiarchError(
            'command',
            `registry ${this.registry} started an upload to ${this.name} (POST) without saying where to send it (no Location header)`,
          );
        // The location may be relative, and may carry a query (upload state) that must be kept as it is.
        const target = new URL(location, start.url).href;
        const put: RegistryRequest = {
          method: 'PUT',
          url: `${target}${target.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob.digest)}`,
          headers: { 'content-type': 'application/octet-stream' },
          body,
        };
        const done = await this.http.send(put, signal);
        if (!done.ok) throw await this.http.refusal(put, done, `uploading blob ${blob.digest}`);
        await discard(done);
        return blob;
      },
    );
    this.blobs.set(blob.digest, pushed);
    pushed.catch(() => {
      if (this.blobs.get(blob.digest) === pushed) this.blobs.delete(blob.digest);
    });
    return pushed;
  }

  /** A blob's content, checked against its digest: a registry or a storage host may hand back something else. */
  getBlob(digest: string, opts: CallOptions = {}): Promise<Uint8Array> {
    return this.operation(`reading blob ${digest} of ${this.name}`, opts, async (signal) => {
      const req: RegistryRequest = {
        method: 'GET',
        url: this.http.url(`blobs/${checked(digest, true)}`),
        followRedirects: true,
      };
      const res = await this.http.send(req, signal);
      if (!res.ok) throw await this.http.refusal(req, res);
      const bytes = await readBytes(res, BLOB_MAX, `blob ${digest} of ${this.name}`);
      const actual = digestLike(digest, bytes);
      if (actual !== digest)
        throw new MultiarchError(
          'command',
          `registry ${this.registry} answered with other content for blob ${digest} of ${this.name}: it hashes to ${actual}, so it is not used`,
        );
      return bytes;
    });
  }

  /**
   * A blob too big to hold (a layer), as a stream checked as it is read: it
   * fails at its end when the content is not `size` bytes or hashes to
   * something else. The registry's answer is bounded by the client's timeout;
   * reading the body only by the caller's signal, since a layer may take long.
   */
  openBlob(
    blob: { digest: string; size: number },
    opts: CallOptions = {},
  ): Promise<AsyncIterable<Uint8Array>> {
    const body = new AbortController();
    const signal = opts.signal ? AbortSignal.any([body.signal, opts.signal]) : body.signal;
    return this.operation(`reading blob ${blob.digest} of ${this.name}`, {}, async (head) => {
      const req: RegistryRequest = {
        method: 'GET',
        url: this.http.url(`blobs/${checked(blob.digest, true)}`),
        followRedirects: true,
      };
      const abort = (): void => body.abort(head.reason);
      head.addEventListener('abort', abort);
      let res: Response;
      try {
        res = await this.http.send(req, signal);
      } finally {
        head.removeEventListener('abort', abort);
      }
      if (!res.ok) throw await this.http.refusal(req, res);
      return this.checkedStream(res, blob);
    });
  }

  private async *checkedStream(
    res: Response,
    blob: { digest: string; size: number },
  ): AsyncGenerator<Uint8Array> {
    const algorithm = blob.digest.slice(0, blob.digest.indexOf(':'));
    const hash = createHash(algorithm);
    let size = 0;
    if (!res.body)
      throw new Error(`registry ${this.registry} sent no body for blob ${blob.digest}`);
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > blob.size) break;
      hash.update(chunk);
      yield chunk;
    }
    const actual = `${algorithm}:${hash.digest('hex')}`;
    if (size !== blob.size || actual !== blob.digest)
      throw new MultiarchError(
        'command',
        `registry ${this.registry} answered with other content for blob ${blob.digest} of ${this.name}: ${size === blob.size ? `it hashes to ${actual}` : size > blob.size ? `more than its ${blob.size} bytes came` : `only ${size} of its ${blob.size} bytes came`}, so it is not used`,
      );
  }

  /**
   * The manifests whose subject is `digest`, of one artifact type or all: from
   * the referrers API, or where a registry without it (a 404) has them, the
   * referrers tag (none when that is missing too).
   */
  referrers(digest: string, artifactType?: string, opts: CallOptions = {}): Promise<Referrers> {
    return this.operation(
      `listing the referrers of ${digest} in ${this.name}`,
      opts,
      async (signal) => {
        const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
        const req: RegistryRequest = {
          method: 'GET',
          url: this.http.url(`referrers/${checked(digest, true)}${query}`),
          headers: { accept: OCI_INDEX },
        };
        const res = await this.http.send(req, signal);
        if (res.status === 404) {
          await discard(res);
          const tag = referrersTag(digest);
          const held = await this.read(tag, signal);
          const manifests = held ? parseReferrersIndex(held.json, this.tagName(tag)).manifests : [];
          return { via: 'tag', manifests: filterReferrers(manifests, artifactType) };
        }
        if (!res.ok) throw await this.http.refusal(req, res);
        const json = this.parse(
          await readBytes(res, MANIFEST_MAX, `the referrers of ${digest}`),
          `the referrers list of ${digest}`,
        );
        const index = parseReferrersIndex(
          json,
          `the referrers list of ${digest} from registry ${this.registry}`,
        );
        // A registry may ignore the filter (it says which it applied): ours is applied either way.
        return { via: 'api', manifests: filterReferrers(index.manifests, artifactType) };
      },
    );
  }

  /** How messages name the referrers tag of a subject. */
  tagName(tag: string): string {
    return `the referrers tag ${tag} of ${this.name} on registry ${this.registry}`;
  }

  private operation<T>(
    what: string,
    opts: CallOptions,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return bounded(
      { registry: this.registry, what, timeoutMs: this.timeoutMs, signal: opts.signal },
      work,
    );
  }

  /** The registry's answer about a manifest, past any refusal; undefined when it has none. */
  private async askManifest(
    method: 'HEAD' | 'GET',
    reference: string,
    signal: AbortSignal,
  ): Promise<Response | undefined> {
    const req: RegistryRequest = {
      method,
      url: this.http.url(`manifests/${checked(reference)}`),
      headers: { accept: ACCEPT },
    };
    const res = await this.http.send(req, signal);
    if (res.status === 404) {
      await discard(res);
      return undefined;
    }
    if (!res.ok) throw await this.http.refusal(req, res);
    return res;
  }

  private async head(reference: string, signal: AbortSignal): Promise<ManifestHead | undefined> {
    const res = await this.askManifest('HEAD', reference, signal);
    if (!res) return undefined;
    await discard(res);
    const digest = DIGEST.test(reference) ? reference : res.headers.get('docker-content-digest');
    const mediaType = mediaTypeOf(res);
    const size = Number(res.headers.get('content-length') ?? NaN);
    // Not every registry says all three on a HEAD: the content says them itself.
    if (!digest || !DIGEST.test(digest) || !mediaType || !Number.isInteger(size)) {
      const full = await this.read(reference, signal);
      return full && { digest: full.digest, mediaType: full.mediaType, size: full.size };
    }
    return { digest, mediaType, size };
  }

  private async read(reference: string, signal: AbortSignal): Promise<Manifest | undefined> {
    const res = await this.askManifest('GET', reference, signal);
    if (!res) return undefined;
    const what = `manifest ${reference} of ${this.name}`;
    const bytes = await readBytes(res, MANIFEST_MAX, what);
    const digest = DIGEST.test(reference) ? reference : sha256Digest(bytes);
    if (digestLike(digest, bytes) !== digest)
      throw new MultiarchError(
        'command',
        `registry ${this.registry} answered with other content for ${what}: it hashes to ${digestLike(digest, bytes)}, so it is not used`,
      );
    const json = this.parse(bytes, what);
    const doc = (json ?? {}) as { mediaType?: unknown; manifests?: unknown };
    // The manifest's own word first: some registries serve every manifest as application/json.
    const mediaType =
      typeof doc.mediaType === 'string'
        ? doc.mediaType
        : (mediaTypeOf(res) ?? (Array.isArray(doc.manifests) ? OCI_INDEX : OCI_MANIFEST));
    return { digest, mediaType, size: bytes.byteLength, bytes, json };
  }

  private parse(bytes: Uint8Array, what: string): unknown {
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      throw new MultiarchError(
        'command',
        `registry ${this.registry} answered ${what} with something that is not JSON`,
      );
    }
  }
}
