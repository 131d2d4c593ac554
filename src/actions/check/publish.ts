/** Hands the readiness report to the host: outputs first, then summary and annotations; then the verdict. */
import type { Host } from '../../runner/host';
import {
  counts,
  isReady,
  renderCheckMarkdown,
  renderCheckText,
  shouldFail,
  type CheckReport,
  type FailOn,
} from './report';

export async function publishCheck(report: CheckReport, host: Host): Promise<void> {
  const ready = isReady(report);
  host.setOutput('ready', String(ready));
  host.setOutput('report', JSON.stringify({ ready, ...report }));
  host.log.info(renderCheckText(report));
  await host.summary(renderCheckMarkdown(report));
  for (const f of report.findings) {
    const where = { title: 'ARM readiness', file: f.file, startLine: f.line };
    if (f.level === 'error') host.log.error(f.message, where);
    else if (f.level === 'warning') host.log.warning(f.message, where);
    else host.log.notice(f.message, where);
  }
}

/** Why the check fails under fail-on; undefined when it passes. */
export function checkVerdict(report: CheckReport, failOn: FailOn): string | undefined {
  if (!shouldFail(report, failOn)) return undefined;
  const { errors, warnings } = counts(report);
  return `Not ready for every platform: ${errors} error(s), ${warnings} warning(s) (fail-on: ${failOn}).`;
}
