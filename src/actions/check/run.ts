/**
 * The check sub-action: is this image, Dockerfile or Kubernetes workload
 * ready for ARM? Builds nothing it pushes. Its steps (images, Dockerfile,
 * workloads) live in steps/ and fill one report through the shared cells.
 */
import type { Host } from '../../runner/host';
import { runAction, type Outcome } from '../shared/run-action';
import { formatPlatform } from '../../oci/platform';
import { imagePlatforms, type CheckContext } from './cells';
import { dockerRegistry, ImageCache } from './images';
import { getCheckInputs, type CheckInputs } from './inputs';
import { checkVerdict, publishCheck } from './publish';
import type { CheckReport } from './report';
import { checkDockerfile } from './steps/dockerfile';
import { checkImages } from './steps/images';
import { checkWorkloads } from './steps/workloads';

/** Runs the check sub-action; `parsed` is inputs the caller read already (the CLI). */
export function runCheck(host: Host, parsed?: CheckInputs): Promise<Outcome> {
  const report: CheckReport = { platforms: [], rows: [], findings: [] };
  const { log } = host;
  return runAction(host, {
    inputs: () => parsed ?? getCheckInputs(host),
    report,
    session: (inputs) => ({ tempDir: false, needs: 'optional', logins: inputs.logins }),
    async main(inputs, session) {
      const clusterPlatforms = inputs.clusterArchitectures.map((a) => `linux/${a}`);
      report.platforms = [
        ...new Set([
          ...imagePlatforms(inputs).map(formatPlatform),
          ...(inputs.manifests.length > 0 ? clusterPlatforms : []),
        ]),
      ];
      const ctx: CheckContext = {
        inputs,
        report,
        cache: new ImageCache(dockerRegistry(inputs.registryTimeoutMs)),
        session,
      };
      if (inputs.images.length > 0) await log.group('Images', () => checkImages(ctx));
      if (inputs.dockerfile)
        await log.group(`Dockerfile ${inputs.dockerfile}`, () =>
          checkDockerfile(ctx, inputs.dockerfile as string),
        );
      if (inputs.manifests.length > 0)
        await log.group('Kubernetes workloads', () => checkWorkloads(ctx));
    },
    fail: (r, message) => r.findings.push({ level: 'error', message }),
    publish: (r) => publishCheck(r, host),
    verdict: (r, inputs) => checkVerdict(r, inputs?.failOn ?? 'error'),
  });
}
