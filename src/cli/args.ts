/** Command-line flags → INPUT_* variables, the way the runner passes inputs. Pure. */
import { BOOLEAN_INPUTS, INPUT_NAMES } from '../actions/build/inputs';
import { CHECK_INPUT_NAMES } from '../actions/check/inputs';
import { MERGE_INPUT_NAMES } from '../actions/merge/inputs';

const SUBCOMMANDS: Record<string, readonly string[]> = {
  merge: MERGE_INPUT_NAMES.filter((n) => n !== 'command'),
  check: CHECK_INPUT_NAMES.filter((n) => n !== 'command'),
};

export const USAGE = `usage: multiarch [merge|check] [--NAME VALUE | --NAME=VALUE | --FLAG | --no-FLAG]...
build inputs: ${INPUT_NAMES.join(', ')}
merge inputs: ${SUBCOMMANDS.merge?.join(', ')}
check inputs: ${SUBCOMMANDS.check?.join(', ')}
flags (true/false): ${[...BOOLEAN_INPUTS].join(', ')}`;

/** Turns argv into INPUT_* variables, the way the runner passes inputs. Pure. */
export function cliEnv(argv: string[]): Record<string, string> {
  const command = argv[0] && SUBCOMMANDS[argv[0]] ? argv[0] : undefined;
  const args = command ? argv.slice(1) : argv;
  const env: Record<string, string> = command ? { INPUT_COMMAND: command } : {};
  const known = new Set<string>(command ? SUBCOMMANDS[command] : INPUT_NAMES);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (value === undefined && name.startsWith('no-') && BOOLEAN_INPUTS.has(name.slice(3))) {
      name = name.slice(3);
      value = 'false';
    }
    if (!known.has(name)) throw new Error(`unknown option --${name}\n${USAGE}`);
    if (value === undefined) {
      const next = args[i + 1];
      if (BOOLEAN_INPUTS.has(name) && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new Error(`--${name} needs a value\n${USAGE}`);
      else value = args[++i] as string;
    }
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  return env;
}
