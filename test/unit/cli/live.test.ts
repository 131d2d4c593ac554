import { expect, it } from 'vitest';
import { Board, progressLine } from '../../../src/cli/live';
import type { ProgressEvent } from '../../../src/runner/progress';

const events: ProgressEvent[] = [
  { platform: 'linux/amd64', kind: 'start', phase: 'building', at: 0 },
  { platform: 'linux/arm64', kind: 'start', phase: 'building', at: 0 },
  { platform: 'linux/amd64', kind: 'end', phase: 'building', at: 3000 },
  { platform: 'linux/arm64', kind: 'end', phase: 'building', at: 3000 },
  { platform: 'linux/amd64', kind: 'start', phase: 'smoke test', at: 3000 },
  { platform: 'linux/amd64', kind: 'start', phase: 'arch check', at: 3100 },
  { platform: 'linux/arm64', kind: 'start', phase: 'smoke test', at: 3200 },
];

it('shows one line per platform: its phases and for how long', () => {
  const board = new Board();
  events.forEach((e) => board.apply(e));
  expect(board.lines(4600, { colour: false })).toEqual([
    '⠦ linux/amd64  smoke test + arch check 1.5 s  (total 4.6 s)',
    '⠦ linux/arm64  smoke test 1.4 s  (total 4.6 s)',
  ]);
  expect(board.settled).toBe(false);
});

it('ends each line with the verdict and the total time', () => {
  const board = new Board();
  events.forEach((e) => board.apply(e));
  board.apply({ platform: 'linux/amd64', kind: 'done', ok: true, at: 5000 });
  board.apply({ platform: 'linux/arm64', kind: 'done', ok: false, at: 7250 });
  expect(board.lines(8000, { colour: false })).toEqual([
    '  linux/amd64  ✔ passed  5.0 s',
    '  linux/arm64  ✘ failed  7.3 s',
  ]);
  expect(board.settled).toBe(true);
  expect(board.lines(8000, { colour: true })[0]).toBe(
    '  linux/amd64  \x1b[32m✔ passed\x1b[0m  \x1b[2m5.0 s\x1b[0m',
  );
});

it('says waiting between phases', () => {
  const board = new Board();
  events.slice(0, 4).forEach((e) => board.apply(e));
  expect(board.lines(3500, { colour: false })[0]).toBe(
    '⠴ linux/amd64  waiting 0.5 s  (total 3.5 s)',
  );
});

it('gives a pipe one plain line per phase begun and per verdict', () => {
  expect(events.map((e) => progressLine(e, 0)).filter(Boolean)).toEqual([
    'linux/amd64: building…',
    'linux/arm64: building…',
    'linux/amd64: smoke test…',
    'linux/amd64: arch check…',
    'linux/arm64: smoke test…',
  ]);
  expect(progressLine({ platform: 'linux/arm64', kind: 'done', ok: false, at: 7250 }, 0)).toBe(
    'linux/arm64: FAILED (7.3 s)',
  );
});
