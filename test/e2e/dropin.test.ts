/**
 * build-push-action's inputs, end to end on the real engine: secrets reach a
 * RUN --mount=type=secret and nothing else (no layer, no log line, no file
 * after post); a named local context; annotations on the pushed index; an ssh
 * agent mounted into a RUN; load with push; an exporter beside the image.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDERS,
  builderSuite,
  busybox,
  docker,
  engineAvailable,
  filesUnder,
  platformsOf,
  recordName,
  uniqueName,
  type StepRun,
} from './harness';

const BB = '/bin/busybox';
const hasEngine = engineAvailable();

/** A FROM-scratch busybox context with these Dockerfile lines after the COPY; exec-form RUNs only. */
function context(lines: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-dropin-'));
  // Built without tags, the image is named multiarch-local/<this dir's name>.
  recordName(path.basename(dir));
  cpSync(busybox(), path.join(dir, 'rootfs'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const dockerfile = [
    'FROM scratch',
    'ARG TARGETARCH',
    'COPY rootfs/${TARGETARCH}/ /',
    ...lines,
    `ENTRYPOINT ["${BB}"]`,
  ];
  writeFileSync(path.join(dir, 'Dockerfile'), `${dockerfile.join('\n')}\n`);
  return dir;
}

/** An exec-form RUN of a busybox shell script (the image has no /bin/sh). */
const run = (mounts: string, script: string) =>
  `RUN ${mounts} ${JSON.stringify([BB, 'sh', '-c', script])}`;

/** The log as the runner shows it: its own ::add-mask:: commands are consumed, never printed. */
const shownLog = (r: StepRun) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

interface Manifest {
  mediaType?: string;
  config?: { digest: string };
  layers?: { digest: string }[];
  manifests?: { digest: string; platform?: { os: string; architecture: string } }[];
  annotations?: Record<string, string>;
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

async function manifest(host: string, repo: string, ref: string): Promise<Manifest> {
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${ref}`, {
    headers: { accept: ACCEPT },
  });
  if (!res.ok) throw new Error(`GET ${repo}:${ref}: ${res.status}`);
  return (await res.json()) as Manifest;
}

/** Every blob of every platform image under a reference (configs and layers, uncompressed). */
async function imageBlobs(host: string, repo: string, ref: string): Promise<Buffer[]> {
  const top = await manifest(host, repo, ref);
  const images = top.manifests
    ? await Promise.all(top.manifests.map((m) => manifest(host, repo, m.digest)))
    : [top];
  const digests = images.flatMap((m) => [
    ...(m.config ? [m.config.digest] : []),
    ...(m.layers ?? []).map((l) => l.digest),
  ]);
  return Promise.all(
    digests.map(async (d) => {
      const res = await fetch(`http://${host}/v2/${repo}/blobs/${d}`);
      const raw = Buffer.from(await res.arrayBuffer());
      return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    }),
  );
}

describe.skipIf(!hasEngine).each(BUILDERS)(
  "build-push-action's inputs on the $label (real engine)",
  { timeout: 300_000 },
  ({ container }) => {
    const suite = builderSuite(container);

    it('secrets and secret-files reach RUN --mount=type=secret, and no layer, log line or leftover file', async () => {
      const token = `tok-${uniqueName('s')}-value`;
      const fileSecret = `//registry.example/:_authToken=${uniqueName('f')}-file`;
      const secretDir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-secret-'));
      const npmrc = path.join(secretDir, 'npmrc');
      writeFileSync(npmrc, fileSecret);
      const expected = createHash('sha256').update(token).update(fileSecret).digest('hex');
      const repo = uniqueName('e2e/secrets');
      const ctx = context([
        run(
          '--mount=type=secret,id=token,required=true --mount=type=secret,id=npmrc,required=true',
          // Secrets are no part of BuildKit's cache key: the run's own name keeps the step uncached.
          `: ${repo}; ${BB} cat /run/secrets/token /run/secrets/npmrc | ${BB} sha256sum > /secrets.sha256`,
        ),
        'CMD ["cat", "/secrets.sha256"]',
      ]);
      const r = await suite.runAction(
        {
          context: ctx,
          platforms: 'linux/amd64',
          tags: `${suite.registry.host}/${repo}:1`,
          secrets: `token=${token}`,
          'secret-files': `npmrc=${npmrc}`,
          'smoke-expect': `^${expected}  -$`,
        },
        {
          // Between main and post: the value's file, 0600, under RUNNER_TEMP.
          afterMain: (state) => {
            const dir = (JSON.parse(state.state ?? '{}') as { tempDir?: string }).tempDir ?? '';
            return filesUnder(dir)
              .filter((f) => path.basename(f).startsWith('secret-'))
              .map((f) => statSync(f).mode & 0o777);
          },
        },
      );
      expect(r.exitCode, r.stdout).toBe(0);
      // The build saw both values: the image holds the hash of the two.
      expect(platformsOf(r.outputs)['linux/amd64']).toMatchObject({ smoke: 'passed', ok: true });
      expect(platformsOf(r.outputs)['linux/amd64']?.output).toContain(expected);
      expect(r.afterMain).toEqual([0o600, 0o600]);

      // No layer and no config of the pushed image holds either value.
      const blobs = await imageBlobs(suite.registry.host, repo, '1');
      expect(blobs.length).toBeGreaterThan(1);
      for (const b of blobs) {
        expect(b.includes(token)).toBe(false);
        expect(b.includes(fileSecret)).toBe(false);
      }
      // Masked for the runner, and nowhere in the log it shows.
      expect(r.stdout).toContain(`::add-mask::${token}`);
      expect(shownLog(r)).not.toContain(token);
      expect(shownLog(r)).not.toContain(fileSecret);
      expect(r.stdout).toMatch(
        /--secret id=token,src=\S+\/secret-1 --secret id=npmrc,src=\S+\/secret-2/,
      );
      // Post removed the run's files: nothing is left under RUNNER_TEMP.
      expect(r.post.exitCode).toBe(0);
      expect(filesUnder(r.runnerTemp)).toEqual([]);
      rmSync(secretDir, { recursive: true, force: true });
    });

    it('build-contexts: a local directory as a named context', async () => {
      const shared = mkdtempSync(path.join(os.tmpdir(), 'multiarch-shared-'));
      writeFileSync(path.join(shared, 'greeting.txt'), 'hello from the named context\n');
      const r = await suite.runAction({
        context: context([
          'COPY --from=shared greeting.txt /greeting.txt',
          'CMD ["cat", "/greeting.txt"]',
        ]),
        platforms: 'linux/amd64',
        push: 'false',
        'build-contexts': `shared=${shared}`,
        'smoke-expect': '^hello from the named context$',
      });
      expect(r.exitCode, r.stdout).toBe(0);
      expect(r.stdout).toContain(`--build-context shared=${shared}`);
      expect(platformsOf(r.outputs)['linux/amd64']).toMatchObject({ smoke: 'passed', ok: true });
      rmSync(shared, { recursive: true, force: true });
    });

    it('annotations reach the pushed index and each platform manifest', async () => {
      const repo = uniqueName('e2e/annotations');
      const r = await suite.runAction({
        context: context(['CMD ["uname", "-m"]']),
        platforms: 'linux/amd64,linux/arm64',
        tags: `${suite.registry.host}/${repo}:1`,
        // As docker/metadata-action writes them; the quoted one keeps its comma.
        annotations: [
          '"index:org.opencontainers.image.description=Fast, small"',
          'manifest:org.opencontainers.image.title=dropin',
        ].join('\n'),
      });
      expect(r.exitCode, r.stdout).toBe(0);
      const index = await manifest(suite.registry.host, repo, '1');
      expect(index.annotations).toMatchObject({
        'org.opencontainers.image.description': 'Fast, small',
      });
      const images = (index.manifests ?? []).filter((m) => m.platform?.os === 'linux');
      expect(images).toHaveLength(2);
      for (const m of images) {
        const image = await manifest(suite.registry.host, repo, m.digest);
        expect(image.annotations).toMatchObject({ 'org.opencontainers.image.title': 'dropin' });
      }
      expect(r.outputs.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    describe('ssh', () => {
      let agentDir = '';
      let sock = '';
      let agentPid = 0;
      beforeAll(() => {
        agentDir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-agent-'));
        sock = path.join(agentDir, 'agent.sock');
        const out = execFileSync('ssh-agent', ['-a', sock, '-s'], { encoding: 'utf8' });
        agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
        const key = path.join(agentDir, 'id_ed25519');
        execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
        execFileSync('ssh-add', [key], {
          env: { ...process.env, SSH_AUTH_SOCK: sock },
          stdio: 'ignore',
        });
      });
      afterAll(() => {
        if (agentPid) process.kill(agentPid);
        rmSync(agentDir, { recursive: true, force: true });
      });

      it("ssh: default mounts the runner's agent into RUN --mount=type=ssh", async () => {
        const r = await suite.runAction(
          {
            context: context([
              run('--mount=type=ssh', `test -S "$SSH_AUTH_SOCK" && echo agent-mounted > /ssh.txt`),
              'CMD ["cat", "/ssh.txt"]',
            ]),
            platforms: 'linux/amd64',
            push: 'false',
            ssh: 'default',
            'smoke-expect': '^agent-mounted$',
          },
          { env: { SSH_AUTH_SOCK: sock } },
        );
        expect(r.exitCode, r.stdout).toBe(0);
        expect(r.stdout).toContain('--ssh default');
        expect(platformsOf(r.outputs)['linux/amd64']).toMatchObject({ smoke: 'passed', ok: true });
      });

      it('ssh: default without an agent fails before building, with the fix', async () => {
        const r = await suite.runAction({
          context: context(['CMD ["true"]']),
          platforms: 'linux/amd64',
          push: 'false',
          ssh: 'default',
        });
        expect(r.exitCode).toBe(1);
        expect(r.stdout).toMatch(
          /Input "ssh": "default" needs an ssh agent, and SSH_AUTH_SOCK is not set\. Fix:/,
        );
        expect(r.stdout).not.toContain('buildx build');
      });
    });

    it('run outside GitHub, the action warns about an INPUT_* variable no input reads', async () => {
      const r = await suite.runAction(
        { context: context(['CMD ["true"]']), platforms: 'linux/amd64', push: 'false' },
        { env: { GITHUB_ACTIONS: '', INPUT_BUILD_ARGS: 'A=1' } },
      );
      expect(r.exitCode, r.stdout).toBe(0);
      expect(r.stdout).toMatch(
        /^::warning::INPUT_BUILD_ARGS is set, but action\.yml has no such input, so it is ignored\. Did you mean build-args\?/m,
      );
    });

    it("load: true with push leaves the image in the runner's engine under the tag; outputs adds an exporter", async () => {
      const repo = uniqueName('e2e/load');
      const tag = `${suite.registry.host}/${repo}:1`;
      const out = mkdtempSync(path.join(os.tmpdir(), 'multiarch-out-'));
      const r = await suite.runAction({
        context: context(['CMD ["uname", "-m"]']),
        platforms: 'linux/amd64',
        tags: tag,
        load: 'true',
        outputs: `type=local,dest=${out}`,
      });
      try {
        expect(r.exitCode, r.stdout).toBe(0);
        expect(r.outputs.published).toBe('true');
        expect(r.stdout).toMatch(/load: true: /);
        const inspected = docker('image', 'inspect', '--format', '{{.Architecture}}', tag);
        expect(inspected.status, inspected.stderr).toBe(0);
        expect(inspected.stdout.trim()).toBe('amd64');
        // The local exporter wrote the image's filesystem beside the push.
        expect(existsSync(path.join(out, 'bin/busybox'))).toBe(true);
      } finally {
        docker('image', 'rm', '--force', tag);
        rmSync(out, { recursive: true, force: true });
      }
    });
  },
);
