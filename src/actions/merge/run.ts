/**
 * The merge sub-action: one index from images built separately, pushed under
 * the tags, read back and checked, then every platform smoke-tested.
 */
import { readdir } from 'node:fs/promises';
import type { Session } from '../../engine/session';
import type { EngineInfo } from '../../docker/engine';
import { isEmulated } from '../../verify/emulation/binfmt';
import { formatPlatform } from '../../oci/platform';
import { setUpEmulation, testEveryPlatform } from '../../verify/emulate-and-test';
import { parseImageRef, repository } from '../../oci/reference';
import type { Host, Log } from '../../runner/host';
import { publish, runVerdict } from '../shared/publish-run';
import type { RunReport } from '../../verify/result';
import { smokeOptions, type Target } from '../../verify/smoke';
import { attestTests, settleRefusal, warmAttestation } from '../../verify/attestation/attest';
import { attestTargets } from '../../verify/attestation/targets';
import { runAction, type Outcome } from '../shared/run-action';
import { getMergeInputs, type MergeInputs } from './inputs';
import { checkConflicts, compareIndex, digestsFromNames, expectedPlatforms } from './sources';
import { describePlatforms, pickTool } from '../../docker/index-tools';

/** Runs the merge sub-action; `parsed` is inputs the caller read already (the CLI). */
export function runMerge(host: Host, parsed?: MergeInputs): Promise<Outcome> {
  return runAction(host, {
    inputs: () => parsed ?? getMergeInputs(host),
    report: { mode: 'merge', platforms: [] } as RunReport,
    session: (inputs) => ({ tempDir: true, needs: 'engine', logins: inputs.logins }),
    main: (inputs, session, report) => merge(inputs, session, report, host.log),
    fail: (report, message) => {
      report.error = message;
    },
    publish: (report) => publish(report, host),
    verdict: runVerdict,
  });
}

async function merge(
  inputs: MergeInputs,
  session: Session,
  report: RunReport,
  log: Log,
): Promise<void> {
  const engine = session.engine as EngineInfo;
  const prefix = session.prefix;
  const tool = await pickTool(inputs.tool, inputs.registryTimeoutMs, session.listedBuildx);
  const digests = inputs.digestsDir
    ? digestsFromNames(await readdir(inputs.digestsDir), inputs.digestsDir)
    : [];
  // The same source twice (listed, and in digests-dir) is one source.
  const refs = [...new Set([...inputs.sources, ...digests.map((d) => `${inputs.image}@${d}`)])];

  const sources = await log.group(`Sources (${tool.name})`, async () => {
    const found = await Promise.all(refs.map((r) => tool.inspect(r)));
    log.info(describePlatforms(found));
    return found;
  });
  checkConflicts(sources);
  const expected = expectedPlatforms(sources);
  if (expected.length === 0)
    throw new Error(`The sources hold no platform images:\n${describePlatforms(sources)}`);

  const repo = repository(parseImageRef(inputs.tags[0] as string));
  report.metadata = { sources: refs, tool: tool.name, tags: inputs.tags };
  const gated = inputs.publish === 'on-success';
  const publishIndex = async (): Promise<void> => {
    const digest = await log.group('Merge and push', () =>
      tool.create(inputs.tags, sources, inputs.annotations),
    );
    report.digest = digest;
    report.image = `${repo}@${digest}`;
    report.published = true;
    await log.group('Verify the pushed index', async () => {
      const listed = await Promise.all(
        inputs.tags.map(async (t) => [t, await tool.platformsAt(t)] as const),
      );
      for (const [tag, platforms] of listed) {
        const problem = compareIndex(expected, platforms);
        if (problem) throw new Error(`${tag}: ${problem}`);
        log.info(`${tag}: ${platforms.map(formatPlatform).join(', ')}`);
      }
    });
  };
  // publish: always writes the tags first, as the plain recipe does.
  if (!gated) await publishIndex();

  const emulated = expected.filter((p) => isEmulated(engine.native, p));
  // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
  await setUpEmulation({
    native: engine.native,
    emulated: inputs.smoke ? emulated : [],
    qemuImage: inputs.qemuImage,
  });
  // Gated, each platform is tested where its source lives, before any tag is
  // written; after a plain merge the index names the same manifests in the
  // target repository.
  const targets = sources.flatMap((s) =>
    s.platforms.map((m): Target => ({
      platform: m.platform,
      digest: m.digest,
      ref: `${gated ? repository(parseImageRef(s.ref)) : repo}@${m.digest}`,
      emulated: isEmulated(engine.native, m.platform),
      docker: ['docker'],
      node: 'local',
    })),
  );
  warmAttestation(inputs.attestTests, [repo]);
  report.platforms = await testEveryPlatform(targets, smokeOptions(inputs, prefix, true));
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (gated && failed.length > 0) {
    report.published = false;
    report.held = { failed, tags: inputs.tags };
  } else if (gated) await publishIndex();
  await attest(inputs, session, report, repo, log);
}

/** The tests' result, attached to the index and its platforms, or to the failed sources. */
async function attest(
  inputs: MergeInputs,
  session: Session,
  report: RunReport,
  home: string,
  log: Log,
): Promise<void> {
  const targets = attestTargets({
    home,
    tags: inputs.tags,
    published: report.published === true,
    index: report.digest,
    platforms: report.platforms,
  });
  if (targets.length === 0) return;
  report.attestation = await log.group('Attest the test result', () =>
    attestTests({
      mode: inputs.attestTests,
      dir: session.tempDir as string,
      repository: home,
      indexDigest: report.digest,
      platforms: report.platforms,
      settings: inputs,
      targets,
      timeoutMs: inputs.registryTimeoutMs,
    }),
  );
  settleRefusal(inputs.attestTests, report.attestation);
}
