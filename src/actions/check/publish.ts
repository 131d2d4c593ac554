/** Hands the readiness report to the runner: outputs first, then summary, annotations, verdict. */
import { appendSummary } from '../../runner/summary';
import * as core from '@actions/core';
import {
  counts,
  isReady,
  renderCheckMarkdown,
  renderCheckText,
  shouldFail,
  type CheckReport,
  type FailOn,
} from './report';

export async function publishCheck(report: CheckReport, failOn: FailOn): Promise<void> {
  const ready = isReady(report);
  if (process.env.GITHUB_OUTPUT) {
    core.setOutput('ready', String(ready));
    core.setOutput('report', JSON.stringify({ ready, ...report }));
  }
  core.info(renderCheckText(report));
  await appendSummary(renderCheckMarkdown(report));
  for (const f of report.findings) {
    const props = { title: 'ARM readiness', file: f.file, startLine: f.line };
    if (f.level === 'error') core.error(f.message, props);
    else if (f.level === 'warning') core.warning(f.message, props);
    else core.notice(f.message, props);
  }
  if (shouldFail(report, failOn)) {
    const { errors, warnings } = counts(report);
    core.setFailed(
      `Not ready for every platform: ${errors} error(s), ${warnings} warning(s) (fail-on: ${failOn}).`,
    );
  }
}
