import { describe, expect, it } from 'vitest';
import { chooseStrategy } from '../../../../src/engine/nodes/strategy';

describe('chooseStrategy', () => {
  it.each([
    ['auto', true, { strategy: 'append', tentative: true }],
    ['auto', false, { strategy: 'fanout', tentative: false }],
    ['fanout', true, { strategy: 'fanout', tentative: false }],
    ['append', true, { strategy: 'append', tentative: false }],
  ] as const)('%s with push=%s', (requested, push, expected) => {
    expect(chooseStrategy(requested, push)).toMatchObject(expected);
  });
  it('refuses append without push', () => {
    expect(() => chooseStrategy('append', false)).toThrow(/can only push/);
  });
});
