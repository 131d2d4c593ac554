import { expect, it } from 'vitest';
import { readFileCommands } from '../../../src/cli/file-commands';

it('reads heredoc values over several lines and name=value lines', () => {
  expect(
    readFileCommands(
      'platforms<<ghadelimiter_1\n{"a":\n1}\nghadelimiter_1\nempty<<D\nD\nold=a=b\n',
    ),
  ).toEqual({ platforms: '{"a":\n1}', empty: '', old: 'a=b' });
});
