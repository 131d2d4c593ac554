import { describe, expect, it } from 'vitest';
import {
  localWorker,
  planRun,
  type PlanOptions,
  type Worker,
} from '../../../../src/engine/plan/index';
import type { BuildRequest } from '../../../../src/engine/request';
import { formatPlatform, parsePlatform } from '../../../../src/oci/platform';
import { buildRequest, sshNode, x86 } from '../request-fixture';

const userTags = ['ghcr.io/acme/api:1.5', 'ghcr.io/acme/api:latest', 'docker.io/acme/api:1.5'];
/** What the build action reads from `tags`: a push of those tags. */
const pushed = { tags: userTags, push: true };

/** The plan of `req` on the runner's engine alone. */
const planOnRunner = (req: BuildRequest, opts: Omit<PlanOptions, 'tempDir'> = {}) =>
  planRun(req, [localWorker(x86, req.platforms)], { tempDir: '/t', ...opts });

/** Every tag an argv would write. */
const tagsIn = (argv: string[]) => argv.flatMap((a, i) => (argv[i - 1] === '--tag' ? [a] : []));

describe('the gate: no user tag is written by the build', () => {
  it('docker-container driver: pushes by digest to the first repository, tags wait for the tests', () => {
    const plan = planOnRunner(buildRequest(pushed), {
      builderDriver: 'docker-container',
      runId: 'multiarch-ab12',
    });
    expect(plan.mode).toBe('push');
    expect(plan.repository).toBe('ghcr.io/acme/api');
    expect(plan.gate).toEqual({ kind: 'registry', tags: userTags });
    const argv = plan.builds[0]!.argv;
    expect(tagsIn(argv)).toEqual([]);
    expect(argv).toContain(
      'type=image,name=ghcr.io/acme/api,push-by-digest=true,name-canonical=true,push=true',
    );
    expect(argv).not.toContain('--push');
    // Tested by digest, pulled from the registry.
    expect(plan.targets.map((t) => t.ref)).toEqual([undefined, undefined]);
  });

  it('docker driver: loads under a name unique to the run, tags wait for the tests', () => {
    const plan = planOnRunner(buildRequest(pushed), {
      builderDriver: 'docker',
      runId: 'multiarch-ab12',
    });
    expect(plan.mode).toBe('load-then-push');
    const candidate = 'ghcr.io/acme/api:multiarch-ab12-candidate';
    expect(plan.gate).toEqual({ kind: 'engine', candidate, tags: userTags, classic: false });
    const argv = plan.builds[0]!.argv;
    expect(tagsIn(argv)).toEqual([candidate]);
    expect(argv).toContain('--load');
    expect(argv).not.toContain('--push');
    expect(plan.targets.map((t) => [formatPlatform(t.platform), t.ref])).toEqual([
      ['linux/amd64', candidate],
      ['linux/arm64', candidate],
    ]);
  });

  it('an unknown driver is taken for the docker driver, the one that cannot push by digest', () => {
    expect(planOnRunner(buildRequest(pushed)).gate?.kind).toBe('engine');
  });

  it('publish: always keeps the old order: the build writes the tags, no gate', () => {
    const plan = planOnRunner(buildRequest({ ...pushed, publish: 'always' }), {
      builderDriver: 'docker-container',
    });
    expect(plan.gate).toBeUndefined();
    expect(tagsIn(plan.builds[0]!.argv)).toEqual(userTags);
  });

  it('push-by-digest writes no tag at all, so there is nothing to gate', () => {
    const req = buildRequest({ tags: ['ghcr.io/acme/api'], push: true, pushByDigest: true });
    const plan = planOnRunner(req, { builderDriver: 'docker-container' });
    expect(plan.gate).toBeUndefined();
  });

  it('loads are never gated', () => {
    expect(planOnRunner(buildRequest()).gate).toBeUndefined();
  });

  const node: Worker = {
    ...x86,
    native: parsePlatform('linux/arm64'),
    name: 'ssh://b@arm1',
    docker: ['docker', '--context', 'n1'],
    context: 'n1',
    platforms: [parsePlatform('linux/arm64')],
    remote: true,
  };
  /** The plan of a push with an ssh node for linux/arm64 beside the runner's engine. */
  const planWithNode = (opts: Omit<PlanOptions, 'tempDir'>) =>
    planRun(
      buildRequest({
        ...pushed,
        nodes: [sshNode('linux/arm64', 'b', 'arm1')],
        ssh: { acceptNewHostKeys: true },
      }),
      [localWorker(x86, [parsePlatform('linux/amd64')]), node],
      { tempDir: '/t', ...opts },
    );

  it('append: the spanning builder pushes by digest; the tags wait', () => {
    const plan = planWithNode({ strategy: 'append', builder: 'mb' });
    expect(plan.gate).toEqual({ kind: 'registry', tags: userTags });
    const argv = plan.builds[0]!.argv;
    expect(tagsIn(argv)).toEqual([]);
    expect(argv).toEqual(expect.arrayContaining(['--builder', 'mb']));
  });

  it('fanout: parts are pushed under part tags only; the index under the tags waits', () => {
    const plan = planWithNode({ strategy: 'fanout', builderDriver: 'docker' });
    expect(plan.mode).toBe('fanout-push');
    expect(plan.gate).toEqual({ kind: 'fanout', tags: userTags });
    for (const b of plan.builds) for (const t of tagsIn(b.argv)) expect(userTags).not.toContain(t);
  });
});
