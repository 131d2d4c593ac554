import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../../../src/actions/build/inputs';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';

describe('push-by-digest', () => {
  it.each([
    [{ 'push-by-digest': 'true' }, /Input "tags": "" names 0 images/],
    [{ 'push-by-digest': 'true', tags: 'r/a,r/b' }, /names 2 images/],
    [
      { 'push-by-digest': 'true', tags: 'r/a', push: 'false' },
      /Input "push": "false" contradicts push-by-digest/,
    ],
    [
      { 'push-by-digest': 'true', tags: 'r/a', nodes: 'linux/arm64=ssh://b@arm1' },
      /cannot be combined with nodes/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseInputs(get(values))).toThrow(why);
  });
});
