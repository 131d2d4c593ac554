import { describe, expect, it } from 'vitest';
import {
  defaultLocalTag,
  localWorker,
  partTag,
  planRun,
  type Worker,
} from '../../../../src/engine/plan/index';
import type { EngineInfo } from '../../../../src/docker/engine';
import { formatPlatform, parsePlatform } from '../../../../src/oci/platform';
import { buildRequest, platforms, sshNode, x86 } from '../request-fixture';

describe('planRun', () => {
  it('with publish: always, pushes all platforms under the tags in one build and tests each by digest later', () => {
    const always = buildRequest({
      tags: ['ghcr.io/acme/api:1.5', 'ghcr.io/acme/api:latest'],
      push: true,
      publish: 'always',
    });
    const plan = planRun(always, [localWorker(x86, always.platforms)], {
      tempDir: '/tmp/r',
    });
    expect(plan.mode).toBe('push');
    expect(plan.repository).toBe('ghcr.io/acme/api');
    expect(plan.builds).toHaveLength(1);
    expect(plan.builds[0]?.argv.slice(-2)).toEqual(['--push', '.']);
    expect(plan.builds[0]?.metadataFile).toBe('/tmp/r/metadata-1.json');
    expect(plan.emulated.map(formatPlatform)).toEqual(['linux/arm64']);
    expect(
      plan.targets.map((t) => [formatPlatform(t.platform), t.emulated, t.ref, t.node, t.docker]),
    ).toEqual([
      ['linux/amd64', false, undefined, 'local', ['docker']],
      ['linux/arm64', true, undefined, 'local', ['docker']],
    ]);
  });

  it('loads one multi-platform image with the containerd store', () => {
    const plan = planRun(
      buildRequest({ context: 'examples/hello' }),
      [localWorker(x86, buildRequest({ context: 'examples/hello' }).platforms)],
      { tempDir: '/t' },
    );
    expect(plan.mode).toBe('load');
    expect(plan.builds[0]?.argv).toContain('--load');
    expect(plan.builds[0]?.tags).toEqual(['multiarch-local/hello:latest']);
    expect(plan.targets.map((t) => t.ref)).toEqual([
      'multiarch-local/hello:latest',
      'multiarch-local/hello:latest',
    ]);
  });

  it('loads each platform under its own tag without the containerd store', () => {
    const plan = planRun(
      buildRequest({ tags: ['app:1'] }),
      [
        localWorker(
          { ...x86, containerdStore: false },
          buildRequest({ tags: ['app:1'] }).platforms,
        ),
      ],
      { tempDir: '/t' },
    );
    expect(plan.mode).toBe('load-per-platform');
    expect(
      plan.builds.map((b) => [b.platforms.map(formatPlatform), b.tags, b.metadataFile]),
    ).toEqual([
      [['linux/amd64'], ['app:1-linux-amd64'], '/t/metadata-1.json'],
      [['linux/arm64'], ['app:1-linux-arm64'], '/t/metadata-2.json'],
    ]);
    expect(plan.targets.map((t) => t.ref)).toEqual(['app:1-linux-amd64', 'app:1-linux-arm64']);
  });

  it('treats 386 as native on amd64 and amd64 as emulated on an ARM engine', () => {
    expect(
      planRun(
        buildRequest({ platforms: platforms('linux/386', 'linux/arm/v7') }),
        [localWorker(x86, platforms('linux/386', 'linux/arm/v7'))],
        { tempDir: '/t' },
      ).emulated.map(formatPlatform),
    ).toEqual(['linux/arm']);
    const arm: EngineInfo = {
      native: parsePlatform('linux/arm64'),
      containerdStore: true,
      version: '26.1.5',
    };
    expect(
      planRun(buildRequest(), [localWorker(arm, buildRequest().platforms)], {
        tempDir: '/t',
      }).emulated.map(formatPlatform),
    ).toEqual(['linux/amd64']);
  });
});

it('names local images', () => {
  expect(defaultLocalTag('/work/My App/')).toBe('multiarch-local/my-app:latest');
  expect(defaultLocalTag('.')).toMatch(/^multiarch-local\/[a-z0-9._-]+:latest$/);
  expect(partTag('ghcr.io/a/b', [parsePlatform('linux/arm/v6')])).toBe(
    'ghcr.io/a/b:latest-linux-arm-v6',
  );
});

describe('planRun with nodes', () => {
  const armNode: Worker = {
    native: parsePlatform('linux/arm64'),
    containerdStore: false,
    version: '27.0.1',
    name: 'ssh://builder@arm1:22',
    docker: ['docker', '--context', 'm-node1'],
    context: 'm-node1',
    platforms: [parsePlatform('linux/arm64')],
    remote: true,
  };
  const pushed = buildRequest({
    tags: ['ghcr.io/acme/api:1.5'],
    push: true,
    nodes: [sshNode('linux/arm64', 'builder', 'arm1', 22)],
  });
  const local = localWorker(x86, [parsePlatform('linux/amd64')]);

  it('fanout: each engine pushes its platforms under their own tag, and tests them natively', () => {
    const plan = planRun(pushed, [local, armNode], { tempDir: '/t', strategy: 'fanout' });
    expect(plan.mode).toBe('fanout-push');
    expect(plan.emulated).toEqual([]);
    expect(plan.builds.map((b) => b.argv)).toEqual([
      [
        'docker',
        'buildx',
        'build',
        '--progress',
        'plain',
        '--platform',
        'linux/amd64',
        '--tag',
        'ghcr.io/acme/api:1.5-linux-amd64',
        '--metadata-file',
        '/t/metadata-1.json',
        '--push',
        '.',
      ],
      [
        'docker',
        '--context',
        'm-node1',
        'buildx',
        'build',
        '--progress',
        'plain',
        '--platform',
        'linux/arm64',
        '--tag',
        'ghcr.io/acme/api:1.5-linux-arm64',
        '--metadata-file',
        '/t/metadata-2.json',
        '--push',
        '.',
      ],
    ]);
    expect(
      plan.targets.map((t) => [formatPlatform(t.platform), t.node, t.docker, t.emulated]),
    ).toEqual([
      ['linux/amd64', 'local', ['docker'], false],
      ['linux/arm64', 'ssh://builder@arm1:22', ['docker', '--context', 'm-node1'], false],
    ]);
  });

  it('append: one build on the spanning builder, each platform tested on its node', () => {
    const plan = planRun(pushed, [local, armNode], {
      tempDir: '/t',
      strategy: 'append',
      builder: 'm-builder',
    });
    expect(plan.mode).toBe('push');
    expect(plan.builds).toHaveLength(1);
    expect(plan.builds[0]?.argv.slice(0, 9)).toEqual([
      'docker',
      'buildx',
      'build',
      '--progress',
      'plain',
      '--builder',
      'm-builder',
      '--platform',
      'linux/amd64,linux/arm64',
    ]);
    expect(plan.targets.map((t) => t.node)).toEqual(['local', 'ssh://builder@arm1:22']);
  });

  it('says when a node would emulate the platform it was given', () => {
    const x86Node: Worker = { ...armNode, native: parsePlatform('linux/amd64') };
    const plan = planRun(pushed, [local, x86Node], { tempDir: '/t', strategy: 'fanout' });
    expect(plan.notes).toContain(
      'Node ssh://builder@arm1:22 is linux/amd64: linux/arm64 will be emulated there, not native.',
    );
    expect(plan.targets[1]?.emulated).toBe(true);
    // The runner's own QEMU is not involved: the node emulates.
    expect(plan.emulated).toEqual([]);
  });

  it('fanout without push: each engine loads and tests its own platforms', () => {
    const plan = planRun(
      buildRequest({ tags: ['app:1'], nodes: [sshNode('linux/arm64', 'builder', 'arm1', 22)] }),
      [local, armNode],
      { tempDir: '/t', strategy: 'fanout' },
    );
    expect(plan.mode).toBe('fanout-load');
    expect(plan.builds.map((b) => [b.worker, b.argv.at(-2)])).toEqual([
      ['local', '--load'],
      ['ssh://builder@arm1:22', '--load'],
    ]);
    expect(plan.targets.map((t) => [t.ref, t.docker])).toEqual([
      ['app:1', ['docker']],
      ['app:1', ['docker', '--context', 'm-node1']],
    ]);
  });
});

describe('multi-platform pushes on the classic image store', () => {
  const classic: EngineInfo = {
    native: parsePlatform('linux/amd64'),
    containerdStore: false,
    version: '26.1.5',
  };
  const push = buildRequest({ tags: ['ghcr.io/acme/api:1'], push: true });
  it('refuses them on the docker driver, with the fix', () => {
    expect(() =>
      planRun(push, [localWorker(classic, push.platforms)], {
        tempDir: '/t',
        builderDriver: 'docker',
      }),
    ).toThrow(
      /The runner's engine cannot build linux\/amd64, linux\/arm64 in one build: .*Fix: add docker\/setup-buildx-action/,
    );
  });
  it('allows them on a docker-container builder, or for one platform', () => {
    expect(
      planRun(push, [localWorker(classic, push.platforms)], {
        tempDir: '/t',
        builderDriver: 'docker-container',
      }).mode,
    ).toBe('push');
    const one = buildRequest({
      tags: ['ghcr.io/acme/api:1'],
      push: true,
      platforms: platforms('linux/arm64'),
      publish: 'always',
    });
    expect(
      planRun(one, [localWorker(classic, one.platforms)], {
        tempDir: '/t',
        builderDriver: 'docker',
      }).mode,
    ).toBe('push');
    const gated = buildRequest({
      tags: ['ghcr.io/acme/api:1'],
      push: true,
      platforms: platforms('linux/arm64'),
    });
    expect(
      planRun(gated, [localWorker(classic, gated.platforms)], {
        tempDir: '/t',
        builderDriver: 'docker',
      }).mode,
    ).toBe('load-then-push');
  });
});
