/** The build's test result, attached where the image lives (verify/attestation). */
import { log } from '../runner/log';
import { attestTests, settleRefusal } from '../verify/attestation/attest';
import { attestTargets } from '../verify/attestation/targets';
import type { RunReport } from '../verify/result';
import type { Plan } from './plan/index';
import type { BuildRequest } from './request';

/** Writes the statement and attaches it, unless nothing was pushed. */
export async function attestBuild(
  request: BuildRequest,
  plan: Pick<Plan, 'repository'>,
  report: RunReport,
  dir: string,
  /**
   * The tested index, in the registry by digest, before or while the gate
   * writes its tags: the statement goes to every repository the tags will be
   * in (a referrer may come before what it refers to), so that under
   * attest-tests: required a refusal can leave every tag where it was.
   */
  inRegistry?: string,
): Promise<void> {
  const home = plan.repository;
  if (!home) return;
  // The index counts once it is in the registry: a loaded candidate is pushed by the gate.
  const index =
    inRegistry ??
    (report.digest !== undefined && report.image === `${home}@${report.digest}`
      ? report.digest
      : undefined);
  const targets = attestTargets({
    home,
    tags: request.tags,
    published: inRegistry !== undefined || report.published === true,
    index,
    platforms: report.platforms,
  });
  if (targets.length === 0) return;
  report.attestation = await log.group('Attest the test result', () =>
    attestTests({
      mode: request.attestTests,
      dir,
      repository: home,
      indexDigest: index,
      platforms: report.platforms,
      settings: request,
      targets,
      timeoutMs: request.registryTimeoutMs,
    }),
  );
  settleRefusal(request.attestTests, report.attestation);
}
