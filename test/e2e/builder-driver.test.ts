/**
 * The current builder's driver without `docker buildx inspect`: the fast path
 * reads buildx's own state, and must agree with what the real buildx says of
 * the same state. A DOCKER_CONFIG of this file's own, empty at the start:
 * nothing of the host's ~/.docker is read or written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownBuilderDriver, readBuildxState } from '../../src/docker/buildx-state';
import { builderDriver, parseBuilderDriver } from '../../src/docker/engine';
import { engineAvailable, uniqueName } from './harness';

const hasEngine = engineAvailable();

/** What buildx reads besides its store; set for this file only, restored after. */
const ENV = ['DOCKER_CONFIG', 'BUILDX_CONFIG', 'BUILDX_BUILDER', 'DOCKER_CONTEXT'] as const;

describe.skipIf(!hasEngine)(
  'the current builder driver (real buildx, a DOCKER_CONFIG of its own)',
  { timeout: 120_000 },
  () => {
    const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
    const config = mkdtempSync(path.join(os.tmpdir(), 'multiarch-builder-driver-'));
    const name = uniqueName('e2e-current');

    const buildx = (...args: string[]) => {
      const r = spawnSync('docker', ['buildx', ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env },
      });
      return { status: r.status ?? -1, stdout: r.stdout ?? '', output: `${r.stdout}${r.stderr}` };
    };
    /** The driver the real `docker buildx inspect` names. */
    const inspected = () => {
      const r = buildx('inspect');
      expect(r.status, r.output).toBe(0);
      return parseBuilderDriver(r.stdout);
    };
    const fastPath = async () => {
      const state = await readBuildxState(process.env);
      return state && knownBuilderDriver(state);
    };

    beforeAll(() => {
      for (const k of ENV) Reflect.deleteProperty(process.env, k);
      process.env.DOCKER_CONFIG = config;
    });
    afterAll(() => {
      // Never bootstrapped: only its entry in this config's store is there to remove.
      buildx('rm', '--force', name);
      for (const k of ENV)
        if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
        else process.env[k] = saved[k];
      rmSync(config, { recursive: true, force: true });
    });

    it('a fresh config (no buildx store yet): docker, as inspect says', async () => {
      expect(existsSync(path.join(config, 'buildx'))).toBe(false);
      // buildx itself must be found with this config: the system's plugin, not one in ~/.docker.
      const version = buildx('version');
      expect(version.status, version.output).toBe(0);
      expect(await fastPath()).toBe('docker');
      expect(await builderDriver()).toBe('docker');
      expect(inspected()).toBe('docker');
      // inspect made the store: the fast path still reads it so.
      expect(existsSync(path.join(config, 'buildx', 'current'))).toBe(true);
      expect(await fastPath()).toBe('docker');
    });

    it('after `buildx create --use`: the fast path declines, inspect says docker-container', async () => {
      const created = buildx('create', '--name', name, '--driver', 'docker-container', '--use');
      expect(created.status, created.output).toBe(0);
      expect(await fastPath()).toBeUndefined();
      expect(await builderDriver()).toBe('docker-container');
      expect(inspected()).toBe('docker-container');
    });

    it('after `buildx use default`: docker again, as inspect says', async () => {
      const used = buildx('use', 'default');
      expect(used.status, used.output).toBe(0);
      expect(await fastPath()).toBe('docker');
      expect(await builderDriver()).toBe('docker');
      expect(inspected()).toBe('docker');
    });

    it('an endpoint default (`buildx use --default`) behind an empty current name: declines, as inspect picks it', async () => {
      const used = buildx('use', '--default', name);
      expect(used.status, used.output).toBe(0);
      // `current` names no builder, yet buildx takes the endpoint's default from defaults/.
      const current = path.join(config, 'buildx', 'current');
      const written = JSON.parse(readFileSync(current, 'utf8')) as { Key: string; Name: string };
      expect(written.Name).toBe(name);
      writeFileSync(current, JSON.stringify({ ...written, Name: '' }));
      expect(await fastPath()).toBeUndefined();
      expect(await builderDriver()).toBe('docker-container');
      expect(inspected()).toBe('docker-container');
      const back = buildx('use', 'default');
      expect(back.status, back.output).toBe(0);
      expect(await fastPath()).toBe('docker');
    });

    it('never started the builder', () => {
      const r = spawnSync(
        'docker',
        ['ps', '--all', '--quiet', '--filter', `name=buildx_buildkit_${name}`],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe('');
    });
  },
);
