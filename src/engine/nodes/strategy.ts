/**
 * How nodes build: `append` (one buildx builder spanning every node's
 * docker-container BuildKit) or `fanout` (each node's own embedded BuildKit
 * builds its platforms, pushed by digest, then merged into one index).
 * The choice; pure.
 */
import type { NodeStrategy } from '../request';

export interface StrategyChoice {
  strategy: 'append' | 'fanout';
  /** Whether append was chosen only tentatively (auto): fall back to fanout if its builder will not start. */
  tentative: boolean;
  reason: string;
}

export function chooseStrategy(requested: NodeStrategy, push: boolean): StrategyChoice {
  if (requested === 'append' && !push) {
    throw new Error(
      'node-strategy: append builds on one builder spanning the nodes, which can only push its result. Set push: true, or use node-strategy: fanout (each node loads and tests its own platforms).',
    );
  }
  if (requested !== 'auto')
    return { strategy: requested, tentative: false, reason: `node-strategy: ${requested}` };
  if (!push) {
    return {
      strategy: 'fanout',
      tentative: false,
      reason: 'without push, each node builds, loads and tests its own platforms (fanout)',
    };
  }
  return {
    strategy: 'append',
    tentative: true,
    reason: 'append when every node can start a docker-container BuildKit, fanout otherwise',
  };
}
