#!/usr/bin/env node
/**
 * `multiarch [build|merge|check] --FLAG VALUE…`: the same runs as the actions,
 * from a terminal. Every action input is a flag of the same name (cli/args.ts);
 * the action's code runs unchanged, and only what it prints is shown
 * differently (cli/terminal.ts). Main and post run in this one process.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getInputs } from './actions/build/inputs';
import { getCheckInputs } from './actions/check/inputs';
import { getMergeInputs } from './actions/merge/inputs';
import { cleanup } from './engine/session';
import { parseArgs, UsageError, type CliArgs, type Command } from './cli/args';
import { readFileCommands } from './cli/file-commands';
import { helpText } from './cli/help';
import { Presenter } from './cli/terminal';
import { commandFor } from './commands';
import { NodeError } from './docker/endpoint';
import { errorMessage } from './runner/errors';
import { InputError } from './runner/inputs';
import { handleCancellation } from './runner/cancel';
import { readMaskCommands } from './runner/mask';
import { savedState } from './runner/state';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** Each action's input parser: run first, so that a bad input exits 2 before anything starts. */
const VALIDATE: Record<Command, () => unknown> = {
  build: getInputs,
  merge: getMergeInputs,
  check: getCheckInputs,
};

/** The output --json prints: what the action's later steps would read. */
const JSON_OUTPUT: Record<Command, string> = {
  build: 'platforms',
  merge: 'platforms',
  check: 'report',
};

async function run(args: CliArgs, ui: Presenter): Promise<number> {
  Object.assign(process.env, args.env);
  try {
    VALIDATE[args.command]();
  } catch (err) {
    if (err instanceof InputError || err instanceof NodeError) {
      ui.error(errorMessage(err));
      return EXIT_USAGE;
    }
    throw err;
  }
  // The action writes its outputs for later steps into this file, as on the runner.
  const dir = mkdtempSync(path.join(tmpdir(), 'multiarch-cli-'));
  process.env.GITHUB_OUTPUT = path.join(dir, 'outputs');
  writeFileSync(process.env.GITHUB_OUTPUT, '');
  // A terminal's Ctrl-C skips finally: stop the children, report, then clean up
  // (keys, contexts, builder), once, whether the cancellation or the finally gets there first.
  let cleaned: Promise<void> | undefined;
  const cleanUp = (): Promise<void> => (cleaned ??= cleanup(savedState()));
  handleCancellation(async () => {
    ui.stop();
    await cleanUp();
  });
  try {
    await commandFor(args.env.INPUT_COMMAND)();
  } finally {
    await cleanUp();
  }
  let outputs: Record<string, string> = {};
  try {
    outputs = readFileCommands(readFileSync(process.env.GITHUB_OUTPUT, 'utf8'));
  } catch {
    // No outputs written: the run stopped before publishing; its error is in the log.
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const json = outputs[JSON_OUTPUT[args.command]];
  if (args.json && json !== undefined) {
    ui.stdout(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
  }
  // core.setFailed sets the exit code when a platform (or the run) failed.
  return process.exitCode === undefined || process.exitCode === 0 ? 0 : EXIT_FAILED;
}

let args: CliArgs | undefined;
try {
  args = parseArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`multiarch: ${err.message}\n`);
  process.exitCode = EXIT_USAGE;
}
if (args?.help) {
  process.stdout.write(`${helpText(args.command)}\n`);
} else if (args) {
  // With --json, stdout holds the JSON document alone; the log goes to stderr.
  const ui = new Presenter({ log: args.json ? process.stderr : process.stdout, env: process.env });
  ui.start();
  // The presenter reads each secret from its ::add-mask:: line and masks it in all it shows.
  readMaskCommands();
  let code: number = EXIT_FAILED;
  try {
    code = await run(args, ui);
  } catch (err) {
    ui.error(errorMessage(err));
  } finally {
    ui.stop();
  }
  process.exitCode = code;
}
