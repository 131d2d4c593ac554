import { describe, expect, it } from 'vitest';
import { localWorker, planRun } from '../../../../src/engine/plan/index';
import { parsePlatform } from '../../../../src/oci/platform';
import { buildRequest, platforms } from '../request-fixture';

describe('push-by-digest', () => {
  const x86 = { native: parsePlatform('linux/amd64'), containerdStore: true, version: '26.1.5' };
  const inputs = buildRequest({
    platforms: platforms('linux/arm64'),
    tags: ['ghcr.io/acme/api'],
    push: true,
    pushByDigest: true,
    digestsDir: '/tmp/d',
  });
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
});
