/**
 * The probe before a build: buildx's version from the plugin list `docker info`
 * already gives, and the current builder's driver from buildx's own state,
 * without `docker buildx version` or `docker buildx inspect` when those say
 * enough. A stand-in `docker` on PATH records what was run.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseBuildxVersion } from '../../../src/docker/buildx-version';
import {
  knownBuilderDriver,
  readBuildxState,
  type BuildxState,
} from '../../../src/docker/buildx-state';
import { builderDriver, buildxFromInfo, probeEngine } from '../../../src/docker/engine';
import { pickTool } from '../../../src/docker/index-tools';

const BUILDX = {
  SchemaVersion: '0.1.0',
  Vendor: 'Docker Inc.',
  Version: '0.13.1+ds1',
  ShortDescription: 'Docker Buildx',
  Name: 'buildx',
  Path: '/usr/libexec/docker/cli-plugins/docker-buildx',
};
const COMPOSE = { ...BUILDX, Version: 'v2.27.0', Name: 'compose', ShortDescription: 'Compose' };
const DRIVER_STATUS = [['driver-type', 'io.containerd.snapshotter.v1']];
const info = (plugins: unknown) => ({
  DriverStatus: DRIVER_STATUS,
  ServerVersion: '26.1.5',
  ClientInfo: { Version: '26.1.5', Plugins: plugins },
});

describe('buildxFromInfo', () => {
  it("takes buildx's version from the plugin list, whatever else is listed", () => {
    expect(buildxFromInfo(info([BUILDX]))).toBe('0.13.1+ds1');
    expect(buildxFromInfo(info([COMPOSE, { ...BUILDX, Version: 'v0.13.1' }]))).toBe('v0.13.1');
  });

  it('parses to the same release number as `docker buildx version` did', () => {
    expect(parseBuildxVersion(buildxFromInfo(info([BUILDX]))!)).toBe('0.13.1');
    expect(parseBuildxVersion('github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3')).toBe('0.13.1');
  });

  it('gives nothing for a broken, missing or unversioned buildx, or a CLI without ClientInfo', () => {
    const broken = {
      Name: 'buildx',
      Path: '/root/.docker/cli-plugins/docker-buildx',
      Err: 'failed to fetch metadata: exit status 1',
      ShadowedPaths: ['/usr/libexec/docker/cli-plugins/docker-buildx'],
    };
    expect(buildxFromInfo(info([broken]))).toBeUndefined();
    expect(buildxFromInfo(info([{ ...BUILDX, Err: 'invalid metadata' }]))).toBeUndefined();
    expect(buildxFromInfo(info([COMPOSE]))).toBeUndefined();
    expect(buildxFromInfo(info([]))).toBeUndefined();
    expect(buildxFromInfo(info(null))).toBeUndefined();
    expect(buildxFromInfo(info([{ ...BUILDX, Version: 'dev' }]))).toBeUndefined();
    expect(buildxFromInfo(info([{ ...BUILDX, Version: undefined }]))).toBeUndefined();
    expect(buildxFromInfo({ DriverStatus: DRIVER_STATUS })).toBeUndefined();
    expect(buildxFromInfo(undefined)).toBeUndefined();
    expect(buildxFromInfo(DRIVER_STATUS)).toBeUndefined();
  });
});

describe('knownBuilderDriver', () => {
  const fresh: BuildxState = { defaults: [], instances: [] };
  const current = (name: string) =>
    JSON.stringify({ Key: 'unix:///var/run/docker.sock', Name: name, Global: false });

  it("says docker for the default context's own builder", () => {
    expect(knownBuilderDriver(fresh)).toBe('docker');
    expect(knownBuilderDriver({ ...fresh, current: current('') })).toBe('docker');
    expect(knownBuilderDriver({ ...fresh, current: '{"Key":"tcp://10.0.0.2:2376"}' })).toBe(
      'docker',
    );
    expect(
      knownBuilderDriver({
        ...fresh,
        buildxBuilder: '',
        dockerContext: 'default',
        configJson: '{"auths":{},"currentContext":"default"}',
        current: current(''),
        instances: ['e2e-dc-1'],
      }),
    ).toBe('docker');
    expect(knownBuilderDriver({ ...fresh, dockerContext: '', configJson: ' \n' })).toBe('docker');
  });

  it('leaves a named, chosen or shadowed builder to inspect', () => {
    expect(knownBuilderDriver({ ...fresh, buildxBuilder: 'b1' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, current: current('b1') })).toBeUndefined();
    expect(
      knownBuilderDriver({ ...fresh, current: '{"Key":"k","Name":"b1","Global":true}' }),
    ).toBeUndefined();
    // Go matches JSON keys in any case.
    expect(knownBuilderDriver({ ...fresh, current: '{"name":"b1"}' })).toBeUndefined();
    // `buildx use --default` names a builder per endpoint.
    expect(knownBuilderDriver({ ...fresh, defaults: ['0f1e2d3c4b5a69788796'] })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, instances: ['default'] })).toBeUndefined();
  });

  it('leaves another docker context to inspect', () => {
    expect(knownBuilderDriver({ ...fresh, dockerContext: 'remote' })).toBeUndefined();
    expect(
      knownBuilderDriver({ ...fresh, configJson: '{"currentContext":"remote"}' }),
    ).toBeUndefined();
    expect(
      knownBuilderDriver({ ...fresh, configJson: '{"CurrentContext":"remote"}' }),
    ).toBeUndefined();
  });

  it('leaves anything it cannot read to inspect', () => {
    expect(knownBuilderDriver({ ...fresh, current: '' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, current: '{"Name":' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, current: 'null' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, current: '{"Name":null}' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, current: '["x"]' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, configJson: '{"auths":' })).toBeUndefined();
    expect(knownBuilderDriver({ ...fresh, configJson: '{"currentContext":7}' })).toBeUndefined();
  });
});

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'engine-probe-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('readBuildxState', () => {
  it('reads $DOCKER_CONFIG/buildx and its config.json', async () => {
    const config = join(scratch, 'state-config');
    await mkdir(join(config, 'buildx', 'instances'), { recursive: true });
    await writeFile(join(config, 'config.json'), '{"currentContext":"remote"}');
    await writeFile(join(config, 'buildx', 'current'), '{"Key":"k","Name":"b1"}');
    await writeFile(join(config, 'buildx', 'instances', 'b1'), '{}');
    expect(await readBuildxState({ DOCKER_CONFIG: config, BUILDX_BUILDER: 'x' })).toEqual({
      buildxBuilder: 'x',
      dockerContext: undefined,
      configJson: '{"currentContext":"remote"}',
      current: '{"Key":"k","Name":"b1"}',
      defaults: [],
      instances: ['b1'],
    });
  });

  it('reads $BUILDX_CONFIG before $DOCKER_CONFIG/buildx', async () => {
    const config = join(scratch, 'state-config');
    const store = join(scratch, 'buildx-store');
    await mkdir(join(store, 'defaults'), { recursive: true });
    await writeFile(join(store, 'defaults', 'abc'), 'b2');
    expect(
      await readBuildxState({ DOCKER_CONFIG: config, BUILDX_CONFIG: store, DOCKER_CONTEXT: 'c' }),
    ).toMatchObject({ dockerContext: 'c', current: undefined, defaults: ['abc'], instances: [] });
  });

  it('reads a config dir that does not exist yet as a fresh one', async () => {
    expect(await readBuildxState({ DOCKER_CONFIG: join(scratch, 'none') })).toEqual({
      buildxBuilder: undefined,
      dockerContext: undefined,
      configJson: undefined,
      current: undefined,
      defaults: [],
      instances: [],
    });
  });

  it('gives nothing when a part of the store cannot be read', async () => {
    const odd = join(scratch, 'odd');
    await mkdir(join(odd, 'buildx', 'current'), { recursive: true });
    expect(await readBuildxState({ DOCKER_CONFIG: odd })).toBeUndefined();
    const dangling = join(scratch, 'dangling');
    await mkdir(dangling);
    await symlink(join(scratch, 'gone'), join(dangling, 'buildx'));
    expect(await readBuildxState({ DOCKER_CONFIG: dangling })).toBeUndefined();
    const file = join(scratch, 'file');
    await mkdir(file);
    await writeFile(join(file, 'buildx'), '');
    expect(await readBuildxState({ DOCKER_CONFIG: file })).toBeUndefined();
  });
});

describe('with a stand-in docker', () => {
  const ENV = ['PATH', 'DOCKER_CONFIG', 'BUILDX_CONFIG', 'BUILDX_BUILDER', 'DOCKER_CONTEXT'];
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  let bin: string;
  let calls: string;

  /** `docker` answering `info` with `infoJson` (or failing when undefined). */
  async function fakeDocker(
    infoJson: unknown,
    buildxVersion = "echo 'github.com/docker/buildx 0.12.0 abc'",
  ): Promise<void> {
    const info =
      infoJson === undefined
        ? 'echo "info failed" >&2; exit 1'
        : `echo '${JSON.stringify(infoJson)}'`;
    const script = [
      '#!/bin/sh',
      `echo "$*" >> '${calls}'`,
      'case "$1 $2" in',
      `  "version --format") echo '{"Os":"linux","Arch":"amd64","Version":"26.1.5"}' ;;`,
      `  "info --format") ${info} ;;`,
      `  "buildx version") ${buildxVersion} ;;`,
      `  "buildx inspect") echo "Name: b1"; echo "Driver: docker-container" ;;`,
      '  *) exit 1 ;;',
      'esac',
    ].join('\n');
    await writeFile(join(bin, 'docker'), `${script}\n`);
    await chmod(join(bin, 'docker'), 0o755);
  }
  const ran = async () =>
    (await readFile(calls, 'utf8').catch(() => ''))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ').slice(0, 2).join(' '))
      .sort();

  beforeEach(async () => {
    bin = await mkdtemp(join(scratch, 'bin-'));
    calls = join(bin, 'calls');
    process.env.PATH = `${bin}${delimiter}${saved.PATH ?? ''}`;
    process.env.DOCKER_CONFIG = join(bin, 'docker-config');
    for (const k of ['BUILDX_CONFIG', 'BUILDX_BUILDER', 'DOCKER_CONTEXT'])
      Reflect.deleteProperty(process.env, k);
  });
  afterEach(() => {
    for (const k of ENV)
      if (saved[k] === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = saved[k];
  });

  it('probeEngine takes buildx from `docker info` and does not run `buildx version`', async () => {
    await fakeDocker(info([COMPOSE, BUILDX]));
    const e = await probeEngine(['docker']);
    expect(e).toEqual({
      native: { os: 'linux', architecture: 'amd64' },
      containerdStore: true,
      version: '26.1.5',
      buildx: '0.13.1+ds1',
    });
    expect(await ran()).toEqual(['info --format', 'version --format']);
  });

  it('probeEngine asks `buildx version` when the list has no usable buildx, or info fails', async () => {
    for (const answer of [
      info([{ Name: 'buildx', Path: '/x', Err: 'failed to fetch metadata' }]),
      info([COMPOSE]),
      { DriverStatus: DRIVER_STATUS },
      undefined,
    ]) {
      await rm(calls, { force: true });
      await fakeDocker(answer);
      const e = await probeEngine(['docker']);
      expect(e.buildx).toBe('github.com/docker/buildx 0.12.0 abc');
      expect(e.containerdStore).toBe(answer !== undefined);
      expect(await ran()).toEqual(['buildx version', 'info --format', 'version --format']);
    }
  });

  it("probeEngine keeps `buildx version`'s error when buildx is broken", async () => {
    await fakeDocker(
      info([{ Name: 'buildx', Path: '/x', Err: 'failed to fetch metadata' }]),
      'echo "docker: unknown command: docker buildx" >&2; exit 1',
    );
    const e = await probeEngine(['docker']);
    expect(e.buildx).toBeUndefined();
    expect(e.buildxError).toBe('docker: unknown command: docker buildx');
  });

  it('builderDriver says docker for a fresh config without running inspect', async () => {
    await fakeDocker(info([BUILDX]));
    expect(await builderDriver()).toBe('docker');
    expect(await ran()).toEqual([]);
  });

  it('builderDriver runs inspect for a chosen, named or env-given builder', async () => {
    await fakeDocker(info([BUILDX]));
    const store = join(process.env.DOCKER_CONFIG!, 'buildx');
    await mkdir(store, { recursive: true });
    await writeFile(join(store, 'current'), '{"Key":"unix:///var/run/docker.sock","Name":"b1"}');
    expect(await builderDriver()).toBe('docker-container');
    await rm(join(store, 'current'));
    expect(await builderDriver('b1')).toBe('docker-container');
    process.env.BUILDX_BUILDER = 'b1';
    expect(await builderDriver()).toBe('docker-container');
    expect(await ran()).toEqual(['buildx inspect', 'buildx inspect', 'buildx inspect']);
  });

  it('pickTool takes the buildx docker info listed, and asks buildx itself only when none was', async () => {
    await fakeDocker(info([BUILDX]), 'echo "docker: unknown command: docker buildx" >&2; exit 1');
    expect((await pickTool('auto', 1_000, '0.13.1+ds1')).name).toBe('imagetools');
    expect(await ran()).toEqual([]);
    expect((await pickTool('auto', 1_000)).name).toBe('manifest');
    expect(await ran()).toEqual(['buildx version']);
    await fakeDocker(info([BUILDX]));
    expect((await pickTool('auto', 1_000)).name).toBe('imagetools');
    expect((await pickTool('manifest', 1_000, '0.13.1+ds1')).name).toBe('manifest');
  });

  it("builderDriver reads the store of the call's environment", async () => {
    await fakeDocker(info([BUILDX]));
    const other = join(bin, 'other-config');
    await mkdir(join(other, 'buildx'), { recursive: true });
    await writeFile(join(other, 'buildx', 'current'), '{"Name":"b1"}');
    const driver = builderDriver();
    // Changed after the call: not what the call reads.
    process.env.DOCKER_CONFIG = other;
    expect(await driver).toBe('docker');
    expect(await builderDriver()).toBe('docker-container');
  });
});
