import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/inputs';
import { defaultLocalTag, perPlatformTag, planRun, type EngineInfo } from '../../src/plan';
import { formatPlatform, parsePlatform } from '../../src/platform';

const x86: EngineInfo = { native: parsePlatform('linux/amd64'), containerdStore: true };
const inputs = (values: Record<string, string>) => parseInputs((n) => values[n] ?? '');

describe('planRun', () => {
  it('pushes all platforms in one build and tests each by digest later', () => {
    const plan = planRun(
      inputs({ tags: 'ghcr.io/acme/api:1.5,ghcr.io/acme/api:latest' }),
      x86,
      ['docker'],
      '/tmp/r',
    );
    expect(plan.mode).toBe('push');
    expect(plan.repository).toBe('ghcr.io/acme/api');
    expect(plan.builds).toHaveLength(1);
    expect(plan.builds[0]?.argv.slice(-2)).toEqual(['--push', '.']);
    expect(plan.builds[0]?.metadataFile).toBe('/tmp/r/metadata-all.json');
    expect(plan.emulated.map(formatPlatform)).toEqual(['linux/arm64']);
    expect(plan.targets.map((t) => [formatPlatform(t.platform), t.emulated, t.ref])).toEqual([
      ['linux/amd64', false, undefined],
      ['linux/arm64', true, undefined],
    ]);
  });

  it('loads one multi-platform image with the containerd store', () => {
    const plan = planRun(inputs({ context: 'examples/hello' }), x86, ['docker'], '/t');
    expect(plan.mode).toBe('load');
    expect(plan.builds[0]?.argv).toContain('--load');
    expect(plan.builds[0]?.tags).toEqual(['multiarch-local/hello:latest']);
    expect(plan.targets.map((t) => t.ref)).toEqual([
      'multiarch-local/hello:latest',
      'multiarch-local/hello:latest',
    ]);
  });

  it('loads each platform under its own tag without the containerd store', () => {
    const plan = planRun(
      inputs({ tags: 'app:1', push: 'false' }),
      { ...x86, containerdStore: false },
      ['docker'],
      '/t',
    );
    expect(plan.mode).toBe('load-per-platform');
    expect(
      plan.builds.map((b) => [b.platforms.map(formatPlatform), b.tags, b.metadataFile]),
    ).toEqual([
      [['linux/amd64'], ['app:1-linux-amd64'], '/t/metadata-linux-amd64.json'],
      [['linux/arm64'], ['app:1-linux-arm64'], '/t/metadata-linux-arm64.json'],
    ]);
    expect(plan.targets.map((t) => t.ref)).toEqual(['app:1-linux-amd64', 'app:1-linux-arm64']);
  });

  it('treats 386 as native on amd64 and amd64 as emulated on an ARM engine', () => {
    expect(
      planRun(inputs({ platforms: 'linux/386,linux/arm/v7' }), x86, ['docker'], '/t').emulated.map(
        formatPlatform,
      ),
    ).toEqual(['linux/arm']);
    const arm: EngineInfo = { native: parsePlatform('linux/arm64'), containerdStore: true };
    expect(planRun(inputs({}), arm, ['docker'], '/t').emulated.map(formatPlatform)).toEqual([
      'linux/amd64',
    ]);
  });
});

it('names local images', () => {
  expect(defaultLocalTag('/work/My App/')).toBe('multiarch-local/my-app:latest');
  expect(defaultLocalTag('.')).toMatch(/^multiarch-local\/[a-z0-9._-]+:latest$/);
  expect(perPlatformTag('ghcr.io/a/b', parsePlatform('linux/arm/v6'))).toBe(
    'ghcr.io/a/b:latest-linux-arm-v6',
  );
});
