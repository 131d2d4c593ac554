/**
 * The sweep that runs before the suite (test/setup/leftovers.ts): what a
 * killed run left is removed, and a live run's dir is left alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { claim, SUITE_PREFIX, sweepKilledSuites } from '../setup/leftovers';
import { docker, engineAvailable } from './harness';
import { LEFTOVERS_FILE } from './node';

const hasEngine = engineAvailable();
const HEALTH_IMAGE = 'multiarch-e2e/healthcheck:local';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!hasEngine)('the sweep of a killed run', { timeout: 120_000 }, () => {
  it('removes its processes, containers, links, namespaces and dir; leaves a live run alone', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'multiarch-sweep-'));
    try {
      const id = randomBytes(3).toString('hex');
      // A suite killed mid-way: its owner is gone.
      const dead = path.join(parent, `${SUITE_PREFIX}dead`);
      mkdirSync(path.join(dead, 'node-x'), { recursive: true });
      writeFileSync(path.join(dead, 'owner'), '2147483646 1\n');
      // A daemon of it, still running, that names the dir in its argv (as dockerd and sshd do).
      const daemon = spawn(
        process.execPath,
        ['-e', 'setTimeout(() => {}, 600_000)', `${dead}/node-x/daemon.conf`],
        { stdio: 'ignore' },
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(alive(daemon.pid as number)).toBe(true);
      const link = `manode${id}`;
      const ns = `multiarch-sweep-${id}`;
      expect(spawnSync('ip', ['link', 'add', link, 'type', 'bridge']).status).toBe(0);
      expect(spawnSync('ctr', ['namespaces', 'create', ns]).status).toBe(0);
      writeFileSync(
        path.join(dead, 'node-x', LEFTOVERS_FILE),
        JSON.stringify({ namespaces: [ns], links: [link] }),
      );
      // A step of it that never got to post: its container is still there.
      const prefix = `multiarch-${randomBytes(4).toString('hex')}`;
      mkdirSync(path.join(dead, 'multiarch-step-1'));
      writeFileSync(
        path.join(dead, 'multiarch-step-1', 'state'),
        `state<<ghadelimiter_1\n${JSON.stringify({ containerPrefix: prefix })}\nghadelimiter_1\n`,
      );
      const made = docker('create', '--name', `${prefix}-0-linux-amd64`, HEALTH_IMAGE, 'true');
      expect(made.status, made.stderr).toBe(0);
      // A suite that is still running.
      const live = path.join(parent, `${SUITE_PREFIX}live`);
      mkdirSync(live);
      claim(live);

      await sweepKilledSuites(parent);

      await new Promise((r) => setTimeout(r, 200));
      expect(alive(daemon.pid as number)).toBe(false);
      expect(docker('ps', '-aq', '--filter', `name=^${prefix}-`).stdout.trim()).toBe('');
      expect(spawnSync('ip', ['link', 'show', link]).status).not.toBe(0);
      expect(
        spawnSync('ctr', ['namespaces', 'ls', '-q'], { encoding: 'utf8' }).stdout,
      ).not.toContain(ns);
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
