/**
 * Which action runs: the build action, or a sub-action named by its
 * action.yml's `command` input default (or the CLI's first word).
 */
import { runCheck } from './actions/check/run';
import { run } from './build/execute';
import { runMerge } from './actions/merge/run';

const COMMANDS: Record<string, () => Promise<void>> = { merge: runMerge, check: runCheck };

export function commandFor(name: string | undefined): () => Promise<void> {
  return (name && COMMANDS[name]) || run;
}
