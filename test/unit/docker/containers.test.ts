import { describe, expect, it } from 'vitest';
import { parsePlatform } from '../../../src/oci/platform';
import { installArgs, pullArgs, removeArgs, runArgs } from '../../../src/docker/containers';

const amd = parsePlatform('linux/amd64');

const arm = parsePlatform('linux/arm64');

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
