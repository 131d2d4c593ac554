/**
 * Reads a Dockerfile far enough to answer two questions for the `check`
 * sub-action: which images does the build start from (so their platforms can
 * be looked up), and which lines will go wrong on a platform other than the
 * one the author had in mind. Pure: no file system, no network.
 *
 * Only the parts of the Dockerfile grammar those questions need are handled:
 * parser directives, line continuations, comments, heredoc bodies, global ARGs
 * and their substitution into FROM, and the text of RUN and ADD.
 */
import { parsePlatform } from '../../oci/platform';

export interface FromLine {
  /** 1-based line where the FROM instruction starts. */
  line: number;
  /** The instruction as written, continuation lines joined with a space. */
  raw: string;
  /** The image after ARG substitution, `scratch`, or an earlier stage's name. */
  image: string;
  /** The --platform value after substitution; BuildKit's own platform ARGs stay as written. */
  platform?: string;
  /** The AS name, lowercased (stage names are case-insensitive). */
  stage?: string;
  /** `stage` when `image` names an earlier stage. */
  kind: 'image' | 'stage' | 'scratch';
  /** Variables used in image or platform that had no value; they stay in `image` as written. */
  unresolved: string[];
}

export interface DockerfileWarning {
  line: number;
  rule: 'hardcoded-arch-download' | 'fixed-platform';
  /** One sentence, with the fix. */
  message: string;
}

export interface ParsedDockerfile {
  froms: FromLine[];
  warnings: DockerfileWarning[];
}

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

// ---------------------------------------------------------------------------
// Splitting the file into instructions

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

const isBlank = (line: string): boolean => line.trim() === '';
const isComment = (line: string): boolean => line.trimStart().startsWith('#');
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/** Splits a Dockerfile into instructions, the way BuildKit's parser reads lines. */
export function splitInstructions(text: string): Instruction[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
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

// ---------------------------------------------------------------------------
// Words and variable substitution

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

interface ArgValue {
  /** undefined: declared without a default and not passed as a build-arg. */
  value?: string;
  /** Variables the default used that had no value themselves. */
  unresolved: string[];
}

interface Expanded {
  text: string;
  unresolved: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
 * `${VAR+word}` and `${VAR:?msg}` like Docker does in FROM and ARG, removing
 * quotes. Variables without a value, and modifiers not supported here, stay as
 * written and are reported in `unresolved`; BuildKit's platform ARGs stay as
 * written and are not reported.
 */
export function expandWord(
  word: string,
  scope: ReadonlyMap<string, ArgValue>,
  escape = '\\',
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
      const v = expandVariable(word, i, scope, escape);
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
  if (AUTOMATIC_PLATFORM_ARGS.has(name)) return asWritten;
  const missing = { ...asWritten, unresolved: [name] };

  const arg = scope.get(name);
  const set = arg?.value !== undefined;
  const nonEmpty = set && arg?.value !== '';
  const value = { text: arg?.value ?? '', unresolved: arg?.unresolved ?? [], end };
  const operand = (skip: number): Expanded & { end: number } => ({
    ...expandWord(modifier.slice(skip), scope, escape),
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

// ---------------------------------------------------------------------------
// The hard-coded architecture rule

const X86_TOKENS = ['amd64', 'x86_64', 'x86-64', 'linux64', 'x64', '64bit'];
const ARM_TOKENS = ['arm64', 'aarch64'];
const ARCH_TOKEN = new RegExp(
  `(?<![A-Za-z0-9])(${[...X86_TOKENS, ...ARM_TOKENS].map(escapeRegExp).join('|')})(?![A-Za-z0-9])`,
  'i',
);
const DOWNLOADER = /(?<![A-Za-z0-9_.-])(?:curl|wget|aria2c)(?![A-Za-z0-9_-])/;
const URL = /^(?:https?|ftp):\/\//i;

/** Ways a RUN can pick the architecture at build time instead of hard-coding it. */
const ARCH_AWARE = [
  /TARGETARCH|TARGETPLATFORM|TARGETVARIANT|BUILDARCH|BUILDPLATFORM/,
  /\buname\s+(?:-m|-p|--machine)\b/,
  /(?:\$\(|`)\s*arch\s*(?:\)|`)/,
  /\bdpkg\s+--print-architecture\b/,
  /\bapk\s+--print-arch\b/,
  /\bgo\s+env\s+GOARCH\b/,
];

/**
 * Commands whose arguments name packages or compiler targets, where an
 * architecture in the text (`gcc-x86-64-linux-gnu`, `libc6:arm64`,
 * `rustup target add aarch64-…`) is not a download.
 */
const NOT_DOWNLOADS = new Set([
  'apt-get',
  'apt',
  'aptitude',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'tdnf',
  'zypper',
  'dpkg',
  'rpm',
  'pip',
  'pip3',
  'pipx',
  'npm',
  'yarn',
  'pnpm',
  'gem',
  'conda',
  'mamba',
  'micromamba',
  'rustup',
  'cargo',
  'go',
  'gcc',
  'cc',
  'clang',
  'make',
  'cmake',
]);

const PREFIX_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  'sudo',
  'env',
  'exec',
  'time',
  'nohup',
  'command',
]);

/** A shell comment starts a word: `# …` at the start of a line or after a blank. */
const stripShellComment = (line: string): string => line.replace(/(^|\s)#.*$/, '$1');

/** The command a shell segment runs, past assignments, `sudo` and the like. */
function commandOf(segment: string): string {
  for (const w of segment.trim().split(/\s+/)) {
    const word = w.replace(/^[({]+/, '');
    if (word === '' || PREFIX_WORDS.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) continue;
    return (word.split('/').pop() ?? '').toLowerCase();
  }
  return '';
}

/**
 * The first hard-coded architecture in a RUN's shell text when the RUN
 * downloads something and never asks which architecture it is building for.
 */
export function hardcodedArchInRun(shell: string): string | undefined {
  if (ARCH_AWARE.some((re) => re.test(shell))) return undefined;
  const segments = shell.split(/&&|\|\||[;|\n]/).filter((s) => !NOT_DOWNLOADS.has(commandOf(s)));
  if (!segments.some((s) => DOWNLOADER.test(s))) return undefined;
  return ARCH_TOKEN.exec(segments.join('\n'))?.[1];
}

/** The first hard-coded architecture in the URLs of an ADD. */
export function hardcodedArchInAdd(args: string, escape = '\\'): string | undefined {
  if (ARCH_AWARE.some((re) => re.test(args))) return undefined;
  for (const word of splitWords(args, escape)) {
    const w = word.replace(/^["']|["']$/g, '');
    if (!URL.test(w)) continue;
    const m = ARCH_TOKEN.exec(w);
    if (m) return m[1];
  }
  return undefined;
}

function downloadMessage(
  keyword: string,
  token: string,
  onBuildPlatform: boolean,
): DockerfileWarning['message'] {
  const isArm = ARM_TOKENS.includes(token.toLowerCase());
  const wrong = isArm ? 'arm64' : 'amd64';
  const other = isArm ? 'amd64' : 'arm64';
  const mapping = isArm
    ? 'case "$TARGETARCH" in arm64) A=aarch64 ;; amd64) A=x86_64 ;; esac'
    : 'case "$TARGETARCH" in amd64) A=x86_64 ;; arm64) A=aarch64 ;; esac';
  if (onBuildPlatform) {
    return `${keyword} downloads a file with "${token}" hard-coded in a stage that runs on $BUILDPLATFORM, so the build fails on ${other} machines; add ARG BUILDARCH and use \${BUILDARCH} in the URL (or \${TARGETARCH} if the file ends up in the image), mapped where the project names architectures differently.`;
  }
  return `${keyword} downloads a file with "${token}" hard-coded, so the linux/${other} image gets an ${wrong} binary; add ARG TARGETARCH to the stage and use \${TARGETARCH} in the URL, mapped where the project names architectures differently (e.g. ${mapping}).`;
}

function fixedPlatformMessage(platform: string): string {
  let arch = platform;
  try {
    arch = parsePlatform(platform).architecture;
  } catch {
    // Not os/arch: name it as written.
  }
  return `FROM --platform=${platform} pins this stage to ${arch} for every target platform; use --platform=$BUILDPLATFORM for a build stage that cross-compiles, or drop the flag.`;
}

// ---------------------------------------------------------------------------
// The parser

const BUILD_PLATFORM = /\$\{?BUILD(?:PLATFORM|OS|ARCH)\b/;

export function parseDockerfile(
  text: string,
  buildArgs: Record<string, string> = {},
): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const escape = escapeCharacter(lines);
  const froms: FromLine[] = [];
  const warnings: DockerfileWarning[] = [];
  const globals = new Map<string, ArgValue>();
  /** Stage name → whether it runs on the build platform. */
  const stages = new Map<string, boolean>();
  let onBuildPlatform = false;

  for (const ins of splitInstructions(text)) {
    switch (ins.keyword) {
      case 'ARG':
        if (froms.length === 0) declareGlobals(ins.args, globals, buildArgs, escape);
        break;

      case 'FROM': {
        const from = parseFrom(ins, globals, stages, escape);
        if (!from) break;
        froms.push(from);
        const referenced = from.kind === 'stage' ? stages.get(from.image.toLowerCase()) : false;
        onBuildPlatform =
          from.platform !== undefined ? BUILD_PLATFORM.test(from.platform) : referenced === true;
        if (from.stage && !stages.has(from.stage)) stages.set(from.stage, onBuildPlatform);
        if (from.platform && !from.platform.includes('$')) {
          warnings.push({
            line: from.line,
            rule: 'fixed-platform',
            message: fixedPlatformMessage(from.platform),
          });
        }
        break;
      }

      case 'RUN': {
        const shell = [
          ins.parts.map(stripShellComment).join(' ').trim().replace(/^\S+/, ''),
          ...ins.heredoc.map(stripShellComment),
        ].join('\n');
        const token = hardcodedArchInRun(shell);
        if (token) {
          warnings.push({
            line: ins.line,
            rule: 'hardcoded-arch-download',
            message: downloadMessage('RUN', token, onBuildPlatform),
          });
        }
        break;
      }

      case 'ADD': {
        const token = hardcodedArchInAdd(ins.args, escape);
        if (token) {
          warnings.push({
            line: ins.line,
            rule: 'hardcoded-arch-download',
            message: downloadMessage('ADD', token, onBuildPlatform),
          });
        }
        break;
      }
    }
  }
  return { froms, warnings };
}

function declareGlobals(
  args: string,
  globals: Map<string, ArgValue>,
  buildArgs: Record<string, string>,
  escape: string,
): void {
  for (const word of splitWords(args, escape)) {
    const eq = word.indexOf('=');
    const name = eq < 0 ? word : word.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
      // Build-arg values are taken literally, like `docker build --build-arg`.
      globals.set(name, { value: buildArgs[name], unresolved: [] });
    } else if (eq >= 0) {
      const { text, unresolved } = expandWord(word.slice(eq + 1), globals, escape);
      globals.set(name, { value: text, unresolved });
    } else if (!globals.has(name)) {
      globals.set(name, { unresolved: [] });
    }
  }
}

function parseFrom(
  ins: Instruction,
  globals: ReadonlyMap<string, ArgValue>,
  stages: ReadonlyMap<string, boolean>,
  escape: string,
): FromLine | undefined {
  const words = splitWords(ins.args, escape);
  let platformWord: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift() ?? '';
    const m = /^--platform=(.*)$/i.exec(flag);
    if (m) platformWord = m[1];
  }
  const imageWord = words[0];
  if (imageWord === undefined) return undefined;

  const unresolved: string[] = [];
  const add = (names: string[]): void => {
    for (const n of names) if (!unresolved.includes(n)) unresolved.push(n);
  };
  const image = expandWord(imageWord, globals, escape);
  add(image.unresolved);
  let platform: string | undefined;
  if (platformWord !== undefined) {
    const p = expandWord(platformWord, globals, escape);
    add(p.unresolved);
    platform = p.text;
  }
  const stage = words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : undefined;

  const lower = image.text.toLowerCase();
  const kind = stages.has(lower) ? 'stage' : lower === 'scratch' ? 'scratch' : 'image';
  const from: FromLine = { line: ins.line, raw: ins.raw, image: image.text, kind, unresolved };
  if (platform !== undefined) from.platform = platform;
  if (stage !== undefined) from.stage = stage;
  return from;
}

/** External images only (kind 'image'), deduplicated, in order. */
export function baseImages(parsed: ParsedDockerfile): FromLine[] {
  const seen = new Set<string>();
  return parsed.froms.filter((f) => {
    if (f.kind !== 'image' || seen.has(f.image)) return false;
    seen.add(f.image);
    return true;
  });
}
