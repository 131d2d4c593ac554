/**
 * The lint pass: one reading of a Dockerfile with no target platform in mind.
 * It lists the FROM lines with the global ARGs substituted (BuildKit's own
 * platform ARGs stay as written, since they differ per target) and collects
 * the arch-lint warnings, knowing for each line whether its stage runs on the
 * build platform, where the advice differs. Pure.
 */
import { downloadWarning, fixedPlatformWarning, type DockerfileWarning } from './arch-lint';
import { expandWord, type ArgValue } from './expansion';
import {
  argDeclarations,
  escapeOf,
  fromWords,
  splitInstructions,
  type Instruction,
} from './instructions';

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

export interface ParsedDockerfile {
  froms: FromLine[];
  warnings: DockerfileWarning[];
}

const BUILD_PLATFORM = /\$\{?BUILD(?:PLATFORM|OS|ARCH)\b/;

export function parseDockerfile(
  text: string,
  buildArgs: Record<string, string> = {},
): ParsedDockerfile {
  const escape = escapeOf(text);
  const froms: FromLine[] = [];
  const warnings: DockerfileWarning[] = [];
  const globals = new Map<string, ArgValue>();
  /** Stage name → whether it runs on the build platform. */
  const stages = new Map<string, boolean>();
  let onBuildPlatform = false;

  for (const ins of splitInstructions(text)) {
    if (ins.keyword === 'ARG') {
      if (froms.length === 0) declareGlobals(ins.args, globals, buildArgs, escape);
    } else if (ins.keyword === 'FROM') {
      const from = parseFrom(ins, globals, stages, escape);
      if (!from) continue;
      froms.push(from);
      const referenced = from.kind === 'stage' ? stages.get(from.image.toLowerCase()) : false;
      onBuildPlatform =
        from.platform !== undefined ? BUILD_PLATFORM.test(from.platform) : referenced === true;
      if (from.stage && !stages.has(from.stage)) stages.set(from.stage, onBuildPlatform);
      const fixed = fixedPlatformWarning(from.line, from.platform);
      if (fixed) warnings.push(fixed);
    } else {
      const download = downloadWarning(ins, escape, onBuildPlatform);
      if (download) warnings.push(download);
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
  for (const { name, default: value } of argDeclarations(args, escape)) {
    if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
      // Build-arg values are taken literally, like `docker build --build-arg`.
      globals.set(name, { value: buildArgs[name], unresolved: [] });
    } else if (value !== undefined) {
      const { text, unresolved } = expandWord(value, globals, escape);
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
  const words = fromWords(ins.args, escape);
  if (!words) return undefined;

  const unresolved: string[] = [];
  const add = (names: string[]): void => {
    for (const n of names) if (!unresolved.includes(n)) unresolved.push(n);
  };
  const image = expandWord(words.image, globals, escape);
  add(image.unresolved);
  let platform: string | undefined;
  if (words.platformWord !== undefined) {
    const p = expandWord(words.platformWord, globals, escape);
    add(p.unresolved);
    platform = p.text;
  }

  const lower = image.text.toLowerCase();
  const kind = stages.has(lower) ? 'stage' : lower === 'scratch' ? 'scratch' : 'image';
  const from: FromLine = { line: ins.line, raw: ins.raw, image: image.text, kind, unresolved };
  if (platform !== undefined) from.platform = platform;
  if (words.stage !== undefined) from.stage = words.stage;
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
