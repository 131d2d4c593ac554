/**
 * The build engine's one entry: connect nodes, set up emulation, build, then
 * smoke-test every platform on its own engine. The build and check actions
 * both call it with a typed request; decisions live in plan/ and
 * nodes/strategy.ts, work in the modules they name.
 */
import * as core from '@actions/core';
import { builderDriver } from '../docker/engine';
import { resolvePlatformDigests } from '../docker/imagetools';
import { formatPlatform, parsePlatform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import { ensureEmulation } from '../verify/emulation/ensure';
import type { RunReport } from '../verify/result';
import { smokeOptions, testAll, type Target } from '../verify/smoke';
import { writeDigestFile } from './digests';
import { chooseBuild, setUpWorkers } from './nodes/workers';
import { planRun, type Gate, type Plan } from './plan/index';
import { dropCandidate, promote, pushUntested, untestedTag } from './promote';
import type { BuildRequest } from './request';
import { build, type BuildOutcome } from './run-builds';
import { remember, type Session } from './session';

/**
 * The build engine: builds and tests as the request says, filling `report` as it goes, so that
 * whatever was learnt before a failure is still reported. Throws on failure.
 */
export async function execute(
  inputs: BuildRequest,
  session: Session,
  report: RunReport,
): Promise<void> {
  const { engine, tempDir, prefix } = session;
  if (!engine || !tempDir) throw new Error('execute needs a session with an engine and a temp dir');
  const workers = await setUpWorkers(inputs, engine, session);
  const planOptions = await chooseBuild(inputs, workers, session);
  // The driver decides how a push waits for the tests (by digest, or loaded
  // first), and whether buildx refuses a multi-platform push on the classic
  // image store. Nodes bring their own builders.
  if (inputs.push && (inputs.nodes.length === 0 || !engine.containerdStore)) {
    planOptions.builderDriver = await builderDriver(inputs.builder);
  }
  planOptions.runId = prefix;
  const plan = planRun(inputs, workers, planOptions);
  // Main may be killed before it removes the candidate: post removes it then.
  if (plan.gate?.kind === 'engine') remember(session, { images: [plan.gate.candidate] });
  report.mode = plan.mode;
  plan.notes.forEach((n) => core.info(n));

  if (plan.emulated.length > 0) {
    await core.group('QEMU emulation', () =>
      ensureEmulation({
        docker: ['docker'],
        native: engine.native,
        platforms: plan.emulated,
        qemuImage: inputs.qemuImage,
      }),
    );
  }

  const outcome = await core.group(`Build (${plan.mode})`, () =>
    build(plan, inputs.platforms, inputs.tags),
  );
  report.digest = outcome.digest;
  report.metadata = outcome.metadata;
  if (inputs.digestsDir && outcome.digest) {
    core.info(`Wrote ${await writeDigestFile(inputs.digestsDir, outcome.digest)}`);
  }
  report.image =
    plan.repository && outcome.digest && plan.mode !== 'load-then-push'
      ? `${plan.repository}@${outcome.digest}`
      : plan.targets[0]?.ref;
  // Without a gate the tags were written by the build itself.
  report.published = inputs.push && !inputs.pushByDigest && !plan.gate;

  const targets = plan.targets.map((t): Target => {
    const key = formatPlatform(t.platform);
    const digest = outcome.platformDigests.get(key);
    return {
      ...t,
      digest,
      ref: t.ref ?? `${plan.repository}@${digest}`,
      buildDurationMs: outcome.durations.get(key),
    };
  });
  report.platforms = await core.group('Smoke test every platform', () =>
    testAll(
      targets,
      smokeOptions(inputs, prefix, plan.mode === 'push' || plan.mode === 'fanout-push'),
    ),
  );
  if (!plan.gate) return;
  try {
    await openGate(plan, outcome, report);
  } finally {
    // The candidate is unique to the run: it never outlives main.
    if (plan.gate.kind === 'engine') await dropCandidate(plan.gate.candidate);
  }
}

/** Writes the tags when every platform passed; otherwise leaves every one of them alone, and says so. */
async function openGate(plan: Plan, outcome: BuildOutcome, report: RunReport): Promise<void> {
  const gate = plan.gate as Gate;
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
        pushUntested(gate.candidate, untested),
      );
      report.image = `${plan.repository}@${outcome.digest}`;
      await namePushedPlatforms(plan.repository, outcome.digest, report).catch((err: unknown) =>
        core.warning(`Could not read the pushed platforms back: ${errorMessage(err)}`),
      );
    }
    return;
  }
  const tested = {
    digest: outcome.digest,
    sources: outcome.parts ?? (outcome.digest ? [`${plan.repository}@${outcome.digest}`] : []),
  };
  const digest = await core.group('Publish the tested image', () => promote(gate, tested));
  if (gate.kind === 'engine' && plan.repository)
    await namePushedPlatforms(plan.repository, digest, report);
  report.published = true;
  report.digest = digest;
  report.image = `${plan.repository}@${digest}`;
}

/** After a loaded candidate was pushed: each platform's manifest digest and reference in the registry. */
async function namePushedPlatforms(repo: string, digest: string, report: RunReport): Promise<void> {
  const pushed = await resolvePlatformDigests(
    repo,
    digest,
    report.platforms.map((p) => parsePlatform(p.platform)),
  );
  for (const p of report.platforms) {
    p.digest = pushed.get(p.platform);
    // The same manifest that ran as the candidate, now where users pull it.
    if (p.digest) p.ref = `${repo}@${p.digest}`;
  }
}
