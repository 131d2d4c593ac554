/**
 * The log, and the masking, of the host this process runs under: what the
 * engine, verify and docker layers write to without knowing who shows it.
 * The runner's host until an entry point installs another (the CLI's
 * terminal).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
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

/** What work running aside() logged, in order: lines, and its groups with their own. */
type Held = ({ line: (to: Log) => void } | { title: string; held: Held })[];
const holding = new AsyncLocalStorage<Held>();

/** Writes a line now, or holds it for the aside() it was logged under. */
function write(line: (to: Log) => void): void {
  const held = holding.getStore();
  if (held) held.push({ line });
  else line(host.log);
}

export const log: Log = {
  info: (message) => write((to) => to.info(message)),
  warning: (message, where) => write((to) => to.warning(message, where)),
  error: (message, where) => write((to) => to.error(message, where)),
  notice: (message, where) => write((to) => to.notice(message, where)),
  debug: (message) => write((to) => to.debug(message)),
  verbatim: (text) => write((to) => to.verbatim(text)),
  group(title, work) {
    const held = holding.getStore();
    if (!held) return host.log.group(title, work);
    const inner: Held = [];
    held.push({ title, held: inner });
    return holding.run(inner, work);
  },
};

/** Shows held lines as they would have been shown, groups and all. */
async function replay(held: Held): Promise<void> {
  for (const entry of held) {
    if ('line' in entry) entry.line(host.log);
    else await host.log.group(entry.title, () => replay(entry.held));
  }
}

/**
 * Starts `work` now, beside other work, with what it logs held back: a log
 * group cannot open while another one is open. The function returned waits
 * for it, shows its log where it is called, and gives its result or throws
 * its error. Until then, a failure of `work` is no unhandled rejection.
 */
export function aside<T>(work: () => Promise<T>): () => Promise<T> {
  const held: Held = [];
  const settled = holding
    .run(held, work)
    .then((value) => ({ ok: true as const, value }))
    .catch((error: unknown) => ({ ok: false as const, error }));
  return async () => {
    const result = await settled;
    await replay(held.splice(0));
    if (!result.ok) throw result.error;
    return result.value;
  };
}

/** Masks a value wherever the host shows the log. */
export function setSecret(value: string): void {
  host.setSecret(value);
}
