/**
 * A registry that misbehaves, as a runner meets one: refused connections,
 * connections dropped mid-push, and a registry that accepts and never
 * answers. A TCP proxy on loopback in front of a test registry makes each
 * fault. Every run must end, with an error naming the registry and the cause,
 * and leave nothing behind.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineAvailable,
  freePort,
  leftoverContainers,
  makeContext,
  runAction,
  startRegistry,
  uniqueName,
  type Registry,
  type StepRun,
} from './harness';
import { startProxy, type Proxy } from './proxy';

const hasEngine = engineAvailable();

function tempDirOf(run: StepRun): string | undefined {
  return (JSON.parse(run.state.state ?? '{}') as { tempDir?: string }).tempDir;
}

/** What every fault must leave: a failed step that says why, and nothing behind it. */
function expectCleanFailure(run: StepRun, host: string, cause: RegExp): void {
  expect(run.exitCode, run.stdout).not.toBe(0);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors.join('\n'), run.stdout).toContain(host);
  expect(errors.join('\n'), run.stdout).toMatch(cause);
  // Outputs already known are set: nothing was published.
  expect(run.outputs.published).toBe('false');
  expect(run.summary).toMatch(/failed before testing/);
  expect(leftoverContainers(run.state)).toEqual([]);
  const temp = tempDirOf(run);
  expect(temp && existsSync(temp)).toBeFalsy();
  expect(run.post.exitCode).toBe(0);
}

describe.skipIf(!hasEngine)(
  'registry faults (real engine, proxy on loopback)',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    const proxies: Proxy[] = [];
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(async () => {
      await Promise.all(proxies.map((p) => p.stop()));
      registry.stop();
    });
    const context = (): string => makeContext({ copyFrom: '${TARGETARCH}' });
    const inputs = (tag: string): Record<string, string> => ({
      context: context(),
      platforms: 'linux/amd64,linux/arm64',
      tags: tag,
      'verify-arch': 'false',
    });

    it('a registry that refuses connections', async () => {
      const host = `127.0.0.1:${await freePort()}`;
      const run = await runAction(inputs(`${host}/${uniqueName('e2e/refused')}:1`));
      expectCleanFailure(run, host, /connection refused/);
    });

    it('a registry that drops connections mid-push', async () => {
      const proxy = await startProxy(registry.host, { kind: 'drop-after', bytes: 4096 });
      proxies.push(proxy);
      const repo = uniqueName('e2e/dropped');
      const run = await runAction(inputs(`${proxy.host}/${repo}:1`));
      expectCleanFailure(run, proxy.host, /connection reset|EOF|broken pipe|closed/i);
      expect(proxy.connections()).toBeGreaterThan(0);
    });

    it('a registry that accepts and never answers: stopped after registry-timeout, naming the phase', async () => {
      const proxy = await startProxy(registry.host, { kind: 'silent' });
      proxies.push(proxy);
      const began = Date.now();
      const run = await runAction(
        {
          ...inputs(`${proxy.host}/${uniqueName('e2e/silent')}:1`),
          'registry-timeout': '5s',
          // The build pushes itself (no gate), so the push is in BuildKit's progress stream.
          publish: 'always',
        },
        { timeoutMs: 120_000 },
      );
      expectCleanFailure(run, proxy.host, /made no progress for [5-9] s while pushing/);
      expect(run.stdout).toMatch(/registry-timeout/);
      // Bounded by the registry timeout, not by the runner's.
      expect(Date.now() - began).toBeLessThan(90_000);
    });
  },
);
