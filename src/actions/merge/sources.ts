/**
 * What goes into a merged index: the source references, the platforms each
 * one brings, and the conflicts between them. Pure.
 */
import type { SourceInfo } from '../../oci/manifest';

export type { SourceInfo };
import { formatPlatform, type Platform } from '../../oci/platform';

const DIGEST_FILE = /^(?:sha256[:-])?([0-9a-f]{64})$/;

/**
 * Digests from the names of the files in a digests dir, as the matrix recipe
 * writes them (`touch "$dir/${digest#sha256:}"`). Dotfiles are skipped; any
 * other name is an error, so a wrong directory is not silently merged.
 */
export function digestsFromNames(names: string[], dir: string): string[] {
  const digests: string[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const m = DIGEST_FILE.exec(name);
    if (!m) {
      throw new Error(
        `digests-dir ${dir} holds "${name}", which is not named after a digest (64 hex characters, optionally prefixed with sha256:)`,
      );
    }
    digests.push(`sha256:${m[1]}`);
  }
  if (digests.length === 0) throw new Error(`digests-dir ${dir} holds no digest files`);
  return [...new Set(digests)].sort();
}

/** Fails, naming both sources, when two bring the same platform. */
export function checkConflicts(sources: SourceInfo[]): void {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const s of sources) {
    for (const m of s.platforms) {
      const key = formatPlatform(m.platform);
      const other = owner.get(key);
      if (other && other !== s.ref) clashes.push(`${key} is in both ${other} and ${s.ref}`);
      else owner.set(key, s.ref);
    }
  }
  if (clashes.length > 0) {
    throw new Error(
      `Sources overlap, so the index would be ambiguous: ${clashes.join('; ')}. Give each platform one source. Nothing was pushed.`,
    );
  }
}

/** Every platform the merged index must list, in source order. */
export function expectedPlatforms(sources: SourceInfo[]): Platform[] {
  return sources.flatMap((s) => s.platforms.map((m) => m.platform));
}

/** Compares what the registry holds with what was meant to be pushed. */
export function compareIndex(expected: Platform[], actual: Platform[]): string | undefined {
  const want = expected.map(formatPlatform).sort();
  const got = actual.map(formatPlatform).sort();
  if (want.join(',') === got.join(',')) return undefined;
  return `the pushed index lists ${got.join(', ') || 'nothing'}, but ${want.join(', ')} was expected`;
}
