import { describe, expect, it } from 'vitest';
import {
  buildArgs,
  buildFailureHint,
  parseBuilderNodes,
  type BuildOptions,
} from '../../../src/docker/buildx';
import { parsePlatform } from '../../../src/oci/platform';

const base: BuildOptions = {
  context: '.',
  labels: [],
  buildArgs: [],
  cacheFrom: [],
  cacheTo: [],
  noCache: false,
  pull: false,
};

const amd = parsePlatform('linux/amd64');

const arm = parsePlatform('linux/arm64');

describe('buildArgs', () => {
  it.each<[string, Partial<BuildOptions>, Parameters<typeof buildArgs>[1], string[]]>([
    [
      'push two platforms',
      {},
      {
        docker: ['docker'],
        platforms: [amd, arm],
        tags: ['ghcr.io/a/b:1'],
        output: 'push',
        metadataFile: '/t/m.json',
      },
      [
        'docker',
        'buildx',
        'build',
        '--progress',
        'plain',
        '--platform',
        'linux/amd64,linux/arm64',
        '--tag',
        'ghcr.io/a/b:1',
        '--metadata-file',
        '/t/m.json',
        '--push',
        '.',
      ],
    ],
    [
      'every option, load',
      {
        context: 'app',
        file: 'app/Dockerfile.prod',
        target: 'runtime',
        labels: ['a=b c'],
        buildArgs: ['X=1', 'Y=$(id)'],
        cacheFrom: ['type=gha'],
        cacheTo: ['type=gha,mode=max'],
        provenance: 'mode=max',
        sbom: 'true',
        noCache: true,
        pull: true,
        builder: 'b1',
      },
      {
        docker: ['docker', '--context', 'n1'],
        platforms: [arm],
        tags: ['x:1', 'x:2'],
        output: 'load',
        metadataFile: 'm',
      },
      [
        'docker',
        '--context',
        'n1',
        'buildx',
        'build',
        '--progress',
        'plain',
        '--builder',
        'b1',
        '--platform',
        'linux/arm64',
        '--file',
        'app/Dockerfile.prod',
        '--target',
        'runtime',
        '--tag',
        'x:1',
        '--tag',
        'x:2',
        '--label',
        'a=b c',
        '--build-arg',
        'X=1',
        '--build-arg',
        'Y=$(id)',
        '--cache-from',
        'type=gha',
        '--cache-to',
        'type=gha,mode=max',
        '--provenance=mode=max',
        '--sbom=true',
        '--no-cache',
        '--pull',
        '--metadata-file',
        'm',
        '--load',
        'app',
      ],
    ],
    [
      'provenance off',
      { provenance: 'false' },
      {
        docker: ['docker'],
        platforms: [parsePlatform('linux/arm/v7')],
        tags: ['x'],
        output: 'push',
        metadataFile: 'm',
      },
      [
        'docker',
        'buildx',
        'build',
        '--progress',
        'plain',
        '--platform',
        'linux/arm',
        '--tag',
        'x',
        '--provenance=false',
        '--metadata-file',
        'm',
        '--push',
        '.',
      ],
    ],
    [
      "every build-push-action option, push, with exporters beside the image's",
      {
        buildContexts: ['src=../shared'],
        annotations: ['index:k=v'],
        attests: ['type=sbom'],
        secrets: ['id=A,src=/t/secret-1', 'id=B,env=B_TOKEN'],
        sshMounts: ['default'],
        network: 'host',
        addHosts: ['docker:10.0.0.1'],
        allow: ['network.host'],
        shmSize: '2g',
        ulimits: ['nofile=1024:1024'],
        cgroupParent: '/actions_job',
        noCacheFilters: ['deps'],
        outputs: ['type=local,dest=out'],
      },
      {
        docker: ['docker'],
        platforms: [amd],
        tags: ['x:1'],
        output: 'push',
        metadataFile: 'm',
      },
      [
        ...['docker', 'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64'],
        ...['--tag', 'x:1', '--build-context', 'src=../shared', '--annotation', 'index:k=v'],
        ...['--attest', 'type=sbom', '--secret', 'id=A,src=/t/secret-1'],
        ...['--secret', 'id=B,env=B_TOKEN', '--ssh', 'default', '--network', 'host'],
        ...['--add-host', 'docker:10.0.0.1', '--allow', 'network.host', '--shm-size', '2g'],
        ...['--ulimit', 'nofile=1024:1024', '--cgroup-parent', '/actions_job'],
        ...['--no-cache-filter', 'deps', '--metadata-file', 'm', '--push'],
        ...['--output', 'type=local,dest=out', '.'],
      ],
    ],
    [
      'a call other than build: no exporter at all',
      { call: 'check', outputs: ['type=local,dest=out'] },
      { docker: ['docker'], platforms: [amd], tags: [], output: 'none', metadataFile: 'm' },
      [
        ...['docker', 'buildx', 'build', '--progress', 'plain', '--platform', 'linux/amd64'],
        ...['--call', 'check', '--metadata-file', 'm', '.'],
      ],
    ],
  ])('%s', (_name, opts, call, argv) => {
    expect(buildArgs({ ...base, ...opts }, call)).toEqual(argv);
  });
});

describe('parseBuilderNodes', () => {
  // `docker buildx inspect --bootstrap` of an append builder whose second
  // node could not pull BuildKit: it exits 0 all the same.
  const halfBooted = [
    'Name:          mb',
    'Driver:        docker-container',
    'Last Activity: 2026-11-30 22:37:48 +0000 UTC',
    '',
    'Nodes:',
    'Name:                  mb0',
    'Endpoint:              default',
    'Status:                running',
    'BuildKit daemon flags: --allow-insecure-entitlement=network.host',
    'BuildKit version:      v0.25.0',
    'Platforms:             linux/amd64',
    '',
    'Name:      mb1',
    'Endpoint:  multiarch-1-node1',
    'Error:     Error response from daemon: pull access denied',
    'Status:    inactive',
    'Platforms: linux/arm64',
  ].join('\n');

  it('reads every node, its endpoint, status and error', () => {
    expect(parseBuilderNodes(halfBooted)).toEqual([
      { name: 'mb0', endpoint: 'default', status: 'running' },
      {
        name: 'mb1',
        endpoint: 'multiarch-1-node1',
        status: 'inactive',
        error: 'Error response from daemon: pull access denied',
      },
    ]);
  });

  it('does not take the builder name above "Nodes:" for a node', () => {
    expect(parseBuilderNodes('Name: x\nDriver: docker\n').length).toBe(0);
  });
});

describe('buildFailureHint', () => {
  it('explains a loopback registry out of a docker-container builder’s reach, with the fix', () => {
    const out =
      'ERROR: failed to solve: failed to push 127.0.0.1:5000/a/b:1: failed to do request: Head "http://127.0.0.1:5000/v2/a/b/blobs/sha256:1": dial tcp 127.0.0.1:5000: connect: connection refused';
    expect(buildFailureHint(out)).toMatch(
      /^The registry at 127\.0\.0\.1:5000 is on the runner's loopback.*network namespace of its own.*Fix: .*driver-opts: network=host/,
    );
    expect(buildFailureHint('dial tcp localhost:5000: connect: connection refused')).toContain(
      'localhost:5000',
    );
  });
  it('names the buildx version a flag needs, with the fix', () => {
    expect(buildFailureHint('unknown flag: --call\nSee docker buildx build --help')).toMatch(
      /^This buildx does not know --call, which came in buildx 0\.15\. Fix: install a newer buildx/,
    );
    expect(buildFailureHint('unknown flag: --annotation')).toMatch(/buildx 0\.12/);
  });
  it('says nothing about other failures', () => {
    expect(buildFailureHint('dial tcp 10.1.2.3:5000: connect: connection refused')).toBeUndefined();
    expect(buildFailureHint('ERROR: process "/bin/sh -c make" did not complete')).toBeUndefined();
  });
});

describe('buildArgs progress', () => {
  const call = {
    docker: ['docker'],
    platforms: [parsePlatform('linux/amd64')],
    tags: [],
    output: 'load' as const,
    metadataFile: '/tmp/m.json',
  };
  it('is plain unless rawjson is asked for', () => {
    expect(buildArgs(base, call).slice(0, 5)).toEqual([
      'docker',
      'buildx',
      'build',
      '--progress',
      'plain',
    ]);
    expect(buildArgs(base, { ...call, progress: 'rawjson' }).slice(3, 5)).toEqual([
      '--progress',
      'rawjson',
    ]);
  });
});
