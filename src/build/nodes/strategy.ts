/**
 * How nodes build: `append` (one buildx builder spanning every node's
 * docker-container BuildKit) or `fanout` (each node's own embedded BuildKit
 * builds its platforms, pushed by digest, then merged into one index).
 * Argv builders and the choice; pure.
 */
import type { NodeStrategy } from '../../actions/build/inputs';
import { formatPlatform, type Platform } from '../../oci/platform';

export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';

export function builderCreateArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  buildkitImage?: string,
): string[] {
  const argv = ['docker', 'buildx', 'create', '--name', builder, '--driver', 'docker-container'];
  if (buildkitImage) argv.push('--driver-opt', `image=${buildkitImage}`);
  argv.push('--platform', platforms.map(formatPlatform).join(','), context);
  return argv;
}

export function builderAppendArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  buildkitImage?: string,
): string[] {
  // Driver options are per node: an air-gapped node needs the image named too.
  const argv = ['docker', 'buildx', 'create', '--append', '--name', builder];
  if (buildkitImage) argv.push('--driver-opt', `image=${buildkitImage}`);
  argv.push('--platform', platforms.map(formatPlatform).join(','), context);
  return argv;
}

export function builderBootstrapArgs(builder: string): string[] {
  return ['docker', 'buildx', 'inspect', '--bootstrap', builder];
}

export function builderRemoveArgs(builder: string): string[] {
  return ['docker', 'buildx', 'rm', '--force', builder];
}

/** One index from per-node pushes; imagetools keeps each source's attestations. */
export function mergeArgs(tags: string[], sources: string[]): string[] {
  return [
    'docker',
    'buildx',
    'imagetools',
    'create',
    ...tags.flatMap((t) => ['--tag', t]),
    ...sources,
  ];
}

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
