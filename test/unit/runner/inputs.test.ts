import { describe, expect, it } from 'vitest';
import { list } from '../../../src/runner/inputs';

describe('list', () => {
  it('splits on newlines and, when asked, commas; drops blanks and comments', () => {
    expect(list('a, b\n\n# note\nc', true)).toEqual(['a', 'b', 'c']);
    expect(list('type=gha,mode=max\ntype=local,dest=x', false)).toEqual([
      'type=gha,mode=max',
      'type=local,dest=x',
    ]);
  });
});
