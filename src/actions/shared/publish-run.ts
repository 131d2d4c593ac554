/** Hands the report to the runner: outputs first, then summary and annotations. */
import * as core from '@actions/core';
import { appendSummary } from '../../runner/summary';
import type { RunReport } from '../../verify/result';
import { platformsOutput, renderMarkdown, renderText } from './render-run';

export async function publish(report: RunReport): Promise<void> {
  // Outputs go first so that later steps (`if: always()`) can read them even
  // when this step fails.
  if (process.env.GITHUB_OUTPUT) {
    // Only the build action reports one (merge makes no image of its own).
    if (report.imageId !== undefined) core.setOutput('imageid', report.imageId);
    core.setOutput('digest', report.digest ?? '');
    core.setOutput('image', report.image ?? '');
    core.setOutput('platforms', JSON.stringify(platformsOutput(report)));
    core.setOutput('metadata', JSON.stringify(report.metadata ?? {}));
    core.setOutput('published', String(report.published === true));
  }
  core.info(renderText(report));
  await appendSummary(renderMarkdown(report));
  for (const r of report.platforms) {
    for (const e of r.errors)
      core.error(`${r.platform}: ${e}`, { title: `multiarch: ${r.platform} failed` });
  }
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (report.error) core.setFailed(report.error);
  else if (failed.length > 0)
    core.setFailed(
      `${failed.length} of ${report.platforms.length} platforms failed: ${failed.join(', ')}` +
        (report.held
          ? `. Not published: ${report.held.tags.join(', ')} left where they were.`
          : ''),
    );
}
