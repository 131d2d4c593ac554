/**
 * Decides what a run will do, from the request and what the engines can do.
 * Pure: everything here is unit-tested; execution lives elsewhere.
 */
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
  if (workers.length === 1 && only && !only.remote) return planLocal(ctx, only);
  return planNodes(ctx);
}
