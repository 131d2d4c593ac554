/**
 * Splits a Dockerfile into instructions and their words, the way BuildKit's
 * parser reads lines. Only the parts of the grammar the readiness questions
 * need are handled: parser directives, line continuations, comments and
 * heredoc bodies. Pure: no file system, no network.
 */

/** One instruction with its continuation lines and heredoc bodies. */
export interface Instruction {
  /** 1-based line of the first physical line. */
  line: number;
  /** Upper-cased instruction name: `FROM`, `RUN`, … */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  /** The whole instruction, continuation lines joined with a space. */
  raw: string;
  /** The physical lines that made up the instruction, escape characters removed. */
  parts: string[];
  /** Lines of the heredoc bodies that follow the instruction, terminators left out. */
  heredoc: string[];
}

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
// `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<'EOF'` at the start of a word; `<<<` is a here-string.
const HEREDOC = /(?:^|\s)\d*<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/g;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isBlank = (line: string): boolean => line.trim() === '';
const isComment = (line: string): boolean => line.trimStart().startsWith('#');
const physicalLines = (text: string): string[] => text.replace(/^\uFEFF/, '').split(/\r?\n/);

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The escape character from a `# escape=` parser directive, or `\`. Directives
 * are only read at the very top: the first line that is not a known directive
 * (an instruction, a blank line, an ordinary comment) ends them.
 */
export function escapeCharacter(lines: string[]): string {
  let escape = '\\';
  const seen = new Set<string>();
  for (const line of lines) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    const key = (m[1] ?? '').toLowerCase();
    if (!KNOWN_DIRECTIVES.has(key) || seen.has(key)) break;
    seen.add(key);
    if (key === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  return escape;
}

/** The escape character of a whole Dockerfile's text. */
export const escapeOf = (text: string): string => escapeCharacter(physicalLines(text));

/** Splits a Dockerfile into instructions, the way BuildKit's parser reads lines. */
export function splitInstructions(text: string): Instruction[] {
  const lines = physicalLines(text);
  const escape = escapeCharacter(lines);
  const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
  const out: Instruction[] = [];

  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    if (isBlank(first) || isComment(first)) {
      i++;
      continue;
    }
    const start = i;
    const parts: string[] = [];
    let current = first;
    for (;;) {
      const m = continuation.exec(current);
      i++;
      if (!m) {
        parts.push(current);
        break;
      }
      parts.push(current.slice(0, m.index));
      // Comment lines and blank lines inside a continuation are dropped.
      while (i < lines.length && (isComment(lines[i] ?? '') || isBlank(lines[i] ?? ''))) i++;
      if (i >= lines.length) break;
      current = lines[i] ?? '';
    }

    const raw = parts
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join(' ');
    const space = raw.search(/\s/);
    const keyword = (space < 0 ? raw : raw.slice(0, space)).toUpperCase();
    const args = space < 0 ? '' : raw.slice(space + 1).trim();

    const heredoc: string[] = [];
    if (HEREDOC_INSTRUCTIONS.has(keyword)) {
      for (const h of args.matchAll(HEREDOC)) {
        const strip = h[1] === '-';
        const name = h[3] ?? '';
        while (i < lines.length) {
          const line = lines[i] ?? '';
          i++;
          if ((strip ? line.replace(/^\t+/, '') : line) === name) break;
          heredoc.push(line);
        }
      }
    }
    out.push({ line: start + 1, keyword, args, raw, parts, heredoc });
  }
  return out;
}

/** Splits on blanks outside quotes; quotes and escapes stay in the words. */
export function splitWords(s: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (quote) {
      word += c;
      if (c === escape && quote === '"' && i + 1 < s.length) word += s[++i];
      else if (c === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += c;
    if (c === escape && i + 1 < s.length) word += s[++i];
    else if (c === '"' || c === "'") quote = c;
  }
  if (inWord) words.push(word);
  return words;
}

/** The words of a FROM, as written: undefined when it names no image. */
export interface FromWords {
  image: string;
  /** The last --platform flag's value; other flags are passed over. */
  platformWord?: string;
  /** The AS name, lowercased: BuildKit registers stage names in lower case. */
  stage?: string;
}

export function fromWords(args: string, escape: string): FromWords | undefined {
  const words = splitWords(args, escape);
  let platformWord: string | undefined;
  while (words[0]?.startsWith('--')) {
    const m = /^--platform=(.*)$/i.exec(words.shift() ?? '');
    if (m) platformWord = m[1];
  }
  const image = words[0];
  if (image === undefined) return undefined;
  const stage = words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : undefined;
  return {
    image,
    ...(platformWord !== undefined ? { platformWord } : {}),
    ...(stage !== undefined ? { stage } : {}),
  };
}

/** The names an ARG declares, each with its default as written after `=`; bad names are skipped. */
export function argDeclarations(
  args: string,
  escape: string,
): { name: string; default?: string }[] {
  const out: { name: string; default?: string }[] = [];
  for (const word of splitWords(args, escape)) {
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!ARG_NAME.test(name)) continue;
    out.push(eq < 0 ? { name } : { name, default: word.slice(eq + 1) });
  }
  return out;
}
