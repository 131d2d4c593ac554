/**
 * ARG and ENV-style substitution as Docker does it in FROM and ARG: `$VAR`,
 * `${VAR}` and the `:-`, `-`, `:+`, `+`, `:?`, `?` modifiers, with quote
 * removal. Pure: the scope is handed in, so the same words can be read once
 * for every target platform (resolution) or with platform ARGs kept as
 * written (the lint pass, which has no target).
 */

/**
 * ARGs BuildKit sets itself for every build. They are never substituted here
 * (their value depends on the platform being built) and never unresolved.
 */
export const AUTOMATIC_PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
]);

export interface ArgValue {
  /** undefined: declared without a default and not passed as a build-arg. */
  value?: string;
  /** Variables the default used that had no value themselves. */
  unresolved: string[];
}

export interface Expanded {
  text: string;
  unresolved: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
 * `${VAR+word}` and `${VAR:?msg}` like Docker does in FROM and ARG, removing
 * quotes. Variables without a value, and modifiers not supported here, stay as
 * written and are reported in `unresolved`. BuildKit's platform ARGs stay as
 * written and are not reported, unless `platformArgs` is 'substitute': then
 * they are looked up in `scope` like any other (one target platform's view).
 */
export function expandWord(
  word: string,
  scope: ReadonlyMap<string, ArgValue>,
  escape = '\\',
  platformArgs: 'keep' | 'substitute' = 'keep',
): Expanded {
  let text = '';
  const unresolved: string[] = [];
  let quote: string | undefined;
  let i = 0;
  while (i < word.length) {
    const c = word[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else text += c;
      i++;
    } else if (c === escape && i + 1 < word.length) {
      text += word[i + 1];
      i += 2;
    } else if (c === '"') {
      quote = quote ? undefined : '"';
      i++;
    } else if (c === "'" && !quote) {
      quote = "'";
      i++;
    } else if (c === '$') {
      const v = expandVariable(word, i, scope, escape, platformArgs);
      if (v) {
        text += v.text;
        for (const n of v.unresolved) if (!unresolved.includes(n)) unresolved.push(n);
        i = v.end;
      } else {
        text += c;
        i++;
      }
    } else {
      text += c;
      i++;
    }
  }
  return { text, unresolved };
}

function expandVariable(
  word: string,
  at: number,
  scope: ReadonlyMap<string, ArgValue>,
  escape: string,
  platformArgs: 'keep' | 'substitute',
): (Expanded & { end: number }) | undefined {
  const next = word[at + 1] ?? '';
  let name: string;
  let end: number;
  let modifier = '';
  if (NAME_START.test(next)) {
    let j = at + 2;
    while (j < word.length && NAME_CHAR.test(word[j] ?? '')) j++;
    name = word.slice(at + 1, j);
    end = j;
  } else if (next === '{') {
    let j = at + 2;
    if (!NAME_START.test(word[j] ?? '')) return undefined;
    while (j < word.length && NAME_CHAR.test(word[j] ?? '')) j++;
    name = word.slice(at + 2, j);
    // Find the matching brace; a default may hold `${…}` of its own.
    let depth = 1;
    let k = j;
    for (; k < word.length; k++) {
      if (word[k] === '{' && word[k - 1] === '$') depth++;
      else if (word[k] === '}' && --depth === 0) break;
    }
    if (k >= word.length) return undefined;
    modifier = word.slice(j, k);
    end = k + 1;
  } else {
    return undefined;
  }

  const asWritten = { text: word.slice(at, end), unresolved: [] as string[], end };
  if (platformArgs === 'keep' && AUTOMATIC_PLATFORM_ARGS.has(name)) return asWritten;
  const missing = { ...asWritten, unresolved: [name] };

  const arg = scope.get(name);
  const set = arg?.value !== undefined;
  const nonEmpty = set && arg?.value !== '';
  const value = { text: arg?.value ?? '', unresolved: arg?.unresolved ?? [], end };
  const operand = (skip: number): Expanded & { end: number } => ({
    ...expandWord(modifier.slice(skip), scope, escape, platformArgs),
    end,
  });

  if (modifier === '') return set ? value : missing;
  if (modifier.startsWith(':-')) return nonEmpty ? value : operand(2);
  if (modifier.startsWith('-')) return set ? value : operand(1);
  if (modifier.startsWith(':+')) return nonEmpty ? operand(2) : { text: '', unresolved: [], end };
  if (modifier.startsWith('+')) return set ? operand(1) : { text: '', unresolved: [], end };
  if (modifier.startsWith(':?')) return nonEmpty ? value : missing;
  if (modifier.startsWith('?')) return set ? value : missing;
  // `${VAR#pattern}`, `${VAR/a/b}` and the like: not worked out here.
  return missing;
}
