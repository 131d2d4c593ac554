import { describe, expect, it } from 'vitest';
import { durationMs } from '../../../src/runner/duration';

describe('durationMs', () => {
  it.each([
    ['', 120_000],
    ['90', 90_000],
    ['90s', 90_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1500ms', 1_500],
  ])('%j → %d ms', (raw, ms) => {
    expect(durationMs('registry-timeout', raw, 120_000, 1000, 3_600_000)).toBe(ms);
  });

  it.each(['2 minutes', '-5', '1.5m', 'm', '500ms', '2h'])(
    'rejects %j, naming the input and the fix',
    (raw) => {
      expect(() => durationMs('registry-timeout', raw, 120_000, 1000, 3_600_000)).toThrow(
        /Input "registry-timeout": .* like 120s, 2m or 1m30s/,
      );
    },
  );
});
