/**
 * The action end to end: dist/index.js, main then post, against a real engine,
 * real QEMU and a registry on 127.0.0.1.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  docker,
  engineAvailable,
  leftoverContainers,
  makeContext,
  BUILDERS,
  builderSuite,
  tagDigest,
  uniqueName,
  platformsOf,
} from './harness';

const hasEngine = engineAvailable();

describe.skipIf(!hasEngine).each(BUILDERS)(
  'build, push and smoke-test on the $label (real engine)',
  { timeout: 300_000 },
  ({ container }) => {
    // Every run of this block builds with the block's builder.
    const suite = builderSuite(container);
    const runAction = suite.runAction;

    it('pushes amd64 + arm64, resolves each digest, and really runs arm64 code', async () => {
      const repo = uniqueName('e2e/happy');
      const tag = `${suite.registry.host}/${repo}:1`;
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: tag,
        'smoke-expect': '^(x86_64|aarch64)$',
      });
      expect(run.exitCode, run.stdout).toBe(0);

      // The registry holds one index listing both platforms (plus attestations).
      const index = await suite.registry.manifest(repo, '1');
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      const images = (index.manifests ?? []).filter((m) => m.platform?.os !== 'unknown');
      const byPlatform = Object.fromEntries(
        images.map((m) => [`${m.platform?.os}/${m.platform?.architecture}`, m.digest]),
      );
      expect(Object.keys(byPlatform).sort()).toEqual(['linux/amd64', 'linux/arm64']);

      // Outputs name exactly what the registry holds.
      const indexDigest = (
        await fetch(`http://${suite.registry.host}/v2/${repo}/manifests/1`, {
          method: 'HEAD',
          headers: { accept: index.mediaType ?? '' },
        })
      ).headers.get('docker-content-digest');
      expect(run.outputs.digest).toBe(indexDigest);
      expect(run.outputs.image).toBe(`${suite.registry.host}/${repo}@${indexDigest}`);
      expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(indexDigest);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/amd64']).toMatchObject({
        digest: byPlatform['linux/amd64'],
        smoke: 'passed',
        exitCode: 0,
        emulated: false,
        ok: true,
      });
      expect(platforms['linux/arm64']).toMatchObject({
        digest: byPlatform['linux/arm64'],
        smoke: 'passed',
        exitCode: 0,
        emulated: true,
        ok: true,
      });
      expect(platforms['linux/arm64']?.ref).toBe(
        `${suite.registry.host}/${repo}@${byPlatform['linux/arm64']}`,
      );

      // `uname -m` inside the arm64 container says aarch64: arm64 code ran (under QEMU).
      expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
      expect(platforms['linux/amd64']?.output.trim()).toBe('x86_64');
      expect(platforms['linux/arm64']?.arch).toMatchObject({ checked: true, foreignCount: 0 });
      expect(platforms['linux/arm64']?.arch?.elfFiles).toBeGreaterThanOrEqual(1);

      // One summary row per platform.
      expect(run.summary).toMatch(
        /\| ✅ \| `linux\/amd64` \| local \| `[0-9a-f]{12}` \| [\d.]+ s \| passed \(exit 0\) \| [\d.]+ s \| no \(native\) \| ok /,
      );
      expect(run.summary).toMatch(
        /\| ✅ \| `linux\/arm64` \| local \| `[0-9a-f]{12}` \| [\d.]+ s \| passed \(exit 0\) \| [\d.]+ s \| yes \(QEMU\) \| ok /,
      );
      // Each phase in its own log group.
      for (const g of [
        'Docker engine',
        'QEMU emulation',
        // buildx's docker driver cannot push by digest: it loads, tests, then pushes.
        `Build (${container ? 'push' : 'load-then-push'})`,
        'Smoke test every platform',
      ])
        expect(run.stdout).toContain(`::group::${g}`);
      // The image's output reaches the log fenced off, so it cannot issue workflow commands.
      expect(run.stdout).toMatch(/::stop-commands::(multiarch-[0-9a-f]{16})\naarch64\n::\1::/);
      // QEMU was already registered on this host: no installer container was started.
      expect(run.stdout).toContain('No emulator installed');
      expect(run.stdout).not.toContain('--privileged');

      // Post cleans up the temp dir and exits 0.
      expect(run.post.exitCode).toBe(0);
      expect(readdirSync(run.runnerTemp)).toEqual([]);
    });

    it('catches an amd64 binary in the arm64 image, which QEMU-less smoke tests miss', async () => {
      const repo = uniqueName('e2e/wrongarch');
      const run = await runAction({
        context: makeContext({ copyFrom: 'amd64' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${suite.registry.host}/${repo}:1`,
      });
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      // On this x86 machine the arm64 container runs: only the ELF check catches it.
      expect(platforms['linux/arm64']).toMatchObject({ smoke: 'passed', ok: false });
      expect(platforms['linux/arm64']?.output.trim()).toBe('x86_64');
      expect(platforms['linux/arm64']?.errors).toContain(
        '/bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
      );
      expect(platforms['linux/amd64']).toMatchObject({ smoke: 'passed', ok: true });
      expect(run.stdout).toContain(
        '::error title=multiarch%3A linux/arm64 failed::linux/arm64: /bin/busybox is an x86-64 executable',
      );
      expect(run.stdout).toContain('TARGETARCH');
      expect(run.summary).toMatch(/\| ❌ \| `linux\/arm64` \|/);
      expect(run.summary).toMatch(/\| ✅ \| `linux\/amd64` \|/);
    });

    it('catches the mirror case: an arm64 binary in the amd64 image', async () => {
      const repo = uniqueName('e2e/mirror');
      const run = await runAction({
        context: makeContext({ copyFrom: 'arm64' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${suite.registry.host}/${repo}:1`,
      });
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/amd64']?.ok).toBe(false);
      expect(platforms['linux/amd64']?.errors).toContain(
        '/bin/busybox is an AArch64 executable; a real amd64 node would fail with exec format error',
      );
      expect(platforms['linux/arm64']?.ok).toBe(true);
    });

    it('kills a hanging smoke command at the timeout and leaves no container behind', async () => {
      const run = await runAction(
        {
          context: makeContext({ copyFrom: '${TARGETARCH}' }),
          platforms: 'linux/amd64,linux/arm64',
          push: 'false',
          tags: `multiarch-e2e/hang:${uniqueName('t')}`,
          'smoke-command': 'sleep 600',
          'smoke-timeout': '3',
          'verify-arch': 'false',
        },
        { afterMain: leftoverContainers },
      );
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      for (const p of ['linux/amd64', 'linux/arm64']) {
        expect(platforms[p]).toMatchObject({ smoke: 'failed', ok: false, exitCode: null });
        expect(platforms[p]?.errors).toEqual(['timed out after 3 s']);
      }
      // Killed at the timeout plus the time `docker rm -f` takes, not at 600 s.
      for (const p of ['linux/amd64', 'linux/arm64']) {
        expect(platforms[p]?.durationMs).toBeGreaterThanOrEqual(3000);
        expect(platforms[p]?.durationMs).toBeLessThan(10_000);
      }
      // Main itself removed the hung containers (post would also sweep them).
      expect(run.afterMain).toEqual([]);
      expect(leftoverContainers(run.state)).toEqual([]);
    });

    it('fails a platform whose output does not match smoke-expect', async () => {
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        push: 'false',
        tags: `multiarch-e2e/expect:${uniqueName('t')}`,
        'smoke-expect': '^aarch64$',
      });
      expect(run.exitCode).toBe(1);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/arm64']).toMatchObject({ smoke: 'passed', ok: true });
      expect(platforms['linux/amd64']).toMatchObject({ smoke: 'failed', ok: false, exitCode: 0 });
      expect(platforms['linux/amd64']?.errors).toEqual([
        'output did not match smoke-expect /^aarch64$/',
      ]);
      expect(run.stdout).toContain('1 of 2 platforms failed: linux/amd64');
    });

    it('push-by-digest: reports the tested digest, writes no user tag, and the digest is pullable', async () => {
      const repo = uniqueName('e2e/bydigest');
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${suite.registry.host}/${repo}`,
        'push-by-digest': 'true',
      });
      expect(run.exitCode, run.stdout).toBe(0);
      const digest = run.outputs.digest as string;
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await tagDigest(suite.registry.host, repo, digest)).toBe(digest);
      expect(run.outputs.published).toBe('false');
      if (container) {
        // A docker-container builder pushes without any tag at all.
        expect(run.stdout).toContain('push-by-digest=true');
        expect(await tagDigest(suite.registry.host, repo, 'latest')).toBeUndefined();
      } else {
        // buildx's docker driver refuses push-by-digest: the platform tag stands in.
        expect(run.stdout).toContain('cannot push by digest');
        expect(await tagDigest(suite.registry.host, repo, 'latest-linux-amd64-linux-arm64')).toBe(
          digest,
        );
      }
      for (const p of ['linux/amd64', 'linux/arm64'])
        expect(platformsOf(run.outputs)[p]).toMatchObject({ smoke: 'passed', ok: true });
    });

    it('without push, loads locally and smoke-tests the local image with no registry', async () => {
      const tag = `multiarch-e2e/local:${uniqueName('t')}`;
      const before = await suite.registry.catalog();
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        tags: tag,
        push: 'false',
        'smoke-expect': '^(x86_64|aarch64)$',
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toContain('Build (load)');
      expect(run.stdout).toContain('--load');
      expect(await suite.registry.catalog()).toEqual(before);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/arm64']).toMatchObject({ ref: tag, ok: true, digest: null });
      expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
      expect(platforms['linux/amd64']?.output.trim()).toBe('x86_64');
      // The image really is in the local store, with both platforms.
      expect(
        docker('run', '--rm', '--platform', 'linux/arm64', '--pull', 'never', tag).stdout.trim(),
      ).toBe('aarch64');
      docker('rmi', tag);
    });

    it.each([
      [
        { platforms: 'linux/amd64,linux/arm64;touch /tmp/multiarch-pwned' },
        'Input "platforms": "linux/arm64;touch /tmp/multiarch-pwned" is not a platform',
      ],
      [
        { tags: '127.0.0.1:5000/x:$(touch /tmp/multiarch-pwned)' },
        'Input "tags": "127.0.0.1:5000/x:$(touch /tmp/multiarch-pwned)" is not a valid image reference',
      ],
    ])('rejects bad input %j before running anything', async (inputs, message) => {
      rmSync('/tmp/multiarch-pwned', { force: true });
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        ...inputs,
      });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(`::error::${message}`);
      expect(run.stdout).not.toContain('[command]');
      expect(existsSync('/tmp/multiarch-pwned')).toBe(false);
      expect(run.post.exitCode).toBe(0);
    });
  },
);

it('finds the bundled dist', () => {
  expect(existsSync(path.join(ROOT, 'dist/index.js'))).toBe(true);
});
