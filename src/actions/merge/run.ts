/**
 * The merge sub-action: one index from images built separately, pushed under
 * the tags, read back and checked, then every platform smoke-tested.
 */
import { readdir } from 'node:fs/promises';
import * as core from '@actions/core';
import type { Session } from '../../engine/session';
import type { EngineInfo } from '../../docker/engine';
import { isEmulated } from '../../verify/emulation/binfmt';
import { formatPlatform } from '../../oci/platform';
import { ensureEmulation } from '../../verify/emulation/ensure';
import { parseImageRef, repository } from '../../oci/reference';
import { publish } from '../shared/publish-run';
import type { RunReport } from '../../verify/result';
import { smokeOptions, testAll, type Target } from '../../verify/smoke';
import { runAction } from '../shared/run-action';
import { getMergeInputs, type MergeInputs } from './inputs';
import { checkConflicts, compareIndex, digestsFromNames, expectedPlatforms } from './sources';
import { describePlatforms, pickTool } from '../../docker/index-tools';

export function runMerge(): Promise<void> {
  return runAction({
    inputs: getMergeInputs,
    report: { mode: 'merge', platforms: [] } as RunReport,
    session: (inputs) => ({ tempDir: true, needs: 'engine', logins: inputs.logins }),
    main: merge,
    fail: (report, message) => {
      report.error = message;
    },
    publish,
  });
}

async function merge(inputs: MergeInputs, session: Session, report: RunReport): Promise<void> {
  const engine = session.engine as EngineInfo;
  const prefix = session.prefix;
  const tool = await pickTool(inputs.tool, inputs.registryTimeoutMs);
  const digests = inputs.digestsDir
    ? digestsFromNames(await readdir(inputs.digestsDir), inputs.digestsDir)
    : [];
  // The same source twice (listed, and in digests-dir) is one source.
  const refs = [...new Set([...inputs.sources, ...digests.map((d) => `${inputs.image}@${d}`)])];

  const sources = await core.group(`Sources (${tool.name})`, async () => {
    const found = await Promise.all(refs.map((r) => tool.inspect(r)));
    core.info(describePlatforms(found));
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
    const digest = await core.group('Merge and push', () =>
      tool.create(inputs.tags, sources, inputs.annotations),
    );
    report.digest = digest;
    report.image = `${repo}@${digest}`;
    report.published = true;
    await core.group('Verify the pushed index', async () => {
      const listed = await Promise.all(
        inputs.tags.map(async (t) => [t, await tool.platformsAt(t)] as const),
      );
      for (const [tag, platforms] of listed) {
        const problem = compareIndex(expected, platforms);
        if (problem) throw new Error(`${tag}: ${problem}`);
        core.info(`${tag}: ${platforms.map(formatPlatform).join(', ')}`);
      }
    });
  };
  // publish: always writes the tags first, as the plain recipe does.
  if (!gated) await publishIndex();

  const emulated = expected.filter((p) => isEmulated(engine.native, p));
  // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
  if (inputs.smoke && emulated.length > 0) {
    await core.group('QEMU emulation', () =>
      ensureEmulation({
        docker: ['docker'],
        native: engine.native,
        platforms: emulated,
        qemuImage: inputs.qemuImage,
      }),
    );
  }
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
  report.platforms = await core.group('Smoke test every platform', () =>
    testAll(targets, smokeOptions(inputs, prefix, true)),
  );
  if (!gated) return;
  const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
  if (failed.length > 0) {
    report.published = false;
    report.held = { failed, tags: inputs.tags };
    return;
  }
  await publishIndex();
}
