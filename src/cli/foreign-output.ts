/**
 * Libraries the action uses (@actions/tool-cache, @actions/glob) log through
 * @actions/core, which writes to stdout in the runner's words. In the CLI, what
 * they write is handed to the presenter: a `::debug::` line as debug, any
 * other line as text. The action's own code logs through the host and never
 * writes here.
 */
import type { Log } from '../runner/host';
import type { Output } from './terminal';

const DEBUG = '::debug::';

/** core's escapes in a command's message, undone. */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export class ForeignOutput {
  /** The stream itself, for the presenter's own writes. */
  readonly own: Output;
  private readonly original: NodeJS.WriteStream['write'];
  private pending = '';
  private log: Pick<Log, 'info' | 'debug'> | undefined;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    this.original = stream.write;
    const write = this.original.bind(stream) as (text: string) => boolean;
    this.own = {
      write,
      get isTTY() {
        return stream.isTTY;
      },
      get columns() {
        return stream.columns;
      },
    };
  }

  /** From now on, what anyone else writes to the stream goes to `log`. */
  start(log: Pick<Log, 'info' | 'debug'>): void {
    this.log = log;
    this.stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      this.take(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as NodeJS.WriteStream['write'];
  }

  stop(): void {
    if (this.pending) this.take('\n');
    this.stream.write = this.original;
  }

  private take(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(DEBUG)) this.log?.debug(unescapeData(line.slice(DEBUG.length)));
      else this.log?.info(line);
    }
  }
}
