/**
 * Image references (`[registry[:port]/]path[:tag][@digest]`), parsed with the
 * grammar of distribution/reference so that anything we accept, Docker accepts,
 * and nothing with shell syntax, spaces or control characters gets through.
 */

export interface ImageRef {
  /** Registry host[:port], when the reference names one. */
  domain?: string;
  path: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:localhost|\[[0-9a-fA-F:]+\]|(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*)(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
export const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-f]{32,}$/;

export class ReferenceError extends Error {
  constructor(
    readonly value: string,
    readonly why: string,
  ) {
    super(
      `"${value}" is not a valid image reference (${why}); expected [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5`,
    );
  }
}

export function parseImageRef(value: string): ImageRef {
  const fail = (why: string): never => {
    throw new ReferenceError(value, why);
  };
  if (value.length === 0) fail('it is empty');
  if (value.length > 512) fail('it is longer than 512 characters');
  if (/[^\x21-\x7e]/.test(value)) fail('it contains a space or control character');

  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) fail(`"${digest}" is not a digest like sha256:<64 hex>`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) fail(`"${tag}" is not a valid tag`);
  }
  const parts = rest.split('/');
  let domain: string | undefined;
  const first = parts[0] ?? '';
  // Same rule as Docker: the first part is a registry when it looks like a host.
  if (
    parts.length > 1 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first))
  ) {
    domain = first;
    parts.shift();
    if (!DOMAIN.test(domain)) fail(`"${domain}" is not a valid registry host`);
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    fail(
      'the name must be lowercase letters, digits and separators ".", "_", "__", "-", joined by "/"',
    );
  }
  return { domain, path: parts.join('/'), tag, digest };
}

/** `registry/path` without tag or digest: where a digest of this image lives. */
export function repository(ref: ImageRef): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

export function formatRef(ref: ImageRef): string {
  return `${repository(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
