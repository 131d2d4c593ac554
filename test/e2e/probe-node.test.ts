/**
 * smoke-probe on a node that is really somewhere else: sshd and dockerd in a
 * network namespace of their own, so a port the node's container publishes on
 * 127.0.0.1 is not on the runner's loopback. The probe must go through the
 * action's own ssh connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineAvailable,
  freePort,
  onArm,
  platformsOf,
  runAction,
  server,
  uniqueName,
} from './harness';
import { startSshNode, type SshNode } from './node';

const hasEngine = engineAvailable();

describe.skipIf(!hasEngine)(
  'smoke-probe on an ssh node in its own network namespace',
  { timeout: 300_000 },
  () => {
    let node: SshNode;
    beforeAll(async () => {
      node = await startSshNode({ name: 'multiarch-probe', netns: true });
    });
    afterAll(async () => {
      await node?.stop();
    });
    const inputs = (context: string) => ({
      context,
      platforms: 'linux/amd64,linux/arm64',
      nodes: `linux/arm64=${node.endpoint}`,
      'ssh-private-key': node.privateKey,
      'ssh-known-hosts': node.knownHosts,
      push: 'false',
      'smoke-probe': 'http://:8080/healthz',
      'smoke-timeout': '30',
    });
    const nodeLeftovers = (state: Record<string, string>) => {
      const prefix = (JSON.parse(state.state ?? '{}') as { containerPrefix?: string })
        .containerPrefix as string;
      return node.docker('ps', '--all', '--quiet', '--filter', `name=^${prefix}-`).stdout.trim();
    };

    it('the node is really elsewhere: what it publishes on 127.0.0.1 is not on the runner’s', async () => {
      expect(node.endpoint).toMatch(/^ssh:\/\/multiarch-e2e-node@10\.212\.\d+\.2:\d+$/);
      const tag = `multiarch-e2e/elsewhere:${uniqueName('t')}`;
      const ctx = server();
      expect(node.docker('build', '-q', '-t', tag, ctx).status).toBe(0);
      const port = await freePort();
      const started = node.docker('run', '-d', '--rm', '-p', `127.0.0.1:${port}:8080`, tag);
      expect(started.status, started.stderr).toBe(0);
      try {
        await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      } finally {
        node.docker('rm', '-f', started.stdout.trim());
        node.docker('rmi', tag);
      }
    });

    it('reaches the node’s server through the action’s ssh connection: ready on both platforms', async () => {
      const run = await runAction(inputs(server()));
      expect(run.exitCode, run.stdout).toBe(0);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/arm64']).toMatchObject({
        node: node.endpoint,
        smoke: 'passed',
        ok: true,
      });
      expect((platforms['linux/arm64'] as unknown as { readyMs: number }).readyMs).toBeGreaterThan(
        0,
      );
      expect(platforms['linux/amd64']).toMatchObject({ node: 'local', ok: true });
      expect(nodeLeftovers(run.state)).toBe('');
      expect(run.post.exitCode).toBe(0);
    });

    it('a 404 from the node’s server fails arm64 with the status: the answer came from the node', async () => {
      const run = await runAction(inputs(server(onArm('/bin/busybox rm /www/healthz'))));
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/arm64']?.errors[0]).toMatch(/^http:\/\/:8080\/healthz answered 404/);
      expect(platforms['linux/amd64']).toMatchObject({ ok: true });
      expect(nodeLeftovers(run.state)).toBe('');
    });
  },
);
