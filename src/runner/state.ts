/**
 * What main hands to post, through the runner's GITHUB_STATE. Read once into
 * typed values; no string keys elsewhere. Main also tells post what it saw
 * removed itself (`mainCleaned`), so that post does not look for it again.
 */
import * as core from '@actions/core';
import { readPostState, STATE_NAMES, type PostState } from './post-state';

export type { PostState } from './post-state';

/** dist/index.js started for post (an action.yml that names it there, or an older one): main leaves this mark. */
export function isPost(): boolean {
  return core.getState(STATE_NAMES.isPost) === 'true';
}

// The latest state, for the CLI, which runs main and post in one process.
let latest: PostState | undefined;

/** Only under a runner: elsewhere (the CLI) core would print ::save-state:: lines. */
function persist(name: string, value: string): void {
  if (process.env.GITHUB_STATE) core.saveState(name, value);
}

export function markMain(): void {
  persist(STATE_NAMES.isPost, 'true');
}

export function saveState(state: PostState): void {
  latest = state;
  persist(STATE_NAMES.state, JSON.stringify(state));
}

/** What this process saved last. */
export function savedState(): PostState | undefined {
  return latest;
}

export function loadState(): PostState | undefined {
  return readPostState(process.env);
}

/** Something main makes that post would otherwise look for: a named container on an engine, or a local image. */
export type Made = { container: string; docker: readonly string[] } | { image: string };

// What main made and has not seen removed, by key.
const unremoved = new Set<string>();

const keyOf = (what: Made): string =>
  JSON.stringify(
    'image' in what ? ['image', what.image] : ['container', what.docker, what.container],
  );

/**
 * Called before the command that makes it starts: until `removed`, post looks
 * for it. Made after main ended, it takes `mainCleaned` back.
 */
export function made(what: Made): void {
  unremoved.add(keyOf(what));
  if (latest?.mainCleaned) {
    delete latest.mainCleaned;
    saveState(latest);
  }
}

/** Main saw it removed: the engine said so, after every command that could make it had returned. */
export function removed(what: Made): void {
  unremoved.delete(keyOf(what));
}

/**
 * At the end of a main that was not cancelled: when everything it made was
 * seen removed, post is told it need not look for leftovers.
 */
export function mainEnded(): void {
  if (!latest || latest.mainCleaned || unremoved.size > 0) return;
  latest.mainCleaned = true;
  saveState(latest);
}
