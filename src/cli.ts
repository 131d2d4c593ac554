#!/usr/bin/env node
/**
 * `multiarch [build|merge|check] --FLAG VALUE…`: the same runs as the actions,
 * from a terminal. Every action input is a flag of the same name (cli/args.ts).
 * The flags go to the action's own input parser and the action runs with the
 * terminal host (cli/terminal-host.ts), which shows its log as text
 * (cli/terminal.ts). Main and post run in this one process.
 */
import { getInputs } from './actions/build/inputs';
import { runBuild } from './actions/build/run';
import { getCheckInputs } from './actions/check/inputs';
import { runCheck } from './actions/check/run';
import { getMergeInputs } from './actions/merge/inputs';
import { runMerge } from './actions/merge/run';
import type { Outcome } from './actions/shared/run-action';
import { cleanup } from './engine/session';
import { parseArgs, type CliArgs, type Command } from './cli/args';
import { ForeignOutput } from './cli/foreign-output';
import { helpText } from './cli/help';
import { Presenter } from './cli/terminal';
import { TerminalHost } from './cli/terminal-host';
import { errorKind, errorMessage } from './runner/errors';
import { handleCancellation } from './runner/cancel';
import { useHost } from './runner/log';
import { savedState } from './runner/state';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** The output --json prints: what the action's later steps would read. */
const JSON_OUTPUT: Record<Command, string> = {
  build: 'platforms',
  merge: 'platforms',
  check: 'report',
};

/** Parses the flags with the action's own parser (so a bad input exits 2 before anything starts); returns its run. */
function parsed(command: Command, host: TerminalHost): () => Promise<Outcome> {
  switch (command) {
    case 'build': {
      const inputs = getInputs(host);
      return () => runBuild(host, inputs);
    }
    case 'merge': {
      const inputs = getMergeInputs(host);
      return () => runMerge(host, inputs);
    }
    case 'check': {
      const inputs = getCheckInputs(host);
      return () => runCheck(host, inputs);
    }
  }
}

async function run(args: CliArgs, ui: Presenter): Promise<number> {
  const host = new TerminalHost(args.flags, ui);
  useHost(host);
  let start: () => Promise<Outcome>;
  try {
    start = parsed(args.command, host);
  } catch (err) {
    // A bad input (a bad nodes line included) exits 2, whichever class threw it.
    if (errorKind(err) === 'input') {
      ui.error(errorMessage(err));
      return EXIT_USAGE;
    }
    throw err;
  }
  // A terminal's Ctrl-C skips finally: stop the children, report, then clean up
  // (keys, contexts, builder), once, whether the cancellation or the finally gets there first.
  let cleaned: Promise<void> | undefined;
  const cleanUp = (): Promise<void> => (cleaned ??= cleanup(savedState()));
  handleCancellation(async () => {
    ui.stop();
    await cleanUp();
  });
  let outcome: Outcome;
  try {
    outcome = await start();
  } finally {
    await cleanUp();
  }
  const json = host.outputs[JSON_OUTPUT[args.command]];
  if (args.json && json !== undefined) {
    ui.stdout(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  }
  // The run's verdict: a platform (or the run) failed.
  return outcome.failed === undefined ? 0 : EXIT_FAILED;
}

let args: CliArgs | undefined;
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  if (errorKind(err) !== 'usage') throw err;
  process.stderr.write(`multiarch: ${errorMessage(err)}\n`);
  process.exitCode = EXIT_USAGE;
}
if (args?.help) {
  process.stdout.write(`${helpText(args.command)}\n`);
} else if (args) {
  const stdout = new ForeignOutput(process.stdout);
  // With --json, stdout holds the JSON document alone; the log goes to stderr.
  const ui = new Presenter({
    log: args.json ? process.stderr : stdout.own,
    stdout: stdout.own,
    env: process.env,
  });
  ui.start();
  stdout.start(ui);
  let code: number = EXIT_FAILED;
  try {
    code = await run(args, ui);
  } catch (err) {
    ui.error(errorMessage(err));
  } finally {
    stdout.stop();
    ui.stop();
  }
  process.exitCode = code;
}
