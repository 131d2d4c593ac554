/** Where a run's statement is attached. Pure. */
import { parseImageRef, repository } from '../../oci/reference';
import type { PlatformResult } from '../result';

/** One image the statement is attached to: a digest in a repository. */
export interface AttestTarget {
  repository: string;
  digest: string;
}

export interface PushedRun {
  /** The repository the run pushed to. */
  home: string;
  /** The user's tags: once written, their repositories hold every digest too. */
  tags: string[];
  published: boolean;
  /** The tested index, when it is in the registry. */
  index?: string;
  platforms: readonly Pick<PlatformResult, 'digest' | 'ref'>[];
}

/**
 * Every tested digest, in each repository that holds it; the index first.
 * Published, that is home and every tag's repository. Not published, a
 * platform is where it was run from (a merge's source), and the index at home.
 */
export function attestTargets(run: PushedRun): AttestTarget[] {
  const published = [...new Set([run.home, ...(run.published ? run.tags.map(repositoryOf) : [])])];
  const everywhere = (digest: string): AttestTarget[] =>
    published.map((r) => ({ repository: r, digest }));
  const targets = run.index ? everywhere(run.index) : [];
  for (const p of run.platforms) {
    if (!p.digest) continue;
    if (run.published || !p.ref) targets.push(...everywhere(p.digest));
    else targets.push({ repository: repositoryOf(p.ref), digest: p.digest });
  }
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.repository}@${t.digest}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function repositoryOf(ref: string): string {
  return repository(parseImageRef(ref));
}
