import { expect, it } from 'vitest';
import { cliEnv } from '../../../src/cli/args';

it('maps flags to INPUT_* variables', () => {
  expect(
    cliEnv([
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
    INPUT_CONTEXT: 'examples/hello',
    INPUT_PLATFORMS: 'linux/amd64,linux/arm64',
    INPUT_PUSH: 'false',
    INPUT_SMOKE: 'true',
    'INPUT_SMOKE-TIMEOUT': '5',
    'INPUT_VERIFY-ARCH': 'true',
  });
});

it.each([
  [['--colour', 'x'], /unknown option --colour/],
  [['context'], /unexpected argument/],
  [['--tags'], /needs a value/],
])('rejects %j', (args, why) => {
  expect(() => cliEnv(args)).toThrow(why);
});

it('runs the merge sub-action with its own inputs', () => {
  expect(
    cliEnv(['merge', '--sources', 'r/a-amd64:1,r/a-arm64:1', '--tags', 'r/a:1', '--no-smoke']),
  ).toEqual({
    INPUT_COMMAND: 'merge',
    INPUT_SOURCES: 'r/a-amd64:1,r/a-arm64:1',
    INPUT_TAGS: 'r/a:1',
    INPUT_SMOKE: 'false',
  });
  expect(() => cliEnv(['merge', '--platforms', 'linux/amd64'])).toThrow(
    /unknown option --platforms/,
  );
});
