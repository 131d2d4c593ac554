import { specFor, unknownInputWarnings } from './actions/shared/unknown-inputs';
import { cleanup } from './engine/session';
import { commandFor } from './commands';
import { handleCancellation } from './runner/cancel';
import { errorMessage } from './runner/errors';
import { githubHost } from './runner/github-host';
import { useHost } from './runner/log';
import { isPost, markMain } from './runner/state';

// One bundle serves every action in this repository: the runner starts it for
// main. Post has a small bundle of its own (src/post.ts); this one still runs
// post wherever an action.yml names it for post (isPost).
const host = githubHost();
useHost(host);
if (isPost()) {
  await cleanup();
} else {
  markMain();
  // The runner cancels with SIGINT, then SIGTERM: stop every child, report, exit.
  handleCancellation();
  try {
    // On GitHub the runner has warned already.
    const spec = process.env.GITHUB_ACTIONS === 'true' ? undefined : specFor(host.input('command'));
    if (spec) for (const w of unknownInputWarnings(spec, process.env)) host.log.warning(w);
    await commandFor(host.input('command'))(host);
  } catch (err) {
    host.fail(errorMessage(err));
  }
}
