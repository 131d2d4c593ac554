import { expect, it } from 'vitest';
import { runBuild } from '../../src/actions/build/run';
import { runCheck } from '../../src/actions/check/run';
import { runMerge } from '../../src/actions/merge/run';
import { commandFor } from '../../src/commands';

it.each([
  ['merge', runMerge],
  ['check', runCheck],
  ['build', runBuild],
  ['', runBuild],
  [undefined, runBuild],
])('command %j runs the right action', (name, fn) => {
  expect(commandFor(name)).toBe(fn);
});

it.each(['anything-else', 'constructor', '__proto__', 'toString'])(
  'an unknown command %j is an error that names it, never a build',
  (name) => {
    expect(() => commandFor(name)).toThrow(
      new RegExp(`Input "command": "${name}" is not an action of this repository`),
    );
  },
);
