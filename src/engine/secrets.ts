/**
 * Build secrets as `--secret` specs. A value (secrets, github-token) is
 * written to a file of its own, mode 0600, in the run's private temp dir
 * under RUNNER_TEMP, which the post step removes; a secret file is copied
 * there the same way, so buildx never reads a path it would have to quote.
 * Only paths and variable names reach the command line.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretSource } from './request';

export interface ResolvedSecrets {
  /** `id=…,src=FILE` or `id=…,env=VAR`, one `--secret` each. */
  specs: string[];
  /** Entries left out (a missing file), or doubtful (an unset variable), for the log. */
  warnings: string[];
  /** Values read while resolving (secret-envs), to mask. */
  values: string[];
}

/** The host of a git context on which BuildKit would use `GIT_AUTH_TOKEN.<host>`; undefined when not a git URL. */
export function gitHost(context: string): string | undefined {
  const scp = /^git@([^:/]+):/.exec(context);
  if (scp) return scp[1]?.toLowerCase();
  if (/^github\.com\//.test(context)) return 'github.com';
  if (!/^(https?|git|ssh):\/\//.test(context)) return undefined;
  try {
    return new URL(context).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * build-push-action's github-token: a BuildKit secret `GIT_AUTH_TOKEN.<host>`
 * for the GitHub server's host, when the context (or a named context) is a
 * git URL on it and the user gave no GIT_AUTH_TOKEN secret of their own. The
 * token is never offered to another host.
 */
export function gitAuthSecret(
  token: string | undefined,
  contexts: string[],
  sources: SecretSource[],
  serverUrl = 'https://github.com',
): SecretSource | undefined {
  if (!token) return undefined;
  let host: string;
  try {
    host = new URL(serverUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const id = `GIT_AUTH_TOKEN.${host}`;
  if (sources.some((s) => s.id === 'GIT_AUTH_TOKEN' || s.id === id)) return undefined;
  if (!contexts.some((c) => gitHost(c) === host)) return undefined;
  return { kind: 'value', id, value: token };
}

export async function resolveSecrets(
  sources: SecretSource[],
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedSecrets> {
  const out: ResolvedSecrets = { specs: [], warnings: [], values: [] };
  let n = 0;
  for (const s of sources) {
    if (s.kind === 'env') {
      const value = env[s.value];
      if (value === undefined || value === '') {
        out.warnings.push(
          `Input "secret-envs": ${s.id}=${s.value}: the variable ${s.value} is not set, so the secret ${s.id} will be missing in the build. Fix: set it in the step's env.`,
        );
      } else out.values.push(value);
      out.specs.push(`id=${s.id},env=${s.value}`);
      continue;
    }
    const file = path.join(dir, `secret-${++n}`);
    if (s.kind === 'value') {
      await writeFile(file, s.value, { mode: 0o600, flag: 'wx' });
    } else {
      const found = await stat(s.value).catch(() => undefined);
      if (!found?.isFile()) {
        // build-push-action warns and builds on without it.
        out.warnings.push(
          `Input "secret-files": ${s.id}=${s.value}: ${found ? 'is not a file' : 'no such file'}, so the secret ${s.id} is left out (as build-push-action does). Fix: check the path (relative to the workspace), or create the file in an earlier step.`,
        );
        continue;
      }
      // Written, not copied: the copy is 0600 from its first byte.
      await writeFile(file, await readFile(s.value), { mode: 0o600, flag: 'wx' });
    }
    out.specs.push(`id=${s.id},src=${file}`);
  }
  return out;
}
