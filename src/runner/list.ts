/**
 * List inputs, read the way docker/build-push-action reads them (the
 * toolkit's getInputList: CSV records, relaxed quotes), so that a `with:`
 * block means the same here:
 * - one item per line; `commas: 'split'` also splits each line on commas,
 *   `commas: 'keep'` keeps an item's commas (build-args, labels, cache specs…);
 * - an item may be quoted: `"a,b"` is one value without its quotes, `""` in it
 *   is a quote, and a quoted item may span lines (a multi-line secret);
 * - a quote that does not open an item is an ordinary character (`k="v"`);
 * - lines starting with `#` are comments (build-push-action has none; there
 *   such a line would reach buildx as a value);
 * - items are trimmed, and empty ones dropped.
 * `quotes: false` reads quotes as ordinary characters (outputs, driver-opts,
 * whose buildx syntax quotes values itself). Pure.
 */

import { MultiarchError } from './errors';

export interface ListSyntax {
  commas: 'split' | 'keep';
  /** Whether `"` opens a quoted item (default true). */
  quotes?: boolean;
}

/** A quoted item that never ends; `line` is where it opened (1-based). */
export class UnclosedQuoteError extends MultiarchError {
  constructor(readonly line: number) {
    super('invalid', `a quote opened on line ${line} is never closed`);
  }
}

/** CSV records: each a list of fields, as csv-parse reads them with relax_quotes. */
export function csvRecords(text: string, quotes = true): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  // The field opened with a quote and has not closed it yet.
  let quoting = false;
  // The field started (a character, or a closed quote): a quote now is literal.
  let started = false;
  let line = 1;
  let openedOn = 1;
  const endField = (): void => {
    fields.push(field);
    field = '';
    started = false;
  };
  const endRecord = (): void => {
    endField();
    // A blank line is no record (csv-parse's skip_empty_lines).
    if (!(fields.length === 1 && fields[0] === '')) records.push(fields);
    fields = [];
  };
  // Like csv-parse, the first line break met outside quotes is the one that ends records.
  let eol: string | undefined;
  /** The length of the record delimiter at `at`, or 0. */
  const breakAt = (at: number): number => {
    if (eol === undefined) {
      if (text[at] !== '\r' && text[at] !== '\n') return 0;
      eol = text.startsWith('\r\n', at) ? '\r\n' : (text[at] as string);
    }
    return text.startsWith(eol, at) ? eol.length : 0;
  };
  let i = 0;
  while (i < text.length) {
    const atRecordStart = fields.length === 0 && !started && !quoting && field === '';
    if (atRecordStart && text[text.slice(i).search(/[^ \t]|$/) + i] === '#') {
      let end = i;
      while (end < text.length && breakAt(end) === 0) end++;
      i = end + breakAt(end);
      line++;
      continue;
    }
    const c = text[i] as string;
    if (quoting) {
      if (c === '"') {
        const next = text[i + 1];
        if (next === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoting = false;
        started = true;
        if (next !== undefined && next !== ',' && breakAt(i + 1) === 0) {
          // A quote closing in mid-item: the item was not quoted after all, and reads as written.
          field = `"${field}"`;
        }
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (breakAt(i) > 0) {
      i += breakAt(i);
      endRecord();
      line++;
    } else if (c === '"' && quotes && !started && field === '') {
      quoting = true;
      openedOn = line;
      i++;
    } else {
      field += c;
      started = true;
      i++;
    }
  }
  if (quoting) throw new UnclosedQuoteError(openedOn);
  if (fields.length > 0 || started || field !== '') endRecord();
  return records;
}

/** The items of a list input. Throws UnclosedQuoteError for a quote that never ends. */
export function splitList(raw: string, syntax: ListSyntax): string[] {
  const items: string[] = [];
  for (const record of csvRecords(raw, syntax.quotes ?? true)) {
    if (syntax.commas === 'keep') items.push(record.join(','));
    else if (record.length === 1) items.push(...(record[0] as string).split(','));
    else items.push(...record);
  }
  return items.map((s) => s.trim()).filter((s) => s !== '');
}
