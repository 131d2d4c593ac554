import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/oci/platform';
import { errorKind, errorMessage, MultiarchError } from '../../../src/runner/errors';
import { InputError, platformsInput } from '../../../src/runner/inputs';

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

describe('MultiarchError', () => {
  it('has a name, a kind and a cause', () => {
    const cause = new Error('ENOENT');
    const err = new MultiarchError('command', 'docker failed', { cause });
    expect([err.name, err.kind, err.message, err.cause]).toEqual([
      'MultiarchError',
      'command',
      'docker failed',
      cause,
    ]);
  });

  it('gives no kind for an error that is not ours', () => {
    expect(errorKind(new TypeError('x'))).toBeUndefined();
    expect(errorKind('plain text')).toBeUndefined();
  });

  it('keeps the cause when an input error explains a lower one', () => {
    expect(() => platformsInput('linux/amd64/v1/x')).toThrow(InputError);
    try {
      platformsInput('linux/amd64/v1/x');
    } catch (err) {
      expect((err as InputError).cause).toBeInstanceOf(PlatformError);
    }
  });
});
