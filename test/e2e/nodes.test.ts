/**
 * Remote nodes end to end: a second Docker engine behind an sshd with key
 * auth on 127.0.0.1, both started here, and the action run as the runner
 * runs it (main, then post).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  docker,
  engineAvailable,
  makeContext,
  runAction,
  startRegistry,
  tagDigest,
  uniqueName,
  type Registry,
  type StepRun,
  platformsOf,
} from './harness';
import { startSshNode, type SshNode } from './node';

const hasEngine = engineAvailable();

/** The contexts a run recorded for its post step, and which of them still exist. */
function contextsOf(run: StepRun): { created: string[]; left: string[] } {
  const created = (JSON.parse(run.state.state ?? '{}') as { contexts?: string[] }).contexts ?? [];
  const existing = new Set(docker('context', 'ls', '--format', '{{.Name}}').stdout.split('\n'));
  return { created, left: created.filter((c) => existing.has(c)) };
}

/** Shared ssh connections (ControlMaster processes) a run opened, by the socket dir it saved. */
function sshMasters(state: Record<string, string>): string[] {
  const dir = (JSON.parse(state.state ?? '{}') as { ssh?: { controlDir?: string } }).ssh
    ?.controlDir;
  if (!dir) throw new Error('the run saved no ssh control dir');
  try {
    return execFileSync('pgrep', ['-af', `^ssh: ${dir}/`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function sshDirListing(): string {
  const dir = path.join(os.homedir(), '.ssh');
  return existsSync(dir) ? readdirSync(dir).sort().join(',') : '(none)';
}

describe.skipIf(!hasEngine)('remote nodes over ssh (real engines)', { timeout: 300_000 }, () => {
  let registry: Registry;
  let node: SshNode;
  beforeAll(async () => {
    [registry, node] = await Promise.all([startRegistry(), startSshNode()]);
  });
  afterAll(async () => {
    registry?.stop();
    await node?.stop();
  });

  const nodeInputs = () => ({
    platforms: 'linux/amd64,linux/arm64',
    nodes: `linux/arm64=${node.endpoint}`,
    'ssh-private-key': node.privateKey,
    'ssh-known-hosts': node.knownHosts,
  });

  it('fanout: builds arm64 on the ssh node and amd64 locally, merges, and tests each on its engine', async () => {
    const repo = uniqueName('e2e/fanout');
    const sshBefore = sshDirListing();
    const run = await runAction(
      {
        ...nodeInputs(),
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        tags: `${registry.host}/${repo}:1`,
        'node-strategy': 'fanout',
        'smoke-expect': '^(x86_64|aarch64)$',
      },
      { afterMain: sshMasters },
    );
    expect(run.exitCode, run.stdout).toBe(0);

    // One index with exactly both platforms under the user's tag.
    const index = await registry.manifest(repo, '1');
    const images = (index.manifests ?? []).filter((m) => m.platform?.os !== 'unknown');
    const byPlatform = Object.fromEntries(
      images.map((m) => [`${m.platform?.os}/${m.platform?.architecture}`, m.digest]),
    );
    expect(Object.keys(byPlatform).sort()).toEqual(['linux/amd64', 'linux/arm64']);

    const platforms = platformsOf(run.outputs);
    expect(platforms['linux/arm64']).toMatchObject({
      node: node.endpoint,
      digest: byPlatform['linux/arm64'],
      smoke: 'passed',
      ok: true,
    });
    expect(platforms['linux/amd64']).toMatchObject({
      node: 'local',
      digest: byPlatform['linux/amd64'],
      smoke: 'passed',
      ok: true,
      emulated: false,
    });
    expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
    expect(platforms['linux/arm64']?.buildDurationMs).toBeGreaterThan(0);

    // arm64 was built on the node (its log lines carry the node's name) and
    // smoke-tested there: the node's own engine holds the pushed arm64 image.
    expect(run.stdout).toContain(`[linux/arm64@${node.endpoint}]`);
    expect(
      node.docker('image', 'inspect', `${registry.host}/${repo}@${byPlatform['linux/arm64']}`)
        .status,
    ).toBe(0);
    expect(run.stdout).toContain(`docker --context multiarch-`);
    // This "node" is an x86 machine: the summary says arm64 ran emulated there.
    expect(run.stdout).toContain(
      `Node ${node.endpoint} is linux/amd64: linux/arm64 will be emulated there, not native.`,
    );
    expect(run.summary).toContain(`| ✅ | \`linux/arm64\` | ${node.endpoint} |`);

    // Post: no contexts, keys, ssh config or shared connections left; ~/.ssh untouched.
    expect(run.post.exitCode).toBe(0);
    expect(contextsOf(run)).toEqual({
      created: [expect.stringMatching(/^multiarch-[0-9a-f]{8}-node1$/)],
      left: [],
    });
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    // Main left a shared connection open; post closed it.
    expect(run.afterMain).toHaveLength(1);
    expect(sshMasters(run.state)).toEqual([]);
    expect(sshDirListing()).toBe(sshBefore);
  });

  it('fanout: a broken part leaves the tag alone; only the parts were pushed', async () => {
    const repo = uniqueName('e2e/fanout-gate');
    const tag = `${registry.host}/${repo}:1`;
    const inputs = { ...nodeInputs(), tags: tag, 'node-strategy': 'fanout' };
    const good = await runAction({
      ...inputs,
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
    });
    expect(good.exitCode, good.stdout).toBe(0);
    expect(good.outputs.published).toBe('true');
    const goodDigest = await tagDigest(registry.host, repo, '1');
    expect(goodDigest).toBe(good.outputs.digest);

    // The arm64 part, built on the node, holds an amd64 busybox. A marker file
    // keeps the two parts' layers apart: Debian's test registry can answer 500
    // when two engines upload the very same blob to one repository at once.
    const context = makeContext({ copyFrom: '${TARGETARCH}' });
    copyFileSync(
      path.join(context, 'rootfs/amd64/bin/busybox'),
      path.join(context, 'rootfs/arm64/bin/busybox'),
    );
    for (const arch of ['amd64', 'arm64'])
      writeFileSync(path.join(context, `rootfs/${arch}/ARCH`), `${arch}\n`);
    const broken = await runAction({ ...inputs, context });
    expect(broken.exitCode).toBe(1);
    expect(broken.outputs.published).toBe('false');
    expect(await tagDigest(registry.host, repo, '1')).toBe(goodDigest);
    const arm = platformsOf(broken.outputs)['linux/arm64'];
    expect(arm, broken.stdout).toMatchObject({ node: node.endpoint, ok: false });
    // The tested part is named by digest and can be pulled.
    expect(arm?.ref).toBe(`${registry.host}/${repo}@${arm?.digest}`);
    expect(await tagDigest(registry.host, repo, arm?.digest as string)).toBe(arm?.digest);
    expect(broken.summary).toContain('**Not published: linux/arm64 failed.**');
    expect(broken.post.exitCode).toBe(0);
  });

  it('a unix:// node without push: each engine builds, loads and tests its own platforms', async () => {
    const tag = `multiarch-e2e/unixnode:${uniqueName('t')}`;
    const run = await runAction({
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      platforms: 'linux/amd64,linux/arm64',
      nodes: `linux/arm64=${node.dockerHost}`,
      tags: tag,
      push: 'false',
      'smoke-expect': '^(x86_64|aarch64)$',
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('Strategy: fanout: without push');
    const platforms = platformsOf(run.outputs);
    expect(platforms['linux/arm64']).toMatchObject({
      node: node.dockerHost,
      ref: tag,
      smoke: 'passed',
      ok: true,
    });
    expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
    expect(platforms['linux/amd64']).toMatchObject({ node: 'local', ref: tag, ok: true });
    // Each engine holds its own platform under the tag; nothing went to a registry.
    expect(
      node.docker('image', 'inspect', '--format', '{{.Architecture}}', tag).stdout.trim(),
    ).toBe('arm64');
    expect(docker('image', 'inspect', '--format', '{{.Architecture}}', tag).stdout.trim()).toBe(
      'amd64',
    );
    docker('rmi', tag);
    node.docker('rmi', tag);
  });

  it('auto picks append when every node boots BuildKit: arm64 built on the node, nothing left on either engine', async () => {
    // Both engines start BuildKit from an image in the test registry (the node cannot reach Docker Hub).
    const buildkit = `${registry.host}/moby/buildkit:v0.25.0`;
    expect(docker('tag', 'moby/buildkit:buildx-stable-1', buildkit).status).toBe(0);
    const pushed = docker('push', '-q', buildkit);
    expect(pushed.status, pushed.stderr).toBe(0);
    const buildkitContainers = (state: Record<string, string>) => {
      const builder = (JSON.parse(state.state ?? '{}') as { builder?: string }).builder as string;
      const list = (d: (...a: string[]) => { stdout: string }) =>
        d('ps', '--all', '--format', '{{.Names}}', '--filter', `name=buildx_buildkit_${builder}`)
          .stdout.split('\n')
          .filter(Boolean);
      return { local: list(docker), node: list(node.docker) };
    };
    const repo = uniqueName('e2e/append');
    const run = await runAction(
      {
        ...nodeInputs(),
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        tags: `${registry.host}/${repo}:1`,
        'buildkit-image': buildkit,
        // The test registry is on loopback: BuildKit must share the engines' network.
        'driver-opts': 'network=host',
        'buildkitd-config-inline': '[worker.oci]\n  max-parallelism = 2',
        'smoke-expect': '^(x86_64|aarch64)$',
      },
      { afterMain: buildkitContainers },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('Strategy: append (tentative)');
    expect(run.stdout).not.toContain('could not start');
    expect(run.stdout).toContain('--driver-opt network=host');
    expect(run.stdout).toMatch(/--config \S+\/buildkitd\.toml/);
    expect(run.outputs.published).toBe('true');
    expect(await tagDigest(registry.host, repo, '1')).toBe(run.outputs.digest);
    const platforms = platformsOf(run.outputs);
    expect(platforms['linux/arm64']).toMatchObject({ node: node.endpoint, ok: true });
    expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
    // Between main and post each engine ran its own BuildKit container...
    const during = run.afterMain as { local: string[]; node: string[] };
    expect(during.local).toHaveLength(1);
    expect(during.node).toHaveLength(1);
    // ...and after post neither engine holds one, nor a builder or context.
    expect(buildkitContainers(run.state)).toEqual({ local: [], node: [] });
    const builder = (JSON.parse(run.state.state ?? '{}') as { builder?: string }).builder as string;
    expect(docker('buildx', 'ls').stdout).not.toContain(builder);
    expect(contextsOf(run).left).toEqual([]);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
  });

  it('auto: falls back to fanout when the append builder cannot start, and says why', async () => {
    const repo = uniqueName('e2e/auto');
    const run = await runAction({
      ...nodeInputs(),
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      tags: `${registry.host}/${repo}:1`,
    });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('Strategy: append (tentative)');
    expect(run.stdout).toContain('docker buildx create --name multiarch-');
    expect(run.stdout).toContain(
      'The append builder could not start, so each node builds its own platforms (fanout)',
    );
    expect(run.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The failed builder was removed at once; post removed the rest.
    const builder = (JSON.parse(run.state.state ?? '{}') as { builder?: string }).builder;
    expect(builder).toMatch(/^multiarch-[0-9a-f]{8}-builder$/);
    expect(docker('buildx', 'ls').stdout).not.toContain(builder);
    expect(contextsOf(run).left).toEqual([]);
  });

  it('refuses a node whose host key is not the known one, and pushes nothing', async () => {
    const repo = uniqueName('e2e/hostkey');
    const run = await runAction({
      ...nodeInputs(),
      'ssh-known-hosts': node.wrongKnownHosts,
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      tags: `${registry.host}/${repo}:1`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `Node ${node.endpoint} (linux/arm64) cannot be reached: host key:`,
    );
    expect(run.stdout).toContain('Nothing was built or pushed.');
    expect(run.stdout).not.toContain('buildx build');
    expect(await registry.catalog()).not.toContain(repo);
    expect(run.post.exitCode).toBe(0);
    expect(contextsOf(run)).toEqual({ created: [expect.any(String)], left: [] });
  });

  it('names each unreachable node and its cause before building anything', async () => {
    const repo = uniqueName('e2e/unreachable');
    const closed = node.endpoint.replace(/:\d+$/, ':1');
    const run = await runAction({
      platforms: 'linux/amd64,linux/arm64',
      nodes: `linux/arm64=${closed}\nlinux/amd64=ssh://root@nosuchhost.invalid`,
      'ssh-private-key': node.privateKey,
      'ssh-accept-new-host-keys': 'true',
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      tags: `${registry.host}/${repo}:1`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`Node ${closed} (linux/arm64) cannot be reached: refused:`);
    expect(run.stdout).toContain(
      'Node ssh://root@nosuchhost.invalid (linux/amd64) cannot be reached: dns:',
    );
    expect(run.stdout).toMatch(/::warning::ssh-accept-new-host-keys is true/);
    expect(run.stdout).not.toContain('buildx build');
    expect(await registry.catalog()).not.toContain(repo);
    expect(contextsOf(run)).toEqual({
      created: [expect.any(String), expect.any(String)],
      left: [],
    });
  });
});
