import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/runner/errors';

describe('errorMessage', () => {
  it("gives an Error's message, without its name", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(new TypeError('not a function'))).toBe('not a function');
  });

  it('gives the message of an Error subclass', () => {
    class InputProblem extends Error {}
    expect(errorMessage(new InputProblem('bad input'))).toBe('bad input');
  });

  it('gives an empty message as is', () => {
    expect(errorMessage(new Error())).toBe('');
  });

  it.each([
    ['a string', 'plain text', 'plain text'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an object', { message: 'not an Error' }, '[object Object]'],
    ['an object with toString', { toString: () => 'custom' }, 'custom'],
  ])('gives the string form of %s', (_what, value, expected) => {
    expect(errorMessage(value)).toBe(expected);
  });
});
