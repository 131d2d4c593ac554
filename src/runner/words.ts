import { InputError } from './inputs';

/**
 * Splits a smoke command into argv without any shell: a JSON array of strings,
 * or words separated by spaces with '…' and "…" quoting. To use a shell, say so:
 * `sh -c "…"`.
 */
export function splitCommand(raw: string): string[] {
  const v = raw.trim();
  if (v === '') return [];
  if (v.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      parsed = undefined;
    }
    if (
      !Array.isArray(parsed) ||
      !parsed.every((x) => typeof x === 'string') ||
      parsed.length === 0
    ) {
      throw new InputError(
        'smoke-command',
        raw,
        'is not a JSON array of strings',
        'Write ["/app","--version"] or plain words: /app --version.',
      );
    }
    return parsed as string[];
  }
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && (v[i + 1] === '"' || v[i + 1] === '\\'))
        word += v[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) {
    throw new InputError(
      'smoke-command',
      raw,
      `has an unclosed ${quote} quote`,
      'Close the quote, or give a JSON array like ["sh","-c","echo hi"].',
    );
  }
  if (inWord) words.push(word);
  return words;
}
