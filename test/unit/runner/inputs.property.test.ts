/** Properties of the input kit (runner/inputs.ts): durations, booleans, build-args, KEY=VALUE lists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bool,
  buildArgList,
  buildArgsInput,
  InputError,
  integer,
  keyValue,
  textInputs,
} from '../../../src/runner/inputs';
import { anyText, RUNS } from '../arbitraries';

/** Runs `f`; an error must be an InputError naming `name`. */
function onlyInputError<T>(name: string, f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(new RegExp(`^Input "${name}": `));
    return undefined;
  }
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

describe('the input kit, for any text', () => {
  it('a duration (smoke-timeout) is a whole number of seconds in range, or an InputError', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const n = onlyInputError('smoke-timeout', () => integer('smoke-timeout', raw, 60, 1, 3600));
        if (n !== undefined) {
          expect(Number.isInteger(n) && n >= 1 && n <= 3600).toBe(true);
          if (raw.trim() !== '') expect(raw.trim()).toMatch(/^\d+$/);
        }
      }),
      RUNS,
    );
  });

  it('a duration round-trips every value in range, and refuses the ones outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 5000 }), (n) => {
        if (n >= 1 && n <= 3600) expect(integer('smoke-timeout', String(n), 60, 1, 3600)).toBe(n);
        else expect(() => integer('smoke-timeout', String(n), 60, 1, 3600)).toThrow(InputError);
      }),
      RUNS,
    );
  });

  it('a boolean is what core.getBooleanInput takes, nothing else', () => {
    const core = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...core, 'yes', 'on', '1')), (raw) => {
        const b = onlyInputError('push', () => bool('push', raw));
        if (b !== undefined) expect(core).toContain(raw.trim());
        else expect(core).not.toContain(raw.trim());
      }),
      RUNS,
    );
  });

  it('build-args: every item is NAME=VALUE or a bare NAME, so none can be a flag', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const parse of [buildArgList, buildArgsInput]) {
          const items = onlyInputError('build-args', () => parse(raw)) ?? [];
          for (const item of items) {
            const eq = item.indexOf('=');
            expect(eq < 0 ? item : item.slice(0, eq)).toMatch(ARG_NAME);
          }
        }
      }),
      RUNS,
    );
  });

  it('KEY=VALUE: an accepted key matches its rule and the value is kept as given', () => {
    fc.assert(
      fc.property(anyText, anyText, (key, value) => {
        const item = `${key}=${value}`;
        const kept = onlyInputError('smoke-env', () => keyValue('smoke-env', item, ARG_NAME));
        if (kept !== undefined) {
          expect(kept).toBe(item);
          // The key ends at the first "=": a value may hold more.
          expect(item.slice(0, item.indexOf('='))).toMatch(ARG_NAME);
        }
      }),
      RUNS,
    );
  });

  it('textInputs refuses invalid UTF-8 and NUL in any input, and never repeats a secret', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (raw, secret) => {
        const get = textInputs(() => raw, secret ? ['tls-key'] : []);
        try {
          expect(get('tls-key')).toBe(raw);
          expect(raw).not.toMatch(/[\uFFFD\0]/);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect(raw).toMatch(/[\uFFFD\0]/);
          if (secret) expect((err as Error).message).toMatch(/^Input "tls-key": "\*\*\*" /);
        }
      }),
      RUNS,
    );
  });

  it('an error repeats at most 200 characters of a 100 KB value', () => {
    const big = `${'x'.repeat(100 * 1024)};`;
    let message = '';
    try {
      keyValue('smoke-env', big, ARG_NAME);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/… \(102401 characters\) is not KEY=VALUE/);
    expect(message.length).toBeLessThan(600);
  });
});
