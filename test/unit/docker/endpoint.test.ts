import { describe, expect, it } from 'vitest';
import { formatEndpoint, parseEndpoint, parseNodes } from '../../../src/docker/endpoint';
import { formatPlatform, parsePlatform } from '../../../src/oci/platform';

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
