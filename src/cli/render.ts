/** The log as a person reads it in a terminal: no `::`, secrets masked, colour when asked. Pure. */
export type Annotation = 'error' | 'warning' | 'notice';

/** One thing the log says. */
export type LogEvent =
  | { kind: 'text'; text: string }
  | { kind: 'group'; title: string }
  | { kind: Annotation; message: string; props: { file?: string; line?: string } }
  | { kind: 'debug'; message: string };

export interface Style {
  colour: boolean;
  /** Show debug lines (RUNNER_DEBUG=1, as on the runner). */
  debug: boolean;
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, cyan: 36 } as const;
export type Paint = keyof typeof CODES;

export function paint(style: Pick<Style, 'colour'>, how: Paint, text: string): string {
  return style.colour ? `\x1b[${CODES[how]}m${text}\x1b[0m` : text;
}

/** Replaces every registered secret with ***, as the runner does in its log. */
export class Masker {
  private readonly secrets = new Set<string>();

  add(value: string): void {
    if (!value) return;
    this.secrets.add(value);
    // A rendered line holds at most one line of a multi-line secret (a key): mask each line too.
    // Very short lines ("}", "--") would blank ordinary text, and reveal nothing alone.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 4) this.secrets.add(line);
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
      out = out.split(s).join('***');
    return out;
  }
}

/** A message over several lines, its later lines indented under the first. */
function labelled(label: string, message: string): string {
  const pad = ' '.repeat(label.length + 2);
  return message
    .split('\n')
    .map((l, i) => (i === 0 ? l : pad + l))
    .join('\n');
}

const LABEL = {
  error: ['error', 'red'],
  warning: ['warning', 'yellow'],
  notice: ['note', 'blue'],
} as const;

/** A row of the final table (`ok  linux/amd64 …`, `FAIL  linux/arm64 …`) gets its verdict coloured. */
function tableRow(style: Style, text: string): string {
  const m = /^(ok|FAIL)(\s+[a-z0-9]+\/\S+\s)/.exec(text);
  if (!m || !style.colour) return text;
  return paint(style, m[1] === 'ok' ? 'green' : 'red', m[1] as string) + text.slice(m[1]?.length);
}

/** The text for one event, or undefined when there is nothing to show. */
export function renderEvent(event: LogEvent, style: Style): string | undefined {
  switch (event.kind) {
    case 'text':
      if (event.text.startsWith('[command] '))
        return paint(style, 'dim', `$ ${event.text.slice(10)}`);
      return tableRow(style, event.text);
    case 'group':
      return paint(style, 'bold', `» ${event.title}`);
    case 'error':
    case 'warning':
    case 'notice': {
      const [label, colour] = LABEL[event.kind];
      const where = event.props.file
        ? `${event.props.file}${event.props.line ? `:${event.props.line}` : ''}: `
        : '';
      return `${paint(style, colour, `${label}:`)} ${labelled(label, where + event.message)}`;
    }
    case 'debug':
      return style.debug ? paint(style, 'dim', `debug: ${event.message}`) : undefined;
  }
}
