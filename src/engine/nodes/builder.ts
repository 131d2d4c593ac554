/** The `append` strategy's builder: one buildx builder spanning every worker. */
import { exec, tail } from '../../docker/exec';
import type { Worker } from '../plan/index';
import {
  builderAppendArgs,
  builderBootstrapArgs,
  builderCreateArgs,
  builderRemoveArgs,
  parseBuilderNodes,
  type BuilderSettings,
} from '../../docker/buildx';

const CREATE_TIMEOUT_MS = 60_000;
const BOOTSTRAP_TIMEOUT_MS = 180_000;

/**
 * Creates the builder on the first worker's context, appends the others, and
 * starts every node's BuildKit. Returns why it could not, instead of throwing,
 * so `auto` can fall back to fanout.
 */
export async function createBuilder(
  name: string,
  workers: Worker[],
  settings: BuilderSettings,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [first, ...rest] = workers;
  if (!first) return { ok: false, reason: 'no engines to build on' };
  const steps = [
    builderCreateArgs(name, first.context, first.platforms, settings),
    ...rest.map((w) => builderAppendArgs(name, w.context, w.platforms, settings)),
  ];
  for (const argv of steps) {
    const res = await exec(argv, { timeoutMs: CREATE_TIMEOUT_MS, allowFailure: true });
    if (res.exitCode !== 0 || res.timedOut)
      return { ok: false, reason: tail(res.output, 5) || `exit ${res.exitCode}` };
  }
  const boot = await exec(builderBootstrapArgs(name), {
    timeoutMs: BOOTSTRAP_TIMEOUT_MS,
    allowFailure: true,
    stream: true,
  });
  if (boot.exitCode !== 0 || boot.timedOut) {
    return {
      ok: false,
      reason: boot.timedOut ? 'BuildKit did not start within 180 s' : tail(boot.output, 5),
    };
  }
  const down = parseBuilderNodes(boot.stdout).filter((n) => n.status !== 'running');
  if (down.length > 0) {
    // The node's own error is in the boot log (e.g. it could not pull BuildKit).
    const errors = boot.output
      .split('\n')
      .filter((l) => /ERROR/.test(l))
      .slice(-3)
      .join('\n');
    return {
      ok: false,
      reason: `${down.map((n) => `node ${n.name}${n.endpoint ? ` (${n.endpoint})` : ''} is ${n.status}${n.error ? `: ${n.error}` : ''}`).join('; ')}${errors ? `\n${errors}` : ''}`,
    };
  }
  return { ok: true };
}

export async function removeBuilder(name: string): Promise<void> {
  await exec(builderRemoveArgs(name), { timeoutMs: CREATE_TIMEOUT_MS, allowFailure: true });
}
