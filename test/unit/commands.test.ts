import { expect, it } from 'vitest';
import { runCheck } from '../../src/actions/check/run';
import { commandFor } from '../../src/commands';
import { run } from '../../src/build/execute';
import { runMerge } from '../../src/actions/merge/run';

it.each([
  ['merge', runMerge],
  ['check', runCheck],
  ['', run],
  [undefined, run],
  ['anything-else', run],
])('command %j runs the right action', (name, fn) => {
  expect(commandFor(name)).toBe(fn);
});
