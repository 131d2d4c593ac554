import * as core from '@actions/core';
import { runCheck } from './check/run';
import { run } from './main';
import { runMerge } from './merge/run';
import { cleanup } from './post';
import { isPost, markMain } from './runner/state';

// One bundle serves every action in this repository; a sub-action's
// action.yml names itself through the `command` input's default.
const COMMANDS: Record<string, () => Promise<void>> = { merge: runMerge, check: runCheck };

if (isPost()) {
  await cleanup();
} else {
  markMain();
  await (COMMANDS[core.getInput('command')] ?? run)();
}
