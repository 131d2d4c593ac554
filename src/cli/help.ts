/** `multiarch [build|merge|check] --help`, written from the input specs action.yml comes from. Pure. */
import { ACTION_OF, flagsOf, type Command } from './args';

const WIDTH = 100;

/** Words wrapped to `width`, each line indented by `indent`. */
function wrap(text: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l);
}

export function helpText(command: Command): string {
  const action = ACTION_OF[command];
  const out = [
    `usage: multiarch ${command === 'build' ? '[build]' : command} [--FLAG VALUE | --FLAG=VALUE]... [--json]`,
    '',
    ...wrap(action.description, 0),
    '',
    'Subcommands: build (the default), merge, check. Each has its own --help.',
    '',
    'Flags (the inputs of the action, same names):',
  ];
  for (const spec of flagsOf(command)) {
    const form = spec.boolean ? `--${spec.name}, --no-${spec.name}` : `--${spec.name} VALUE`;
    const dflt =
      spec.default !== undefined && spec.default !== ''
        ? ` (default: ${spec.default.replace(/\n/g, ', ')})`
        : spec.required
          ? ' (required)'
          : '';
    out.push(`  ${form}${dflt}`, ...wrap(spec.description, 6));
  }
  out.push(
    '',
    'CLI flags:',
    `  --json`,
    ...wrap(
      `Print the ${command === 'check' ? 'report' : 'platforms'} output as JSON on stdout, and nothing else there; the log goes to stderr.`,
      6,
    ),
    '  --help, -h',
    ...wrap('This text.', 6),
    '',
    'Exit codes: 0 every platform passed, 1 a platform failed (or the run failed), 2 bad usage or input.',
  );
  return out.join('\n');
}
