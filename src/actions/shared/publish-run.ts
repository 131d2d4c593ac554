/** Hands the report to the host: outputs first, then summary and annotations; then the verdict. */
import type { Host } from '../../runner/host';
import type { RunReport } from '../../verify/result';
import { platformsOutput, renderMarkdown, renderText } from './render-run';

export async function publish(report: RunReport, host: Host): Promise<void> {
  // Outputs go first so that later steps (`if: always()`) can read them even
  // when this step fails.
  // Only the build action reports one (merge makes no image of its own).
  if (report.imageId !== undefined) host.setOutput('imageid', report.imageId);
  host.setOutput('digest', report.digest ?? '');
  host.setOutput('image', report.image ?? '');
  host.setOutput('platforms', JSON.stringify(platformsOutput(report)));
  host.setOutput('metadata', JSON.stringify(report.metadata ?? {}));
  host.setOutput('published', String(report.published === true));
  host.setOutput('test-attestation', report.attestation?.statement ?? '');
  host.setOutput('test-attestation-predicate', report.attestation?.predicate ?? '');
  host.setOutput('test-attestation-digest', report.attestation?.digest ?? '');
  host.log.info(renderText(report));
  await host.summary(renderMarkdown(report));
  for (const r of report.platforms) {
    for (const e of r.errors)
      host.log.error(`${r.platform}: ${e}`, { title: `multiarch: ${r.platform} failed` });
  }
}

/** Why the run fails: its own error, or the platforms that failed. */
export function runVerdict(report: RunReport): string | undefined {
  if (report.error) return report.error;
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (failed.length === 0) return undefined;
  return (
    `${failed.length} of ${report.platforms.length} platforms failed: ${failed.join(', ')}` +
    (report.held ? `. Not published: ${report.held.tags.join(', ')} left where they were.` : '')
  );
}
