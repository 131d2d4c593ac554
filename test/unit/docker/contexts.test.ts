import { describe, expect, it } from 'vitest';
import { classifyFailure, contextCreateArgs } from '../../../src/docker/contexts';
import { parseEndpoint } from '../../../src/docker/endpoint';
import { builderAppendArgs, builderCreateArgs } from '../../../src/docker/buildx';
import { imagetoolsCreateArgs } from '../../../src/docker/imagetools';
import { parsePlatform } from '../../../src/oci/platform';

const both = ['linux/amd64', 'linux/arm64'].map(parsePlatform);

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
      builderCreateArgs('m-b', 'default', both, { buildkitImage: 'registry.local/buildkit:v0.13' }),
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
      builderAppendArgs('m-b', 'm-node2', [parsePlatform('linux/arm64')], {
        buildkitImage: 'registry.local/buildkit:v0.13',
      }),
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
      imagetoolsCreateArgs(['r/a:1', 'r/a:latest'], ['r/a@sha256:1', 'r/a@sha256:2']),
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
  ])('%j', (actual, expected) => {
    expect(actual).toEqual(expected);
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

  it('gives a tcp:// node advice about dockerd and its port, never about ssh', () => {
    const refused = classifyFailure(
      'dial tcp 127.0.0.1:1: connect: connection refused\nCannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?',
      'tcp',
    );
    expect(refused.cause).toBe('refused');
    expect(refused.fix).toMatch(/^nothing listens on that port\. .*dockerd --host tcp:/);
    const silent = classifyFailure('Cannot connect to the Docker daemon at tcp://h:2376.', 'tcp');
    expect(silent).toEqual({
      cause: 'no docker',
      fix: expect.stringMatching(/^no Docker engine answered at that address/) as string,
    });
    expect(`${refused.fix} ${silent.fix}`).not.toMatch(/ssh/);
    // ssh keeps its own advice.
    expect(classifyFailure('docker: command not found', 'ssh').fix).toMatch(/ssh sessions/);
  });
});

describe('append builder settings, as docker/setup-buildx-action takes them', () => {
  it('passes driver options, buildkitd flags and a config file to every node', () => {
    const settings = {
      buildkitImage: '127.0.0.1:5000/moby/buildkit:v0.25.0',
      driverOpts: ['network=host', 'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760'],
      buildkitdFlags: '--allow-insecure-entitlement network.host --debug',
      configFile: '/runner/tmp/multiarch-x/buildkitd.toml',
    };
    const options = [
      '--driver-opt',
      'image=127.0.0.1:5000/moby/buildkit:v0.25.0',
      '--driver-opt',
      'network=host',
      '--driver-opt',
      'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760',
      '--buildkitd-flags',
      '--allow-insecure-entitlement network.host --debug',
      '--config',
      '/runner/tmp/multiarch-x/buildkitd.toml',
    ];
    expect(builderCreateArgs('m-b', 'default', [parsePlatform('linux/amd64')], settings)).toEqual([
      ...['docker', 'buildx', 'create', '--name', 'm-b', '--driver', 'docker-container'],
      ...options,
      ...['--platform', 'linux/amd64', 'default'],
    ]);
    expect(builderAppendArgs('m-b', 'm-node1', [parsePlatform('linux/arm64')], settings)).toEqual([
      ...['docker', 'buildx', 'create', '--append', '--name', 'm-b'],
      ...options,
      ...['--platform', 'linux/arm64', 'm-node1'],
    ]);
  });
});
