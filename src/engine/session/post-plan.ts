/**
 * What post removes, decided from the saved state alone. Pure, and free of
 * docker and of @actions/core: the post bundle (src/post.ts) decides here
 * whether it needs the full cleanup (cleanup.ts) or only removes files.
 */
import type { PostState } from '../../runner/post-state';

/** The kinds of things a run leaves behind, in the order post removes them: containers before the contexts that reach them, the temp dir last. */
export const LEFTOVERS = [
  'leftover containers',
  'images',
  'builder',
  'docker contexts',
  'ssh connections',
  'ssh control dir',
  'temp dir',
] as const;

export type Leftover = (typeof LEFTOVERS)[number];

const some = (list: string[] | undefined): list is string[] => (list?.length ?? 0) > 0;

/**
 * When post removes each kind: the saved state says there may be one. Main
 * removes its containers and its candidate image itself, and says so when it
 * saw them all removed (`mainCleaned`); a cancelled or killed main never does.
 * Builders, contexts, ssh connections and files are post's alone: the temp dir
 * stays until post, since later steps read the files main wrote there.
 */
const MAY_BE_LEFT: Record<Leftover, (state: PostState) => boolean> = {
  'leftover containers': (s) => Boolean(s.containerPrefix) && !s.mainCleaned,
  images: (s) => some(s.images) && !s.mainCleaned,
  builder: (s) => Boolean(s.builder),
  'docker contexts': (s) => some(s.contexts),
  'ssh connections': (s) => Boolean(s.ssh),
  'ssh control dir': (s) => Boolean(s.ssh),
  'temp dir': (s) => Boolean(s.tempDir),
};

/** The kinds removed with the file system alone: no engine, no ssh, no child process. */
const FILES: ReadonlySet<Leftover> = new Set<Leftover>(['ssh control dir', 'temp dir']);

/** What post must remove for this saved state, in order. */
export function postWork(state: PostState): Leftover[] {
  return LEFTOVERS.filter((kind) => MAY_BE_LEFT[kind](state));
}

/** Whether the work is files only: post then needs neither docker nor the full cleanup. */
export function filesOnly(work: readonly Leftover[]): boolean {
  return work.every((kind) => FILES.has(kind));
}
