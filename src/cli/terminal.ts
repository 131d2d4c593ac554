/**
 * The CLI's presentation: takes over what @actions/core writes to stdout
 * (workflow commands meant for the runner) and shows it as text, masked; on
 * a terminal with a live line per platform, in a pipe with plain lines.
 */
import { onProgress, type ProgressEvent } from '../runner/progress';
import { Board, progressLine } from './live';
import { Masker, renderEvent, type Style } from './render';
import { WorkflowParser } from './workflow';

export interface PresenterOptions {
  /** Where the log goes: stdout, or stderr when stdout is kept for --json. */
  log: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

const REDRAW_MS = 100;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export class Presenter {
  readonly masker = new Masker();
  /** ::set-output:: lines, when no GITHUB_OUTPUT file takes them. */
  readonly outputs: Record<string, string> = {};
  private readonly style: Style;
  private readonly live: boolean;
  private readonly parser = new WorkflowParser();
  private readonly board = new Board();
  private readonly began = new Map<string, number>();
  private readonly writeStdout = process.stdout.write.bind(process.stdout);
  private readonly originalWrite = process.stdout.write;
  private pending = '';
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
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      this.take(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
    this.stopListening = onProgress((e) => this.progress(e));
    if (this.live) {
      this.timer = setInterval(() => this.redraw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  /** Shows a line of text (masked), above the live lines. */
  print(text: string): void {
    this.clearBoard();
    this.write(`${this.masker.apply(text)}\n`);
    this.redraw();
  }

  /** A failure of the CLI itself (bad usage, bad input), shown as the action's errors are. */
  error(message: string): void {
    this.print(renderEvent({ kind: 'error', message, props: {} }, this.style) ?? message);
  }

  /** Writes straight to stdout (the --json document), masked as the log is. */
  stdout(text: string): void {
    this.writeStdout(this.masker.apply(text));
  }

  stop(): void {
    if (this.pending) this.take('\n');
    if (this.live && this.board.size > 0 && !this.frozen) this.freeze();
    clearInterval(this.timer);
    this.stopListening?.();
    process.stdout.write = this.originalWrite;
  }

  private write(text: string): void {
    if (this.opts.log === process.stdout) this.writeStdout(text);
    else this.opts.log.write(text);
  }

  private take(chunk: string): void {
    this.pending += chunk;
    const lines = this.pending.split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = this.parser.line(line);
      if (event.kind === 'mask') this.masker.add(event.value);
      else if (event.kind === 'output') this.outputs[event.name] = event.value;
      const text = renderEvent(event, this.style);
      if (text !== undefined) this.print(text);
    }
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
