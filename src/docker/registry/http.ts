/**
 * Talking to one repository's distribution API over HTTP: the login dance a
 * 401 starts (Bearer token or Basic), retries of what the network or a busy
 * registry dropped, redirects that never carry our login to another host, and
 * refusals turned into errors that say which registry refused what, and why.
 *
 * Bounds are the caller's: every request takes the signal of its operation
 * (`bounded`), so one registry that stops answering cannot hold a run.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { MultiarchError } from '../../runner/errors';
import { registryTimeoutMessage } from '../registry-phase';
import { parseChallenges, pickChallenge, type Challenge } from './challenge';
import { findCredentials, type Credentials } from './credentials';
import type { RegistryRepository } from './endpoint';
import { bearerToken } from './token';
import {
  basic,
  discard,
  refusalError,
  requestName,
  type RegistryError,
  type RegistryRequest,
} from './wire';

export interface TransportOptions {
  /** Undefined: the docker config's login for the registry, looked up on the first 401. Null: anonymous. */
  credentials?: Credentials | null;
  /** The first pause before another try of a dropped request; doubled each time. */
  retryDelayMs?: number;
  /**
   * Tries of a dropped request (3 when left out). 1 where the caller has
   * another way to the same answer (the docker CLI) that retries by itself.
   */
  attempts?: number;
}

const ATTEMPTS = 3;
const MAX_REDIRECTS = 5;
/** Answers worth another try: the registry is busy or a proxy lost it, not a refusal. */
const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * A 500 is worth another read too: distribution 2.8 answers one ("invalid
 * checksum digest format") while another client is rewriting the tag read,
 * which is what concurrent writers of one referrers tag do.
 */
function transient(method: string, status: number): boolean {
  return TRANSIENT.has(status) || (status === 500 && (method === 'GET' || method === 'HEAD'));
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Runs one operation within `timeoutMs` and the caller's own signal: past
 * the bound, a 'timeout' error naming the registry and what was being done
 * (`what` is read then, so it can name the step reached).
 */
export async function bounded<T>(
  op: { registry: string; what: string | (() => string); timeoutMs: number; signal?: AbortSignal },
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const own = AbortSignal.timeout(op.timeoutMs);
  const signal = op.signal ? AbortSignal.any([own, op.signal]) : own;
  try {
    return await work(signal);
  } catch (err) {
    if (own.aborted && !(err instanceof MultiarchError && err.kind === 'timeout')) {
      const phase = typeof op.what === 'string' ? op.what : op.what();
      throw new MultiarchError(
        'timeout',
        registryTimeoutMessage({ registry: op.registry, phase, timeoutMs: op.timeoutMs }),
        { cause: err },
      );
    }
    throw err;
  }
}

/** fetch's types take bytes over a plain ArrayBuffer only; a copy is one (byte bodies are small, layers come as Blobs). */
function bodyOf(body: Uint8Array | Blob | undefined): Uint8Array<ArrayBuffer> | Blob | undefined {
  return body instanceof Blob ? body : body && new Uint8Array(body);
}

export class Transport {
  /** What we send the registry once it asked: a token for this repository, or basic. */
  private authorization?: string;
  /** The login under way, for every request that met a 401 while it runs. */
  private login?: Promise<string | undefined>;
  private credentials?: Promise<Credentials | undefined>;
  private readonly retryDelayMs: number;
  private readonly attempts: number;

  constructor(
    readonly repo: RegistryRepository,
    private readonly opts: TransportOptions = {},
  ) {
    this.retryDelayMs = opts.retryDelayMs ?? 1000;
    this.attempts = opts.attempts ?? ATTEMPTS;
  }

  url(path: string): string {
    return `${this.repo.origin}/v2/${this.repo.name}/${path}`;
  }

  /** Sends a request, logging in when the registry asks; any answer but a 401 it could get past is returned. */
  async send(req: RegistryRequest, signal: AbortSignal): Promise<Response> {
    const sentWith = this.authorization;
    const res = await this.follow(req, signal);
    if (res.status !== 401) return res;
    // Requests sent side by side meet the same 401: one login serves them all.
    if (this.authorization && this.authorization !== sentWith) {
      await discard(res);
      return this.follow(req, signal);
    }
    const challenge = pickChallenge(parseChallenges(res.headers.get('www-authenticate') ?? ''));
    if (!challenge) return res;
    this.login ??= this.authorize(challenge, signal).finally(() => {
      this.login = undefined;
    });
    const authorization = await this.login;
    if (!authorization) return res;
    await discard(res);
    this.authorization = authorization;
    return this.follow(req, signal);
  }

  /** The error for an answer the caller did not expect. */
  refusal(req: RegistryRequest, res: Response, doing?: string): Promise<RegistryError> {
    const login =
      res.status === 401 || res.status === 403
        ? `. Check the login for ${this.repo.registry} (docker login ${this.repo.registry}), and that it may ${req.method === 'GET' || req.method === 'HEAD' ? 'pull from' : 'push to'} ${this.repo.name}`
        : '';
    return refusalError(
      this.repo.registry,
      req,
      res,
      ({ name, detail }) =>
        `registry ${this.repo.registry} refused ${name}${doing ? ` (${doing})` : ''}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail ? `: ${detail}` : ''}${login}`,
    );
  }

  private async follow(req: RegistryRequest, signal: AbortSignal): Promise<Response> {
    let url = new URL(req.url);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...req.headers };
      // Only the registry gets our login: a storage host it redirects to has its own (a signed URL).
      if (this.authorization && url.origin === this.repo.origin)
        headers.authorization = this.authorization;
      const res = await this.attempt(
        url,
        { method: req.method, headers, body: bodyOf(req.body), redirect: 'manual', signal },
        req,
      );
      const location = res.headers.get('location');
      if (!req.followRedirects || !REDIRECTS.has(res.status) || !location) return res;
      await discard(res);
      if (hop >= MAX_REDIRECTS)
        throw new MultiarchError(
          'command',
          `registry ${this.repo.registry} redirected ${requestName(req.method, req.url)} more than ${MAX_REDIRECTS} times`,
        );
      url = new URL(location, url);
    }
  }

  /** One request, tried again after 1 s and 2 s when the network or a busy registry dropped it. */
  private async attempt(url: URL, init: RequestInit, req: RegistryRequest): Promise<Response> {
    for (let n = 1; ; n++) {
      let res: Response | undefined;
      let failure: unknown;
      try {
        res = await fetch(url, init);
      } catch (err) {
        if (init.signal?.aborted) throw err;
        failure = err;
      }
      if (res && (!transient(req.method, res.status) || n >= this.attempts)) return res;
      if (!res && n >= this.attempts) {
        const cause = (failure as { cause?: { message?: string } }).cause?.message;
        throw new MultiarchError(
          'command',
          `could not reach registry ${this.repo.registry} (${requestName(req.method, url.href)}): ${cause ?? String(failure)}`,
          { cause: failure },
        );
      }
      if (res) await discard(res);
      await delay(this.retryDelayMs * 2 ** (n - 1), undefined, {
        signal: init.signal ?? undefined,
      });
    }
  }

  private loadCredentials(signal: AbortSignal): Promise<Credentials | undefined> {
    if (this.opts.credentials !== undefined)
      return Promise.resolve(this.opts.credentials ?? undefined);
    // Looked up once per client; a lookup that failed (a helper that timed out) is tried again next time.
    this.credentials ??= findCredentials(this.repo.registry, { signal }).catch((err: unknown) => {
      this.credentials = undefined;
      throw err;
    });
    return this.credentials;
  }

  private async authorize(challenge: Challenge, signal: AbortSignal): Promise<string | undefined> {
    const creds = await this.loadCredentials(signal);
    if (challenge.scheme === 'basic')
      return creds?.kind === 'basic' ? basic(creds.username, creds.password) : undefined;
    return `Bearer ${await bearerToken({
      challenge,
      creds,
      repo: this.repo,
      send: (req) =>
        this.attempt(
          new URL(req.url),
          { method: req.method, headers: req.headers, body: bodyOf(req.body), signal },
          req,
        ),
    })}`;
  }
}
