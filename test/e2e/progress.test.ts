/**
 * Each platform's build time, read from BuildKit's progress stream, and the
 * advice when QEMU makes a platform's build much slower than the native one.
 */
import { describe, expect, it } from 'vitest';
import { engineAvailable, makeContext, platformsOf, runAction } from './harness';

const hasEngine = engineAvailable();

describe.skipIf(!hasEngine)(
  'per-platform build time (real engine, real QEMU)',
  { timeout: 300_000 },
  () => {
    it('times arm64 longer than amd64 when only emulation makes a step slow, and says so once', async () => {
      // A CPU loop: the same work on both platforms, slower only under QEMU.
      const loop = 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo looped $i';
      const run = await runAction({
        context: makeContext({
          copyFrom: '${TARGETARCH}',
          extra: [`RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', loop])}`],
        }),
        platforms: 'linux/amd64,linux/arm64',
        'no-cache': 'true',
        'verify-arch': 'false',
        // QEMU costs about 2× on this busybox loop, well under the real 3× and 30 s.
        'emulation-warning': '1.3,0.5',
      });
      expect(run.exitCode, run.stdout).toBe(0);
      const platforms = platformsOf(run.outputs);
      const amd = platforms['linux/amd64']?.buildDurationMs ?? 0;
      const arm = platforms['linux/arm64']?.buildDurationMs ?? 0;
      expect(amd).toBeGreaterThan(0);
      expect(arm).toBeGreaterThan(amd);
      // Each platform's own time, not one figure for both.
      expect(arm).not.toBe(amd);
      // The log reads like plain progress: the loop's output, no raw JSON.
      expect(run.stdout).toMatch(/#\d+ looped 300000/);
      expect(run.stdout).not.toMatch(/"vertexes"/);
      const advice = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('::warning::Emulation is slow'));
      expect(advice).toHaveLength(1);
      expect(advice[0]).toContain('linux/arm64 took');
      expect(advice[0]).toContain('FROM --platform=$BUILDPLATFORM');
      // Both rows of the summary carry their own build time.
      expect(run.summary).toContain(`${(arm / 1000).toFixed(1)} s`);
      expect(run.summary).toContain(`${(amd / 1000).toFixed(1)} s`);
    });
  },
);
