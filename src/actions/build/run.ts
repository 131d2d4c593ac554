/** The build action: read the inputs, run the build engine, publish the report. */
import { execute } from '../../engine/execute';
import type { BuildRequest } from '../../engine/request';
import type { Host } from '../../runner/host';
import type { RunReport } from '../../verify/result';
import { publish, runVerdict } from '../shared/publish-run';
import { runAction, type Outcome } from '../shared/run-action';
import { getInputs } from './inputs';

/** Runs the build action; `parsed` is inputs the caller read already (the CLI). */
export function runBuild(host: Host, parsed?: BuildRequest): Promise<Outcome> {
  return runAction(host, {
    inputs: () => parsed ?? getInputs(host),
    report: { mode: 'not started', platforms: [], imageId: '' } as RunReport,
    session: (inputs) => ({
      tempDir: true,
      needs: 'buildx',
      buildx: inputs.buildx,
      logins: inputs.logins,
    }),
    main: execute,
    fail: (report, message) => {
      report.error = message;
    },
    publish: (report) => publish(report, host),
    verdict: runVerdict,
  });
}
