/**
 * The plain parts of talking to a registry, shared by the transport and the
 * token service: what a request is, how it is named in messages, bodies read
 * within a limit, and what a refusal said.
 */
import { MultiarchError } from '../../runner/errors';

export type Method = 'GET' | 'HEAD' | 'PUT' | 'POST';

export interface RegistryRequest {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  /** Bytes, or a Blob (a slice of a file, read as it is sent, and again on a retry). */
  body?: Uint8Array | Blob;
  /** Follow 3xx answers (blob downloads go to storage hosts); our login stays with the registry. */
  followRedirects?: boolean;
}

/** A registry's refusal: the registry, the request and its HTTP status, named. */
export class RegistryError extends MultiarchError {
  constructor(
    readonly registry: string,
    readonly request: string,
    readonly status: number,
    message: string,
  ) {
    super('command', message);
  }
}

/** What is read of a refusal's body: its words, not a page. */
export const ERROR_BODY_MAX = 64 * 1024;

/** What a request is called in messages: its method and path, never the query (upload state, tokens). */
export function requestName(method: string, url: string): string {
  return `${method} ${new URL(url).pathname}`;
}

/** Lets go of an answer's body we do not read, so the connection can be reused. */
export async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => undefined);
}

/** An answer's body, at most `max` bytes: a registry gone wrong cannot fill the memory. */
export async function readBytes(res: Response, max: number, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await discard(res);
    throw new MultiarchError('command', `${what} is ${declared} bytes, more than the ${max} read`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new MultiarchError('command', `${what} is more than the ${max} bytes read`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** What a registry said in a refusal: its first error code and message, or the tail of its text. */
export function refusalDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = body.errors?.[0];
    if (first) {
      const code = typeof first.code === 'string' ? first.code : '';
      const message = typeof first.message === 'string' ? first.message : '';
      const said = [code, message].filter(Boolean).join(': ');
      if (said) return said;
    }
  } catch {
    // not JSON: its text is shown
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `…${flat.slice(-200)}` : flat;
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** The body of a refusal as text, for its message; nothing when it cannot be read. */
export async function refusalText(res: Response): Promise<string> {
  const bytes = await readBytes(res, ERROR_BODY_MAX, 'the error').catch(() => new Uint8Array(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The error for an answer that refused `req`: `say` words it from the
 * request's name and what the registry said, if anything. The answer is
 * used up: its text read, or on a HEAD, which has none, let go of.
 */
export async function refusalError(
  registry: string,
  req: RegistryRequest,
  res: Response,
  say: (refused: { name: string; detail: string }) => string,
): Promise<RegistryError> {
  let detail = '';
  if (req.method === 'HEAD') await discard(res);
  else detail = refusalDetail(await refusalText(res));
  const name = requestName(req.method, req.url);
  return new RegistryError(registry, name, res.status, say({ name, detail }));
}
