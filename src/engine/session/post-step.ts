/**
 * Post as the runner starts it (src/post.ts): when the saved state leaves only
 * files to remove (main removed its containers and said so), remove them and
 * return, with neither docker nor the full cleanup loaded; otherwise hand the
 * state to the full cleanup (cleanup.ts), which the caller loads. Post only
 * ever warns: nothing here throws.
 */
import { errorMessage } from '../../runner/errors';
import type { PostState } from '../../runner/post-state';
import { filesOnly, postWork } from './post-plan';
import { fileRemovals, removeInOrder, type PostLog } from './removals';

/** The full cleanup, loaded only when post needs it. */
export type LoadCleanup = () => Promise<(state: PostState) => Promise<void>>;

/** Which way post went: nothing saved, files only, the full cleanup, or a warning that it could not. */
export type PostPath = 'nothing' | 'files' | 'full' | 'warned';

export async function runPost(
  state: PostState | undefined,
  log: PostLog,
  loadCleanup: LoadCleanup,
): Promise<PostPath> {
  try {
    if (!state) {
      log.info('Nothing to clean up.');
      return 'nothing';
    }
    const work = postWork(state);
    if (!filesOnly(work)) {
      const cleanup = await loadCleanup();
      await cleanup(state);
      return 'full';
    }
    await removeInOrder(work, (kind) => fileRemovals(kind, state, log), log);
    return 'files';
  } catch (err) {
    log.warning(`Post could not clean up: ${errorMessage(err)}`);
    return 'warned';
  }
}
