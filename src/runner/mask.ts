import * as core from '@actions/core';

// Set by the CLI, whose presenter reads every `::add-mask::` itself and never prints it.
let maskCommandsRead = false;

/** Says that something in this process consumes `::add-mask::` lines, as the runner does. */
export function readMaskCommands(): void {
  maskCommandsRead = true;
}

/**
 * Hands a secret to the runner to mask. `::add-mask::` is a command only a
 * runner (or the CLI's presenter) consumes: anywhere else (a CI log that is not
 * GitHub's) the line itself would print the secret, so it is not written there.
 */
export function setSecret(text: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_ACTIONS === 'true' || maskCommandsRead) core.setSecret(text);
}
