/**
 * A registry that misbehaves, as a runner meets one: refused connections,
 * connections dropped mid-push, a registry that accepts and never answers,
 * one that completes TLS and then never answers, and one that answers one
 * byte at a time. A proxy on loopback in front of a test registry makes each
 * fault. Every run must end, with an error naming the registry and the cause,
 * and leave nothing behind.
 *
 * Talking TLS to a registry on 127.0.0.1, as found on this engine (26.1) and
 * buildx 0.13: the engine treats 127.0.0.0/8 as an insecure registry, which
 * means https first *without* certificate verification, then plain http. So
 * `docker push` (the docker driver's publish gate) completes a handshake with
 * a self-signed certificate and sends its requests over TLS. BuildKit and
 * `buildx imagetools` talk plain http to loopback unless the builder's
 * buildkitd.toml says otherwise: `http = false` and `insecure = true` for
 * the host (what a registry with a self-signed certificate needs) make the
 * docker-container builder talk TLS too. The black hole counts handshakes,
 * so each test proves TLS was spoken.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDERS,
  createContainerBuilder,
  docker,
  engineAvailable,
  freePort,
  leftoverContainers,
  makeContext,
  pushImage,
  removeBuilder,
  runAction,
  startRegistry,
  uniqueName,
  type Registry,
  type StepRun,
} from './harness';
import { startProxy, type Proxy } from './proxy';

const hasEngine = engineAvailable();

/** A correct two-platform image of busybox, tagged `tag`. */
const inputs = (tag: string): Record<string, string> => ({
  context: makeContext({ copyFrom: '${TARGETARCH}' }),
  platforms: 'linux/amd64,linux/arm64',
  tags: tag,
  'verify-arch': 'false',
});

function tempDirOf(run: StepRun): string | undefined {
  return (JSON.parse(run.state.state ?? '{}') as { tempDir?: string }).tempDir;
}

/** What every fault must leave: a failed step that says why, and nothing behind it. */
function expectCleanFailure(
  run: StepRun,
  host: string,
  cause: RegExp,
  summary = /failed before testing/,
): void {
  expect(run.exitCode, run.stdout).not.toBe(0);
  const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  expect(errors.join('\n'), run.stdout).toContain(host);
  expect(errors.join('\n'), run.stdout).toMatch(cause);
  // Outputs already known are set: nothing was published.
  expect(run.outputs.published).toBe('false');
  expect(run.summary).toMatch(summary);
  expect(leftoverContainers(run.state)).toEqual([]);
  // The run made a temp dir, and post (or main) removed it.
  const temp = tempDirOf(run);
  expect(temp, 'the run recorded no temp dir').toEqual(expect.any(String));
  expect(existsSync(temp as string), `${temp} is still there`).toBe(false);
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

    it('a registry that refuses connections', async () => {
      const host = `127.0.0.1:${await freePort()}`;
      const run = await runAction(inputs(`${host}/${uniqueName('e2e/refused')}:1`));
      expectCleanFailure(run, host, /connection refused/);
    });

    it("a registry that answers 500 once to the HEAD of the tag during the build's own push: built once more, and published", async () => {
      const repo = uniqueName('e2e/hiccup');
      const proxy = await startProxy(registry.host, {
        kind: 'fail-once',
        // dockerd's own push of the tag, after BuildKit's (which retries by itself): by its user agent.
        request: new RegExp(`^HEAD /v2/${repo}/manifests/1 HTTP[\\s\\S]*user-agent: docker/`, 'i'),
      });
      proxies.push(proxy);
      // publish: always: the docker driver's build pushes the tag itself.
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${proxy.host}/${repo}:1`,
        publish: 'always',
      });
      expect(proxy.failed()).toBe(1);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toMatch(
        /met a registry error while pushing \(unexpected status from HEAD request to \S+: 500 Internal Server Error\): building once more/,
      );
      expect(run.outputs.published).toBe('true');
      const res = await fetch(`http://${registry.host}/v2/${repo}/manifests/1`, {
        method: 'HEAD',
        headers: { accept: 'application/vnd.oci.image.index.v1+json' },
      });
      expect(res.headers.get('docker-content-digest')).toBe(run.outputs.digest);
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

/** A self-signed certificate for 127.0.0.1, made for the test with openssl. */
function selfSignedCert(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr}`);
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

const TIMEOUT_S = 10;
// Past registry-timeout: the kill (SIGTERM, then SIGKILL after 5 s) and the cleanup after it.
const SLACK_MS = 8_000;

/**
 * Runs the action and times the stalled phase: from the first line of main
 * matching `phaseStart` to the end of main (post runs after it).
 */
async function timedRun(
  run: typeof runAction,
  inputs: Record<string, string>,
  phaseStart: RegExp,
  opts: { actionYml?: string } = {},
): Promise<{ run: StepRun; phaseMs: number }> {
  let startedAt: number | undefined;
  const called = Date.now();
  const result = await run(inputs, {
    ...opts,
    timeoutMs: 200_000,
    onOutput: (out) => {
      if (startedAt === undefined && phaseStart.test(out)) startedAt = Date.now();
    },
  });
  if (startedAt === undefined) throw new Error(`no line matched ${phaseStart}:\n${result.stdout}`);
  return { run: result, phaseMs: called + result.durationMs - startedAt };
}

describe.skipIf(!hasEngine)(
  `a registry that completes TLS and never answers, or answers a byte at a time (registry-timeout ${TIMEOUT_S}s, publish on-success)`,
  { timeout: 600_000 },
  () => {
    let dir: string;
    let pem: { cert: string; key: string };
    let upstream: Registry;
    const proxies: Proxy[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-tls-'));
      pem = selfSignedCert(dir);
      upstream = await startRegistry();
    });
    afterAll(async () => {
      await Promise.all(proxies.map((p) => p.stop()));
      upstream?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const b of BUILDERS) {
      describe(b.label, () => {
        let hole: Proxy;
        let trickle: Proxy;
        let builder: string | undefined;
        beforeAll(async () => {
          hole = await startProxy(upstream.host, { kind: 'tls-black-hole', ...pem });
          trickle = await startProxy(upstream.host, { kind: 'trickle', everyMs: 100 });
          proxies.push(hole, trickle);
          if (b.container) {
            // The builder's registry config, as for a registry with a self-signed certificate.
            const config = path.join(dir, `buildkitd-${uniqueName('dc')}.toml`);
            writeFileSync(config, `[registry."${hole.host}"]\n  http = false\n  insecure = true\n`);
            builder = createContainerBuilder(config);
          }
        });
        afterAll(() => {
          if (builder) removeBuilder(builder);
        });
        const run: typeof runAction = (i, opts) =>
          runAction({ ...i, ...(builder ? { builder } : {}) }, opts);
        // The docker driver loads, tests, then pushes in the gate; the
        // docker-container builder pushes by digest in the build itself.
        const phaseStart = b.container ? /#\d+ exporting to image/ : /\[command\] docker push /;
        const cause = b.container
          ? new RegExp(`made no progress for 1\\d s while pushing`)
          : new RegExp(`did not finish pushing \\S+ within ${TIMEOUT_S} s \\(registry-timeout\\)`);
        const summary = b.container ? /failed before testing/ : /### multiarch: ❌/;

        const expectBounded = (what: string, run: StepRun, phaseMs: number): void => {
          const error = run.stdout.split('\n').find((l) => l.startsWith('::error::'));
          console.log(
            `${b.label}, ${what}: the stalled phase took ${phaseMs} ms (registry-timeout ${TIMEOUT_S} s)\n${error}`,
          );
          // It waited for the registry (not a quick failure of another kind), and no longer than the bound.
          expect(phaseMs).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);
          expect(phaseMs).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
        };
        const expectNothingTagged = (tag: string): void => {
          // The gate's local names for a push that failed are gone again.
          expect(docker('image', 'inspect', tag).status, `${tag} is still tagged`).not.toBe(0);
        };

        it('TLS black hole: stopped within registry-timeout, naming the registry and the phase', async () => {
          const tag = `${hole.host}/${uniqueName('e2e/tls-hole')}:1`;
          const before = hole.handshakes();
          const { run: r, phaseMs } = await timedRun(
            run,
            { ...inputs(tag), 'registry-timeout': `${TIMEOUT_S}s` },
            phaseStart,
          );
          expectCleanFailure(r, hole.host, cause, summary);
          expect(r.stdout).toMatch(/registry-timeout/);
          expect(hole.handshakes(), 'nothing completed a TLS handshake').toBeGreaterThan(before);
          expectBounded('TLS black hole', r, phaseMs);
          expectNothingTagged(tag);
        });

        it('a registry that answers one byte at a time: stopped within registry-timeout, naming the registry and the phase', async () => {
          const tag = `${trickle.host}/${uniqueName('e2e/trickle')}:1`;
          const before = trickle.trickled();
          const { run: r, phaseMs } = await timedRun(
            run,
            { ...inputs(tag), 'registry-timeout': `${TIMEOUT_S}s` },
            phaseStart,
          );
          expectCleanFailure(r, trickle.host, cause, summary);
          // The registry did answer, slowly: bytes kept coming while the phase ran.
          expect(trickle.trickled() - before).toBeGreaterThan(50);
          expectBounded('trickle', r, phaseMs);
          expectNothingTagged(tag);
        });
      });
    }
  },
);

describe.skipIf(!hasEngine)(
  `merge and check against a registry that answers a byte at a time (registry-timeout ${TIMEOUT_S}s)`,
  { timeout: 300_000 },
  () => {
    let upstream: Registry;
    let trickle: Proxy;
    let source: string;
    beforeAll(async () => {
      upstream = await startRegistry();
      trickle = await startProxy(upstream.host, { kind: 'trickle', everyMs: 100 });
      const repo = uniqueName('e2e/trickle-src');
      pushImage(`${upstream.host}/${repo}:1`, 'linux/amd64,linux/arm64');
      // The same image, read through the trickle.
      source = `${trickle.host}/${repo}:1`;
    });
    afterAll(async () => {
      await trickle?.stop();
      upstream?.stop();
    });
    // The read starts through the registry API (a debug line says so), or imagetools.
    const READ_START =
      /Reading \S+ through the registry API|\[command\] docker buildx imagetools inspect/;
    const readPhase = new RegExp(
      `did not finish reading \\S+ within ${TIMEOUT_S} s \\(registry-timeout\\)`,
    );
    // Errors as the runner shows them: plain, or with a title (check's annotations).
    const errorsOf = (run: StepRun): string =>
      run.stdout
        .split('\n')
        .filter((l) => /^::error( [^:]*)?::/.test(l))
        .join('\n');

    it('merge: reading the sources is stopped, naming the registry and the phase', async () => {
      const { run: r, phaseMs } = await timedRun(
        runAction,
        {
          command: 'merge',
          sources: source,
          tags: `${upstream.host}/${uniqueName('e2e/trickle-merged')}:1`,
          'registry-timeout': `${TIMEOUT_S}s`,
          'verify-arch': 'false',
        },
        READ_START,
        { actionYml: 'merge/action.yml' },
      );
      console.log(
        `merge, trickle: the stalled phase took ${phaseMs} ms (registry-timeout ${TIMEOUT_S} s)\n${errorsOf(r)}`,
      );
      expect(r.exitCode, r.stdout).not.toBe(0);
      expect(errorsOf(r), r.stdout).toContain(trickle.host);
      expect(errorsOf(r), r.stdout).toMatch(readPhase);
      expect(r.outputs.published).toBe('false');
      expect(r.post.exitCode).toBe(0);
      const temp = tempDirOf(r);
      expect(temp, 'the run recorded no temp dir').toEqual(expect.any(String));
      expect(existsSync(temp as string), `${temp} is still there`).toBe(false);
      expect(phaseMs).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);
      expect(phaseMs).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
    });

    it('check: reading the image is stopped, naming the registry and the phase', async () => {
      const { run: r, phaseMs } = await timedRun(
        runAction,
        { command: 'check', images: source, 'registry-timeout': `${TIMEOUT_S}s` },
        READ_START,
        { actionYml: 'check/action.yml' },
      );
      console.log(
        `check, trickle: the stalled phase took ${phaseMs} ms (registry-timeout ${TIMEOUT_S} s)\n${errorsOf(r)}`,
      );
      expect(r.exitCode, r.stdout).not.toBe(0);
      expect(r.outputs.ready).toBe('false');
      expect(errorsOf(r), r.stdout).toContain(trickle.host);
      expect(errorsOf(r), r.stdout).toMatch(readPhase);
      expect(r.post.exitCode).toBe(0);
      expect(phaseMs).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 500);
      expect(phaseMs).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
    });
  },
);
