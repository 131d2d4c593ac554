import { expect, it } from 'vitest';
import { cliEnv } from '../../src/cli/args';

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
