import { appendFile } from 'node:fs/promises';
import type { Log } from './host';

/** Adds Markdown to the job summary file, when the runner gives one; a failure only warns. */
export async function appendSummary(
  file: string | undefined,
  markdown: string,
  log: Pick<Log, 'warning'>,
): Promise<void> {
  if (!file) return;
  try {
    await appendFile(file, `${markdown}\n`);
  } catch (err) {
    log.warning(`could not write the job summary: ${String(err)}`);
  }
}
