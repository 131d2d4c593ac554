/**
 * What main hands to post, through the runner's GITHUB_STATE. Read once into
 * typed values; no string keys elsewhere.
 */
import * as core from '@actions/core';

export interface PostState {
  /** Our temp dir under RUNNER_TEMP: metadata files, later keys and configs. */
  tempDir?: string;
  /** Prefix of every container this run names, so post can remove leftovers. */
  containerPrefix?: string;
  docker: string[];
  /** Docker contexts created for nodes. */
  contexts?: string[];
  /** Those of `contexts` whose engine never answered: nothing to look for there. */
  unreachable?: string[];
  /** A private DOCKER_CONFIG (a buildx fetched for this run): post runs docker with it too. */
  dockerConfig?: string;
  /** Local images only this run made (a gated docker-driver build's candidate). */
  images?: string[];
  /** The append strategy's buildx builder. */
  builder?: string;
  /** The private ssh config, and the nodes whose shared connections to close. */
  ssh?: {
    config: string;
    realSsh: string;
    /** The `ssh` wrapper's directory: post reaches the nodes through it, as main did. */
    binDir: string;
    controlDir: string;
    targets: { user?: string; host: string; port?: number }[];
  };
}

const IS_POST = 'isPost';
const STATE = 'state';

/** The runner runs the same bundle for main and post; main leaves this mark. */
export function isPost(): boolean {
  return core.getState(IS_POST) === 'true';
}

// The latest state, for the CLI, which runs main and post in one process.
let latest: PostState | undefined;

/** Only under a runner: elsewhere (the CLI) core would print ::save-state:: lines. */
function persist(name: string, value: string): void {
  if (process.env.GITHUB_STATE) core.saveState(name, value);
}

export function markMain(): void {
  persist(IS_POST, 'true');
}

export function saveState(state: PostState): void {
  latest = state;
  persist(STATE, JSON.stringify(state));
}

/** What this process saved last. */
export function savedState(): PostState | undefined {
  return latest;
}

export function loadState(): PostState | undefined {
  const raw = core.getState(STATE);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PostState;
  } catch {
    return undefined;
  }
}
