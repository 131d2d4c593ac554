/**
 * Each way an ssh node can fail to answer, made by a real sshd, and the
 * message that names it: the TCP connection, the host key, authentication,
 * a login shell that stays silent, no docker on the node's PATH, and an
 * engine that does not answer. No message may point at text that is not
 * there.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAvailable, freePort, makeContext, runAction, type StepRun } from './harness';
import { startSshNode, type SshNode, type SshNodeOptions } from './node';

const hasEngine = engineAvailable();

/** A fresh ed25519 key that no node accepts. */
function strangerKey(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-stranger-'));
  const file = path.join(dir, 'id');
  const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  if (r.status !== 0) throw new Error(`ssh-keygen failed: ${String(r.stderr)}`);
  return readFileSync(file, 'utf8');
}

/** The ::error:: text of a run, with the runner's %0A turned back into lines. */
function errorOf(run: StepRun): string {
  return run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .map((l) => l.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%25/g, '%'))
    .join('\n');
}

/** What every unreachable node must give: a failed step, its own line, nothing built, a clean post. */
function expectNamed(run: StepRun, node: SshNode | string, phase: string, what: RegExp): string {
  const endpoint = typeof node === 'string' ? node : node.endpoint;
  expect(run.exitCode, run.stdout).toBe(1);
  const error = errorOf(run);
  expect(error, run.stdout).toContain(
    `Node ${endpoint} (linux/arm64) cannot be reached: ${phase}: `,
  );
  expect(error).toMatch(what);
  expect(error).toContain('Nothing was built or pushed.');
  expect(run.stdout).not.toMatch(/see the error above/i);
  expect(run.stdout).not.toContain('buildx build');
  expect(run.outputs.published).toBe('false');
  expect(run.post.exitCode).toBe(0);
  return error;
}

describe.skipIf(!hasEngine)(
  'an ssh node that cannot be used, phase by phase',
  { timeout: 180_000 },
  () => {
    const nodes: SshNode[] = [];
    let working: SshNode;
    const start = async (opts: SshNodeOptions): Promise<SshNode> => {
      const n = await startSshNode(opts);
      nodes.push(n);
      return n;
    };
    beforeAll(async () => {
      working = await start({ name: 'errors-ok' });
    });
    afterAll(async () => {
      await Promise.all(nodes.map((n) => n.stop()));
    });
    const inputs = (node: SshNode | string, more: Record<string, string> = {}) => ({
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      platforms: 'linux/amd64,linux/arm64',
      push: 'false',
      nodes: `linux/arm64=${typeof node === 'string' ? node : node.endpoint}`,
      'ssh-private-key': typeof node === 'string' ? working.privateKey : node.privateKey,
      'ssh-known-hosts': typeof node === 'string' ? working.knownHosts : node.knownHosts,
      ...more,
    });

    it('TCP connect: nothing listens on the port', async () => {
      const closed = working.endpoint.replace(/:\d+$/, `:${await freePort()}`);
      const run = await runAction(inputs(closed));
      const error = expectNamed(run, closed, 'refused', /the TCP connection to the node failed/);
      expect(error).toMatch(/connect: connection refused/);
    });

    it('host key: the node shows a key other than the pinned one', async () => {
      const run = await runAction(inputs(working, { 'ssh-known-hosts': working.wrongKnownHosts }));
      expectNamed(run, working, 'host key', /host key is not the one in ssh-known-hosts/);
    });

    it('authentication: the node refuses the key', async () => {
      const run = await runAction(inputs(working, { 'ssh-private-key': strangerKey() }));
      const error = expectNamed(run, working, 'auth', /the node refused the key/);
      expect(error).toMatch(/Permission denied \(publickey\)/);
    });

    it('authenticated, but the login shell stays silent: named with its usual causes, within the probe bound', async () => {
      // Like a ~/.bashrc that waits on a stale lock: every command, dial-stdio too, hangs.
      const node = await start({ name: 'errors-silent', engine: false, forceCommand: 'sleep 600' });
      const run = await runAction(inputs(node));
      const error = expectNamed(
        run,
        node,
        'silent shell',
        /ssh authenticated, but the remote command stayed silent for \d+ s/,
      );
      expect(error).toMatch(/slow login shell on the node \(the ssh user's ~\/\.bashrc or profile/);
      expect(error).toMatch(/a build user whose shell is \/bin\/sh/);
      // The engine probe's own bound (45 s), not the probe's wait added to it.
      expect(run.durationMs).toBeLessThan(70_000);
    });

    it('docker is not on the PATH of ssh sessions on the node', async () => {
      const node = await start({
        name: 'errors-nodocker',
        engine: false,
        sessionPath: '/nonexistent',
      });
      const run = await runAction(inputs(node));
      expectNamed(run, node, 'no docker', /docker is not on the PATH of ssh sessions there/);
    });

    it('the engine behind the node’s docker does not answer', async () => {
      const node = await start({ name: 'errors-noengine', engine: false });
      const run = await runAction(inputs(node));
      const error = expectNamed(run, node, 'engine', /the node's Docker engine does not answer/);
      expect(error).toMatch(/Cannot connect to the Docker daemon at unix:\/\//);
    });
  },
);
