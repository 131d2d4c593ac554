import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/actions/build/inputs';
import { classifyFailure, contextCreateArgs } from '../../src/docker/contexts';
import {
  formatEndpoint,
  holdsPassword,
  parseEndpoint,
  parseNodes,
} from '../../src/docker/endpoint';
import { findSsh, sshConfigText, sshPaths, wrapperScript } from '../../src/docker/ssh';
import {
  builderAppendArgs,
  builderCreateArgs,
  chooseStrategy,
  mergeArgs,
} from '../../src/build/nodes/strategy';
import { formatPlatform, parsePlatform } from '../../src/oci/platform';
import { sshExitArgs } from '../../src/build/session';

const both = ['linux/amd64', 'linux/arm64'].map(parsePlatform);

describe('parseEndpoint', () => {
  it.each([
    [
      'ssh://builder@arm1.example.com',
      { scheme: 'ssh', user: 'builder', host: 'arm1.example.com', port: undefined },
    ],
    ['ssh://root@127.0.0.1:2222', { scheme: 'ssh', user: 'root', host: '127.0.0.1', port: 2222 }],
    ['ssh://arm1', { scheme: 'ssh', user: undefined, host: 'arm1', port: undefined }],
    ['tcp://10.0.0.5:2376', { scheme: 'tcp', host: '10.0.0.5', port: 2376 }],
    ['unix:///var/run/docker.sock', { scheme: 'unix', path: '/var/run/docker.sock' }],
    ['ssh://u@[::1]:22', { scheme: 'ssh', user: 'u', host: '[::1]', port: 22 }],
  ])('%s', (value, expected) => {
    const e = parseEndpoint(value);
    expect(e).toEqual(expected);
    expect(formatEndpoint(e)).toBe(value);
  });

  it.each([
    ['ssh://root@host;touch /tmp/x', /spaces or characters/],
    ['ssh://root@host name', /spaces or characters/],
    ['ssh://root@$(id)', /spaces or characters/],
    ['http://host:80', /unknown scheme "http"/],
    ['ftp://host', /unknown scheme "ftp"/],
    ['ssh://root@', /has no host/],
    ['ssh://', /has no host/],
    ['tcp://host', /needs a port/],
    ['tcp://host:99999', /port "99999"/],
    ['tcp://u@host:2376', /take no user/],
    ['ssh://host/path', /has a path/],
    ['unix://relative.sock', /absolute socket path/],
    ['host:22', /not an endpoint URL/],
    ['ssh://-oProxyCommand=x', /not a valid host/],
  ])('rejects %j', (value, why) => {
    expect(() => parseEndpoint(value)).toThrow(why);
  });
});

describe('parseNodes', () => {
  it('groups platforms by endpoint', () => {
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'].map(parsePlatform);
    const nodes = parseNodes(
      [
        'linux/arm64=ssh://b@arm1',
        'linux/arm/v7 = ssh://b@arm1',
        'linux/amd64=unix:///var/run/docker.sock',
      ],
      platforms,
    );
    expect(nodes.map((n) => [formatEndpoint(n.endpoint), n.platforms.map(formatPlatform)])).toEqual(
      [
        ['ssh://b@arm1', ['linux/arm64', 'linux/arm']],
        ['unix:///var/run/docker.sock', ['linux/amd64']],
      ],
    );
  });
  it.each([
    [['linux/s390x=ssh://b@z1'], /names linux\/s390x, which is not in "platforms"/],
    [
      ['linux/arm64=ssh://a@x', 'linux/arm64/v8=ssh://b@y'],
      /linux\/arm64 is given to two nodes, ssh:\/\/a@x and ssh:\/\/b@y/,
    ],
    [['ssh://b@arm1'], /is not PLATFORM=ENDPOINT/],
    [['linux/arm64;id=ssh://b@arm1'], /is not a platform/],
  ])('rejects %j', (lines, why) => {
    expect(() => parseNodes(lines, both)).toThrow(why);
  });
});

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

describe('argv for nodes', () => {
  it.each([
    [
      contextCreateArgs('m-node1', parseEndpoint('ssh://b@arm1:2222')),
      [
        'docker',
        'context',
        'create',
        'm-node1',
        '--description',
        'multiarch-action node ssh://b@arm1:2222',
        '--docker',
        'host=ssh://b@arm1:2222',
      ],
    ],
    [
      contextCreateArgs('m-node2', parseEndpoint('tcp://10.0.0.5:2376'), {
        ca: '/t/tls/ca.pem',
        cert: '/t/tls/cert.pem',
        key: '/t/tls/key.pem',
      }),
      [
        'docker',
        'context',
        'create',
        'm-node2',
        '--description',
        'multiarch-action node tcp://10.0.0.5:2376',
        '--docker',
        'host=tcp://10.0.0.5:2376,ca=/t/tls/ca.pem,cert=/t/tls/cert.pem,key=/t/tls/key.pem',
      ],
    ],
    [
      builderCreateArgs('m-b', 'm-node1', [parsePlatform('linux/arm64')]),
      [
        'docker',
        'buildx',
        'create',
        '--name',
        'm-b',
        '--driver',
        'docker-container',
        '--platform',
        'linux/arm64',
        'm-node1',
      ],
    ],
    [
      builderCreateArgs('m-b', 'default', both, 'registry.local/buildkit:v0.13'),
      [
        'docker',
        'buildx',
        'create',
        '--name',
        'm-b',
        '--driver',
        'docker-container',
        '--driver-opt',
        'image=registry.local/buildkit:v0.13',
        '--platform',
        'linux/amd64,linux/arm64',
        'default',
      ],
    ],
    [
      builderAppendArgs(
        'm-b',
        'm-node2',
        [parsePlatform('linux/arm64')],
        'registry.local/buildkit:v0.13',
      ),
      [
        'docker',
        'buildx',
        'create',
        '--append',
        '--name',
        'm-b',
        '--driver-opt',
        'image=registry.local/buildkit:v0.13',
        '--platform',
        'linux/arm64',
        'm-node2',
      ],
    ],
    [
      builderAppendArgs('m-b', 'm-node1', [parsePlatform('linux/arm64')]),
      [
        'docker',
        'buildx',
        'create',
        '--append',
        '--name',
        'm-b',
        '--platform',
        'linux/arm64',
        'm-node1',
      ],
    ],
    [
      mergeArgs(['r/a:1', 'r/a:latest'], ['r/a@sha256:1', 'r/a@sha256:2']),
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--tag',
        'r/a:1',
        '--tag',
        'r/a:latest',
        'r/a@sha256:1',
        'r/a@sha256:2',
      ],
    ],
    [
      sshExitArgs({
        config: '/t/ssh/ssh_config',
        realSsh: '/usr/bin/ssh',
        binDir: '/t/ssh/bin',
        controlDir: '/tmp/mcm-1',
        targets: [{ user: 'b', host: 'arm1', port: 2222 }, { host: 'arm2' }],
      }),
      [
        ['/usr/bin/ssh', '-F', '/t/ssh/ssh_config', '-O', 'exit', '-p', '2222', '-l', 'b', 'arm1'],
        ['/usr/bin/ssh', '-F', '/t/ssh/ssh_config', '-O', 'exit', 'arm2'],
      ],
    ],
  ])('%j', (actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('chooseStrategy', () => {
  it.each([
    ['auto', true, { strategy: 'append', tentative: true }],
    ['auto', false, { strategy: 'fanout', tentative: false }],
    ['fanout', true, { strategy: 'fanout', tentative: false }],
    ['append', true, { strategy: 'append', tentative: false }],
  ] as const)('%s with push=%s', (requested, push, expected) => {
    expect(chooseStrategy(requested, push)).toMatchObject(expected);
  });
  it('refuses append without push', () => {
    expect(() => chooseStrategy('append', false)).toThrow(/can only push/);
  });
});

describe('classifyFailure', () => {
  it.each([
    ['Host key verification failed.', 'host key'],
    ['@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@', 'host key'],
    ['ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known', 'dns'],
    ['ssh: connect to host 127.0.0.1 port 1: Connection refused', 'refused'],
    ['root@127.0.0.1: Permission denied (publickey).', 'auth'],
    ['ssh: connect to host 10.1.1.1 port 22: Connection timed out', 'timeout'],
    ['tls: failed to verify certificate: x509: certificate signed by unknown authority', 'tls'],
    ['bash: line 1: docker: command not found', 'no docker'],
    [
      'command [ssh -o ConnectTimeout=30 -T -l root -p 1 -- h docker system dial-stdio] has exited with exit status 255: stderr=kex_exchange_identification: read: Connection reset by peer',
      'unknown',
    ],
    ['something odd', 'unknown'],
  ])('%s → %s', (output, cause) => {
    expect(classifyFailure(output).cause).toBe(cause);
  });
});

describe('private ssh setup', () => {
  const files = sshPaths('/tmp/r/multiarch-x/ssh', '/tmp/mcm-abc123');
  it('checks host keys strictly unless told to accept new ones', () => {
    const strict = sshConfigText(files, false);
    expect(strict).toContain('StrictHostKeyChecking yes\n');
    expect(strict).toContain('UserKnownHostsFile /tmp/r/multiarch-x/ssh/known_hosts\n');
    expect(strict).toContain('IdentityFile /tmp/r/multiarch-x/ssh/id_node\n');
    expect(strict).toContain('GlobalKnownHostsFile /dev/null\n');
    expect(sshConfigText(files, true)).toContain('StrictHostKeyChecking accept-new\n');
  });
  it('wraps the real ssh with the private config', () => {
    expect(wrapperScript('/usr/bin/ssh', files.config)).toBe(
      '#!/bin/sh\nexec /usr/bin/ssh -F /tmp/r/multiarch-x/ssh/ssh_config -o ConnectTimeout=15 "$@"\n',
    );
  });
  it('shares connections unless the control socket path would be too long for ssh', () => {
    expect(sshConfigText(files, false)).toContain('ControlPath /tmp/mcm-abc123/%C\n');
    const deep = sshPaths('/tmp/r/ssh', `/${'d'.repeat(50)}`);
    expect(sshConfigText(deep, false)).not.toContain('ControlMaster');
  });
  it('finds the real ssh past its own wrapper', () => {
    const present = new Set(['/tmp/w/ssh', '/usr/bin/ssh']);
    expect(findSsh('/tmp/w:/usr/local/bin:/usr/bin', (p) => present.has(p), '/tmp/w')).toBe(
      '/usr/bin/ssh',
    );
    expect(findSsh('/opt', (p) => present.has(p))).toBeUndefined();
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
