import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../../../src/actions/build/inputs';
import { holdsPassword } from '../../../../src/docker/endpoint';

describe('node inputs', () => {
  const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';
  const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
  it('reads nodes, strategy and ssh settings', () => {
    const i = parseInputs(
      get({
        tags: 'r/a:1',
        nodes: 'linux/arm64=ssh://b@arm1',
        'ssh-private-key': key,
        'ssh-known-hosts': 'arm1 ssh-ed25519 AAAAC3',
        'node-strategy': 'fanout',
      }),
    );
    expect(i.nodeStrategy).toBe('fanout');
    expect(i.nodes).toHaveLength(1);
    expect(i.ssh).toEqual({
      privateKey: key,
      knownHosts: 'arm1 ssh-ed25519 AAAAC3',
      acceptNewHostKeys: false,
    });
  });
  it.each([
    [
      { nodes: 'linux/arm64=ssh://b@arm1', 'ssh-private-key': key },
      /Input "ssh-known-hosts": "" is required for ssh nodes/,
    ],
    [{ 'ssh-private-key': 'hunter2' }, /Input "ssh-private-key": "\*\*\*" is not a private key/],
    [
      { 'ssh-known-hosts': 'justahost' },
      /Input "ssh-known-hosts": "justahost" is not a known_hosts line/,
    ],
    [
      { 'node-strategy': 'parallel' },
      /Input "node-strategy": "parallel" is not one of auto, append, fanout\. Use auto, append or fanout\./,
    ],
    [
      { nodes: 'linux/arm64=ssh://b@arm1;reboot' },
      /Input "nodes": .* is not valid\. "ssh:\/\/b@arm1;reboot" contains spaces or characters/,
    ],
    [{ 'tls-cert': '-----BEGIN CERTIFICATE-----\nx' }, /Input "tls-key": "" is missing/],
  ])('rejects %j', (values, why) => {
    expect(() => parseInputs(get({ tags: 'r/a:1', ...values }))).toThrow(why);
  });
  it('lets ssh-accept-new-host-keys stand in for known hosts', () => {
    const i = parseInputs(
      get({
        tags: 'r/a:1',
        nodes: 'linux/arm64=ssh://b@arm1',
        'ssh-private-key': key,
        'ssh-accept-new-host-keys': 'true',
      }),
    );
    expect(i.ssh.acceptNewHostKeys).toBe(true);
  });
});

describe('node input errors name the line, never a password', () => {
  const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';
  it('echoes only the line at fault', () => {
    expect(() =>
      parseInputs(
        get({
          tags: 'r/a:1',
          nodes: 'linux/amd64=unix:///var/run/docker.sock\nlinux/arm64=ftp://arm1',
        }),
      ),
    ).toThrow(
      'Input "nodes": "linux/arm64=ftp://arm1" is not valid. "ftp://arm1" has the unknown scheme "ftp"',
    );
  });
  it.each([
    'linux/arm64=ssh://builder:hunter2;x@arm1',
    'linux/arm64=ssh://u:hun/ter2@arm1',
    'linux/s390x=ssh://u:hunter2@arm1',
    'linux/arm64=SSH://u:hunter2@arm1',
    'linux/arm64=u:hunter2@arm1',
    'ssh://u:hunter2@arm1',
  ])('never repeats a password typed into %s', (line) => {
    let message = '';
    try {
      parseInputs(get({ tags: 'r/a:1', nodes: line }));
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(
      /^Input "nodes": "\*\*\*" is not valid\. an endpoint holds user:password@, and passwords are not supported/,
    );
    expect(message).not.toContain('hunter');
  });
  it.each([
    'linux/arm64=ssh://u@arm1:2222',
    'linux/amd64=tcp://h:2376',
    'linux/amd64=unix:///run/docker.sock',
  ])('takes %s as password-free', (line) => {
    expect(holdsPassword(line)).toBe(false);
  });
  it('refuses builder together with nodes', () => {
    expect(() =>
      parseInputs(get({ tags: 'r/a:1', builder: 'mybx', nodes: 'linux/arm64=ssh://b@arm1' })),
    ).toThrow(/Input "builder": "mybx" cannot be combined with nodes/);
  });
});

describe('append builder inputs', () => {
  const parse = (values: Record<string, string>) => parseInputs((n) => values[n] ?? '');
  it('reads driver-opts, buildkitd-flags and buildkitd-config-inline', () => {
    const i = parse({
      'driver-opts': 'network=host\n# a comment\nimage=127.0.0.1:5000/moby/buildkit:v0.25.0',
      'buildkitd-flags': '--allow-insecure-entitlement network.host',
      'buildkitd-config-inline': '[registry."docker.io"]\n  mirrors = ["mirror.gcr.io"]',
    });
    expect(i.driverOpts).toEqual(['network=host', 'image=127.0.0.1:5000/moby/buildkit:v0.25.0']);
    expect(i.buildkitdFlags).toBe('--allow-insecure-entitlement network.host');
    expect(i.buildkitdConfigInline).toContain('mirrors = ["mirror.gcr.io"]');
  });
  it.each([
    [
      { 'driver-opts': '--network=host' },
      /Input "driver-opts": "--network=host" is not a driver option/,
    ],
    [{ 'driver-opts': 'network' }, /Input "driver-opts": "network" is not a driver option/],
    [
      { 'buildkitd-flags': 'debug' },
      /Input "buildkitd-flags": "debug" is not one line of buildkitd flags/,
    ],
    [{ 'buildkitd-flags': '--debug\u0000' }, /Input "buildkitd-flags"/],
  ])('rejects %j naming the input', (values, message) => {
    expect(() => parse(values)).toThrow(message);
  });
});
