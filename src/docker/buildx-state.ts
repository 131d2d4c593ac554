/**
 * Which builder buildx picks when none is named, read from its own state
 * (environment, the CLI's config.json, buildx's store) instead of asking
 * `docker buildx inspect`, which costs a quarter of a second.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userDockerConfig } from './config-dir';

/**
 * What buildx reads to pick the builder when none is named: the environment,
 * the CLI's config.json and buildx's own store. Files: text, undefined when
 * there is none; dirs: their entries, empty when there is none.
 */
export interface BuildxState {
  /** $BUILDX_BUILDER: the builder of every buildx command. */
  buildxBuilder?: string;
  /** $DOCKER_CONTEXT */
  dockerContext?: string;
  /** The CLI's config.json: its currentContext is `docker context use`. */
  configJson?: string;
  /** buildx's `current`: {"Key":"unix:///var/run/docker.sock","Name":"","Global":false}. */
  current?: string;
  /** buildx's `defaults/`: a builder made an endpoint's default (`buildx use --default`). */
  defaults: string[];
  /** buildx's `instances/`: the builders made by `buildx create`. */
  instances: string[];
}

/**
 * 'docker' when buildx's state says the current builder is the default
 * builder of the default docker context, whose driver is always docker;
 * undefined for anything else or anything unusual: `docker buildx inspect`
 * then answers. Go reads JSON keys in any case, so the keys are matched so. Pure.
 */
export function knownBuilderDriver(state: BuildxState): 'docker' | undefined {
  if (state.buildxBuilder) return undefined;
  if (state.dockerContext && state.dockerContext !== 'default') return undefined;
  if (state.configJson !== undefined && state.configJson.trim() !== '') {
    const contexts = jsonFields(state.configJson, 'currentContext');
    if (!contexts?.every((c) => c === '' || c === 'default')) return undefined;
  }
  if (state.current !== undefined && !jsonFields(state.current, 'Name')?.every((n) => n === ''))
    return undefined;
  if (state.defaults.length > 0) return undefined;
  // An instance named default would stand in for the context's builder.
  if (state.instances.some((name) => name.toLowerCase() === 'default')) return undefined;
  return 'docker';
}

/** The values of `key` (any case) in a JSON object; undefined when the text is not one. */
function jsonFields(text: string, key: string): unknown[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return Object.entries(parsed)
    .filter(([k]) => k.toLowerCase() === key.toLowerCase())
    .map(([, v]) => v as unknown);
}

/**
 * buildx's state as `docker buildx` would read it now: $BUILDX_CONFIG, else
 * $DOCKER_CONFIG/buildx (~/.docker/buildx), so the run's private config when
 * this run made one. Undefined when a file cannot be read.
 */
export async function readBuildxState(
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildxState | undefined> {
  // Read now, before the files: the environment of this moment.
  const { BUILDX_BUILDER: buildxBuilder, DOCKER_CONTEXT: dockerContext } = env;
  const config = userDockerConfig(env);
  const store = env.BUILDX_CONFIG || join(config, 'buildx');
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';
  const text = (file: string) =>
    readFile(file, 'utf8').catch((err: unknown) => {
      if (missing(err)) return undefined;
      throw err;
    });
  const entries = (dir: string) =>
    readdir(dir).catch((err: unknown) => {
      if (missing(err)) return [];
      throw err;
    });
  // No store yet is a fresh one; a store that is not a dir (a dangling link
  // among the run config's links to the user's) is for inspect to judge.
  const storeDir = stat(store).then(
    (s) => {
      if (!s.isDirectory()) throw new Error(`${store} is not a directory`);
    },
    async (err: unknown) => {
      if (!missing(err)) throw err;
      await lstat(store).then(
        () => {
          throw new Error(`${store} is a dangling link`);
        },
        (e: unknown) => {
          if (!missing(e)) throw e;
        },
      );
    },
  );
  try {
    const [, configJson, current, defaults, instances] = await Promise.all([
      storeDir,
      text(join(config, 'config.json')),
      text(join(store, 'current')),
      entries(join(store, 'defaults')),
      entries(join(store, 'instances')),
    ]);
    return { buildxBuilder, dockerContext, configJson, current, defaults, instances };
  } catch {
    return undefined;
  }
}
