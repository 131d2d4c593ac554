/**
 * What the request needs from the runner before anything builds: the log
 * hears what reading the inputs decided, secrets become files under the
 * run's temp dir, and what buildx will read from the environment (the ssh
 * agent, the runner's cache service) is checked to be there.
 */
import { log, setSecret } from '../runner/log';
import { maskSecret } from '../runner/inputs';
import type { BuildRequest } from './request';
import { gitAuthSecret, resolveSecrets } from './secrets';

/** The variables buildx's type=gha cache reads: the token, and the cache service (v1 or v2). */
export function ghaCacheProblem(specs: string[], env: NodeJS.ProcessEnv): string | undefined {
  const gha = specs.find((s) => /(^|,)\s*type\s*=\s*gha\s*(,|$)/.test(s));
  if (!gha) return undefined;
  const given = (key: string) => new RegExp(`(^|,)\\s*${key}\\s*=`).test(gha);
  const missing = [
    !given('token') && !env.ACTIONS_RUNTIME_TOKEN ? 'ACTIONS_RUNTIME_TOKEN' : undefined,
    !given('url') && !env.ACTIONS_CACHE_URL && !env.ACTIONS_RESULTS_URL
      ? 'ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL'
      : undefined,
  ].filter(Boolean);
  if (missing.length === 0) return undefined;
  return `${gha}: buildx reads ${missing.join(' and ')} from the environment for type=gha, and they are not set (a GitHub job sets them for JavaScript actions like this one). Outside a job the cache is not used; fix: use type=registry or type=local there.`;
}

/** The request with its `--secret` specs; throws when buildx would fail for want of something. */
export async function prepareBuild(
  inputs: BuildRequest,
  tempDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildRequest> {
  for (const n of inputs.notes ?? []) log.info(n);
  for (const w of inputs.warnings ?? []) log.warning(w);
  if ((inputs.sshMounts ?? []).some((s) => s === 'default') && !env.SSH_AUTH_SOCK) {
    throw new Error(
      'Input "ssh": "default" needs an ssh agent, and SSH_AUTH_SOCK is not set. Fix: start one in an earlier step (webfactory/ssh-agent, or ssh-agent -a "$SSH_AUTH_SOCK" with SSH_AUTH_SOCK in the job env), or give default=/path/to/agent.sock.',
    );
  }
  const cache = ghaCacheProblem([...inputs.cacheFrom, ...inputs.cacheTo], env);
  if (cache) log.warning(cache);

  const sources = [...(inputs.secretSources ?? [])];
  const git = gitAuthSecret(
    inputs.githubToken,
    [inputs.context, ...(inputs.buildContexts ?? []).map((c) => c.slice(c.indexOf('=') + 1))],
    sources,
    env.GITHUB_SERVER_URL || undefined,
  );
  if (git) {
    sources.push(git);
    log.info(`github-token: offered to BuildKit as the secret ${git.id}, for the git context.`);
  }
  if (sources.length === 0) return inputs;
  const resolved = await resolveSecrets(sources, tempDir, env);
  for (const v of resolved.values) maskSecret(v, setSecret);
  for (const w of resolved.warnings) log.warning(w);
  return { ...inputs, secrets: [...(inputs.secrets ?? []), ...resolved.specs] };
}
