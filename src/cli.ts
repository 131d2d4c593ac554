/**
 * The same runs as the actions, from a terminal:
 *   node dist/cli/index.js [merge|check] --context examples/hello --platforms linux/amd64,linux/arm64
 * Every action input is a flag of the same name (see cli/args.ts). Main and
 * post run in this one process.
 */
import { cliEnv, USAGE } from './cli/args';
import { commandFor } from './commands';
import { cleanup } from './build/session';
import { savedState } from './runner/state';
import { errorMessage } from './runner/errors';
import { handleCancellation } from './runner/cancel';

try {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
  } else {
    const env = cliEnv(args);
    Object.assign(process.env, env);
    // A terminal's Ctrl-C skips finally: stop the children, report, then clean up (keys, contexts, builder).
    // Cleaned once, whether the cancellation or the finally gets there first.
    let cleaned: Promise<void> | undefined;
    const cleanUp = (): Promise<void> => (cleaned ??= cleanup(savedState()));
    handleCancellation(cleanUp);
    try {
      await commandFor(env.INPUT_COMMAND)();
    } finally {
      await cleanUp();
    }
  }
} catch (err) {
  console.error(errorMessage(err));
  process.exitCode = 2;
}
