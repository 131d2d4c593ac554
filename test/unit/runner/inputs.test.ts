import { describe, expect, it } from 'vitest';
import { bool, list, platformsInput } from '../../../src/runner/inputs';

describe('list', () => {
  it('splits on newlines and, when asked, commas; drops blanks and comments', () => {
    expect(list('a, b\n\n# note\nc', true)).toEqual(['a', 'b', 'c']);
    expect(list('type=gha,mode=max\ntype=local,dest=x', false)).toEqual([
      'type=gha,mode=max',
      'type=local,dest=x',
    ]);
  });
});

describe('bool and platforms, as strict as the runner', () => {
  it.each(['true', 'True', 'TRUE'])('%s is true', (v) => {
    expect(bool('push', v)).toBe(true);
  });
  it.each(['false', 'False', 'FALSE'])('%s is false', (v) => {
    expect(bool('push', v)).toBe(false);
  });
  it.each(['yes', 'on', '1', 'no', 'off', '0', 'tRUE', 'y'])(
    '%s is refused, as core.getBooleanInput refuses it',
    (v) => {
      expect(() => bool('push', v)).toThrow(
        `Input "push": "${v}" is not a boolean. Use true or false.`,
      );
    },
  );
  it('names an architecture that does not exist, and the likely one', () => {
    expect(() => platformsInput('linux/amd64,linux/amd65')).toThrow(
      'Input "platforms": "linux/amd65" is not a platform: "amd65" is not an architecture (did you mean amd64?).',
    );
  });
});
