import { expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/args';

it('maps flags to the inputs of the same names', () => {
  expect(
    parseArgs([
      '--context',
      'examples/hello',
      '--platforms=linux/amd64,linux/arm64',
      '--no-push',
      '--smoke',
      '--smoke-timeout',
      '5',
      '--verify-arch',
    ]),
  ).toEqual({
    command: 'build',
    json: false,
    help: false,
    flags: {
      context: 'examples/hello',
      platforms: 'linux/amd64,linux/arm64',
      push: 'false',
      smoke: 'true',
      'smoke-timeout': '5',
      'verify-arch': 'true',
    },
  });
});

it('takes build as a word, and --json and --help anywhere', () => {
  expect(parseArgs(['build', '--json', '--context', '.'])).toEqual({
    command: 'build',
    json: true,
    help: false,
    flags: { context: '.' },
  });
  expect(parseArgs(['check', '-h'])).toMatchObject({ command: 'check', help: true });
});

it.each([
  [['--colour', 'x'], 'unknown option --colour for "multiarch build". See: multiarch build --help'],
  [['context'], /^unexpected argument "context": every input is a flag \(--context context\)/],
  [['--tags'], '--tags needs a value. See: multiarch build --help'],
  [['--no-context'], /unknown option --no-context/],
  [['merge', '--platforms', 'linux/amd64'], /unknown option --platforms for "multiarch merge"/],
])('rejects %j as bad usage', (args, why) => {
  expect(() => parseArgs(args)).toThrow(UsageError);
  expect(() => parseArgs(args)).toThrow(why);
});

it('runs the merge sub-action with its own inputs', () => {
  expect(
    parseArgs(['merge', '--sources', 'r/a-amd64:1,r/a-arm64:1', '--tags', 'r/a:1', '--no-smoke'])
      .flags,
  ).toEqual({
    sources: 'r/a-amd64:1,r/a-arm64:1',
    tags: 'r/a:1',
    smoke: 'false',
  });
});

it('never takes the internal command input as a flag', () => {
  expect(() => parseArgs(['check', '--command', 'build'])).toThrow(/unknown option --command/);
});
