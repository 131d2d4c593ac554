/**
 * The runner's log as workflow commands written straight to stdout, the way
 * @actions/core writes them (core.info, core.warning), for the post bundle:
 * it says only what it removed, and must not load @actions/core (a megabyte
 * bundled) to say it.
 */
import { EOL } from 'node:os';
import type { Log } from './host';

/** A command's message, escaped as @actions/core escapes it, so it stays one line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** info as a plain line, a warning as the ::warning:: command, both to `out`. */
export function workflowLog(
  out: { write(text: string): unknown } = process.stdout,
): Pick<Log, 'info' | 'warning'> {
  return {
    info: (message) => void out.write(`${message}${EOL}`),
    warning: (message) => void out.write(`::warning::${escapeData(message)}${EOL}`),
  };
}
