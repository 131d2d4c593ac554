import * as core from '@actions/core';

/**
 * Hands a secret to the runner to mask. `::add-mask::` is a command only a
 * runner consumes: anywhere else (the CLI in a terminal, a CI log that is not
 * GitHub's) the line itself would print the secret, so it is not written there.
 */
export function setSecret(text: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_ACTIONS === 'true') core.setSecret(text);
}
