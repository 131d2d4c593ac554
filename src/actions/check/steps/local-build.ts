/**
 * With `build: true`, the Dockerfile is also built for every platform and
 * loaded, not pushed: what the lines promise is then tried for real.
 */
import path from 'node:path';
import { execute } from '../../../engine/execute';
import { readyToBuild } from '../../../engine/session';
import { formatPlatform } from '../../../oci/platform';
import { errorMessage } from '../../../runner/errors';
import type { RunReport } from '../../../verify/result';
import { buildRequest } from '../build-request';
import type { CheckRow } from '../report';
import { errorCell, resultCell, type CheckContext } from '../cells';

export async function buildLocally(ctx: CheckContext, file: string): Promise<void> {
  const { inputs } = ctx;
  const run: RunReport = { mode: 'not started', platforms: [] };
  const row: CheckRow = {
    kind: 'build',
    subject: `build ${path.relative('.', file) || file} (--load, not pushed)`,
    file,
    cells: {},
  };
  ctx.report.rows.push(row);
  try {
    await execute(buildRequest(inputs, file), await readyToBuild(ctx.session), run);
  } catch (err) {
    // A build that fails before any platform is tested fails them all, with the whole message.
    const why = errorMessage(err);
    for (const p of inputs.platforms)
      errorCell(
        ctx,
        row,
        formatPlatform(p),
        why.split('\n')[0] as string,
        `${row.subject}: ${why}`,
      );
    return;
  }
  for (const r of run.platforms)
    resultCell(ctx, row, r, `built and ${r.smoke === 'passed' ? 'ran' : 'checked'}`);
}
