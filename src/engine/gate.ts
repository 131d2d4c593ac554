/**
 * The gate after the tests: every platform passed, so the tags are written
 * (promote.ts); or one failed, so every tag is left where it was and the
 * report says so. A gated docker-driver candidate never outlives main.
 */
import { log } from '../runner/log';
import { resolvePlatformDigests } from '../docker/imagetools';
import { parsePlatform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import type { RunReport } from '../verify/result';
import type { Gate, Plan } from './plan/index';
import { dropCandidate, promote, pushUntested, untestedTag } from './promote';
import type { BuildOutcome } from './run-builds';

/** What the gate decides on: the plan and its gate, what was built, what the tests found. */
export interface GateRun {
  plan: Plan;
  gate: Gate;
  outcome: BuildOutcome;
  report: RunReport;
  /** registry-timeout: the bound of each push and read-back. */
  registryTimeoutMs: number;
}

export async function passGate(run: GateRun): Promise<void> {
  try {
    await openGate(run);
  } finally {
    if (run.gate.kind === 'engine') await dropCandidate(run.gate.candidate);
  }
}

/** Writes the tags when every platform passed; otherwise leaves every one of them alone, and says so. */
async function openGate(run: GateRun): Promise<void> {
  const { plan, gate, outcome, report, registryTimeoutMs } = run;
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (failed.length > 0) {
    report.published = false;
    report.held = { failed, tags: gate.tags };
    log.info(
      `Not published: ${failed.join(', ')} failed. ${gate.tags.join(', ')} left where they were.`,
    );
    if (gate.kind === 'engine' && plan.repository && outcome.digest) {
      // Loaded only, the failed image could not be pulled to look at it: push
      // it under one fixed tag that no user tag follows, then drop the local name.
      const untested = untestedTag(plan.repository);
      await log.group(`Push the failed image as ${untested}, for inspection`, () =>
        pushUntested(gate.candidate, untested, registryTimeoutMs),
      );
      report.image = `${plan.repository}@${outcome.digest}`;
      await namePushedPlatforms(plan.repository, outcome.digest, report, registryTimeoutMs).catch(
        (err: unknown) =>
          log.warning(`Could not read the pushed platforms back: ${errorMessage(err)}`),
      );
    }
    return;
  }
  const tested = {
    digest: outcome.digest,
    sources: outcome.parts ?? (outcome.digest ? [`${plan.repository}@${outcome.digest}`] : []),
  };
  const repo = plan.repository;
  const digest = await log.group('Publish the tested image', () =>
    promote(
      gate,
      tested,
      registryTimeoutMs,
      gate.kind === 'engine' && repo
        ? (d) => namePushedPlatforms(repo, d, report, registryTimeoutMs)
        : undefined,
    ),
  );
  report.published = true;
  report.digest = digest;
  report.image = `${plan.repository}@${digest}`;
}

/** After a loaded candidate was pushed: each platform's manifest digest and reference in the registry. */
async function namePushedPlatforms(
  repo: string,
  digest: string,
  report: RunReport,
  registryTimeoutMs: number,
): Promise<void> {
  const pushed = await resolvePlatformDigests(
    repo,
    digest,
    report.platforms.map((p) => parsePlatform(p.platform)),
    registryTimeoutMs,
  );
  for (const p of report.platforms) {
    p.digest = pushed.get(p.platform);
    // The same manifest that ran as the candidate, now where users pull it.
    if (p.digest) p.ref = `${repo}@${p.digest}`;
  }
}
