import { describe, expect, it } from 'vitest';
import { buildArgs, type BuildOptions } from '../../src/docker/buildx';
import { parsePlatform } from '../../src/oci/platform';
import { installArgs, pullArgs, removeArgs, runArgs } from '../../src/docker/containers';

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
  ])('%s', (_name, opts, call, argv) => {
    expect(buildArgs({ ...base, ...opts }, call)).toEqual(argv);
  });
});

describe('docker argv', () => {
  it.each([
    [
      installArgs(['docker'], 'img:1', [
        arm,
        parsePlatform('linux/arm/v7'),
        parsePlatform('linux/arm/v6'),
      ]),
      ['docker', 'run', '--privileged', '--rm', 'img:1', '--install', 'arm64,arm'],
    ],
    [
      pullArgs(['docker'], arm, 'r/a@sha256:1'),
      ['docker', 'pull', '--quiet', '--platform', 'linux/arm64', 'r/a@sha256:1'],
    ],
    [
      runArgs(['docker'], 'c1', arm, 'r/a@sha256:1', []),
      [
        'docker',
        'run',
        '--rm',
        '--name',
        'c1',
        '--platform',
        'linux/arm64',
        '--pull',
        'never',
        'r/a@sha256:1',
      ],
    ],
    [
      runArgs(['docker'], 'c1', amd, 'img', ['sh', '-c', 'echo $(id); uname -m']),
      [
        'docker',
        'run',
        '--rm',
        '--name',
        'c1',
        '--platform',
        'linux/amd64',
        '--pull',
        'never',
        'img',
        'sh',
        '-c',
        'echo $(id); uname -m',
      ],
    ],
    [
      removeArgs(['docker', '--context', 'n'], 'c1'),
      ['docker', '--context', 'n', 'rm', '--force', 'c1'],
    ],
  ])('%j', (actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
