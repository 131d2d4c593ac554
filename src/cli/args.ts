/** Command-line words → which action runs, its inputs and the CLI's own flags. Pure. */
import {
  BUILD_ACTION,
  CHECK_ACTION,
  MERGE_ACTION,
  type ActionSpec,
  type InputSpec,
} from '../actions/shared/specs';
import { MultiarchError } from '../runner/errors';

export type Command = 'build' | 'merge' | 'check';

export const ACTION_OF: Record<Command, ActionSpec> = {
  build: BUILD_ACTION,
  merge: MERGE_ACTION,
  check: CHECK_ACTION,
};

/** Bad usage: the CLI exits 2, as for a bad input value. */
export class UsageError extends MultiarchError {
  constructor(message: string) {
    super('usage', message);
  }
}

export interface CliArgs {
  command: Command;
  /** Input name → value, for the action's input parser. */
  flags: Record<string, string>;
  /** Print the action's JSON output on stdout, and nothing else there. */
  json: boolean;
  help: boolean;
}

/** The flags of a subcommand: its action's inputs, without the internal `command`. */
export function flagsOf(command: Command): readonly InputSpec[] {
  return ACTION_OF[command].inputs.filter((i) => i.name !== 'command');
}

function isCommand(word: string | undefined): word is Command {
  return word !== undefined && Object.hasOwn(ACTION_OF, word);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const command: Command = isCommand(argv[0]) ? argv[0] : 'build';
  const args = isCommand(argv[0]) ? argv.slice(1) : argv;
  const out: CliArgs = {
    command,
    flags: {},
    json: false,
    help: false,
  };
  const specs = new Map(flagsOf(command).map((s) => [s.name, s]));
  const see = `See: multiarch ${command} --help`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      throw new UsageError(
        `unexpected argument "${arg}": every input is a flag (--context ${arg}), and the subcommand (build, merge or check) comes first. ${see}`,
      );
    }
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (value === undefined && name.startsWith('no-') && specs.get(name.slice(3))?.boolean) {
      name = name.slice(3);
      value = 'false';
    }
    const spec = specs.get(name);
    if (!spec) throw new UsageError(`unknown option --${name} for "multiarch ${command}". ${see}`);
    if (value === undefined) {
      const next = args[i + 1];
      if (spec.boolean && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new UsageError(`--${name} needs a value. ${see}`);
      else value = args[++i] as string;
    }
    out.flags[name] = value;
  }
  return out;
}
