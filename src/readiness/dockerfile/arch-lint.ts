/**
 * The lint rules: lines that will go wrong on a platform other than the one
 * the author had in mind. A download with an architecture written into it
 * fetches the wrong binary for every other target, and a fixed --platform
 * pins a stage whatever the build is for. Pure.
 */
import { parsePlatform } from '../../oci/platform';
import { escapeRegExp, splitWords, type Instruction } from './instructions';

export interface DockerfileWarning {
  line: number;
  rule: 'hardcoded-arch-download' | 'fixed-platform';
  /** One sentence, with the fix. */
  message: string;
}

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

/** A shell comment is not part of what runs, and may name an architecture freely. */
const runShell = (ins: Instruction): string =>
  [
    ins.parts.map(stripShellComment).join(' ').trim().replace(/^\S+/, ''),
    ...ins.heredoc.map(stripShellComment),
  ].join('\n');

/** The warning of a RUN or ADD that downloads a hard-coded architecture; undefined for others. */
export function downloadWarning(
  ins: Instruction,
  escape: string,
  onBuildPlatform: boolean,
): DockerfileWarning | undefined {
  let token: string | undefined;
  if (ins.keyword === 'RUN') token = hardcodedArchInRun(runShell(ins));
  else if (ins.keyword === 'ADD') token = hardcodedArchInAdd(ins.args, escape);
  if (!token) return undefined;
  return {
    line: ins.line,
    rule: 'hardcoded-arch-download',
    message: downloadMessage(ins.keyword, token, onBuildPlatform),
  };
}

/** A --platform without a variable is the same for every target; undefined when there is none. */
export function fixedPlatformWarning(
  line: number,
  platform: string | undefined,
): DockerfileWarning | undefined {
  if (!platform || platform.includes('$')) return undefined;
  return { line, rule: 'fixed-platform', message: fixedPlatformMessage(platform) };
}
