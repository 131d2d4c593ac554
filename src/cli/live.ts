/**
 * Where every platform stands, from the engine's phase events: the live
 * lines of a terminal, and the plain progress lines of a pipe. Pure: time is
 * always passed in.
 */
import type { Phase, ProgressEvent } from '../runner/progress';
import { paint, type Style } from './render';

interface PlatformState {
  platform: string;
  began: number;
  active: Phase[];
  /** When the set of active phases last changed. */
  since: number;
  done?: { ok: boolean; at: number };
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class Board {
  private readonly states = new Map<string, PlatformState>();

  apply(e: ProgressEvent): void {
    let s = this.states.get(e.platform);
    if (!s) {
      s = { platform: e.platform, began: e.at, active: [], since: e.at };
      this.states.set(e.platform, s);
    }
    if (e.kind === 'done') {
      s.done = { ok: e.ok, at: e.at };
      s.active = [];
    } else if (e.kind === 'start') {
      s.active = [...s.active.filter((p) => p !== e.phase), e.phase];
    } else {
      s.active = s.active.filter((p) => p !== e.phase);
    }
    s.since = e.at;
  }

  get size(): number {
    return this.states.size;
  }

  /** Every platform seen has its verdict. */
  get settled(): boolean {
    return this.size > 0 && [...this.states.values()].every((s) => s.done);
  }

  /** One line per platform: what it is doing and for how long, or its verdict. */
  lines(now: number, style: Pick<Style, 'colour'>): string[] {
    const width = Math.max(...[...this.states.keys()].map((p) => p.length));
    const frame = SPINNER[Math.floor(now / 100) % SPINNER.length] as string;
    return [...this.states.values()].map((s) => {
      const name = s.platform.padEnd(width);
      if (s.done) {
        const verdict = s.done.ok
          ? paint(style, 'green', '✔ passed')
          : paint(style, 'red', '✘ failed');
        return `  ${name}  ${verdict}  ${paint(style, 'dim', seconds(s.done.at - s.began))}`;
      }
      const doing = s.active.length > 0 ? s.active.join(' + ') : 'waiting';
      return `${paint(style, 'cyan', frame)} ${name}  ${doing} ${seconds(now - s.since)}  ${paint(style, 'dim', `(total ${seconds(now - s.began)})`)}`;
    });
  }
}

/** A pipe gets one plain line per change worth reading: a phase begins, or a verdict. */
export function progressLine(e: ProgressEvent, began: number | undefined): string | undefined {
  if (e.kind === 'start') return `${e.platform}: ${e.phase}…`;
  if (e.kind === 'done') {
    const took = began === undefined ? '' : ` (${seconds(e.at - began)})`;
    return `${e.platform}: ${e.ok ? 'passed' : 'FAILED'}${took}`;
  }
  return undefined;
}
