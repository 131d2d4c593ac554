/**
 * Reads what @actions/core writes to stdout, line by line, as the runner
 * would: `::name key=value::message` workflow commands with their escapes
 * undone, and plain log text. Pure.
 */
export type Annotation = 'error' | 'warning' | 'notice';

export type LogEvent =
  | { kind: 'text'; text: string }
  | { kind: 'group'; title: string }
  | { kind: 'endgroup' }
  | { kind: Annotation; message: string; props: Record<string, string> }
  | { kind: 'debug'; message: string }
  | { kind: 'mask'; value: string }
  | { kind: 'output' | 'state'; name: string; value: string }
  /** A command meant for the runner alone (echo, add-path …): nothing to show. */
  | { kind: 'silent' };

const COMMAND = /^::([A-Za-z][\w-]*)(?: ([^:]*))?::(.*)$/;

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

function properties(raw: string | undefined): Record<string, string> {
  const props: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return props;
}

/** One parser per stream: it remembers `::stop-commands::`, which turns commands off until its token comes back. */
export class WorkflowParser {
  private stopToken: string | undefined;

  line(line: string): LogEvent {
    const m = COMMAND.exec(line);
    if (!m) return { kind: 'text', text: line };
    const [, name = '', rawProps, rawMessage = ''] = m;
    if (this.stopToken !== undefined) {
      if (name === this.stopToken) {
        this.stopToken = undefined;
        return { kind: 'silent' };
      }
      return { kind: 'text', text: line };
    }
    const message = unescapeData(rawMessage);
    const props = properties(rawProps);
    switch (name) {
      case 'group':
        return { kind: 'group', title: message };
      case 'endgroup':
        return { kind: 'endgroup' };
      case 'error':
      case 'warning':
      case 'notice':
        return { kind: name, message, props };
      case 'debug':
        return { kind: 'debug', message };
      case 'add-mask':
        return { kind: 'mask', value: message };
      case 'set-output':
      case 'save-state':
        return {
          kind: name === 'set-output' ? 'output' : 'state',
          name: props.name ?? '',
          value: message,
        };
      case 'stop-commands':
        this.stopToken = message;
        return { kind: 'silent' };
      default:
        return { kind: 'silent' };
    }
  }
}
