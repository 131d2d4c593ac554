import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRunConfig,
  loginArgs,
  registryKeys,
  runConfig,
  useBuildx,
  userDockerConfig,
} from '../../../src/docker/config-dir';

describe('runConfig', () => {
  const user = {
    auths: { 'ghcr.io': { auth: 'b2xk' }, 'quay.io': { auth: 'cXVheQ==' } },
    credsStore: 'desktop',
    credHelpers: { 'gcr.io': 'gcloud' },
    proxies: { default: { httpProxy: 'http://proxy:3128' } },
  };

  it('keeps every other login, helper and setting, and sends the run login to the file store', () => {
    expect(runConfig(user, ['ghcr.io'])).toEqual({
      auths: { 'quay.io': { auth: 'cXVheQ==' } },
      credsStore: 'desktop',
      credHelpers: { 'gcr.io': 'gcloud', 'ghcr.io': '' },
      proxies: { default: { httpProxy: 'http://proxy:3128' } },
    });
  });

  it('leaves the user config as it is without logins', () => {
    expect(runConfig(user, [])).toEqual(user);
  });

  it('Docker Hub under every key the CLI uses for it', () => {
    expect(registryKeys('docker.io')).toContain('https://index.docker.io/v1/');
    const config = runConfig({ auths: { 'https://index.docker.io/v1/': { auth: 'x' } } }, [
      'docker.io',
    ]);
    expect(config.auths).toEqual({});
    expect(config.credHelpers).toEqual({ 'docker.io': '', 'index.docker.io': '' });
  });
});

describe('createRunConfig', () => {
  it('copies config.json (0600), links the rest of the user dir and its plugins, in a 0700 dir', async () => {
    const user = mkdtempSync(path.join(os.tmpdir(), 'cfg-user-'));
    mkdirSync(path.join(user, 'cli-plugins'));
    writeFileSync(path.join(user, 'cli-plugins', 'docker-compose'), '');
    mkdirSync(path.join(user, 'contexts'));
    writeFileSync(path.join(user, 'ca.pem'), 'CA');
    const original = '{"auths":{"a.io":{"auth":"eDp5"}},"credsStore":"pass"}';
    writeFileSync(path.join(user, 'config.json'), original);
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'cfg-run-')), 'docker-config');
    await createRunConfig(dir, ['b.io'], user);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      auths: { 'a.io': { auth: 'eDp5' } },
      credsStore: 'pass',
      credHelpers: { 'b.io': '' },
    });
    expect(readlinkSync(path.join(dir, 'contexts'))).toBe(path.join(user, 'contexts'));
    expect(readlinkSync(path.join(dir, 'ca.pem'))).toBe(path.join(user, 'ca.pem'));
    expect(readlinkSync(path.join(dir, 'cli-plugins', 'docker-compose'))).toBe(
      path.join(user, 'cli-plugins', 'docker-compose'),
    );
    await useBuildx(dir, '/opt/buildx');
    expect(readlinkSync(path.join(dir, 'cli-plugins', 'docker-buildx'))).toBe('/opt/buildx');
    // The user's file is never written.
    expect(readFileSync(path.join(user, 'config.json'), 'utf8')).toBe(original);
  });

  it('names a config.json that is not JSON', async () => {
    const user = mkdtempSync(path.join(os.tmpdir(), 'cfg-user-'));
    writeFileSync(path.join(user, 'config.json'), '{ nope');
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'cfg-run-')), 'c');
    await expect(createRunConfig(dir, [], user)).rejects.toThrow(
      `${path.join(user, 'config.json')} is not a JSON object`,
    );
  });

  it('works without any user dir', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'cfg-run-')), 'c');
    await createRunConfig(dir, ['a.io'], path.join(dir, '..', 'missing'));
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      credHelpers: { 'a.io': '' },
    });
  });
});

describe('loginArgs', () => {
  it('the password goes on stdin, the user name fused to its flag', () => {
    expect(loginArgs('ghcr.io', 'octo')).toEqual([
      'docker',
      'login',
      '--username=octo',
      '--password-stdin',
      'ghcr.io',
    ]);
  });

  it('finds the user dir as the CLI does', () => {
    expect(userDockerConfig({ DOCKER_CONFIG: '/x' })).toBe('/x');
    expect(userDockerConfig({})).toBe(path.join(os.homedir(), '.docker'));
  });
});
