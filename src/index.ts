import * as core from '@actions/core';
import { commandFor } from './commands';
import { cleanup } from './build/session';
import { isPost, markMain } from './runner/state';

// One bundle serves every action in this repository: the runner starts it for
// main and again for post.
if (isPost()) {
  await cleanup();
} else {
  markMain();
  await commandFor(core.getInput('command'))();
}
