import { describe, expect, it } from 'vitest';
import { loadedByBuild } from '../../../src/engine/load';
import type { Plan } from '../../../src/engine/plan/index';
import { imageIdOf } from '../../../src/engine/run-builds';

const plan = (mode: Plan['mode']): Plan => ({
  mode,
  emulated: [],
  builds: [],
  targets: [],
  notes: [],
});

describe('load: true with push', () => {
  it('needs no pull where the docker driver built into the engine under the tags', () => {
    expect(loadedByBuild(plan('load-then-push'), 'docker')).toBe(true);
    expect(loadedByBuild(plan('push'), 'docker')).toBe(true);
  });
  it('pulls what another builder pushed, and what nodes built', () => {
    expect(loadedByBuild(plan('push'), 'docker-container')).toBe(false);
    expect(loadedByBuild(plan('push'), undefined)).toBe(false);
    expect(loadedByBuild(plan('fanout-push'), 'docker')).toBe(false);
  });
});

describe('imageIdOf', () => {
  const config = `sha256:${'c'.repeat(64)}`;
  const index = `sha256:${'i'.repeat(64)}`;
  it("is buildx's --iidfile: the config digest, else what was exported", () => {
    expect(
      imageIdOf({ 'containerimage.config.digest': config, 'containerimage.digest': index }, 1),
    ).toBe(config);
    expect(imageIdOf({ 'containerimage.digest': index }, 1)).toBe(index);
    expect(imageIdOf({}, 1)).toBeUndefined();
  });
  it('is none for a build made in parts', () => {
    expect(imageIdOf({ 'linux/amd64@local': {} }, 2)).toBeUndefined();
  });
});
