import { describe, expect, it } from 'vitest';
import { parseBuilderDriver } from '../../../../src/docker/engine';
import { parseInputs } from '../../../../src/actions/build/inputs';
import { localWorker, planRun } from '../../../../src/engine/plan/index';
import { parsePlatform } from '../../../../src/oci/platform';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';

describe('push-by-digest', () => {
  const x86 = { native: parsePlatform('linux/amd64'), containerdStore: true, version: '26.1.5' };
  const inputs = parseInputs(
    get({
      tags: 'ghcr.io/acme/api',
      platforms: 'linux/arm64',
      'push-by-digest': 'true',
      'digests-dir': '/tmp/d',
    }),
  );
  it('pushes without a tag on a builder that can', () => {
    const plan = planRun(inputs, [localWorker(x86, inputs.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker-container',
    });
    expect(plan.builds[0]?.argv.slice(-4)).toEqual([
      '/t/metadata-1.json',
      '--output',
      'type=image,name=ghcr.io/acme/api,push-by-digest=true,name-canonical=true,push=true',
      '.',
    ]);
    expect(plan.builds[0]?.argv).not.toContain('--tag');
  });
  it('falls back to the platform tag on the docker driver, which refuses push-by-digest', () => {
    const plan = planRun(inputs, [localWorker(x86, inputs.platforms)], {
      tempDir: '/t',
      builderDriver: 'docker',
    });
    expect(plan.builds[0]?.tags).toEqual(['ghcr.io/acme/api:latest-linux-arm64']);
    expect(plan.builds[0]?.argv.slice(-2)).toEqual(['--push', '.']);
    expect(plan.notes[0]).toMatch(/cannot push by digest/);
  });
  it.each([
    [{ 'push-by-digest': 'true' }, /Input "tags": "" names 0 images/],
    [{ 'push-by-digest': 'true', tags: 'r/a,r/b' }, /names 2 images/],
    [
      { 'push-by-digest': 'true', tags: 'r/a', push: 'false' },
      /Input "push": "false" contradicts push-by-digest/,
    ],
    [
      { 'push-by-digest': 'true', tags: 'r/a', nodes: 'linux/arm64=ssh://b@arm1' },
      /cannot be combined with nodes/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseInputs(get(values))).toThrow(why);
  });
  it('reads the builder driver', () => {
    expect(parseBuilderDriver('Name:          default\nDriver:        docker\n\nNodes:\n')).toBe(
      'docker',
    );
    expect(parseBuilderDriver('Name: b1\nDriver: docker-container\n')).toBe('docker-container');
    expect(parseBuilderDriver('nothing')).toBeUndefined();
  });
});
