/**
 * Faults of the engine around a run, and of the run itself: cancelled the way
 * the runner cancels (SIGINT, then SIGTERM 7.5 s later), killed outright,
 * run twice at once. Each test asserts the error, the outputs and what is
 * left behind: containers, builders, contexts, temp files, child processes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  platformsOf,
  removeBuilder,
  runAction,
  startRegistry,
  tagDigest,
  uniqueName,
  type Registry,
  type StepRun,
  type StepSignal,
} from './harness';
import { startSshNode, type SshNode } from './node';
import { lockName, processStart } from '../../src/engine/tag-lock';

const BB = '/bin/busybox';

/** Processes (other than this test) whose command line contains any of `needles`. */
function processesWith(needles: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    let argv: string;
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // gone meanwhile
    }
    if (needles.some((n) => argv.includes(n))) found.push(`${pid}: ${argv.trim()}`);
  }
  return found;
}

function prefixOf(run: StepRun): string {
  return (JSON.parse(run.state.state ?? '{}') as { containerPrefix: string }).containerPrefix;
}

/** Nothing of the run is left: containers, builders, contexts, its temp dir, its processes. */
function expectNothingLeft(run: StepRun, tag: string): void {
  const prefix = prefixOf(run);
  expect(leftoverContainers(run.state)).toEqual([]);
  expect(docker('buildx', 'ls').stdout).not.toContain(prefix);
  expect(docker('context', 'ls', '--format', '{{.Name}}').stdout).not.toContain(prefix);
  expect(docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}').stdout).not.toContain(
    prefix,
  );
  expect(readdirSync(run.runnerTemp)).toEqual([]);
  expect(processesWith([prefix, tag, run.runnerTemp])).toEqual([]);
}

/** A process and everything it started (sshd's per-connection children): killed at once. */
function killTree(pid: number): void {
  const children = (p: number): number[] =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return (
            readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(p)
          );
        } catch {
          return false;
        }
      })
      .flatMap((d) => [Number(d), ...children(Number(d))]);
  for (const p of [pid, ...children(pid)]) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

/** A pushed two-platform slow build whose arm64 half runs on the ssh node. */
const slowBuildOnNode = (node: SshNode, tag: string): Record<string, string> => ({
  context: slowBuild(),
  platforms: 'linux/amd64,linux/arm64',
  nodes: `linux/arm64=${node.endpoint}`,
  'ssh-private-key': node.privateKey,
  'ssh-known-hosts': node.knownHosts,
  tags: tag,
  push: 'true',
});

/** Waits (bounded) until no process of the run is left: orphans end once their containers are gone. */
async function gone(run: StepRun, tag: string): Promise<void> {
  for (let i = 0; i < 30 && processesWith([prefixOf(run), tag, run.runnerTemp]).length > 0; i++)
    await new Promise((r) => setTimeout(r, 500));
}

const slowBuild = (): string =>
  makeContext({
    copyFrom: '${TARGETARCH}',
    // Long enough that the signal always lands mid-build.
    extra: [`RUN ["${BB}", "sleep", "120"]`],
  });

const slowSmoke = (): string => makeContext({ copyFrom: '${TARGETARCH}', cmd: ['sleep', '120'] });

describe.skipIf(!engineAvailable())('faults', { timeout: 300_000 }, () => {
  let registry: Registry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  /** A pushed two-platform run whose smoke containers sleep; `signal` lands while both run. */
  async function stopMidSmoke(
    name: string,
    signal: Pick<StepSignal, 'name' | 'then'>,
    afterMain: (state: Record<string, string>) => unknown,
  ): Promise<{ tag: string; run: StepRun }> {
    const tag = `${registry.host}/${uniqueName(name)}:v1`;
    const run = await runAction(
      {
        context: slowSmoke(),
        platforms: 'linux/amd64,linux/arm64',
        tags: tag,
        push: 'true',
        'smoke-timeout': '200',
      },
      {
        signal: {
          ...signal,
          when: (out) => (out.match(/\[command\] docker run --rm/g) ?? []).length === 2,
          delayMs: 2_000,
        },
        afterMain,
      },
    );
    return { tag, run };
  }

  it('SIGINT then SIGTERM mid-build: the build stops, main reports and exits, post cleans up', async () => {
    const tag = `${registry.host}/${uniqueName('cancel-build')}:v1`;
    let signalledAt = 0;
    const began = Date.now();
    const run = await runAction(
      { context: slowBuild(), platforms: 'linux/amd64,linux/arm64', tags: tag, push: 'true' },
      {
        signal: {
          name: 'SIGINT',
          when: (out) => {
            const hit = /\[command\] docker buildx build/.test(out);
            if (hit && !signalledAt) signalledAt = Date.now() + 3_000;
            return hit;
          },
          delayMs: 3_000,
          then: { name: 'SIGTERM', afterMs: 7_500 },
        },
      },
    );
    // Main is done before the runner's SIGTERM would have to hurry it.
    expect(began + run.durationMs - signalledAt).toBeLessThan(7_500);
    expect(run.exitCode, run.stdout).toBe(130);
    expect(run.stdout).toMatch(/Cancelled \(SIGINT\): the run was stopped before it finished/);
    expect(run.outputs.published).toBe('false');
    expect(run.outputs.digest).toBe('');
    expect(run.summary).toMatch(/Cancelled \(SIGINT\)/);
    expect(run.post.exitCode).toBe(0);
    expect(run.post.stdout).not.toMatch(/::warning::/);
    expect(await tagDigest(registry.host, tag.split('/')[1]?.split(':')[0] ?? '', 'v1')).toBe(
      undefined,
    );
    expectNothingLeft(run, tag);
  });

  it('SIGINT while smoke containers run: main removes them and reports; no docker run survives', async () => {
    const { tag, run } = await stopMidSmoke(
      'cancel-smoke',
      { name: 'SIGINT', then: { name: 'SIGTERM', afterMs: 7_500 } },
      // Main itself removed the containers, before post ran.
      (state) => ({
        containers: leftoverContainers(state),
        runs: processesWith([
          (JSON.parse(state.state ?? '{}') as { containerPrefix: string }).containerPrefix,
        ]),
      }),
    );
    expect(run.exitCode, run.stdout).toBe(130);
    expect(run.afterMain).toEqual({ containers: [], runs: [] });
    expect(run.stdout).toMatch(/Cancelled \(SIGINT\)/);
    // Built and pushed by digest, never tagged: the outputs say what was known.
    expect(run.outputs.published).toBe('false');
    expect(Object.keys(platformsOf(run.outputs)).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(run.summary).toMatch(/Cancelled \(SIGINT\)/);
    expect(run.post.exitCode).toBe(0);
    expectNothingLeft(run, tag);
  });

  it('SIGKILL mid-smoke: post alone removes containers, images and temp files', async () => {
    const { tag, run } = await stopMidSmoke(
      'killed',
      { name: 'SIGKILL' },
      (state) => leftoverContainers(state).length,
    );
    expect(run.exitCode).toBe(-1);
    // Main had no chance: its containers were there until post.
    expect(run.afterMain).toBeGreaterThan(0);
    expect(run.post.exitCode).toBe(0);
    expect(run.post.stdout).toMatch(/Removed [12] leftover container\(s\)/);
    // The orphaned `docker run` clients end once their containers are gone.
    await gone(run, tag);
    expectNothingLeft(run, tag);
  });

  it('a tcp:// node that refuses connections: named with its cause and fix; post does not warn', async () => {
    const endpoint = `tcp://127.0.0.1:${await freePort()}`;
    const tag = `${registry.host}/${uniqueName('tcp-refused')}:v1`;
    const run = await runAction({
      context: makeContext({ copyFrom: '${TARGETARCH}' }),
      platforms: 'linux/amd64,linux/arm64',
      nodes: `linux/arm64=${endpoint}`,
      tags: tag,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `Node ${endpoint} (linux/arm64) cannot be reached: refused: nothing listens on that port. Check the address and port in "nodes", and that dockerd there listens on them`,
    );
    expect(run.stdout).toContain('connect: connection refused');
    expect(run.stdout).not.toMatch(/ssh sessions|^null$/m);
    expect(run.stdout).not.toContain('buildx build');
    expect(run.outputs.published).toBe('false');
    expect(run.post.exitCode).toBe(0);
    expect(run.post.stdout).not.toMatch(/::warning::/);
    expect(run.post.stdout).toMatch(/Removed docker contexts /);
    expectNothingLeft(run, tag);
  });

  describe('two runs at once on one engine', () => {
    /** The `run` label of each platform's image at repo@digest, as a user pulling it sees it. */
    function runLabels(ref: string): string[] {
      const r = docker('buildx', 'imagetools', 'inspect', ref, '--format', '{{json .Image}}');
      expect(r.status, r.stderr).toBe(0);
      const images = JSON.parse(r.stdout) as Record<
        string,
        { config?: { Labels?: Record<string, string> } }
      >;
      return Object.values(images).map((i) => i.config?.Labels?.run ?? '(none)');
    }

    async function both(
      tags: [string, string],
      labels: [string, string],
    ): Promise<[StepRun, StepRun]> {
      const context = makeContext({ copyFrom: '${TARGETARCH}' });
      const one = (i: 0 | 1) =>
        runAction({
          context,
          platforms: 'linux/amd64,linux/arm64',
          tags: tags[i],
          push: 'true',
          labels: `run=${labels[i]}`,
        });
      return Promise.all([one(0), one(1)]);
    }

    /** Each run's digest is its own content; a run that failed says why. */
    function expectOwnContent(run: StepRun, label: string, tag: string): void {
      const repo = tag.slice(0, tag.lastIndexOf(':'));
      if (run.exitCode === 0) {
        expect(run.outputs.published).toBe('true');
        expect(runLabels(`${repo}@${run.outputs.digest}`)).toEqual([label, label]);
      } else {
        expect(run.stdout).toMatch(/Another run .* same tag/);
      }
      expectNothingLeft(run, tag);
    }

    it.each([
      ['the same tag, different content', true, ['a', 'b']],
      ['the same tag, the same content', true, ['same', 'same']],
      ['different tags', false, ['a', 'b']],
    ] as const)('%s: both succeed, each with its own digest', async (_, sameTag, labels) => {
      const name = uniqueName('twice');
      const tags: [string, string] = sameTag
        ? [`${registry.host}/${name}:v1`, `${registry.host}/${name}:v1`]
        : [`${registry.host}/${name}:a`, `${registry.host}/${name}:b`];
      const [a, b] = await both(tags, [labels[0], labels[1]]);
      expect(a.exitCode, a.stdout).toBe(0);
      expect(b.exitCode, b.stdout).toBe(0);
      expectOwnContent(a, labels[0], tags[0]);
      expectOwnContent(b, labels[1], tags[1]);
      // The tag ends at one of the two tested images, never at a mix.
      const repo = tags[0].slice(tags[0].indexOf('/') + 1, tags[0].lastIndexOf(':'));
      const final = await tagDigest(
        registry.host,
        repo,
        tags[0].slice(tags[0].lastIndexOf(':') + 1),
      );
      expect([a.outputs.digest, b.outputs.digest]).toContain(final);
    });
  });

  describe('a tag another run on this machine is writing', () => {
    // The docker driver pushes the candidate by digest while it tests, then
    // writes the tags under a per-engine lock; a docker-container build is
    // pushed by digest and its tags written under a per-registry-tag lock.
    it.each(BUILDERS)(
      '$label: the run waits for the tag, writes nothing meanwhile, then writes it',
      async ({ container }) => {
        // This test holds the tag's lock (tag-lock.ts) the way a run does: its own pid and start.
        const lockRoot = mkdtempSync(path.join(os.tmpdir(), 'multiarch-locks-'));
        const name = uniqueName('held');
        const tag = `${registry.host}/${name}:v1`;
        const scope = container
          ? 'registry'
          : (process.env.DOCKER_HOST ?? process.env.DOCKER_CONTEXT ?? 'default');
        const lock = path.join(lockRoot, lockName(scope, tag));
        mkdirSync(lock);
        writeFileSync(path.join(lock, 'pid'), `${process.pid} ${processStart(process.pid) ?? ''}`);
        const builder = container ? createContainerBuilder() : undefined;
        let whileHeld: Promise<string | undefined> | undefined;
        try {
          const run = await runAction(
            {
              context: makeContext({ copyFrom: '${TARGETARCH}' }),
              platforms: 'linux/amd64,linux/arm64',
              tags: tag,
              push: 'true',
              ...(builder ? { builder } : {}),
            },
            {
              env: { TMPDIR: lockRoot },
              onOutput: (out) => {
                if (whileHeld || !out.includes(`writing ${tag}: waiting for it`)) return;
                // What the registry's tag is while the lock is held, then the release.
                whileHeld = tagDigest(registry.host, name, 'v1').finally(() =>
                  setTimeout(() => rmSync(lock, { recursive: true, force: true }), 1_000),
                );
              },
            },
          );
          expect(run.exitCode, run.stdout).toBe(0);
          if (!container) expect(run.stdout).toMatch(/was pushed by digest while the tests ran/);
          expect(run.stdout).toContain(
            `Another run on this machine is writing ${tag}: waiting for it.`,
          );
          expect(whileHeld).toBeDefined();
          expect(await whileHeld).toBeUndefined();
          expect(await tagDigest(registry.host, name, 'v1')).toBe(run.outputs.digest);
          expectNothingLeft(run, tag);
        } finally {
          rmSync(lockRoot, { recursive: true, force: true });
          if (builder) removeBuilder(builder);
        }
      },
    );
  });

  describe('an engine that dies mid-build', () => {
    let node: SshNode | undefined;
    afterAll(async () => node?.stop());

    it('a private dockerd killed mid-build: the error names the engine and the cause; post only warns', async () => {
      // Never the machine's own engine: one of the test's own, with DOCKER_HOST pointing at it.
      node = await startSshNode({ name: 'faults-engine' });
      const socket = node.dockerHost.replace(/^unix:\/\//, '');
      const pid = Number(readFileSync(path.join(path.dirname(socket), 'dockerd.pid'), 'utf8'));
      const tag = `${registry.host}/${uniqueName('engine-dies')}:v1`;
      const run = await runAction(
        { context: slowBuild(), platforms: 'linux/amd64,linux/arm64', tags: tag, push: 'true' },
        {
          env: { DOCKER_HOST: node.dockerHost },
          signal: {
            name: 'SIGCONT', // harmless to main: only the trigger for killing the engine
            when: (out) => {
              const hit = /\[command\] docker buildx build/.test(out);
              if (hit) setTimeout(() => process.kill(pid, 'SIGKILL'), 3_000);
              return hit;
            },
          },
        },
      );
      expect(run.exitCode, run.stdout).toBe(1);
      expect(run.stdout).toContain(
        `The build stopped because the runner's Docker engine (DOCKER_HOST=${node.dockerHost}) stopped answering during it: Cannot connect to the Docker daemon at ${node.dockerHost}. Is the docker daemon running?`,
      );
      expect(run.outputs.published).toBe('false');
      expect(run.outputs.digest).toBe('');
      expect(run.summary).toMatch(/stopped answering/);
      // Post cannot reach the dead engine: it says so, and still removes the rest.
      expect(run.post.exitCode).toBe(0);
      expect(run.post.stdout).not.toMatch(/::error::/);
      expect(readdirSync(run.runnerTemp)).toEqual([]);
      await gone(run, tag);
      expect(processesWith([prefixOf(run), tag, run.runnerTemp])).toEqual([]);
      expect(
        await tagDigest(registry.host, tag.slice(tag.indexOf('/') + 1, tag.lastIndexOf(':')), 'v1'),
      ).toBe(undefined);
    });

    it('an engine that is not there at all: named, with the fix, before anything runs', async () => {
      const missing = `unix:///tmp/${uniqueName('no-engine')}.sock`;
      const run = await runAction(
        { context: slowBuild(), platforms: 'linux/amd64', tags: `${registry.host}/none:v1` },
        { env: { DOCKER_HOST: missing } },
      );
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        `Cannot reach the Docker engine (docker version: Cannot connect to the Docker daemon at ${missing}. Is the docker daemon running?). Fix: start dockerd, or point DOCKER_HOST at a running engine.`,
      );
      expect(run.outputs.published).toBe('false');
      expect(run.post.exitCode).toBe(0);
      expect(readdirSync(run.runnerTemp)).toEqual([]);
    });

    it('an ssh node whose sshd dies mid-build: the error names the node; post cleans up and only warns', async () => {
      const sshNode = await startSshNode({ name: 'faults-sshd' });
      try {
        const dir = path.dirname(sshNode.dockerHost.replace(/^unix:\/\//, ''));
        const sshd = Number(readFileSync(path.join(dir, 'sshd.pid'), 'utf8'));
        const tag = `${registry.host}/${uniqueName('sshd-dies')}:v1`;
        const run = await runAction(slowBuildOnNode(sshNode, tag), {
          signal: {
            name: 'SIGCONT', // harmless to main: only the trigger for killing sshd
            when: (out) => {
              const hit =
                /\[command\] docker --context \S+ buildx build|\[command\] docker buildx build --builder/.test(
                  out,
                );
              if (hit) setTimeout(() => killTree(sshd), 3_000);
              return hit;
            },
          },
        });
        expect(run.exitCode, run.stdout).toBe(1);
        expect(run.stdout).toContain(
          `The build stopped because node ${sshNode.endpoint} stopped answering during it:`,
        );
        expect(run.stdout).toMatch(/Connection refused/);
        expect(run.outputs.published).toBe('false');
        expect(run.post.exitCode).toBe(0);
        expect(run.post.stdout).not.toMatch(/::error::/);
        expect(docker('context', 'ls', '--format', '{{.Name}}').stdout).not.toContain(
          prefixOf(run),
        );
        expect(readdirSync(run.runnerTemp)).toEqual([]);
        await gone(run, tag);
        expect(processesWith([prefixOf(run), tag, run.runnerTemp])).toEqual([]);
      } finally {
        await sshNode.stop();
      }
    });

    it('SIGINT mid-build on an ssh node: no ssh, docker or buildx process of the run outlives post', async () => {
      const sshNode = await startSshNode({ name: 'faults-cancel-ssh' });
      try {
        const tag = `${registry.host}/${uniqueName('cancel-ssh')}:v1`;
        const run = await runAction(slowBuildOnNode(sshNode, tag), {
          signal: {
            name: 'SIGINT',
            when: (out) => /\[command\] docker --context \S+ buildx build/.test(out),
            delayMs: 3_000,
            then: { name: 'SIGTERM', afterMs: 7_500 },
          },
        });
        expect(run.exitCode, run.stdout).toBe(130);
        expect(run.stdout).toMatch(/Cancelled \(SIGINT\)/);
        expect(run.outputs.published).toBe('false');
        expect(run.post.exitCode).toBe(0);
        expect(sshNode.docker('ps', '-aq', '--filter', `name=^${prefixOf(run)}-`).stdout).toBe('');
        await gone(run, tag);
        expectNothingLeft(run, tag);
      } finally {
        await sshNode.stop();
      }
    });
  });
});
