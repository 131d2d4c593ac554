/**
 * Where a repository's distribution API lives, from an image reference the
 * way docker reads it: no registry means Docker Hub, whose API is
 * registry-1.docker.io and whose one-part names are `library/` images. Pure.
 */
import { parseImageRef } from '../../oci/reference';

export interface RegistryRepository {
  /** host[:port] as the reference names it, docker.io for Docker Hub: what errors and logins name. */
  registry: string;
  /** scheme://host[:port] of the API. */
  origin: string;
  /** The repository on that registry: `team/app`, `library/alpine`. */
  name: string;
  /** The reference's tag or digest, when it has one (the digest when it has both). */
  reference?: string;
}

const HUB_DOMAINS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
export const HUB_API = 'registry-1.docker.io';

/**
 * Loopback registries speak plain http: docker treats 127.0.0.0/8 and ::1 as
 * insecure by default, and a test registry on 127.0.0.1 has no certificate.
 */
export function isLoopback(hostPort: string): boolean {
  const host = hostPort.startsWith('[')
    ? hostPort.slice(0, hostPort.indexOf(']') + 1)
    : (hostPort.split(':')[0] ?? '');
  const h = host.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function resolveRepository(ref: string): RegistryRepository {
  const parsed = parseImageRef(ref);
  const domain = parsed.domain?.toLowerCase();
  const hub = domain === undefined || HUB_DOMAINS.has(domain);
  const registry = hub ? 'docker.io' : (parsed.domain as string);
  const name = hub && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path;
  const host = hub ? HUB_API : registry;
  return {
    registry,
    origin: `${isLoopback(host) ? 'http' : 'https'}://${host}`,
    name,
    reference: parsed.digest ?? parsed.tag,
  };
}

/**
 * Whether the environment sends this origin's traffic through a proxy
 * (HTTPS_PROXY / HTTP_PROXY, less NO_PROXY), as the docker CLI and buildx
 * do. Our client speaks to registries directly, so where a proxy is set the
 * CLI is the way there. Pure.
 */
export function behindProxy(origin: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const url = new URL(origin);
  const proxy =
    url.protocol === 'https:'
      ? (env.HTTPS_PROXY ?? env.https_proxy)
      : (env.HTTP_PROXY ?? env.http_proxy);
  if (!proxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const skipped = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean);
  return !skipped.some(
    (e) =>
      e === '*' || host === e.replace(/^\./, '') || host.endsWith(e.startsWith('.') ? e : `.${e}`),
  );
}
