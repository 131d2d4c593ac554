import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../../../src/actions/build/inputs';
import { localWorker, planRun, type Worker } from '../../../../src/engine/plan/index';
import { promoteArgs, byRepository } from '../../../../src/engine/promote';
import type { EngineInfo } from '../../../../src/docker/engine';
import { formatPlatform, parsePlatform } from '../../../../src/oci/platform';

const x86: EngineInfo = {
  native: parsePlatform('linux/amd64'),
  containerdStore: true,
  version: '26.1.5',
};
const inputs = (values: Record<string, string>) => parseInputs((n) => values[n] ?? '');
const tags = 'ghcr.io/acme/api:1.5,ghcr.io/acme/api:latest,docker.io/acme/api:1.5';
const userTags = tags.split(',');

/** Every tag an argv would write. */
const tagsIn = (argv: string[]) => argv.flatMap((a, i) => (argv[i - 1] === '--tag' ? [a] : []));

describe('the gate: no user tag is written by the build', () => {
  it('docker-container driver: pushes by digest to the first repository, tags wait for the tests', () => {
    const req = inputs({ tags });
    const plan = planRun(req, [localWorker(x86, req.platforms)], {
      tempDir: '/t',
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
    const req = inputs({ tags });
    const plan = planRun(req, [localWorker(x86, req.platforms)], {
      tempDir: '/t',
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
    const req = inputs({ tags });
    expect(planRun(req, [localWorker(x86, req.platforms)], { tempDir: '/t' }).gate?.kind).toBe(
      'engine',
    );
  });

  it('publish: always keeps the old order: the build writes the tags, no gate', () => {
    const req = inputs({ tags, publish: 'always' });
    const plan = planRun(req, [localWorker(x86, req.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker-container',
    });
    expect(plan.gate).toBeUndefined();
    expect(tagsIn(plan.builds[0]!.argv)).toEqual(userTags);
  });

  it('push-by-digest writes no tag at all, so there is nothing to gate', () => {
    const req = inputs({ tags: 'ghcr.io/acme/api', 'push-by-digest': 'true' });
    const plan = planRun(req, [localWorker(x86, req.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker-container',
    });
    expect(plan.gate).toBeUndefined();
  });

  it('loads are never gated', () => {
    const req = inputs({});
    expect(planRun(req, [localWorker(x86, req.platforms)], { tempDir: '/t' }).gate).toBeUndefined();
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
  const withNode = (extra: Record<string, string> = {}) =>
    inputs({
      tags,
      nodes: 'linux/arm64=ssh://b@arm1',
      'ssh-accept-new-host-keys': 'true',
      ...extra,
    });

  it('append: the spanning builder pushes by digest; the tags wait', () => {
    const req = withNode();
    const plan = planRun(req, [localWorker(x86, [parsePlatform('linux/amd64')]), node], {
      tempDir: '/t',
      strategy: 'append',
      builder: 'mb',
    });
    expect(plan.gate).toEqual({ kind: 'registry', tags: userTags });
    const argv = plan.builds[0]!.argv;
    expect(tagsIn(argv)).toEqual([]);
    expect(argv).toEqual(expect.arrayContaining(['--builder', 'mb']));
  });

  it('fanout: parts are pushed under part tags only; the index under the tags waits', () => {
    const req = withNode();
    const plan = planRun(req, [localWorker(x86, [parsePlatform('linux/amd64')]), node], {
      tempDir: '/t',
      strategy: 'fanout',
      builderDriver: 'docker',
    });
    expect(plan.mode).toBe('fanout-push');
    expect(plan.gate).toEqual({ kind: 'fanout', tags: userTags });
    for (const b of plan.builds) for (const t of tagsIn(b.argv)) expect(userTags).not.toContain(t);
  });
});

describe('promotion', () => {
  it('groups tags by repository, first seen first', () => {
    expect(byRepository(['r/a:1', 'q/b:1', 'r/a:latest'])).toEqual([
      ['r/a:1', 'r/a:latest'],
      ['q/b:1'],
    ]);
  });

  it('points every repository at the tested digest, one imagetools create each', () => {
    expect(promoteArgs(userTags, ['ghcr.io/acme/api@sha256:abc'])).toEqual([
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--tag',
        'ghcr.io/acme/api:1.5',
        '--tag',
        'ghcr.io/acme/api:latest',
        'ghcr.io/acme/api@sha256:abc',
      ],
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--tag',
        'docker.io/acme/api:1.5',
        'ghcr.io/acme/api@sha256:abc',
      ],
    ]);
  });
});
