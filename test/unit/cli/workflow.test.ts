import { expect, it } from 'vitest';
import { Masker, renderEvent } from '../../../src/cli/render';
import { WorkflowParser, type LogEvent } from '../../../src/cli/workflow';

const plain = { colour: false, debug: false };

function show(lines: string[], style = plain): string[] {
  const parser = new WorkflowParser();
  return lines.flatMap((l) => renderEvent(parser.line(l), style) ?? []);
}

it('reads workflow commands with their escapes undone', () => {
  const parser = new WorkflowParser();
  expect(parser.line('::error title=multiarch%3A linux/arm64 failed::a%0Ab%25c')).toEqual({
    kind: 'error',
    message: 'a\nb%c',
    props: { title: 'multiarch: linux/arm64 failed' },
  } satisfies LogEvent);
  expect(parser.line('::set-output name=platforms::{"a":1}')).toEqual({
    kind: 'output',
    name: 'platforms',
    value: '{"a":1}',
  });
  expect(parser.line('::add-mask::s3cret')).toEqual({ kind: 'mask', value: 's3cret' });
  expect(parser.line('hello :: world')).toEqual({ kind: 'text', text: 'hello :: world' });
});

it('renders the log as text a person reads: no ::, errors decoded with their fix', () => {
  expect(
    show([
      '::group::Build (push)',
      '[command] docker buildx build --platform linux/amd64 .',
      '#1 DONE',
      '::endgroup::',
      '::warning file=Dockerfile,line=3::FROM without --platform',
      '::error::Input "platforms": "linux/amd65" is not a platform.%0AUse linux/amd64.',
      '::debug::hidden',
      '::save-state name=x::y',
      '::add-mask::secret',
      '::echo::off',
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
  expect(show(['::debug::why%0Aand more'], { colour: false, debug: true })).toEqual([
    'debug: why\nand more',
  ]);
});

it('reads commands an image printed between ::stop-commands:: and its token as text', () => {
  expect(
    show(['::stop-commands::tok', '::error::from the image', '::tok::', '::notice::ours']),
  ).toEqual(['::error::from the image', 'note: ours']);
});

it('colours on request only, and the verdict of each table row', () => {
  const colour = { colour: true, debug: false };
  expect(show(['::error::x'], colour)).toEqual(['\x1b[31merror:\x1b[0m x']);
  expect(show(['ok    linux/amd64  local', 'FAIL  linux/arm64  local'], colour)).toEqual([
    '\x1b[32mok\x1b[0m    linux/amd64  local',
    '\x1b[31mFAIL\x1b[0m  linux/arm64  local',
  ]);
  expect(show(['ok    linux/amd64  local'])).toEqual(['ok    linux/amd64  local']);
});

it('masks every secret, and each long line of a multi-line one', () => {
  const m = new Masker();
  m.add('hunter22');
  m.add('-----BEGIN KEY-----\nabcdefgh\n}');
  expect(m.apply('pw=hunter22 key abcdefgh }')).toBe('pw=*** key *** }');
  expect(m.apply('-----BEGIN KEY-----\nabcdefgh\n}')).toBe('***');
});
