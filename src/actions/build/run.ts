/** The build action: read the inputs, run the build engine, publish the report. */
import { execute } from '../../engine/execute';
import type { RunReport } from '../../verify/result';
import { publish } from '../shared/publish-run';
import { runAction } from '../shared/run-action';
import { getInputs } from './inputs';

export function runBuild(): Promise<void> {
  return runAction({
    inputs: getInputs,
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
    publish,
  });
}
