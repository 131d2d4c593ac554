import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authKey,
  findCredentials,
  lookup,
  type DockerConfigJson,
} from '../../../../src/docker/registry/credentials';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('authKey', () => {
  it.each([
    ['docker.io', 'https://index.docker.io/v1/'],
    ['index.docker.io', 'https://index.docker.io/v1/'],
    ['ghcr.io', 'ghcr.io'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
  ])('%s → %s', (registry, key) => {
    expect(authKey(registry)).toBe(key);
  });
});

describe('lookup', () => {
  const basic = { kind: 'basic', username: 'u', password: 'p:with:colons' };
  it.each<[string, DockerConfigJson, string, ReturnType<typeof lookup>]>([
    ['no config', {}, 'ghcr.io', undefined],
    [
      'auth under the host',
      { auths: { 'ghcr.io': { auth: b64('u:p:with:colons') } } },
      'ghcr.io',
      { credentials: basic } as never,
    ],
    [
      'auth under https://host',
      { auths: { 'https://ghcr.io': { auth: b64('u:p:with:colons') } } },
      'ghcr.io',
      { credentials: basic } as never,
    ],
    [
      'an old key with a path',
      { auths: { 'https://ghcr.io/v1/': { auth: b64('u:p:with:colons') } } },
      'ghcr.io',
      { credentials: basic } as never,
    ],
    [
      'Docker Hub under its v1 URL',
      { auths: { 'https://index.docker.io/v1/': { auth: b64('u:p:with:colons') } } },
      'docker.io',
      { credentials: basic } as never,
    ],
    [
      'an identity token',
      { auths: { 'ghcr.io': { auth: b64('<token>:'), identitytoken: 'refresh' } } },
      'ghcr.io',
      { credentials: { kind: 'identity-token', token: 'refresh' } },
    ],
    [
      'username and password fields',
      { auths: { 'ghcr.io': { username: 'u', password: 'p:with:colons' } } },
      'ghcr.io',
      { credentials: basic } as never,
    ],
    ['another registry only', { auths: { 'quay.io': { auth: b64('u:p') } } }, 'ghcr.io', undefined],
    [
      'a helper for the registry',
      {
        credHelpers: { 'ghcr.io': 'gh' },
        credsStore: 'desktop',
        auths: { 'ghcr.io': { auth: b64('u:p') } },
      },
      'ghcr.io',
      { helper: 'gh', key: 'ghcr.io' },
    ],
    [
      'the default store',
      { credsStore: 'desktop', auths: { 'ghcr.io': { auth: b64('u:p:with:colons') } } },
      'ghcr.io',
      { helper: 'desktop', key: 'ghcr.io' },
    ],
    [
      'an empty helper entry: the file, even under a store',
      {
        credHelpers: { 'ghcr.io': '' },
        credsStore: 'desktop',
        auths: { 'ghcr.io': { auth: b64('u:p:with:colons') } },
      },
      'ghcr.io',
      { credentials: basic } as never,
    ],
    [
      'Docker Hub asks the store under its v1 URL',
      { credsStore: 'desktop' },
      'docker.io',
      { helper: 'desktop', key: 'https://index.docker.io/v1/' },
    ],
  ])('%s', (_, config, registry, expected) => {
    expect(lookup(config, registry)).toEqual(expected);
  });
});

describe('findCredentials', () => {
  let dir: string;
  const previousPath = process.env.PATH;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'creds-'));
  });
  afterEach(() => {
    process.env.PATH = previousPath;
  });

  /** A credential helper on the PATH that knows one server, speaking the helper protocol. */
  function helper(name: string, server: string, username: string, secret: string): void {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const answer = path.join(dir, `${name}.json`);
    writeFileSync(
      answer,
      JSON.stringify({ ServerURL: server, Username: username, Secret: secret }),
    );
    const file = path.join(bin, `docker-credential-${name}`);
    writeFileSync(
      file,
      [
        '#!/bin/sh',
        '[ "$1" = get ] || exit 3',
        'server=$(cat)',
        `if [ "$server" = "${server}" ]; then cat "${answer}"; exit 0; fi`,
        'echo "credentials not found in native keychain"',
        'exit 1',
      ].join('\n'),
    );
    chmodSync(file, 0o755);
    process.env.PATH = `${bin}:${previousPath ?? ''}`;
  }

  const config = (value: unknown): void =>
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify(value));

  it('asks the default store, with the server on stdin', async () => {
    helper('store', 'ghcr.io', 'me', 'from-store');
    config({ credsStore: 'store' });
    expect(await findCredentials('ghcr.io', { configDir: dir })).toEqual({
      kind: 'basic',
      username: 'me',
      password: 'from-store',
    });
  });

  it('asks about Docker Hub under its v1 URL, and reads <token> as an identity token', async () => {
    helper('hub', 'https://index.docker.io/v1/', '<token>', 'refresh-token');
    config({ credHelpers: { 'https://index.docker.io/v1/': 'hub' } });
    expect(await findCredentials('docker.io', { configDir: dir })).toEqual({
      kind: 'identity-token',
      token: 'refresh-token',
    });
  });

  it('is anonymous when the helper has no login for the registry', async () => {
    helper('store', 'ghcr.io', 'me', 'x');
    config({ credsStore: 'store' });
    expect(await findCredentials('quay.io', { configDir: dir })).toBeUndefined();
  });

  it('names a helper that cannot be run', async () => {
    config({ credHelpers: { 'ghcr.io': 'missing-helper-xyz' } });
    await expect(findCredentials('ghcr.io', { configDir: dir })).rejects.toThrow(
      /credential helper "missing-helper-xyz" for ghcr.io, but docker-credential-missing-helper-xyz could not be run/,
    );
  });

  it('reads the file of the config dir it is given', async () => {
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: b64('me:secret') } } }),
    );
    expect(await findCredentials('ghcr.io', { configDir: dir })).toEqual({
      kind: 'basic',
      username: 'me',
      password: 'secret',
    });
  });

  it('is anonymous without a config file', async () => {
    expect(await findCredentials('ghcr.io', { configDir: dir })).toBeUndefined();
  });

  it('names the file when it is not JSON', async () => {
    writeFileSync(path.join(dir, 'config.json'), '{not json');
    await expect(findCredentials('ghcr.io', { configDir: dir })).rejects.toThrow(
      `${path.join(dir, 'config.json')} is not a JSON object`,
    );
  });
});
