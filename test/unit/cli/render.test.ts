import { expect, it } from 'vitest';
import { Masker, renderEvent, type LogEvent } from '../../../src/cli/render';

const plain = { colour: false, debug: false };

function show(events: LogEvent[], style = plain): string[] {
  return events.flatMap((e) => renderEvent(e, style) ?? []);
}

it('renders the log as text a person reads: no ::, errors with their fix', () => {
  expect(
    show([
      { kind: 'group', title: 'Build (push)' },
      { kind: 'text', text: '[command] docker buildx build --platform linux/amd64 .' },
      { kind: 'text', text: '#1 DONE' },
      {
        kind: 'warning',
        message: 'FROM without --platform',
        props: { file: 'Dockerfile', line: '3' },
      },
      {
        kind: 'error',
        message: 'Input "platforms": "linux/amd65" is not a platform.\nUse linux/amd64.',
        props: {},
      },
      { kind: 'debug', message: 'hidden' },
    ]),
  ).toEqual([
    '» Build (push)',
    '$ docker buildx build --platform linux/amd64 .',
    '#1 DONE',
    'warning: Dockerfile:3: FROM without --platform',
    'error: Input "platforms": "linux/amd65" is not a platform.\n       Use linux/amd64.',
  ]);
});

it('shows debug lines only when asked (RUNNER_DEBUG)', () => {
  expect(
    show([{ kind: 'debug', message: 'why\nand more' }], { colour: false, debug: true }),
  ).toEqual(['debug: why\nand more']);
});

it('colours on request only, and the verdict of each table row', () => {
  const colour = { colour: true, debug: false };
  expect(show([{ kind: 'error', message: 'x', props: {} }], colour)).toEqual([
    '\x1b[31merror:\x1b[0m x',
  ]);
  const rows: LogEvent[] = [
    { kind: 'text', text: 'ok    linux/amd64  local' },
    { kind: 'text', text: 'FAIL  linux/arm64  local' },
  ];
  expect(show(rows, colour)).toEqual([
    '\x1b[32mok\x1b[0m    linux/amd64  local',
    '\x1b[31mFAIL\x1b[0m  linux/arm64  local',
  ]);
  expect(show(rows.slice(0, 1))).toEqual(['ok    linux/amd64  local']);
});

it('masks every secret, and each long line of a multi-line one', () => {
  const m = new Masker();
  m.add('hunter22');
  m.add('-----BEGIN KEY-----\nabcdefgh\n}');
  expect(m.apply('pw=hunter22 key abcdefgh }')).toBe('pw=*** key *** }');
  expect(m.apply('-----BEGIN KEY-----\nabcdefgh\n}')).toBe('***');
});
