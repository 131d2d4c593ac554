/**
 * The run's private DOCKER_CONFIG: one per run, in the run's temp dir under
 * RUNNER_TEMP (0700, config.json 0600), created only when the run logs in to
 * a registry or uses a buildx fetched for it. It carries the user's config
 * over, so what worked before still works: logins (auths, credHelpers,
 * credsStore, from docker/login-action), cli-plugins, builders, contexts and
 * TLS certs. The user's own directory is never written: every entry but
 * config.json and cli-plugins is a symlink to it, and config.json is a copy.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MultiarchError } from '../runner/errors';

const BUILDX = 'docker-buildx';

interface ConfigJson {
  auths?: Record<string, unknown>;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/** The user's config dir, as the docker CLI finds it. */
export function userDockerConfig(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** The keys under which the docker CLI stores and looks up a registry's login. */
export function registryKeys(registry: string): string[] {
  return registry === 'docker.io' || registry === 'index.docker.io'
    ? ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/']
    : [registry, `https://${registry}`, `http://${registry}`];
}

/**
 * The user's config.json as the run's: a login of this run must land in the
 * run's file, never in a credential store (a keychain other steps read). An
 * empty credHelpers entry makes the CLI use the file for that registry, even
 * under a credsStore; other registries keep their helpers and logins.
 */
export function runConfig(user: ConfigJson, loginRegistries: string[]): ConfigJson {
  const config: ConfigJson = { ...user };
  const replaced = new Set(loginRegistries.flatMap(registryKeys));
  const auths = Object.fromEntries(
    Object.entries(user.auths ?? {}).filter(([key]) => !replaced.has(key)),
  );
  const credHelpers = { ...(user.credHelpers ?? {}) };
  for (const key of replaced) if (!key.includes('://')) credHelpers[key] = '';
  if (Object.keys(auths).length > 0 || user.auths) config.auths = auths;
  if (Object.keys(credHelpers).length > 0) config.credHelpers = credHelpers;
  return config;
}

/**
 * A docker config.json as its JSON object; empty when there is none or it is
 * blank, as docker reads it. `cost` says what a broken file stops.
 */
export async function readConfigJson<T extends object = ConfigJson>(
  file: string,
  cost: string,
): Promise<T> {
  if (!existsSync(file)) return {} as T;
  const text = await readFile(file, 'utf8');
  if (text.trim() === '') return {} as T;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as T;
  } catch {
    // named below
  }
  throw new MultiarchError(
    'command',
    `${file} is not a JSON object, so ${cost}. Fix: repair or remove it (docker login rewrites it).`,
  );
}

/** Creates the run's config dir at `dir` from the user's. Returns `dir`. */
export async function createRunConfig(
  dir: string,
  loginRegistries: string[],
  user: string = userDockerConfig(),
): Promise<string> {
  await mkdir(join(dir, 'cli-plugins'), { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const config = runConfig(
    await readConfigJson(join(user, 'config.json'), 'its logins cannot be carried over'),
    loginRegistries,
  );
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, {
    mode: 0o600,
  });
  const entries = existsSync(user) ? await readdir(user) : [];
  for (const name of entries.filter((e) => e !== 'config.json' && e !== 'cli-plugins'))
    await symlink(join(user, name), join(dir, name));
  // Plugins in the user's dir (buildx from setup-buildx-action, compose): still found.
  const plugins = join(user, 'cli-plugins');
  if (existsSync(plugins))
    for (const name of await readdir(plugins))
      await symlink(join(plugins, name), join(dir, 'cli-plugins', name));
  return dir;
}

/** Points the run's config at a buildx binary fetched for this run. */
export async function useBuildx(dir: string, binary: string): Promise<void> {
  const link = join(dir, 'cli-plugins', BUILDX);
  await rm(link, { force: true });
  await symlink(binary, link);
}

/** `docker login` with the password on stdin: never on a command line, which `ps` shows. */
export function loginArgs(registry: string, username: string): string[] {
  return ['docker', 'login', `--username=${username}`, '--password-stdin', registry];
}
