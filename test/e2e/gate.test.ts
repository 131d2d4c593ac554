/**
 * Prove, then publish: a tag written by the action means every platform ran.
 * On both builders users have, a broken build leaves the tag where it was,
 * and a good one moves it to exactly the tested digest.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILDERS,
  builderSuite,
  docker,
  engineAvailable,
  leftoverContainers,
  makeContext,
  pushImage,
  removeBuilder,
  runAction as runOnRunner,
  startRegistry,
  tagDigest,
  uniqueName,
  type Registry,
  platformsOf,
} from './harness';

const hasEngine = engineAvailable();

describe.skipIf(!hasEngine).each(BUILDERS)(
  'the publish gate on the $label (real engine)',
  { timeout: 300_000 },
  ({ container }) => {
    const suite = builderSuite(container);
    const runAction = suite.runAction;

    /** Local images whose name holds the run's prefix: the gated docker-driver candidate. */
    /** The tags a repository of the suite's registry holds, sorted, but the referrers tags of attestations. */
    async function tagsOf(repo: string): Promise<string[]> {
      const res = await fetch(`http://${suite.registry.host}/v2/${repo}/tags/list`);
      const tags = ((await res.json()) as { tags?: string[] }).tags ?? [];
      return tags.filter((t) => !/^sha256-[0-9a-f]{64}$/.test(t)).sort();
    }

    function candidatesOf(state: Record<string, string>): string[] {
      const prefix = (JSON.parse(state.state ?? '{}') as { containerPrefix?: string })
        .containerPrefix as string;
      return docker('image', 'ls', '--format', '{{.Repository}}:{{.Tag}}')
        .stdout.split('\n')
        .filter((n) => n.includes(prefix));
    }

    it('a good build moves every tag, in two repositories, to exactly the tested digest', async () => {
      const repo = uniqueName('gate/good');
      const mirror = uniqueName('gate/mirror');
      const tags = [
        `${suite.registry.host}/${repo}:1`,
        `${suite.registry.host}/${repo}:latest`,
        `${suite.registry.host}/${mirror}:1`,
      ];
      const run = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: tags.join(','),
      });
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.published).toBe('true');
      const digest = run.outputs.digest as string;
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await tagDigest(suite.registry.host, repo, '1')).toBe(digest);
      expect(await tagDigest(suite.registry.host, repo, 'latest')).toBe(digest);
      expect(await tagDigest(suite.registry.host, mirror, '1')).toBe(digest);
      expect(run.outputs.image).toBe(`${suite.registry.host}/${repo}@${digest}`);
      // Each platform's digest is the one in the published index.
      const index = await suite.registry.manifest(repo, '1');
      const platforms = platformsOf(run.outputs);
      for (const m of (index.manifests ?? []).filter((x) => x.platform?.os === 'linux')) {
        const key = `${m.platform?.os}/${m.platform?.architecture}`;
        expect(platforms[key]?.digest).toBe(m.digest);
        expect(platforms[key]?.ref).toBe(`${suite.registry.host}/${repo}@${m.digest}`);
      }
      expect(run.stdout).toContain('::group::Publish the tested image');
      // The architecture check read each platform's layers where they already were.
      const readFrom = container ? `registry ${suite.registry.host}` : 'the saved image';
      for (const p of ['amd64', 'arm64'])
        expect(run.stdout).toMatch(
          new RegExp(`linux/${p}: the architecture check read \\d+ layers? from ${readFrom} in`),
        );
      if (container) {
        // The tested index is in the registry by digest: its own repository's tags are a PUT each.
        expect(run.stdout).not.toMatch(/with buildx instead/);
      } else {
        // The docker driver's candidate went up by digest while the tests ran, under no tag.
        expect(run.stdout).toMatch(
          new RegExp(`${repo}@${digest} was pushed by digest while the tests ran`),
        );
        expect(run.stdout).not.toMatch(/pushing it now|Pushing .* instead/);
        // The engine holds the tags too, as a docker-driver push leaves them.
        for (const t of tags) expect(docker('image', 'inspect', t).status).toBe(0);
      }
      // No tag but the user's, in either repository.
      expect(await tagsOf(repo)).toEqual(['1', 'latest']);
      expect(await tagsOf(mirror)).toEqual(['1']);
      // Nothing unique to the run is left: no candidate, no container, no extra tag.
      expect(candidatesOf(run.state)).toEqual([]);
      expect(leftoverContainers(run.state)).toEqual([]);
      expect(await tagDigest(suite.registry.host, repo, 'multiarch-untested')).toBeUndefined();
      // Main saw its containers and candidate removed and said so: post, left only the
      // temp dir to remove, removed it.
      expect(JSON.parse(run.state.state ?? '{}')).toMatchObject({ mainCleaned: true });
      expect(readdirSync(run.runnerTemp)).toEqual([]);
      expect(run.post.exitCode).toBe(0);
    });

    it('a broken build leaves the tag on the good digest; the broken one is reported and pullable', async () => {
      const repo = uniqueName('gate/broken');
      const tag = `${suite.registry.host}/${repo}:1`;
      const good = await runAction({
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: tag,
      });
      expect(good.exitCode, good.stdout).toBe(0);
      const goodDigest = good.outputs.digest as string;

      // arm64 holds an amd64 busybox: it runs on this x86 runner, the ELF check fails it.
      const broken = await runAction({
        context: makeContext({ copyFrom: 'amd64' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: tag,
      });
      expect(broken.exitCode).toBe(1);
      expect(broken.outputs.published).toBe('false');
      expect(await tagDigest(suite.registry.host, repo, '1')).toBe(goodDigest);
      const brokenDigest = broken.outputs.digest as string;
      expect(brokenDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(brokenDigest).not.toBe(goodDigest);
      expect(broken.outputs.image).toBe(`${suite.registry.host}/${repo}@${brokenDigest}`);
      // Pullable by digest, for a look at what failed.
      expect(await tagDigest(suite.registry.host, repo, brokenDigest)).toBe(brokenDigest);
      expect(platformsOf(broken.outputs)['linux/arm64']).toMatchObject({ ok: false });
      expect(broken.stdout).toMatch(/linux\/arm64: the architecture check read \d+ layers? from /);
      expect(broken.stdout).toContain(
        'linux/arm64: /bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
      );
      expect(broken.summary).toContain('**Not published: linux/arm64 failed.**');
      expect(broken.summary).toContain(`\`${tag}\``);
      expect(broken.stdout).toMatch(/::error::.*Not published: .*left where they were/);
      // The failed image carries no user tag: the docker driver's has the fixed one, for a look.
      expect(await tagsOf(repo)).toEqual(container ? ['1'] : ['1', 'multiarch-untested']);
      if (!container) {
        expect(broken.stdout).toContain('was pushed by digest while the tests ran');
        expect(await tagDigest(suite.registry.host, repo, 'multiarch-untested')).toBe(brokenDigest);
      }
      expect(candidatesOf(broken.state)).toEqual([]);
      expect(leftoverContainers(broken.state)).toEqual([]);
      expect(broken.post.exitCode).toBe(0);
    });

    it('publish: always keeps the old order: the tag moves before the tests, even to a broken image', async () => {
      const repo = uniqueName('gate/always');
      const tag = `${suite.registry.host}/${repo}:1`;
      const run = await runAction({
        context: makeContext({ copyFrom: 'amd64' }),
        platforms: 'linux/amd64,linux/arm64',
        tags: tag,
        publish: 'always',
      });
      expect(run.exitCode, run.stdout).toBe(1);
      // Failed by its test, not before: the log says why when it is otherwise.
      expect(run.outputs.published, run.stdout).toBe('true');
      expect(run.stdout).toMatch(/linux\/arm64/);
      expect(await tagDigest(suite.registry.host, repo, '1')).toBe(run.outputs.digest);
    });
  },
);

describe.skipIf(!hasEngine)(
  'the publish gate in the merge sub-action',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(() => registry?.stop());

    it('a broken source leaves the target tag alone', async () => {
      const app = uniqueName('gate/merge');
      const target = `${registry.host}/${app}:1.5`;
      const goodArm = pushImage(`${registry.host}/${app}-arm64:good`, 'linux/arm64', {
        provenance: false,
      });
      const amd = `${registry.host}/${app}-amd64:1.5`;
      pushImage(amd, 'linux/amd64', { provenance: false });
      const first = await runOnRunner(
        { sources: `${amd},${registry.host}/${app}-arm64@${goodArm}`, tags: target },
        { actionYml: 'merge/action.yml' },
      );
      expect(first.exitCode, first.stdout).toBe(0);
      expect(first.outputs.published).toBe('true');
      const before = await tagDigest(registry.host, app, '1.5');
      expect(before).toBe(first.outputs.digest);

      // An arm64 image whose binary is amd64.
      const badArm = `${registry.host}/${app}-arm64:bad`;
      pushImage(badArm, 'linux/arm64', { copyFrom: 'amd64', provenance: false });
      const second = await runOnRunner(
        { sources: `${amd},${badArm}`, tags: target },
        { actionYml: 'merge/action.yml' },
      );
      expect(second.exitCode).toBe(1);
      expect(second.outputs.published).toBe('false');
      expect(await tagDigest(registry.host, app, '1.5')).toBe(before);
      expect(platformsOf(second.outputs)['linux/arm64']).toMatchObject({ ok: false });
      expect(second.summary).toContain('**Not published: linux/arm64 failed.**');
    });
  },
);

describe.skipIf(!hasEngine)(
  'a docker-container builder and a loopback registry',
  { timeout: 300_000 },
  () => {
    it('says why the builder cannot reach it, and the fix', async () => {
      const registry = await startRegistry();
      const name = uniqueName('e2e-dc-isolated');
      // As a user gets it without driver-opts: the builder's own network namespace.
      const created = docker(
        'buildx',
        'create',
        '--name',
        name,
        '--driver',
        'docker-container',
        '--bootstrap',
      );
      try {
        expect(created.status, created.stderr).toBe(0);
        const run = await runOnRunner({
          context: makeContext({ copyFrom: '${TARGETARCH}' }),
          platforms: 'linux/amd64',
          tags: `${registry.host}/${uniqueName('gate/loopback')}:1`,
          builder: name,
        });
        expect(run.exitCode).toBe(1);
        expect(run.outputs.published).toBe('false');
        expect(run.stdout).toContain(
          `The registry at ${registry.host} is on the runner's loopback`,
        );
        expect(run.stdout).toContain('driver-opts: network=host');
      } finally {
        removeBuilder(name);
        registry.stop();
      }
    });
  },
);
