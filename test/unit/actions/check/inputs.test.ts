import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../../../src/actions/check/build-request';
import { parseCheckInputs, splitGlobs } from '../../../../src/actions/check/inputs';
import { formatPlatform } from '../../../../src/oci/platform';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';

describe('check inputs', () => {
  it('registry-timeout: 2m when empty, a duration otherwise, checked', () => {
    expect(parseCheckInputs(get({ images: 'a:1' })).registryTimeoutMs).toBe(120_000);
    expect(
      parseCheckInputs(get({ images: 'a:1', 'registry-timeout': '15s' })).registryTimeoutMs,
    ).toBe(15_000);
    // The check's own build gets the same bound.
    const withBuild = parseCheckInputs(
      get({ dockerfile: 'Dockerfile', build: 'true', 'registry-timeout': '15s' }),
    );
    expect(buildRequest(withBuild, 'Dockerfile').registryTimeoutMs).toBe(15_000);
    expect(() => parseCheckInputs(get({ images: 'a:1', 'registry-timeout': '0' }))).toThrow(
      /Input "registry-timeout": "0" is out of range/,
    );
  });
  it('defaults platforms, cluster architectures, fail-on, and the context to the Dockerfile dir', () => {
    const i = parseCheckInputs(get({ dockerfile: 'app/Dockerfile' }));
    expect(i.platforms.map(formatPlatform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i).toMatchObject({
      clusterArchitectures: ['amd64', 'arm64'],
      failOn: 'error',
      context: 'app',
      build: false,
    });
  });
  it.each([
    [{}, /Input "images": "" is empty, and so are dockerfile and kubernetes-manifests/],
    [
      { images: 'a:1', 'fail-on': 'sometimes' },
      /Input "fail-on": "sometimes" is not one of error, warning, never\. Use error, warning or never\./,
    ],
    [{ images: 'a:1', build: 'true' }, /Input "build": "true" needs a dockerfile/],
    [{ images: 'a:1', 'cluster-architectures': 'amd64,ARM 64' }, /Input "cluster-architectures"/],
    [{ images: 'a:$(id)' }, /Input "images"/],
    [{ dockerfile: 'Dockerfile', target: '--rm' }, /Input "target": "--rm" contains characters/],
  ])('rejects %j', (values, why) => {
    expect(() => parseCheckInputs(get(values))).toThrow(why);
  });
});

it('splits manifest globs on commas outside braces', () => {
  expect(splitGlobs('deploy/{a,b}.yaml, k8s/**/*.yml')).toEqual([
    'deploy/{a,b}.yaml',
    'k8s/**/*.yml',
  ]);
  expect(
    parseCheckInputs(get({ 'kubernetes-manifests': 'x/{p,q}/*.yaml\ny.yaml' })).manifests,
  ).toEqual(['x/{p,q}/*.yaml', 'y.yaml']);
});

it('reads the target stage, which decides the stages that can fail the check', () => {
  expect(parseCheckInputs(get({ dockerfile: 'Dockerfile', target: 'runtime' })).target).toBe(
    'runtime',
  );
  expect(parseCheckInputs(get({ dockerfile: 'Dockerfile' })).target).toBeUndefined();
});
