import { expect, it } from 'vitest';
import { runCheck } from '../../src/check/run';
import { commandFor } from '../../src/commands';
import { run } from '../../src/main';
import { runMerge } from '../../src/merge/run';

it.each([
  ['merge', runMerge],
  ['check', runCheck],
  ['', run],
  [undefined, run],
  ['anything-else', run],
])('command %j runs the right action', (name, fn) => {
  expect(commandFor(name)).toBe(fn);
});
