// Turns the user's manifest patterns into file paths.
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import * as glob from '@actions/glob';

export interface PatternMatches {
  /** The pattern as the user wrote it (trimmed). */
  pattern: string;
  /** Files it matched after exclusions: sorted, unique; may be empty. */
  files: string[];
}

const MAGIC = /[*?[]/;

/**
 * Expands `{a,b}` alternatives (nestable), which `@actions/glob` does not support. A brace pair
 * without a top-level comma, or an unbalanced brace, is kept as literal text.
 */
export function expandBraces(pattern: string): string[] {
  for (let open = pattern.indexOf('{'); open !== -1; open = pattern.indexOf('{', open + 1)) {
    let depth = 0;
    let close = -1;
    const commas: number[] = [];
    for (let i = open; i < pattern.length && close === -1; i++) {
      const char = pattern[i];
      if (char === '{') depth++;
      else if (char === ',' && depth === 1) commas.push(i);
      else if (char === '}' && --depth === 0) close = i;
    }
    if (close === -1) break;
    if (commas.length === 0) continue;
    const head = pattern.slice(0, open);
    const tail = pattern.slice(close + 1);
    const bounds = [open, ...commas, close];
    const expanded: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const middle = pattern.slice((bounds[k] as number) + 1, bounds[k + 1]);
      expanded.push(...expandBraces(head + middle + tail));
    }
    return [...new Set(expanded)];
  }
  return [pattern];
}

/** Escapes glob syntax in a literal path so it can prefix a pattern. */
const escapeGlob = (literal: string): string => literal.replace(/[[*?]/g, '[$&]');

const rooted = (pattern: string, cwd: string): string =>
  path.isAbsolute(pattern) ? pattern : path.join(escapeGlob(cwd), pattern);

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** A path relative to `cwd` with `/` separators, or absolute when it lies outside `cwd`. */
function display(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}

const sorted = (files: Iterable<string>): string[] =>
  [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * Matches each pattern on its own, so the caller can report one that matches nothing.
 *
 * Patterns are relative to `cwd` (default: the process's working directory) unless absolute and
 * use `@actions/glob` syntax (`*`, `?`, `[...]`, `**`) plus `{a,b}` alternatives. Blank entries
 * and `#` comments are ignored. An entry starting with `!` excludes files from every other pattern
 * and gets no entry of its own. A literal directory stands for the `.yaml` and `.yml` files
 * anywhere below it. Only files are returned, relative to `cwd` with `/` separators (absolute
 * when outside it); symbolic links are followed.
 */
export async function matchPatterns(
  patterns: string[],
  cwd: string = process.cwd(),
): Promise<PatternMatches[]> {
  const root = path.resolve(cwd);
  const entries = patterns.map((pattern) => pattern.trim()).filter((p) => p && !p.startsWith('#'));
  const excludes = entries
    .filter((p) => p.startsWith('!'))
    .flatMap((p) => expandBraces(p.slice(1).trim()))
    .filter((p) => p !== '')
    .map((p) => `!${rooted(p, root)}`);

  const results: PatternMatches[] = [];
  for (const pattern of entries.filter((p) => !p.startsWith('!'))) {
    const globs: string[] = [];
    for (const alternative of expandBraces(pattern)) {
      const absolute = rooted(alternative, root);
      if (!MAGIC.test(alternative) && (await isDirectory(path.resolve(root, alternative)))) {
        globs.push(path.join(absolute, '**', '*.yaml'), path.join(absolute, '**', '*.yml'));
      } else {
        globs.push(absolute);
      }
    }
    const globber = await glob.create([...globs, ...excludes].join('\n'), {
      matchDirectories: false,
      implicitDescendants: false,
      followSymbolicLinks: true,
      omitBrokenSymbolicLinks: true,
    });
    const files = await globber.glob();
    results.push({ pattern, files: sorted(files.map((file) => display(file, root))) });
  }
  return results;
}

/** Every file any pattern matched: sorted, unique. */
export function filesOf(matches: PatternMatches[]): string[] {
  return sorted(matches.flatMap((match) => match.files));
}

/**
 * The Helm chart a manifest file is a template of: the directory holding
 * Chart.yaml whose `templates/` folder holds the file (the nearest one, so a
 * subchart's template belongs to the subchart). Undefined for any other file,
 * the chart's own Chart.yaml and values.yaml included. Same path style as
 * `file`: relative stays relative.
 */
export async function helmChartOf(file: string): Promise<string | undefined> {
  let dir = path.posix.dirname(file.split(path.sep).join('/'));
  for (;;) {
    if (path.posix.basename(dir) === 'templates') {
      const chart = path.posix.dirname(dir);
      try {
        await access(path.join(chart, 'Chart.yaml'));
        return chart;
      } catch {
        // A templates folder outside a chart: keep looking further up.
      }
    }
    const parent = path.posix.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
