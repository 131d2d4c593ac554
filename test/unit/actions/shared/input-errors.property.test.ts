/** Any value in any input of the merge and check actions: refused, if at all, with an InputError naming it. */
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECK_INPUT_NAMES, parseCheckInputs } from '../../../../src/actions/check/inputs';
import { MERGE_INPUT_NAMES, parseMergeInputs } from '../../../../src/actions/merge/inputs';
import { InputError } from '../../../../src/runner/inputs';
import { anyText } from '../../arbitraries';

beforeEach(() => {
  // A warning a parser writes would flood the test log.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

describe('any value in any merge or check input', () => {
  it.each([
    [
      'merge',
      MERGE_INPUT_NAMES,
      parseMergeInputs,
      { tags: 'ghcr.io/acme/api:1', sources: 'ghcr.io/acme/api:a' },
    ],
    ['check', CHECK_INPUT_NAMES, parseCheckInputs, { images: 'ghcr.io/acme/api:1' }],
  ] as const)('%s: nothing but InputError, naming the input', (_, names, parse, base) => {
    for (const name of names.filter((n) => n !== 'command')) {
      fc.assert(
        fc.property(anyText, (value) => {
          try {
            parse((n) => (({ ...base, [name]: value }) as Record<string, string>)[n] ?? '');
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as Error).message).toMatch(/^Input "[a-z-]+": /);
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
