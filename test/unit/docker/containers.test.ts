import { describe, expect, it } from 'vitest';
import { parsePlatform } from '../../../src/oci/platform';
import {
  installArgs,
  parsePublishedPort,
  pullArgs,
  removeArgs,
  runArgs,
  runDetachedArgs,
} from '../../../src/docker/containers';

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

describe('a server run', () => {
  const arm = parsePlatform('linux/arm64');
  it('runs detached with its real entrypoint, env, and the probed port on loopback only', () => {
    expect(
      runDetachedArgs(['docker'], 'm-0-linux-arm64', arm, 'r/a@sha256:1', {
        command: [],
        env: ['MODE=test', 'X=a b'],
        port: 8080,
      }),
    ).toEqual([
      'docker',
      'run',
      '--detach',
      '--name',
      'm-0-linux-arm64',
      '--platform',
      'linux/arm64',
      '--pull',
      'never',
      '--env',
      'MODE=test',
      '--env',
      'X=a b',
      '--publish',
      '127.0.0.1::8080/tcp',
      'r/a@sha256:1',
    ]);
  });
  it('publishes nothing for a probe without a port', () => {
    expect(
      runDetachedArgs(['docker', '--context', 'n1'], 'n', arm, 'img', {
        command: ['serve'],
        env: [],
      }),
    ).not.toContain('--publish');
  });
  it('reads the published port', () => {
    expect(parsePublishedPort('127.0.0.1:49153\n')).toBe(49153);
    expect(parsePublishedPort('[::1]:32768')).toBe(32768);
    expect(parsePublishedPort('')).toBeUndefined();
  });
  it('passes smoke-env to a plain run too', () => {
    expect(runArgs(['docker'], 'n', arm, 'img', ['/app'], ['A=1'])).toEqual([
      ...['docker', 'run', '--rm', '--name', 'n', '--platform', 'linux/arm64', '--pull', 'never'],
      ...['--env', 'A=1', 'img', '/app'],
    ]);
  });
});
