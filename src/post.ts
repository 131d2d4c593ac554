/**
 * The bundle the runner starts for post (action.yml `runs.post`): small, so
 * that a run main left clean costs post almost nothing. The full cleanup, with
 * docker and @actions/core, is loaded only when the saved state needs it.
 */
import { runPost } from './engine/session/post-step';
import { readPostState } from './runner/post-state';
import { workflowLog } from './runner/workflow-log';

await runPost(
  readPostState(),
  workflowLog(),
  async () => (await import('./engine/session/cleanup')).cleanup,
);
