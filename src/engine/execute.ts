/**
 * The build engine's one entry: connect nodes, set up emulation, build, then
 * smoke-test every platform on its own engine. The build and check actions
 * both call it with a typed request; decisions live in plan/ and
 * nodes/strategy.ts, work in the modules they name.
 */
import { log } from '../runner/log';
import { made } from '../runner/state';
import { builderDriver } from '../docker/engine';
import { compareVersions } from '../docker/buildx-version';
import { formatPlatform } from '../oci/platform';
import { setUpEmulation, testEveryPlatform } from '../verify/emulate-and-test';
import type { RunReport } from '../verify/result';
import { smokeOptions, type Target } from '../verify/smoke';
import { writeDigestFile } from './digests';
import { reachByNode } from './nodes/reach';
import { chooseBuild, setUpWorkers } from './nodes/workers';
import { planRun } from './plan/index';
import { passGate, type GateRun } from './gate';
import { prepushCandidate, type Prepush } from './prepush';
import { savedLayers } from '../docker/image-layers';
import type { SavedImage } from '../docker/saved-image';
import type { BuildRequest } from './request';
import { loadPushed } from './load';
import { prepareBuild } from './prepare';
import { build, imageIdOf } from './run-builds';
import { runCall } from './call';
import { attestBuild } from './attest';
import { warmAttestation } from '../verify/attestation/attest';
import { remember, type Session } from './session';
import { onCancel } from '../runner/cancel';

/** How long a cancelled run's report waits for the tests it stopped: their commands get 3 s, then are killed. */
const RESULTS_WAIT_MS = 5_000;

/**
 * The build engine: builds and tests as the request says, filling `report` as it goes, so that
 * whatever was learnt before a failure is still reported. Throws on failure.
 */
export async function execute(
  request: BuildRequest,
  session: Session,
  report: RunReport,
): Promise<void> {
  const { engine, tempDir, prefix } = session;
  if (!engine || !tempDir) throw new Error('execute needs a session with an engine and a temp dir');
  const inputs = await prepareBuild(request, tempDir);
  if (inputs.call) return runCall(inputs, tempDir, report);
  const workers = await setUpWorkers(inputs, engine, session);
  const planOptions = await chooseBuild(inputs, workers, session);
  // The driver decides how a push waits for the tests (by digest, or loaded
  // first), and whether buildx refuses a multi-platform push on the classic
  // image store. Nodes bring their own builders.
  if (inputs.push && (inputs.nodes.length === 0 || !engine.containerdStore)) {
    planOptions.builderDriver = await (inputs.builder
      ? builderDriver(inputs.builder)
      : (session.currentBuilderDriver ?? builderDriver()));
  }
  planOptions.runId = prefix;
  // rawjson carries each step's platform and times, and lets a stalled registry be seen.
  if (session.buildxVersion && compareVersions(session.buildxVersion, '0.13.0') >= 0)
    planOptions.progress = 'rawjson';
  const plan = planRun(inputs, workers, planOptions);
  // Main may be killed before it removes the candidate: post removes it then.
  if (plan.gate?.kind === 'engine') {
    remember(session, { images: [plan.gate.candidate] });
    made({ image: plan.gate.candidate });
  }
  report.mode = plan.mode;
  plan.notes.forEach((n) => log.info(n));

  await setUpEmulation({
    native: engine.native,
    emulated: plan.emulated,
    qemuImage: inputs.qemuImage,
  });

  const outcome = await log.group(`Build (${plan.mode})`, () =>
    build(plan, inputs.platforms, inputs.tags, inputs.registryTimeoutMs, inputs.emulationAdvice),
  );
  report.digest = outcome.digest;
  report.metadata = outcome.metadata;
  report.imageId = imageIdOf(outcome.metadata, plan.builds.length);
  if (inputs.digestsDir && outcome.digest) {
    log.info(`Wrote ${await writeDigestFile(inputs.digestsDir, outcome.digest)}`);
  }
  report.image =
    plan.repository && outcome.digest && plan.mode !== 'load-then-push'
      ? `${plan.repository}@${outcome.digest}`
      : plan.targets[0]?.ref;
  // Without a gate the tags were written by the build itself.
  report.published = inputs.push && !inputs.pushByDigest && !plan.gate;

  const reachOf = reachByNode(inputs.nodes, session.state.ssh);
  const targets = plan.targets.map((t): Target => {
    const key = formatPlatform(t.platform);
    const digest = outcome.platformDigests.get(key);
    return {
      ...t,
      digest,
      ref: t.ref ?? `${plan.repository}@${digest}`,
      buildDurationMs: outcome.durations.get(key),
      reachPort: reachOf(t.node),
    };
  });
  // The docker driver's candidate goes up by digest while it is tested
  // (prepush.ts); the architecture check reads its layers from the saved file.
  const gate = plan.gate;
  const options = smokeOptions(inputs, prefix, plan.mode === 'push' || plan.mode === 'fanout-push');
  let testsEnded = (): void => undefined;
  const afterTests = new Promise<void>((resolve) => (testsEnded = resolve));
  let prepushing: Promise<Prepush> | undefined;
  if (gate?.kind === 'engine' && !gate.classic && plan.repository && outcome.digest) {
    const index = outcome.digest;
    let savedIs: (saved: SavedImage | undefined) => void = () => undefined;
    const saved = new Promise<SavedImage | undefined>((resolve) => (savedIs = resolve));
    prepushing = prepushCandidate({
      candidate: gate.candidate,
      repository: plan.repository,
      digest: index,
      tempDir,
      timeoutMs: inputs.registryTimeoutMs,
      onSaved: savedIs,
      keepUntil: afterTests,
    });
    options.layers = async (t) => {
      const image = await saved;
      return image && savedLayers(image, index, t.platform);
    };
  }
  const testing = testEveryPlatform(targets, options).finally(testsEnded);
  // Cancelled mid-test, the report waits (bounded) for the stopped runs'
  // results, so that it names every platform it had started.
  const unhook = onCancel('stop', () =>
    Promise.race([
      testing.then((results) => {
        report.platforms = results;
      }),
      new Promise((r) => setTimeout(r, RESULTS_WAIT_MS).unref()),
    ]),
  );
  report.platforms = await testing.finally(unhook);
  if (inputs.push && plan.repository) warmAttestation(inputs.attestTests, [plan.repository]);
  // Once every platform passed, the proof is attached as the tags are
  // written; required, before them, so that a refusal leaves them all.
  const attest: GateRun['attest'] = inputs.push
    ? {
        run: (index: string) => attestBuild(inputs, plan, report, tempDir, index),
        required: inputs.attestTests === 'required',
      }
    : undefined;
  if (gate) {
    const { registryTimeoutMs } = inputs;
    await passGate({ plan, gate, outcome, report, registryTimeoutMs, prepushing, attest });
  }
  if (inputs.load && inputs.push)
    await loadPushed(plan, planOptions.builderDriver, inputs.tags, report);
  if (inputs.push && !attest?.ran) await attestBuild(inputs, plan, report, tempDir);
}
