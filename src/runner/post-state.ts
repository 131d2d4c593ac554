/**
 * The state main hands to post, as data: its shape and how post reads it from
 * the environment the runner starts post with (STATE_*). Nothing here imports
 * @actions/core (a megabyte bundled), so the post bundle can read it cheaply;
 * main writes it through state.ts.
 */

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
  /**
   * Main ended on its own (not cancelled, not killed) and saw every container
   * it named and every image of `images` removed: post need not look for them.
   * Builders, contexts, ssh connections and the temp dir are post's to remove
   * all the same.
   */
  mainCleaned?: boolean;
}

/** The names main saves state under; the runner hands each to post as STATE_<name>. */
export const STATE_NAMES = { isPost: 'isPost', state: 'state' } as const;

/** The state main saved, as post's environment holds it; undefined when there is none or it is unreadable. */
export function readPostState(env: NodeJS.ProcessEnv = process.env): PostState | undefined {
  const raw = env[`STATE_${STATE_NAMES.state}`];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PostState;
  } catch {
    return undefined;
  }
}
