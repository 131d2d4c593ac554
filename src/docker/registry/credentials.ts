/**
 * A registry's login, found where the docker CLI finds it: the docker config
 * dir's config.json, read when asked (a run points DOCKER_CONFIG at its own
 * dir), then a credential helper for the registry (credHelpers), else the
 * default store (credsStore), else the file's `auths`. An empty credHelpers
 * entry means "the file", as it does for docker. Secrets never reach a log
 * or an error message.
 */
import { join } from 'node:path';
import { MultiarchError } from '../../runner/errors';
import { readConfigJson, registryKeys, userDockerConfig } from '../config-dir';
import { exec } from '../exec';

export type Credentials =
  | { kind: 'basic'; username: string; password: string }
  /** An OAuth refresh token (`docker login` to a registry that hands them out). */
  | { kind: 'identity-token'; token: string };

export interface DockerConfigJson {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** The helper's way of naming an identity token instead of a user. */
const TOKEN_USER = '<token>';
const HELPER_TIMEOUT_MS = 30_000;

/** The key the docker CLI stores a registry's login under, and asks a helper about. */
export function authKey(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io'
    ? 'https://index.docker.io/v1/'
    : registry;
}

/** `https://host:5000/v1/` → `host:5000`: how old config files spelled a key. */
function hostOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
}

function fromEntry(
  entry: NonNullable<DockerConfigJson['auths']>[string] | undefined,
): Credentials | undefined {
  if (!entry) return undefined;
  if (entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        kind: 'basic',
        username: decoded.slice(0, colon),
        password: decoded.slice(colon + 1),
      };
    return undefined;
  }
  if (entry.username && entry.password)
    return { kind: 'basic', username: entry.username, password: entry.password };
  return undefined;
}

/**
 * Where a registry's login is in a config, without running anything: a
 * helper to ask, the file's entry, or none. Pure.
 */
export function lookup(
  config: DockerConfigJson,
  registry: string,
): { helper: string; key: string } | { credentials: Credentials } | undefined {
  const key = authKey(registry);
  const helper = config.credHelpers?.[key] ?? config.credsStore;
  if (helper) return { helper, key };
  const auths = config.auths ?? {};
  const keys = [key, ...registryKeys(registry)];
  for (const k of keys) {
    const found = fromEntry(auths[k]);
    if (found) return { credentials: found };
  }
  const host = hostOf(key);
  for (const [k, entry] of Object.entries(auths)) {
    const found = hostOf(k) === host ? fromEntry(entry) : undefined;
    if (found) return { credentials: found };
  }
  return undefined;
}

/** Asks `docker-credential-<helper> get`, the server on stdin, as docker does. */
async function askHelper(
  helper: string,
  key: string,
  registry: string,
  signal?: AbortSignal,
): Promise<Credentials | undefined> {
  const program = `docker-credential-${helper}`;
  let result;
  try {
    result = await exec([program, 'get'], {
      input: key,
      timeoutMs: HELPER_TIMEOUT_MS,
      allowFailure: true,
      quiet: true,
      signal,
    });
  } catch (err) {
    throw new MultiarchError(
      'command',
      `the docker config names the credential helper "${helper}" for ${registry}, but ${program} could not be run: ${String(err)}`,
      { cause: err },
    );
  }
  // The helper protocol's one way of saying "no login here": docker goes on anonymously.
  if (/credentials not found/i.test(result.stdout + result.stderr)) return undefined;
  if (result.exitCode !== 0 || result.timedOut) {
    // The output may hold what the helper read; only its first line, which names the failure, is shown.
    const why = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    throw new MultiarchError(
      result.timedOut ? 'timeout' : 'command',
      `${program} get (the login for ${registry}) ${result.timedOut ? `did not answer within ${HELPER_TIMEOUT_MS / 1000} s` : `failed with exit code ${result.exitCode}: ${why.slice(0, 200)}`}`,
    );
  }
  let answer: { Username?: unknown; Secret?: unknown };
  try {
    answer = JSON.parse(result.stdout) as typeof answer;
  } catch {
    throw new MultiarchError(
      'command',
      `${program} get (the login for ${registry}) did not answer with JSON`,
    );
  }
  if (typeof answer.Secret !== 'string' || answer.Secret === '') return undefined;
  if (answer.Username === TOKEN_USER) return { kind: 'identity-token', token: answer.Secret };
  return { kind: 'basic', username: String(answer.Username ?? ''), password: answer.Secret };
}

/** The login for `registry` (host[:port], docker.io for Docker Hub), or undefined for anonymous. */
export async function findCredentials(
  registry: string,
  opts: { configDir?: string; signal?: AbortSignal } = {},
): Promise<Credentials | undefined> {
  const file = join(opts.configDir ?? userDockerConfig(), 'config.json');
  const config = await readConfigJson<DockerConfigJson>(
    file,
    'no registry login can be read from it',
  );
  const found = lookup(config, registry);
  if (!found) return undefined;
  if ('credentials' in found) return found.credentials;
  return askHelper(found.helper, found.key, registry, opts.signal);
}
