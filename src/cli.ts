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

try {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
  } else {
    const env = cliEnv(args);
    Object.assign(process.env, env);
    // A terminal's Ctrl-C skips finally: clean up (keys, contexts, builder) first.
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      process.once(signal, () => {
        void cleanup(savedState()).finally(() => process.exit(code));
      });
    }
    try {
      await commandFor(env.INPUT_COMMAND)();
    } finally {
      await cleanup(savedState());
    }
  }
} catch (err) {
  console.error(errorMessage(err));
  process.exitCode = 2;
}
