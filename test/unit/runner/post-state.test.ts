import { expect, it } from 'vitest';
import { readPostState } from '../../../src/runner/post-state';

it('reads the state main saved from STATE_state, as the runner hands it to post', () => {
  const state = { tempDir: '/rt/m-1', docker: ['docker'], mainCleaned: true };
  expect(readPostState({ STATE_state: JSON.stringify(state) })).toEqual(state);
});

it.each([
  ['no state', {}],
  ['an empty one', { STATE_state: '' }],
  ['one that does not parse', { STATE_state: '{"tempDir":' }],
])('%s reads as none', (_name, env) => {
  expect(readPostState(env)).toBeUndefined();
});
