/**
 * Which action runs: the build action, or a sub-action named by its
 * action.yml's `command` input default (or the CLI's first word).
 */
import { runBuild } from './actions/build/run';
import { runCheck } from './actions/check/run';
import { runMerge } from './actions/merge/run';
import type { Outcome } from './actions/shared/run-action';
import type { Host } from './runner/host';

const COMMANDS: Record<string, (host: Host) => Promise<Outcome>> = {
  build: runBuild,
  merge: runMerge,
  check: runCheck,
};

/** The action a command names; no command is the build action. An unknown one is an error, never a build. */
export function commandFor(name: string | undefined): (host: Host) => Promise<Outcome> {
  const command = name?.trim() || 'build';
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    throw new Error(
      `Input "command": ${JSON.stringify(name)} is not an action of this repository. Use build, merge or check (or leave it empty for build).`,
    );
  }
  return run;
}
