import { appendFile } from 'node:fs/promises';
import * as core from '@actions/core';

/** Adds Markdown to the job summary, when the runner gives one; a failure only warns. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    await appendFile(file, `${markdown}\n`);
  } catch (err) {
    core.warning(`could not write the job summary: ${String(err)}`);
  }
}
