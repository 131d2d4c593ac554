import { describe, expect, it } from 'vitest';
import { outcomeShape, type OutcomeShape } from '../../../src/engine/run-builds';
import type { BuildMode, Plan } from '../../../src/engine/plan/index';

const repository = 'ghcr.io/acme/api';
const gate: Plan['gate'] = { kind: 'fanout', tags: [`${repository}:1`] };

describe('outcomeShape: what each build mode reads its outcome from', () => {
  it.each<[BuildMode, Partial<Plan>, OutcomeShape]>([
    ['push', { repository }, { kind: 'pushed', repository }],
    ['push', {}, { kind: 'local' }],
    ['load-then-push', {}, { kind: 'loaded-index' }],
    ['fanout-push', { repository, gate }, { kind: 'parts', repository }],
    ['fanout-push', { repository }, { kind: 'merged', repository }],
    ['fanout-push', { gate }, { kind: 'local' }],
    ['load', {}, { kind: 'local' }],
    ['load-per-platform', {}, { kind: 'local' }],
    ['fanout-load', {}, { kind: 'local' }],
  ])('%s with %j', (mode, rest, expected) => {
    expect(outcomeShape({ mode, ...rest })).toEqual(expected);
  });

  it('refuses a mode it does not know', () => {
    expect(() => outcomeShape({ mode: 'sideload' as BuildMode })).toThrow(
      /No outcome is defined for build mode sideload/,
    );
  });
});
