/**
 * Decides what a run will do, from the request and what the engines can do.
 * Pure: everything here is unit-tested; execution lives elsewhere.
 */
import { InputError } from '../../runner/inputs';
import type { BuildRequest } from '../request';
import { planContext } from './context';
import { planLocal } from './local';
import { planNodes } from './nodes';
import type { Plan, PlanOptions, Worker } from './shapes';

export * from './shapes';

/**
 * The plan for a run: one local engine (push, push by digest, or load), or
 * nodes (append or fanout). Each shape is planned in its own module.
 */
export function planRun(inputs: BuildRequest, workers: Worker[], opts: PlanOptions): Plan {
  const ctx = planContext(inputs, workers, opts);
  const only = workers[0];
  const plan = workers.length === 1 && only && !only.remote ? planLocal(ctx, only) : planNodes(ctx);
  const outputs = inputs.outputs ?? [];
  if (outputs.length > 0 && plan.builds.length > 1) {
    throw new InputError(
      'outputs',
      outputs.join('\n'),
      `would be written by ${plan.builds.length} builds at once: this run builds the image in parts (${plan.mode})`,
      plan.mode === 'load-per-platform'
        ? 'Turn on the containerd image store, push, or use a docker-container builder (docker/setup-buildx-action), so one build makes every platform; or drop outputs.'
        : 'Build without nodes for outputs, or drop outputs.',
    );
  }
  return plan;
}
