import { expect, it } from 'vitest';
import { parseInputs } from '../../../../src/actions/build/inputs';
import { buildRequest } from '../../engine/request-fixture';

// The engine's tests build their requests from this base instead of parsing inputs.
it('reads empty inputs as the request the engine tests start from', () => {
  expect(parseInputs(() => '')).toEqual(buildRequest());
});
