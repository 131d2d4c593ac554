/**
 * Reads a Dockerfile far enough to answer two questions for the `check`
 * sub-action: which images does the build start from (so their platforms can
 * be looked up), and which lines will go wrong on a platform other than the
 * one the author had in mind. Pure: no file system, no network.
 *
 * Only the parts of the Dockerfile grammar those questions need are handled:
 * parser directives, line continuations, comments, heredoc bodies, global ARGs
 * and their substitution into FROM, COPY --from, RUN --mount from=, and the
 * text of RUN and ADD. `resolveDockerfile` then works the build out per target
 * platform, as BuildKit does (see there for what is and is not modelled).
 */
import { formatPlatform, normalize, parsePlatform, type Platform } from '../../oci/platform';
import { errorMessage } from '../../runner/errors';

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

export interface ArgValue {
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

// ---------------------------------------------------------------------------
// The build graph, per target platform, as BuildKit's Dockerfile frontend
// (dockerfile2llb) builds it: which images a build pulls, for which platform.

/** A place where a stage reads an image or another stage. */
export interface SourceLine {
  /** 1-based line of the instruction. */
  line: number;
  /** The instruction as written, continuation lines joined. */
  raw: string;
  via: 'FROM' | 'COPY --from' | 'RUN --mount';
  /** The reference as written: before substitution for FROM; `--from` takes no variables. */
  word: string;
}

export interface StageDecl {
  index: number;
  /** The AS name, lowercased; BuildKit registers stage names in lower case. */
  name?: string;
  from: SourceLine & { platformWord?: string };
  /** COPY --from= and RUN --mount=…,from= of the stage, in order. */
  reads: SourceLine[];
}

export interface GlobalArg {
  line: number;
  name: string;
  /** The default as written after `=`; undefined for `ARG NAME`. */
  default?: string;
}

/** The parts of a Dockerfile that decide what a build pulls. Pure data. */
export interface DockerfileModel {
  escape: string;
  /** ARGs before the first FROM, in order. */
  globals: GlobalArg[];
  stages: StageDecl[];
}

/** The ARGs BuildKit sets itself, from the target and build platforms (dockerfile2llb's defaultArgs). */
export const BUILDKIT_ARGS: readonly string[] = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDOSVERSION',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETOSVERSION',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
];

const unquote = (w: string): string => w.replace(/^(["'])(.*)\1$/, '$2');

/** The `--name=value` flags in front of an instruction's arguments. */
function leadingFlags(args: string, escape: string): { name: string; value: string }[] {
  const flags: { name: string; value: string }[] = [];
  for (const word of splitWords(args, escape)) {
    if (!word.startsWith('--')) break;
    const eq = word.indexOf('=');
    flags.push({
      name: (eq < 0 ? word.slice(2) : word.slice(2, eq)).toLowerCase(),
      value: eq < 0 ? '' : unquote(word.slice(eq + 1)),
    });
  }
  return flags;
}

/** The `from=` of a RUN --mount value (`type=cache,target=/x,from=img`); CSV, quotes allowed. */
export function mountFrom(value: string): string | undefined {
  const fields: string[] = [];
  let field = '';
  let quote: string | undefined;
  for (const c of value) {
    if (quote) {
      if (c === quote) quote = undefined;
      else field += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq > 0 && f.slice(0, eq).trim().toLowerCase() === 'from') return f.slice(eq + 1).trim();
  }
  return undefined;
}

/** Reads the stages, their sources and the global ARGs of a Dockerfile. */
export function readModel(text: string): DockerfileModel {
  const escape = escapeCharacter(text.replace(/^\uFEFF/, '').split(/\r?\n/));
  const globals: GlobalArg[] = [];
  const stages: StageDecl[] = [];
  for (const ins of splitInstructions(text)) {
    const current = stages[stages.length - 1];
    if (ins.keyword === 'ARG' && !current) {
      for (const word of splitWords(ins.args, escape)) {
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
        globals.push(
          eq < 0 ? { line: ins.line, name } : { line: ins.line, name, default: word.slice(eq + 1) },
        );
      }
    } else if (ins.keyword === 'FROM') {
      const words = splitWords(ins.args, escape);
      let platformWord: string | undefined;
      while (words[0]?.startsWith('--')) {
        const m = /^--platform=(.*)$/i.exec(words.shift() ?? '');
        if (m) platformWord = m[1];
      }
      const word = words[0];
      if (word === undefined) continue;
      const name =
        words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : undefined;
      const from: StageDecl['from'] = { line: ins.line, raw: ins.raw, via: 'FROM', word };
      if (platformWord !== undefined) from.platformWord = platformWord;
      stages.push({ index: stages.length, ...(name ? { name } : {}), from, reads: [] });
    } else if (current && ins.keyword === 'COPY') {
      const from = leadingFlags(ins.args, escape).find((f) => f.name === 'from');
      if (from?.value) {
        current.reads.push({ line: ins.line, raw: ins.raw, via: 'COPY --from', word: from.value });
      }
    } else if (current && ins.keyword === 'RUN') {
      for (const flag of leadingFlags(ins.args, escape)) {
        const word = flag.name === 'mount' ? mountFrom(flag.value) : undefined;
        if (word) current.reads.push({ line: ins.line, raw: ins.raw, via: 'RUN --mount', word });
      }
    }
  }
  return { escape, globals, stages };
}

/**
 * A platform as BuildKit spells it in its ARGs (containerd's normalisation):
 * arm64 without its default v8, 32-bit arm with its default v7.
 */
export function buildkitPlatform(p: Platform): { os: string; arch: string; variant: string } {
  const n = normalize(p);
  const variant = n.architecture === 'arm' ? (n.variant ?? 'v7') : (n.variant ?? '');
  return { os: n.os, arch: n.architecture, variant };
}

const platformArg = (p: { os: string; arch: string; variant: string }): string =>
  [p.os, p.arch, p.variant].filter(Boolean).join('/');

/** BuildKit's own ARGs for one target, before the Dockerfile's global ARGs and the build-args. */
export function automaticArgs(
  target: Platform,
  build: Platform,
  targetStage: string,
): Map<string, string> {
  const t = buildkitPlatform(target);
  const b = buildkitPlatform(build);
  return new Map([
    ['BUILDPLATFORM', platformArg(b)],
    ['BUILDOS', b.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', b.arch],
    ['BUILDVARIANT', b.variant],
    ['TARGETPLATFORM', platformArg(t)],
    ['TARGETOS', t.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', t.arch],
    ['TARGETVARIANT', t.variant],
    ['TARGETSTAGE', targetStage],
  ]);
}

export interface ResolveOptions {
  /** The platforms the build is for. */
  targets: Platform[];
  /** The builder's own platform: $BUILDPLATFORM. */
  buildPlatform: Platform;
  buildArgs?: Record<string, string>;
  /** The stage to build (`--target`); the last stage when unset. */
  target?: string;
}

/** What one source line does in the build for one target platform. */
export interface SourceUse {
  /** Index of the stage the line belongs to. */
  stage: number;
  source: SourceLine;
  /** The reference after substitution. */
  ref: string;
  kind: 'image' | 'stage' | 'scratch';
  /** For kind 'stage': the index of the stage it names. */
  stageRef?: number;
  /** For kind 'image': the platform BuildKit pulls it for (the target, or the line's --platform). */
  platform?: Platform;
  /** The --platform flag after substitution, when the line has one. */
  platformFlag?: string;
  /** The --platform flag as written: `$BUILDPLATFORM`. */
  platformWord?: string;
  /** Variables with no value, as written: the reference or platform could not be worked out. */
  unresolved: string[];
  /** Whether the build reaches the stage (from the target stage, through FROM, COPY --from and RUN --mount). */
  reachable: boolean;
}

export interface TargetResolution {
  target: Platform;
  /** The stage the build ends with: the `target` one, or the last; undefined when `target` names none. */
  targetStage?: number;
  uses: SourceUse[];
  /** What makes BuildKit refuse this build, at a line, with the value and the fix. */
  errors: { line: number; message: string }[];
}

export interface ResolvedDockerfile {
  model: DockerfileModel;
  targets: TargetResolution[];
  /** Lines that resolve differently across BuildKit versions, with the fix. */
  warnings: { line: number; message: string }[];
}

/** Whether a word uses $NAME or ${NAME…}. */
const usesVariable = (word: string, name: string): boolean =>
  new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(word);

/** The global scope of one target: BuildKit's ARGs, the build-args over them, then the global ARGs. */
function globalScope(
  model: DockerfileModel,
  automatic: Map<string, string>,
  buildArgs: Record<string, string>,
): Map<string, ArgValue> {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(buildArgs, name);
  const scope = new Map<string, ArgValue>();
  for (const [name, value] of automatic)
    scope.set(name, { value: has(name) ? buildArgs[name] : value, unresolved: [] });
  for (const g of model.globals) {
    if (has(g.name)) {
      // Build-arg values are taken literally, like `docker build --build-arg`.
      scope.set(g.name, { value: buildArgs[g.name], unresolved: [] });
    } else if (g.default !== undefined) {
      const { text, unresolved } = expandWord(g.default, scope, model.escape, 'substitute');
      scope.set(g.name, { value: text, unresolved });
    } else if (!scope.has(g.name)) {
      scope.set(g.name, { unresolved: [] });
    }
  }
  return scope;
}

/**
 * Works out, for each target platform, what every FROM, COPY --from and RUN
 * --mount from= line of the Dockerfile resolves to, the platform each image is
 * pulled for, and which stages the build reaches, following BuildKit's
 * Dockerfile frontend:
 *
 * - the global scope is BuildKit's platform ARGs (overridden by build-args of
 *   the same name), then the ARGs before the first FROM in order: a build-arg
 *   wins, else the default, expanded in the scope so far, replaces the value
 *   (even of a platform ARG); `ARG NAME` alone leaves it as it is;
 * - a FROM names an earlier stage when its substituted reference equals that
 *   stage's (lower-cased) name, case-sensitively; `scratch` is no image;
 * - --platform is substituted and parsed per target; an image without it is
 *   pulled for the target;
 * - COPY --from and RUN --mount from= name any stage (case-insensitively), a
 *   stage index, or else an image pulled for the target;
 * - the build reaches the target stage (or the last one) and, recursively,
 *   the stages its FROM and its --from sources name.
 *
 * Not modelled: ONBUILD triggers of base images, named build contexts
 * (--build-context), and `${VAR#…}`-style modifiers (reported as unresolved).
 */
export function resolveDockerfile(text: string, opts: ResolveOptions): ResolvedDockerfile {
  const model = readModel(text);
  const buildArgs = opts.buildArgs ?? {};
  const targets = opts.targets.map((t) => resolveTarget(model, t, opts, buildArgs));
  return { model, targets, warnings: versionWarnings(model, buildArgs) };
}

function resolveTarget(
  model: DockerfileModel,
  target: Platform,
  opts: ResolveOptions,
  buildArgs: Record<string, string>,
): TargetResolution {
  const errors: TargetResolution['errors'] = [];
  const last = model.stages[model.stages.length - 1];
  const targetName = opts.target?.toLowerCase() ?? last?.name ?? '';
  const scope = globalScope(
    model,
    automaticArgs(target, opts.buildPlatform, targetName),
    buildArgs,
  );
  const expand = (word: string): Expanded => expandWord(word, scope, model.escape, 'substitute');

  const byName = new Map<string, number>();
  const uses: SourceUse[] = [];
  for (const stage of model.stages) {
    const { from } = stage;
    const ref = expand(from.word);
    const use: SourceUse = {
      stage: stage.index,
      source: from,
      ref: ref.text,
      kind: 'image',
      unresolved: [...ref.unresolved],
      reachable: false,
    };
    if (ref.unresolved.length === 0 && ref.text === '') {
      errors.push({
        line: from.line,
        message: `FROM ${from.word} is blank for ${formatPlatform(target)}: BuildKit stops with "base name (${from.word}) should not be blank". Give the variable a default (\${VAR:-image}) or pass it in build-args.`,
      });
    }
    const named = byName.get(ref.text);
    if (ref.text === 'scratch') use.kind = 'scratch';
    else if (named !== undefined) {
      use.kind = 'stage';
      use.stageRef = named;
    }
    if (from.platformWord !== undefined) {
      const p = expand(from.platformWord);
      use.platformFlag = p.text;
      use.platformWord = from.platformWord;
      for (const n of p.unresolved) if (!use.unresolved.includes(n)) use.unresolved.push(n);
      if (p.unresolved.length === 0) {
        try {
          use.platform = parsePlatform(p.text);
        } catch (err) {
          errors.push({
            line: from.line,
            message: `FROM --platform=${from.platformWord} is "${p.text}" for ${formatPlatform(target)}, which BuildKit cannot parse (${errorMessage(err)}). Use os/arch[/variant], like --platform=$BUILDPLATFORM or --platform=linux/amd64.`,
          });
        }
      }
    } else {
      use.platform = target;
    }
    uses.push(use);
    // Registered after its own FROM is looked up: `FROM x AS x` pulls the image x.
    if (stage.name) byName.set(stage.name, stage.index);
  }

  for (const stage of model.stages) {
    for (const source of stage.reads) {
      const use: SourceUse = {
        stage: stage.index,
        source,
        ref: source.word,
        kind: 'image',
        unresolved: [],
        reachable: false,
        platform: target,
      };
      if (source.word.includes('$')) {
        errors.push({
          line: source.line,
          message: `${source.via}=${source.word}: BuildKit does not expand variables in --from and stops the build. Define a stage with FROM ${source.word} AS <name> (FROM takes global ARGs) and use --from=<name>.`,
        });
        use.unresolved = [source.word];
        uses.push(use);
        continue;
      }
      const index = /^\d+$/.test(source.word) ? Number(source.word) : undefined;
      const named = index ?? byName.get(source.word.toLowerCase());
      if (named !== undefined && named < model.stages.length) {
        use.kind = 'stage';
        use.stageRef = named;
        delete use.platform;
      } else if (index !== undefined) {
        errors.push({
          line: source.line,
          message: `${source.via}=${source.word}: there is no stage ${index} (the Dockerfile has ${model.stages.length}, numbered from 0). Use the index or the AS name of an earlier stage.`,
        });
        delete use.platform;
        use.kind = 'stage';
      } else if (source.word === 'scratch') {
        use.kind = 'scratch';
        delete use.platform;
      }
      uses.push(use);
    }
  }

  let targetStage: number | undefined = model.stages.length - 1;
  if (opts.target !== undefined) {
    targetStage = byName.get(targetName);
    if (targetStage === undefined) {
      const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
      errors.push({
        line: last?.from.line ?? 1,
        message: `target "${opts.target}" names no stage of the Dockerfile, so BuildKit stops with "target stage could not be found". Use one of its AS names: ${names.join(', ') || '(none: add AS <name> to a FROM)'}.`,
      });
    }
  }
  // Mark the stages the build reaches, and with them their lines.
  const reached = new Set<number>();
  const pending = targetStage !== undefined && targetStage >= 0 ? [targetStage] : [];
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (reached.has(index)) continue;
    reached.add(index);
    for (const u of uses)
      if (u.stage === index && u.kind === 'stage' && u.stageRef !== undefined)
        pending.push(u.stageRef);
  }
  for (const u of uses) u.reachable = reached.has(u.stage);
  uses.sort((a, b) => a.source.line - b.source.line);
  const resolution: TargetResolution = { target, uses, errors };
  if (targetStage !== undefined && targetStage >= 0) resolution.targetStage = targetStage;
  return resolution;
}

/**
 * Global `ARG TARGETOS` (any BuildKit platform ARG) without a value: newer
 * BuildKit keeps the platform's value for FROM lines, older BuildKit (Docker
 * Engine 26's built-in builder among them) empties it, so the same FROM pulls
 * something else, or nothing, depending on the builder.
 */
function versionWarnings(
  model: DockerfileModel,
  buildArgs: Record<string, string>,
): ResolvedDockerfile['warnings'] {
  const warnings: ResolvedDockerfile['warnings'] = [];
  const seen = new Set<string>();
  for (const g of model.globals) {
    if (g.default !== undefined || !BUILDKIT_ARGS.includes(g.name) || seen.has(g.name)) continue;
    if (Object.prototype.hasOwnProperty.call(buildArgs, g.name)) continue;
    const user = model.stages.find(
      (s) =>
        usesVariable(s.from.word, g.name) ||
        (s.from.platformWord !== undefined && usesVariable(s.from.platformWord, g.name)),
    );
    if (!user) continue;
    seen.add(g.name);
    warnings.push({
      line: g.line,
      message: `ARG ${g.name} before the first FROM, without a value, changes what line ${user.from.line} (${user.from.raw}) pulls with the BuildKit version: newer BuildKit keeps the platform's $${g.name}, older BuildKit (the builder built into Docker Engine 26 among them) makes it empty. Delete this line: BuildKit's platform ARGs need no declaration before FROM.`,
    });
  }
  return warnings;
}
