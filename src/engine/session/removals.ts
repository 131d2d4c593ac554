/**
 * How post removes what a run left: the removals of each kind side by side,
 * the kinds in order, a failure only ever a warning. The removals of plain
 * files live here too: they need node:fs alone, so the post bundle
 * (src/post.ts) runs them without loading docker or @actions/core.
 */
import { rm } from 'node:fs/promises';
import { errorMessage } from '../../runner/errors';
import type { Log } from '../../runner/host';
import type { PostState } from '../../runner/post-state';
import type { Leftover } from './post-plan';

/** One removal a cleaner makes: what it tries (the warning says it could not), and the work. */
export interface Removal {
  what: string;
  run: () => Promise<void>;
}

/** The log post writes to: the runner's through @actions/core, or the post bundle's own. */
export type PostLog = Pick<Log, 'info' | 'warning'>;

/** Runs each kind's removals side by side, kind after kind; a failure is a warning, never a stop. */
export async function removeInOrder(
  work: readonly Leftover[],
  removalsOf: (kind: Leftover) => Removal[],
  log: PostLog,
): Promise<void> {
  for (const kind of work) {
    await Promise.all(
      removalsOf(kind).map(async (r) => {
        try {
          await r.run();
        } catch (err) {
          log.warning(`Could not ${r.what}: ${errorMessage(err)}`);
        }
      }),
    );
  }
}

/** The removals of the kinds that are plain directories; none for any other kind. */
export function fileRemovals(kind: Leftover, state: PostState, log: PostLog): Removal[] {
  if (kind === 'ssh control dir' && state.ssh) {
    const dir = state.ssh.controlDir;
    return [{ what: `remove ${dir}`, run: () => rm(dir, { recursive: true, force: true }) }];
  }
  if (kind === 'temp dir' && state.tempDir) {
    const dir = state.tempDir;
    return [
      {
        what: `remove ${dir}`,
        run: async () => {
          await rm(dir, { recursive: true, force: true });
          log.info(`Removed ${dir} (registry logins, keys, ssh config, metadata).`);
        },
      },
    ];
  }
  return [];
}
