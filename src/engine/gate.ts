/**
 * The gate after the tests: every platform passed, so the tags are written
 * (promote.ts); or one failed, so every tag is left where it was and the
 * report says so. A gated docker-driver candidate never outlives main.
 */
import * as core from '@actions/core';
import { resolvePlatformDigests } from '../docker/imagetools';
import { parsePlatform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import type { RunReport } from '../verify/result';
import type { Gate, Plan } from './plan/index';
import { dropCandidate, promote, pushUntested, untestedTag } from './promote';
import type { BuildOutcome } from './run-builds';

export async function passGate(
  plan: Plan,
  gate: Gate,
  outcome: BuildOutcome,
  report: RunReport,
  /** registry-timeout: the bound of each push and read-back. */
  registryTimeoutMs: number,
): Promise<void> {
  try {
    await openGate(plan, gate, outcome, report, registryTimeoutMs);
  } finally {
    if (gate.kind === 'engine') await dropCandidate(gate.candidate);
  }
}

/** Writes the tags when every platform passed; otherwise leaves every one of them alone, and says so. */
async function openGate(
  plan: Plan,
  gate: Gate,
  outcome: BuildOutcome,
  report: RunReport,
  registryTimeoutMs: number,
): Promise<void> {
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (failed.length > 0) {
    report.published = false;
    report.held = { failed, tags: gate.tags };
    core.info(
      `Not published: ${failed.join(', ')} failed. ${gate.tags.join(', ')} left where they were.`,
    );
    if (gate.kind === 'engine' && plan.repository && outcome.digest) {
      // Loaded only, the failed image could not be pulled to look at it: push
      // it under one fixed tag that no user tag follows, then drop the local name.
      const untested = untestedTag(plan.repository);
      await core.group(`Push the failed image as ${untested}, for inspection`, () =>
        pushUntested(gate.candidate, untested, registryTimeoutMs),
      );
      report.image = `${plan.repository}@${outcome.digest}`;
      await namePushedPlatforms(plan.repository, outcome.digest, report, registryTimeoutMs).catch(
        (err: unknown) =>
          core.warning(`Could not read the pushed platforms back: ${errorMessage(err)}`),
      );
    }
    return;
  }
  const tested = {
    digest: outcome.digest,
    sources: outcome.parts ?? (outcome.digest ? [`${plan.repository}@${outcome.digest}`] : []),
  };
  const repo = plan.repository;
  const digest = await core.group('Publish the tested image', () =>
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
