/**
 * Servers tested the way a cluster runs them: real entrypoint, detached, a
 * readiness probe per platform, on both builders users have.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILDERS,
  builderSuite,
  engineAvailable,
  leftoverContainers,
  onArm,
  platformsOf,
  server,
  type StepRun,
} from './harness';

const BB = '/bin/busybox';

const hasEngine = engineAvailable();
describe.skipIf(!hasEngine).each(BUILDERS)(
  'smoke-probe on the $label (real engine)',
  { timeout: 300_000 },
  ({ container }) => {
    const suite = builderSuite(container);
    const probeRun = (context: string, probe: string, more: Record<string, string> = {}) =>
      suite.runAction({
        context,
        platforms: 'linux/amd64,linux/arm64',
        push: 'false',
        'smoke-probe': probe,
        'smoke-timeout': '20',
        ...more,
      });
    const expectClean = (run: StepRun) => {
      expect(leftoverContainers(run.state)).toEqual([]);
      expect(run.post.exitCode).toBe(0);
    };

    it('http: a server healthy on both platforms passes, with readyMs per platform', async () => {
      const run = await probeRun(server(), 'http://:8080/healthz', { 'smoke-env': 'GREETING=hi' });
      expect(run.exitCode, run.stdout).toBe(0);
      const platforms = platformsOf(run.outputs);
      for (const p of ['linux/amd64', 'linux/arm64']) {
        expect(platforms[p]).toMatchObject({ smoke: 'passed', ok: true });
        expect((platforms[p] as unknown as { readyMs: number }).readyMs).toBeGreaterThan(0);
      }
      expect(run.summary).toMatch(/\| ✅ \| `linux\/arm64` \|.*\| passed \(ready in [\d.]+ s\) \|/);
      expectClean(run);
    });

    it('http: a server that exits with an error on arm64 only fails that platform, with its log line', async () => {
      const run = await probeRun(
        server(onArm(`{ echo 'fatal: no config for arm64' >&2; exit 3; }`)),
        'http://:8080/healthz',
      );
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/amd64']).toMatchObject({ smoke: 'passed', ok: true });
      expect(platforms['linux/arm64']).toMatchObject({ smoke: 'failed', ok: false, exitCode: 3 });
      expect(platforms['linux/arm64']?.errors[0]).toMatch(
        /^exited with code 3 after [\d.]+ s, before answering http:\/\/:8080\/healthz$/,
      );
      expect(platforms['linux/arm64']?.output).toContain('fatal: no config for arm64');
      expect(run.stdout).toContain(
        '::error title=multiarch%3A linux/arm64 failed::linux/arm64: exited with code 3',
      );
      expectClean(run);
    });

    it('http: /healthz answering 404 on arm64 only fails that platform, with the status', async () => {
      const run = await probeRun(server(onArm(`${BB} rm /www/healthz`)), 'http://:8080/healthz');
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/amd64']).toMatchObject({ ok: true });
      expect(platforms['linux/arm64']?.errors[0]).toMatch(/^http:\/\/:8080\/healthz answered 404/);
      expectClean(run);
    });

    it('tcp: passes when the server accepts; fails when nothing listens behind the published port', async () => {
      const good = await probeRun(server(), 'tcp://:8080');
      expect(good.exitCode, good.stdout).toBe(0);
      const bad = await probeRun(server(), 'tcp://:9999', { 'smoke-timeout': '4' });
      expect(bad.exitCode).toBe(1);
      for (const p of ['linux/amd64', 'linux/arm64'])
        expect(platformsOf(bad.outputs)[p]?.errors[0]).toMatch(
          /^not ready after 4 s \(last probe of tcp:\/\/:9999: (connection closed at once|connection refused)/,
        );
      expectClean(good);
      expectClean(bad);
    });

    it('healthcheck: passes on healthy; fails on an image without a HEALTHCHECK, with the fix', async () => {
      const healthy = server('', [
        `HEALTHCHECK --interval=1s --timeout=3s --retries=3 CMD ["${BB}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]`,
      ]);
      const good = await probeRun(healthy, 'healthcheck');
      expect(good.exitCode, good.stdout).toBe(0);
      const none = await probeRun(server(), 'healthcheck');
      expect(none.exitCode).toBe(1);
      expect(platformsOf(none.outputs)['linux/arm64']?.errors[0]).toMatch(
        /the image has no HEALTHCHECK\. Give smoke-probe an http/,
      );
      expectClean(good);
      expectClean(none);
    });

    it('SIGTERM while probing: main removes every container it started before it exits', async () => {
      const run = await suite.runAction(
        {
          context: server(),
          platforms: 'linux/amd64,linux/arm64',
          push: 'false',
          'smoke-probe': 'log:never printed',
          'smoke-timeout': '120',
        },
        // Once both servers were started, cancel while they are probed.
        {
          signal: {
            name: 'SIGTERM',
            when: (out) => (out.match(/run --detach/g) ?? []).length === 2,
            delayMs: 2_000,
          },
          afterMain: (state) => leftoverContainers(state),
        },
      );
      expect(run.exitCode).toBe(143);
      expect(run.stdout).toMatch(/Removed 2 leftover container\(s\)/);
      expect(run.afterMain).toEqual([]);
      expect(run.post.exitCode).toBe(0);
      expectClean(run);
    });

    it('log: passes when the output matches; fails with the timeout when it never does', async () => {
      const ctx = server(`echo "listening on :8080 ($(${BB} uname -m))";`);
      const good = await probeRun(ctx, 'log:^listening on :8080');
      expect(good.exitCode, good.stdout).toBe(0);
      const bad = await probeRun(ctx, 'log:never printed', { 'smoke-timeout': '3' });
      expect(bad.exitCode).toBe(1);
      expect(platformsOf(bad.outputs)['linux/amd64']?.errors[0]).toMatch(
        /^not ready after 3 s \(last probe of log:never printed: no matching line/,
      );
      expectClean(good);
      expectClean(bad);
    });
  },
);
