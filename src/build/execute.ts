/**
 * The main step: connect nodes, set up emulation, build and push, smoke-test
 * every platform on its own engine, report. Wiring only; decisions live in
 * plan.ts and nodes/strategy.ts, work in the modules they name.
 */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { build } from './run-builds';
import { builderDriver, probeEngine } from '../docker/engine';
import { writeDigestFile } from './digests';
import { getInputs, type Inputs } from '../actions/build/inputs';
import { chooseBuild, setUpWorkers } from './nodes/workers';
import { planRun } from './plan/index';
import { formatPlatform } from '../oci/platform';
import { ensureEmulation } from '../verify/emulation/ensure';
import { publish } from '../actions/shared/publish-run';
import type { RunReport } from '../verify/result';
import { saveState, type PostState } from '../runner/state';
import { makeTempDir } from '../runner/temp';
import { smokeOptions, testAll, type Target } from '../verify/smoke';

export async function run(): Promise<void> {
  const report: RunReport = { mode: 'not started', platforms: [] };
  try {
    await execute(getInputs(), report);
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
  } finally {
    await publish(report);
  }
}

/**
 * Builds and tests as the inputs say, filling `report` as it goes, so that
 * whatever was learnt before a failure is still reported. Throws on failure.
 */
export async function execute(
  inputs: Inputs,
  report: RunReport,
  prefix = `multiarch-${randomBytes(4).toString('hex')}`,
): Promise<void> {
  const tempDir = await makeTempDir();
  const state: PostState = { tempDir, containerPrefix: prefix, docker: ['docker'] };
  saveState(state);

  const engine = await core.group('Docker engine', async () => {
    const e = await probeEngine(['docker']);
    core.info(
      `Engine: ${formatPlatform(e.native)} ${e.version}, containerd image store: ${e.containerdStore ? 'yes' : 'no'}`,
    );
    return e;
  });
  const workers = await setUpWorkers(inputs, engine, tempDir, prefix, state);
  const planOptions = await chooseBuild(inputs, workers, tempDir, prefix, state);
  // The driver matters only where buildx may refuse: by-digest pushes, and
  // multi-platform pushes on the classic image store.
  if (inputs.pushByDigest || (inputs.push && !engine.containerdStore)) {
    planOptions.builderDriver = await builderDriver(inputs.builder);
  }
  const plan = planRun(inputs, workers, planOptions);
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
    plan.repository && outcome.digest
      ? `${plan.repository}@${outcome.digest}`
      : plan.targets[0]?.ref;

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
}
