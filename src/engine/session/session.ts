/**
 * The session one run carries, the same for every action: a private temp
 * dir, a container prefix unique to the run, the state post needs, and what
 * the engine probe learnt.
 */
import type { EngineInfo } from '../../docker/engine';
import { saveState, type PostState } from '../../runner/state';

export interface Session {
  /** Private temp dir under RUNNER_TEMP: metadata files, keys, configs. */
  tempDir?: string;
  /** Prefix of every container, builder and context this run names. */
  prefix: string;
  /** What post must clean up; saved again whenever it grows. */
  state: PostState;
  /** The runner's engine, probed once; undefined only when it may be absent. */
  engine?: EngineInfo;
  /** The buildx version this run uses (`0.13.1`), once known. */
  buildxVersion?: string;
  /** The buildx plugin `docker info` listed, working, when the engine was probed without building. */
  listedBuildx?: string;
  /**
   * The current builder's driver, asked for alongside the engine probe (a push
   * needs it, and it costs a `buildx inspect`); unset when buildx was fetched
   * for the run, which may change the current builder.
   */
  currentBuilderDriver?: Promise<string>;
}

/** Records more for post to remove. */
export function remember(session: Session, more: Partial<PostState>): void {
  Object.assign(session.state, more);
  saveState(session.state);
}
