/**
 * The `nodes` input: which docker endpoint builds and tests which platforms.
 *
 *   linux/arm64=ssh://builder@arm1.example.com
 *   linux/amd64=unix:///var/run/docker.sock
 *
 * Lines naming the same endpoint become one node with several platforms.
 */
import { formatPlatform, parsePlatform, PlatformError, type Platform } from '../oci/platform';
import { MultiarchError } from '../runner/errors';

export type Endpoint =
  | { scheme: 'ssh'; user?: string; host: string; port?: number }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'unix'; path: string };

export interface NodeSpec {
  endpoint: Endpoint;
  platforms: Platform[];
}

/**
 * Whether text carries `user:password@`: a colon between where the user part
 * can start (after `//`, `=` or the beginning) and the last `@`. Checked before
 * anything else, so that no error message ever repeats a password.
 */
export function holdsPassword(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at < 0) return false;
  const before = text.slice(0, at);
  const start = Math.max(before.lastIndexOf('//') + 2, before.lastIndexOf('=') + 1, 0);
  return before.slice(start).includes(':');
}

function passwordError(): NodeError {
  return new NodeError(
    'an endpoint holds user:password@, and passwords are not supported; use ssh-private-key (and remove the password from the workflow, where it is now visible)',
  );
}

export class NodeError extends MultiarchError {
  /** The `nodes` line at fault; left out when it holds a secret. */
  line?: string;

  constructor(message: string) {
    super('input', message);
  }
}

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])$/;
const USER = /^[a-z_][a-z0-9_.-]{0,31}$/i;
const UNIX_PATH = /^\/[\w./-]+$/;

function port(value: string, endpoint: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535) {
    throw new NodeError(`"${endpoint}" has port "${value}"; a port is a number from 1 to 65535`);
  }
  return n;
}

/** Parses one endpoint URL; throws NodeError saying what is wrong with it. */
export function parseEndpoint(value: string): Endpoint {
  const shape = 'expected ssh://user@host[:port], tcp://host:port or unix:///path';
  if (holdsPassword(value)) throw passwordError();
  if (/[^\x21-\x7e]/.test(value) || /[;&|`$<>\\'"(){}*?!,]/.test(value)) {
    throw new NodeError(`"${value}" contains spaces or characters that no endpoint has; ${shape}`);
  }
  const m = /^([a-z]+):\/\/(.*)$/.exec(value);
  if (!m) throw new NodeError(`"${value}" is not an endpoint URL; ${shape}`);
  const [, scheme, rest] = m as unknown as [string, string, string];
  if (scheme === 'unix') {
    if (!UNIX_PATH.test(rest))
      throw new NodeError(
        `"${value}" needs an absolute socket path, like unix:///var/run/docker.sock`,
      );
    return { scheme, path: rest };
  }
  if (scheme !== 'ssh' && scheme !== 'tcp') {
    throw new NodeError(`"${value}" has the unknown scheme "${scheme}"; ${shape}`);
  }
  if (rest.includes('/') && rest.slice(rest.indexOf('/')) !== '/') {
    throw new NodeError(`"${value}" has a path; ${scheme}:// endpoints are host and port only`);
  }
  let authority = rest.replace(/\/$/, '');
  let user: string | undefined;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    user = authority.slice(0, at);
    authority = authority.slice(at + 1);
    if (scheme === 'tcp') throw new NodeError(`"${value}": tcp:// endpoints take no user`);
    if (!USER.test(user))
      throw new NodeError(`"${value}" has the user name "${user}", which is not valid`);
  }
  const pm = /^(.*?)(?::(\d*))?$/.exec(authority) as RegExpExecArray;
  const host = pm[1] ?? '';
  const portText = pm[2];
  if (host === '') throw new NodeError(`"${value}" has no host; ${shape}`);
  if (!HOST.test(host))
    throw new NodeError(
      `"${value}" has the host "${host}", which is not a valid host name or address`,
    );
  if (scheme === 'tcp') {
    if (portText === undefined)
      throw new NodeError(`"${value}" needs a port, like tcp://${host}:2376`);
    return { scheme, host, port: port(portText, value) };
  }
  return { scheme, user, host, port: portText === undefined ? undefined : port(portText, value) };
}

export function formatEndpoint(e: Endpoint): string {
  switch (e.scheme) {
    case 'unix':
      return `unix://${e.path}`;
    case 'tcp':
      return `tcp://${e.host}:${e.port}`;
    case 'ssh':
      return `ssh://${e.user ? `${e.user}@` : ''}${e.host}${e.port ? `:${e.port}` : ''}`;
  }
}

/**
 * Parses the `nodes` lines against the requested platforms. Every platform a
 * node names must be requested, and no platform may go to two nodes.
 */
export function parseNodes(lines: string[], requested: Platform[]): NodeSpec[] {
  const wanted = new Set(requested.map(formatPlatform));
  const owner = new Map<string, string>();
  const nodes = new Map<string, NodeSpec>();
  for (const line of lines) {
    try {
      addNode(line);
    } catch (err) {
      if (err instanceof NodeError && !/user:password/.test(err.message)) err.line = line;
      throw err;
    }
  }
  return [...nodes.values()];

  function addNode(line: string): void {
    if (holdsPassword(line)) throw passwordError();
    const eq = line.indexOf('=');
    if (eq <= 0)
      throw new NodeError(
        `"${line}" is not PLATFORM=ENDPOINT, like linux/arm64=ssh://builder@arm1.example.com`,
      );
    const platformText = line.slice(0, eq).trim();
    const endpointText = line.slice(eq + 1).trim();
    let platform: Platform;
    try {
      platform = parsePlatform(platformText);
    } catch (err) {
      if (err instanceof PlatformError) throw new NodeError(`"${line}": ${err.message}`);
      throw err;
    }
    const key = formatPlatform(platform);
    if (!wanted.has(key)) {
      throw new NodeError(
        `"${line}" names ${key}, which is not in "platforms" (${[...wanted].join(', ')}); add it there or drop this line`,
      );
    }
    const endpoint = formatEndpoint(parseEndpoint(endpointText));
    const previous = owner.get(key);
    if (previous && previous !== endpoint) {
      throw new NodeError(
        `${key} is given to two nodes, ${previous} and ${endpoint}; give each platform one node`,
      );
    }
    owner.set(key, endpoint);
    const node = nodes.get(endpoint) ?? { endpoint: parseEndpoint(endpointText), platforms: [] };
    if (!node.platforms.some((p) => formatPlatform(p) === key)) node.platforms.push(platform);
    nodes.set(endpoint, node);
  }
}
