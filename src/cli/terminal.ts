/**
 * The CLI's presentation: the action's log shown as text, masked; on a
 * terminal with a live line per platform, in a pipe with plain lines.
 */
import type { Log, Where } from '../runner/host';
import { onProgress, type ProgressEvent } from '../runner/progress';
import { Board, progressLine } from './live';
import { Masker, renderEvent, type Annotation, type LogEvent, type Style } from './render';

/** Where text goes: a stream, or a test's stand-in for one. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface PresenterOptions {
  /** Where the log goes: stdout, or stderr when stdout is kept for --json. */
  log: Output;
  env: NodeJS.ProcessEnv;
  /** Where `stdout()` writes (the --json document): process.stdout unless a test says. */
  stdout?: Output;
}

const REDRAW_MS = 100;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

function props(where: Where | undefined): { file?: string; line?: string } {
  return {
    ...(where?.file ? { file: where.file } : {}),
    ...(where?.startLine ? { line: String(where.startLine) } : {}),
  };
}

export class Presenter implements Log {
  readonly masker = new Masker();
  private readonly style: Style;
  private readonly live: boolean;
  private readonly board = new Board();
  private readonly began = new Map<string, number>();
  private drawn = 0;
  private frozen = false;
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;

  constructor(private readonly opts: PresenterOptions) {
    this.live = opts.log.isTTY === true && opts.env.TERM !== 'dumb';
    this.style = {
      // https://no-color.org: any non-empty NO_COLOR turns colour off.
      colour: this.live && !opts.env.NO_COLOR,
      debug: opts.env.RUNNER_DEBUG === '1',
    };
  }

  get colour(): boolean {
    return this.style.colour;
  }

  start(): void {
    this.stopListening = onProgress((e) => this.progress(e));
    if (this.live) {
      this.timer = setInterval(() => this.redraw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  // ── The log: each line rendered, masked, above the live lines ──

  info(message: string): void {
    for (const text of message.split(/\r?\n/)) this.show({ kind: 'text', text });
  }

  /** An image's output: text like any other here, since nothing reads commands from it. */
  verbatim(text: string): void {
    this.info(text);
  }

  warning(message: string, where?: Where): void {
    this.annotate('warning', message, where);
  }

  /** An error of the action, or of the CLI itself (bad usage, bad input). */
  error(message: string, where?: Where): void {
    this.annotate('error', message, where);
  }

  notice(message: string, where?: Where): void {
    this.annotate('notice', message, where);
  }

  debug(message: string): void {
    this.show({ kind: 'debug', message });
  }

  async group<T>(title: string, work: () => Promise<T>): Promise<T> {
    this.show({ kind: 'group', title });
    return work();
  }

  /** Shows a line of text (masked), above the live lines. */
  print(text: string): void {
    this.clearBoard();
    this.write(`${this.masker.apply(text)}\n`);
    this.redraw();
  }

  /** Writes straight to stdout (the --json document), masked as the log is. */
  stdout(text: string): void {
    (this.opts.stdout ?? process.stdout).write(this.masker.apply(text));
  }

  stop(): void {
    if (this.live && this.board.size > 0 && !this.frozen) this.freeze();
    clearInterval(this.timer);
    this.stopListening?.();
  }

  private annotate(kind: Annotation, message: string, where: Where | undefined): void {
    this.show({ kind, message, props: props(where) });
  }

  private show(event: LogEvent): void {
    const text = renderEvent(event, this.style);
    if (text !== undefined) this.print(text);
  }

  private write(text: string): void {
    this.opts.log.write(text);
  }

  private progress(e: ProgressEvent): void {
    if (!this.began.has(e.platform)) this.began.set(e.platform, e.at);
    if (!this.live) {
      const line = progressLine(e, this.began.get(e.platform));
      if (line) this.print(line);
      return;
    }
    if (this.frozen) return;
    this.board.apply(e);
    if (this.board.settled) this.freeze();
    else this.redraw();
  }

  /** The last picture of the live lines stays on screen, and they stop moving. */
  private freeze(): void {
    this.redraw();
    this.drawn = 0;
    this.frozen = true;
  }

  private clearBoard(): void {
    // Up to the first live line, then clear to the end of the screen.
    if (this.drawn > 0) this.write(`\x1b[${this.drawn}A\r\x1b[J`);
    this.drawn = 0;
  }

  private redraw(): void {
    if (!this.live || this.frozen || this.board.size === 0) return;
    this.clearBoard();
    const columns = this.opts.log.columns || 100;
    // A line wider than the terminal wraps, and then clearing would count wrong: cut it.
    const lines = this.board
      .lines(Date.now(), this.style)
      .map((l) =>
        l.replace(ANSI, '').length >= columns ? l.replace(ANSI, '').slice(0, columns - 1) : l,
      );
    this.write(lines.map((l) => `${l}\n`).join(''));
    this.drawn = lines.length;
  }
}
