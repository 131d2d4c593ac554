/**
 * Which action runs: the build action, or a sub-action named by its
 * action.yml's `command` input default (or the CLI's first word).
 */
import { runCheck } from './check/run';
import { run } from './main';
import { runMerge } from './merge/run';

const COMMANDS: Record<string, () => Promise<void>> = { merge: runMerge, check: runCheck };

export function commandFor(name: string | undefined): () => Promise<void> {
  return (name && COMMANDS[name]) || run;
}
