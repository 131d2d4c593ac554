/**
 * Image references (`[registry[:port]/]path[:tag][@digest]`), parsed with the
 * grammar of distribution/reference so that anything we accept, Docker accepts,
 * and nothing with shell syntax, spaces or control characters gets through.
 */

import { foreignCharacter } from './characters';
import { MultiarchError } from './errors';

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
/** The digests registries use: sha256 and sha512, lowercase hex of exactly their length. */
export const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const HEX_LENGTH = new Map([
  ['sha256', 64],
  ['sha512', 128],
]);
/** distribution/reference's limit on `domain/path`. */
const NAME_MAX = 255;

/** Why a digest is not one, or undefined: the algorithm and its hex length, named. */
function digestProblem(digest: string): string | undefined {
  if (DIGEST.test(digest)) return undefined;
  const [algorithm, hex = ''] = digest.split(/:(.*)/s);
  const length = HEX_LENGTH.get(algorithm ?? '');
  if (length === undefined)
    return `"${digest}" is not a digest: the algorithm must be sha256 or sha512, like sha256:<64 hex>`;
  const notHex = /[^0-9a-f]/.test(hex) ? ', not all of them lowercase hex' : '';
  return `"${digest}" is not a digest: ${algorithm} takes exactly ${length} lowercase hex digits, and this has ${hex.length} characters${notHex}`;
}

export class ImageReferenceError extends MultiarchError {
  constructor(
    readonly value: string,
    readonly why: string,
  ) {
    super(
      'invalid',
      `"${value}" is not a valid image reference (${why}); expected [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5`,
    );
  }
}

export function parseImageRef(value: string): ImageRef {
  const fail = (why: string): never => {
    throw new ImageReferenceError(value, why);
  };
  if (value.length === 0) fail('it is empty');
  if (value.length > 512) fail('it is longer than 512 characters');
  const foreign = foreignCharacter(value);
  if (foreign) fail(foreign);
  if (/\s/.test(value)) fail('it contains a space or control character');

  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) fail(problem);
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
  if (parts.some((p) => /[A-Z]/.test(p)) && parts.every((p) => COMPONENT.test(p.toLowerCase())))
    fail('the repository name must be lowercase');
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    fail(
      'the name must be lowercase letters, digits and separators ".", "_", "__", "-", joined by "/"',
    );
  }
  const name = rest;
  if (name.length > NAME_MAX) fail(`the name is longer than ${NAME_MAX} characters`);
  return { domain, path: parts.join('/'), tag, digest };
}

/** `registry/path` without tag or digest: where a digest of this image lives. */
export function repository(ref: ImageRef): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}

export function formatRef(ref: ImageRef): string {
  return `${repository(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
