/**
 * The main step: set up emulation, build and push, smoke-test every platform,
 * report. Wiring only; decisions live in plan.ts, work in the modules it names.
 */
import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import { build } from './buildx/build';
import { probeEngine } from './docker/engine';
import { getInputs } from './inputs';
import { planRun } from './plan';
import { formatPlatform } from './platform';
import { ensureEmulation } from './qemu/emulation';
import { publish } from './report/publish';
import type { RunReport } from './result';
import { saveState } from './runner/state';
import { makeTempDir } from './runner/temp';
import { testAll, type Target } from './smoke/run';

const DOCKER = ['docker'];

export async function run(): Promise<void> {
  const report: RunReport = { mode: 'not started', platforms: [] };
  try {
    const inputs = getInputs();
    const tempDir = await makeTempDir();
    const containerPrefix = `multiarch-${randomBytes(4).toString('hex')}`;
    saveState({ tempDir, containerPrefix, docker: DOCKER });

    const engine = await core.group('Docker engine', async () => {
      const e = await probeEngine(DOCKER);
      core.info(
        `Engine: ${formatPlatform(e.native)}, containerd image store: ${e.containerdStore ? 'yes' : 'no'}`,
      );
      return e;
    });
    const plan = planRun(inputs, engine, DOCKER, tempDir);
    report.mode = plan.mode;
    plan.notes.forEach((n) => core.info(n));

    if (plan.emulated.length > 0) {
      await core.group('QEMU emulation', () =>
        ensureEmulation({
          docker: DOCKER,
          native: engine.native,
          platforms: plan.emulated,
          qemuImage: inputs.qemuImage,
        }),
      );
    }

    const outcome = await core.group(`Build (${plan.mode})`, () =>
      build(DOCKER, plan, inputs.platforms),
    );
    report.digest = outcome.digest;
    report.metadata = outcome.metadata;
    if (plan.mode === 'push' && plan.repository && outcome.digest) {
      report.image = `${plan.repository}@${outcome.digest}`;
    } else {
      report.image = plan.targets[0]?.ref;
    }

    const targets = plan.targets.map((t): Target => {
      const digest = outcome.platformDigests.get(formatPlatform(t.platform));
      return { ...t, digest, ref: t.ref ?? `${plan.repository}@${digest}` };
    });
    report.platforms = await core.group('Smoke test every platform', () =>
      testAll(targets, {
        docker: DOCKER,
        containerPrefix,
        smoke: inputs.smoke,
        command: inputs.smokeCommand,
        expect: inputs.smokeExpect,
        timeoutSeconds: inputs.smokeTimeoutSeconds,
        verifyArch: inputs.verifyArch,
        pull: plan.mode === 'push',
      }),
    );
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
  } finally {
    await publish(report);
  }
}
