/** Properties of the list syntax (runner/list.ts) and shell words (runner/words.ts), over any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, listInput } from '../../../src/runner/inputs';
import { splitList, UnclosedQuoteError } from '../../../src/runner/list';
import { splitCommand } from '../../../src/runner/words';
import { anyText, RUNS } from '../arbitraries';

const syntaxes = fc.record({
  commas: fc.constantFrom('split' as const, 'keep' as const),
  quotes: fc.boolean(),
});

/** A plain item: no quote, comma or line break, trimmed, not a comment. */
const plainItem = anyText
  .map((s) => s.replace(/["\r\n,]/g, '').trim())
  .filter((s) => s !== '' && !s.startsWith('#'));

/** Any item a user might need to quote: trimmed, non-empty, with commas, quotes and lines. */
const quotableItem = anyText.map((s) => s.trim()).filter((s) => s !== '' && !/[\r]/.test(s));

describe('splitList, for any text', () => {
  it('throws nothing but UnclosedQuoteError, and gives trimmed, non-empty items', () => {
    fc.assert(
      fc.property(anyText, syntaxes, (raw, syntax) => {
        let items: string[];
        try {
          items = splitList(raw, syntax);
        } catch (err) {
          expect(err).toBeInstanceOf(UnclosedQuoteError);
          return;
        }
        for (const item of items) {
          expect(item).toBe(item.trim());
          expect(item).not.toBe('');
        }
      }),
      RUNS,
    );
  });

  // The first line break met ends every record (csv-parse's rule), so a text with only "\n"
  // breaks is the one where no item may hold one.
  it('never lets a line break into an unquoted item, nor a comma into a split one', () => {
    fc.assert(
      fc.property(
        anyText.map((s) => s.replace(/\r/g, '')),
        (raw) => {
          for (const item of splitList(raw, { commas: 'split', quotes: false })) {
            expect(item).not.toMatch(/[\n,]/);
          }
        },
      ),
      RUNS,
    );
  });

  it('listInput throws nothing but InputError, naming the input', () => {
    fc.assert(
      fc.property(anyText, syntaxes, (raw, syntax) => {
        try {
          listInput('tags', raw, syntax);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/^Input "tags": /);
        }
      }),
      RUNS,
    );
  });

  it('round-trips plain items, one per line', () => {
    fc.assert(
      fc.property(fc.array(plainItem, { maxLength: 8 }), syntaxes, (items, syntax) => {
        expect(splitList(items.join('\n'), { ...syntax, commas: 'keep' })).toEqual(items);
      }),
      RUNS,
    );
  });

  // commas: 'split' splits even a quoted item that is alone on its line, as build-push-action does.
  it('round-trips any item quoted ("" for a quote), commas and line breaks included', () => {
    fc.assert(
      fc.property(fc.array(quotableItem, { maxLength: 6 }), (items) => {
        const raw = items.map((i) => `"${i.replace(/"/g, '""')}"`).join('\n');
        expect(splitList(raw, { commas: 'keep' })).toEqual(items);
      }),
      RUNS,
    );
  });
});

describe('splitCommand, for any text', () => {
  it('throws nothing but InputError, naming smoke-command', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        try {
          const words = splitCommand(raw);
          for (const w of words) expect(typeof w).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/^Input "smoke-command": /);
        }
      }),
      RUNS,
    );
  });

  it('round-trips any words as a JSON array', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 6 }), (words) => {
        expect(splitCommand(JSON.stringify(words))).toEqual(words);
      }),
      RUNS,
    );
  });

  it('round-trips words in single quotes (no shell: $(…), ; and | stay text)', () => {
    const word = anyText.map((s) => s.replace(/'/g, ''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const raw = words.map((w) => `'${w}'`).join(' ');
        expect(splitCommand(raw)).toEqual(words);
      }),
      RUNS,
    );
  });

  it('splits unquoted words on white space only', () => {
    const word = anyText
      .map((s) => s.replace(/["'\s]/g, ''))
      .filter((s) => s !== '' && !s.startsWith('['));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        expect(splitCommand(words.join(' '))).toEqual(words);
      }),
      RUNS,
    );
  });
});
