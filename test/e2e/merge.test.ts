/**
 * The merge sub-action end to end (merge/action.yml over the shared bundle),
 * against a registry on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineAvailable,
  makeContext,
  pushImage,
  runAction,
  startRegistry,
  uniqueName,
  type Registry,
  platformsOf,
  ROOT,
} from './harness';

const hasEngine = engineAvailable();
const MERGE = { actionYml: 'merge/action.yml' };

describe.skipIf(!hasEngine)(
  'merge sub-action (real engine and registry)',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(() => registry?.stop());

    /** The image platforms an index in the registry lists, attestations left out. */
    async function indexPlatforms(repo: string, tag: string): Promise<string[]> {
      const index = await registry.manifest(repo, tag);
      return (index.manifests ?? [])
        .filter((m) => m.platform?.os !== 'unknown')
        .map((m) => `${m.platform?.os}/${m.platform?.architecture}`)
        .sort();
    }

    /** The classic recipe's names: app-linux-amd64:1.5 and app-linux-arm64:1.5. */
    function archSuffixedSources(app: string, provenance: boolean): string[] {
      return ['linux/amd64', 'linux/arm64'].map((p) => {
        const tag = `${registry.host}/${app}-${p.replace('/', '-')}:1.5`;
        pushImage(tag, p, { provenance });
        return tag;
      });
    }

    it('merges two single-arch images pushed under arch-suffixed tags into one tag', async () => {
      const app = uniqueName('merge/app');
      const sources = archSuffixedSources(app, false);
      const run = await runAction(
        {
          sources: sources.join(','),
          tags: `${registry.host}/${app}:1.5`,
          'smoke-expect': '^(x86_64|aarch64)$',
        },
        MERGE,
      );
      expect(run.exitCode, run.stdout).toBe(0);
      expect(await indexPlatforms(app, '1.5')).toEqual(['linux/amd64', 'linux/arm64']);
      const platforms = platformsOf(run.outputs);
      expect(platforms['linux/arm64']).toMatchObject({ smoke: 'passed', ok: true });
      expect(platforms['linux/arm64']?.output.trim()).toBe('aarch64');
      expect(platforms['linux/amd64']?.output.trim()).toBe('x86_64');
      expect(run.outputs.image).toBe(`${registry.host}/${app}@${run.outputs.digest}`);
      expect(run.stdout).toContain('Sources (imagetools)');
      expect(run.summary).toMatch(/\| ✅ \| `linux\/arm64` \|/);
      expect(run.post.exitCode).toBe(0);
    });

    it('runs from the CLI too: `multiarch merge` merges, and cleans up after itself', async () => {
      const app = uniqueName('merge/cli');
      const sources = archSuffixedSources(app, false);
      const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'multiarch-cli-'));
      const cli = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'dist/cli/index.js'),
          'merge',
          '--sources',
          sources.join(','),
          '--tags',
          `${registry.host}/${app}:1.5`,
          '--no-smoke',
          '--no-verify-arch',
        ],
        {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            DOCKER_CONFIG: process.env.DOCKER_CONFIG,
            RUNNER_TEMP: runnerTemp,
          },
          timeout: 120_000,
        },
      );
      expect(cli.status, cli.stdout + cli.stderr).toBe(0);
      expect(cli.stdout).toContain('buildx imagetools create');
      expect(cli.stdout).not.toContain('buildx build');
      expect(cli.stdout).not.toContain('::save-state::');
      expect(await indexPlatforms(app, '1.5')).toEqual(['linux/amd64', 'linux/arm64']);
      expect(readdirSync(runnerTemp)).toEqual([]);
    });

    it('merges provenance-carrying sources, which are indexes themselves', async () => {
      const app = uniqueName('merge/prov');
      const sources = archSuffixedSources(app, true);
      // Each source is an index: its platform image plus an attestation manifest.
      for (const s of sources) {
        const [repo, tag] = s.slice(registry.host.length + 1).split(':') as [string, string];
        expect((await registry.manifest(repo, tag)).manifests?.length).toBe(2);
      }
      const run = await runAction(
        { sources: sources.join('\n'), tags: `${registry.host}/${app}:1.5` },
        MERGE,
      );
      expect(run.exitCode, run.stdout).toBe(0);
      expect(await indexPlatforms(app, '1.5')).toEqual(['linux/amd64', 'linux/arm64']);
      // imagetools keeps the attestations.
      const all = (await registry.manifest(app, '1.5')).manifests ?? [];
      expect(all.filter((m) => m.platform?.os === 'unknown')).toHaveLength(2);
    });

    it('falls back to the docker manifest recipe for single-platform sources', async () => {
      const app = uniqueName('merge/manifest');
      const sources = archSuffixedSources(app, false);
      const run = await runAction(
        { sources: sources.join(','), tags: `${registry.host}/${app}:1.5`, tool: 'manifest' },
        MERGE,
      );
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toContain('docker manifest create --insecure');
      expect(run.stdout).toContain('docker manifest annotate');
      expect(await indexPlatforms(app, '1.5')).toEqual(['linux/amd64', 'linux/arm64']);
      expect(platformsOf(run.outputs)['linux/arm64']).toMatchObject({ smoke: 'passed', ok: true });
      const digest = (
        await fetch(`http://${registry.host}/v2/${app}/manifests/1.5`, {
          method: 'HEAD',
          headers: { accept: 'application/vnd.docker.distribution.manifest.list.v2+json' },
        })
      ).headers.get('docker-content-digest');
      expect(run.outputs.digest).toBe(digest);
    });

    it('refuses the docker manifest recipe for sources that are indexes, naming them', async () => {
      const app = uniqueName('merge/manifest-index');
      const sources = archSuffixedSources(app, true);
      const run = await runAction(
        { sources: sources.join(','), tags: `${registry.host}/${app}:1.5`, tool: 'manifest' },
        MERGE,
      );
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        `${sources[0]}, ${sources[1]} are indexes ("is a manifest list")`,
      );
      expect(await registry.catalog()).not.toContain(app);
    });

    it('fails on two amd64 sources, naming both, and pushes nothing', async () => {
      const app = uniqueName('merge/conflict');
      const a = `${registry.host}/${app}-a:1`;
      const b = `${registry.host}/${app}-b:1`;
      pushImage(a, 'linux/amd64', { provenance: false });
      pushImage(b, 'linux/amd64', { provenance: false });
      const run = await runAction(
        { sources: `${a},${b}`, tags: `${registry.host}/${app}:1` },
        MERGE,
      );
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(`linux/amd64 is in both ${a} and ${b}`);
      expect(run.stdout).toContain('Nothing was pushed.');
      expect(await registry.catalog()).not.toContain(app);
    });

    it('merges the digests-dir that two push-by-digest builds wrote', async () => {
      const app = uniqueName('merge/bydigest');
      const digests = mkdtempSync(path.join(os.tmpdir(), 'multiarch-digests-'));
      const built: Record<string, string> = {};
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const run = await runAction({
          context: makeContext({ copyFrom: '${TARGETARCH}' }),
          platforms: platform,
          tags: `${registry.host}/${app}`,
          'push-by-digest': 'true',
          'digests-dir': digests,
        });
        expect(run.exitCode, run.stdout).toBe(0);
        built[platform] = run.outputs.digest as string;
        expect(platformsOf(run.outputs)[platform]).toMatchObject({ smoke: 'passed', ok: true });
      }
      expect(readdirSync(digests).sort()).toEqual(
        Object.values(built)
          .map((d) => d.replace('sha256:', ''))
          .sort(),
      );

      const run = await runAction(
        { 'digests-dir': digests, tags: `${registry.host}/${app}:1` },
        MERGE,
      );
      expect(run.exitCode, run.stdout).toBe(0);
      expect(await indexPlatforms(app, '1')).toEqual(['linux/amd64', 'linux/arm64']);
      expect(JSON.parse(run.outputs.metadata ?? '{}').sources.sort()).toEqual(
        Object.values(built)
          .map((d) => `${registry.host}/${app}@${d}`)
          .sort(),
      );
    });
  },
);
