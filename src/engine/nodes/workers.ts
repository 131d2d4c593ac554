/**
 * Which engines build which platforms: the runner's own for every platform no
 * node claims, plus the nodes; and, with nodes, whether they build as one
 * builder (append) or each on its own (fanout).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../../runner/log';
import { majorVersion } from '../../docker/engine';
import type { BuildRequest } from '../request';
import type { EngineInfo } from '../../docker/engine';
import { localWorker, type PlanOptions, type Worker } from '../plan/index';
import { formatPlatform } from '../../oci/platform';
import { remember, type Session } from '../session';
import { createBuilder, removeBuilder } from './builder';
import { connectNodes } from './connect';
import { chooseStrategy } from './strategy';

/** The runner's engine for unclaimed platforms, plus one worker per node. */
export async function setUpWorkers(
  inputs: BuildRequest,
  engine: EngineInfo,
  session: Session,
): Promise<Worker[]> {
  const claimed = new Set(inputs.nodes.flatMap((n) => n.platforms.map(formatPlatform)));
  const unclaimed = inputs.platforms.filter((p) => !claimed.has(formatPlatform(p)));
  const local = unclaimed.length > 0 ? [localWorker(engine, unclaimed)] : [];
  if (inputs.nodes.length === 0) return local;
  const connected = await log.group('Nodes', () =>
    connectNodes(inputs, session.tempDir as string, session.prefix, {
      created(what) {
        if (what.context)
          remember(session, { contexts: [...(session.state.contexts ?? []), what.context] });
        if (what.unreachable)
          remember(session, {
            unreachable: [...(session.state.unreachable ?? []), what.unreachable],
          });
        if (what.ssh) remember(session, { ssh: what.ssh });
      },
    }),
  );
  return [...local, ...connected.workers];
}

/** With nodes, picks append or fanout; for append, starts the builder (auto falls back to fanout when it cannot). */
export async function chooseBuild(
  inputs: BuildRequest,
  workers: Worker[],
  session: Session,
): Promise<PlanOptions> {
  const tempDir = session.tempDir as string;
  if (inputs.nodes.length === 0) return { tempDir };
  const choice = chooseStrategy(inputs.nodeStrategy, inputs.push);
  log.info(
    `Strategy: ${choice.strategy}${choice.tentative ? ' (tentative)' : ''}: ${choice.reason}.`,
  );
  if (choice.strategy === 'append') {
    const builder = `${session.prefix}-builder`;
    remember(session, { builder });
    let configFile: string | undefined;
    if (inputs.buildkitdConfigInline) {
      configFile = join(tempDir, 'buildkitd.toml');
      await writeFile(configFile, `${inputs.buildkitdConfigInline}\n`, { mode: 0o600 });
    }
    const started = await log.group('Builder (append)', () =>
      createBuilder(builder, workers, {
        buildkitImage: inputs.buildkitImage,
        driverOpts: inputs.driverOpts,
        buildkitdFlags: inputs.buildkitdFlags,
        configFile,
      }),
    );
    if (started.ok) return { tempDir, strategy: 'append', builder };
    if (!choice.tentative)
      throw new Error(`The append builder could not start:\n${started.reason}`);
    log.info(
      `The append builder could not start, so each node builds its own platforms (fanout). Why:\n${started.reason}`,
    );
    await removeBuilder(builder);
  }
  const old = workers.filter((w) => w.remote && majorVersion(w.version) < 23);
  if (old.length > 0) {
    throw new Error(
      `fanout builds with each node's own BuildKit, which needs Docker 23 or newer; ${old.map((w) => `${w.name} runs ${w.version || 'an unknown version'}`).join(', ')}. Upgrade Docker there, or use node-strategy: append.`,
    );
  }
  return { tempDir, strategy: 'fanout' };
}
