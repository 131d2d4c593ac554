/**
 * The log, and the masking, of the host this process runs under: what the
 * engine, verify and docker layers write to without knowing who shows it.
 * The runner's host until an entry point installs another (the CLI's
 * terminal).
 */
import { githubHost } from './github-host';
import type { Host, Log } from './host';

let host: Host = githubHost();

/** Makes `next` this process's host; returns the function that puts the previous one back. */
export function useHost(next: Host): () => void {
  const previous = host;
  host = next;
  return () => {
    host = previous;
  };
}

export const log: Log = {
  info: (message) => host.log.info(message),
  warning: (message, where) => host.log.warning(message, where),
  error: (message, where) => host.log.error(message, where),
  notice: (message, where) => host.log.notice(message, where),
  debug: (message) => host.log.debug(message),
  verbatim: (text) => host.log.verbatim(text),
  group: (title, work) => host.log.group(title, work),
};

/** Masks a value wherever the host shows the log. */
export function setSecret(value: string): void {
  host.setSecret(value);
}
