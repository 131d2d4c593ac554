/**
 * The model: the parts of a Dockerfile that decide what a build pulls, as
 * written, before any substitution. It is read once and then resolved for
 * each target platform, because BuildKit works the same lines out differently
 * per target. Pure data.
 */
import {
  argDeclarations,
  escapeOf,
  fromWords,
  splitInstructions,
  splitWords,
} from './instructions';

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
  const escape = escapeOf(text);
  const globals: GlobalArg[] = [];
  const stages: StageDecl[] = [];
  for (const ins of splitInstructions(text)) {
    const current = stages[stages.length - 1];
    if (ins.keyword === 'ARG' && !current) {
      for (const arg of argDeclarations(ins.args, escape)) globals.push({ line: ins.line, ...arg });
    } else if (ins.keyword === 'FROM') {
      const words = fromWords(ins.args, escape);
      if (!words) continue;
      const from: StageDecl['from'] = {
        line: ins.line,
        raw: ins.raw,
        via: 'FROM',
        word: words.image,
      };
      if (words.platformWord !== undefined) from.platformWord = words.platformWord;
      const name = words.stage;
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
