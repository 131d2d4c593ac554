import * as core from '@actions/core';
import { cleanup } from './build/session';
import { commandFor } from './commands';
import { errorMessage } from './runner/errors';
import { isPost, markMain } from './runner/state';

// One bundle serves every action in this repository: the runner starts it for
// main and again for post.
if (isPost()) {
  await cleanup();
} else {
  markMain();
  try {
    await commandFor(core.getInput('command'))();
  } catch (err) {
    core.setFailed(errorMessage(err));
  }
}
