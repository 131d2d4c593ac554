/**
 * The same run as the action, from a terminal:
 *   node dist/cli/index.js --context examples/hello --platforms linux/amd64,linux/arm64
 * Every action input is a flag of the same name (see cli/args.ts).
 */
import { cliEnv, USAGE } from './cli/args';
import { run } from './main';

try {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
  } else {
    Object.assign(process.env, cliEnv(args));
    await run();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
}
