/**
 * The runner's adapter of the host port: inputs from INPUT_* variables,
 * outputs into GITHUB_OUTPUT, the log as workflow commands, all through
 * @actions/core.
 */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { Host, Log } from './host';
import { appendSummary } from './summary';

function underRunner(env: NodeJS.ProcessEnv): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** The log as the runner reads it. `env` is read at each call (tests stub it). */
export function githubLog(env: () => NodeJS.ProcessEnv = () => process.env): Log {
  return {
    info: (message) => core.info(message),
    warning: (message, where) => core.warning(message, where),
    error: (message, where) => core.error(message, where),
    notice: (message, where) => core.notice(message, where),
    debug: (message) => core.debug(message),
    verbatim(text) {
      // Under a runner, text that holds workflow commands (::add-mask::, ::error::) must be read as text only.
      if (!underRunner(env())) return core.info(text);
      const token = `multiarch-${randomBytes(8).toString('hex')}`;
      core.info(`::stop-commands::${token}`);
      core.info(text);
      core.info(`::${token}::`);
    },
    group: (title, work) => core.group(title, work),
  };
}

export function githubHost(env: () => NodeJS.ProcessEnv = () => process.env): Host {
  const log = githubLog(env);
  return {
    input: (name) => core.getInput(name),
    // Outside a runner (a script setting INPUT_*), core would print ::set-output:: lines.
    setOutput(name, value) {
      if (env().GITHUB_OUTPUT) core.setOutput(name, value);
    },
    // ::add-mask:: is a command only a runner consumes: anywhere else (a CI log that is not
    // GitHub's) the line itself would print the secret, so it is not written there.
    setSecret(value) {
      if (underRunner(env())) core.setSecret(value);
    },
    summary: (markdown) => appendSummary(env().GITHUB_STEP_SUMMARY, markdown, log),
    log,
    fail: (message) => core.setFailed(message),
  };
}
