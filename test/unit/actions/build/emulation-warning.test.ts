import { describe, expect, it } from 'vitest';
import { emulationWarningInput } from '../../../../src/actions/build/emulation-warning';
import { DEFAULT_ADVICE_THRESHOLDS } from '../../../../src/engine/emulation-advice';

describe('emulation-warning', () => {
  it('is the real thresholds, 3× and 30 s, when empty or at its default', () => {
    expect(emulationWarningInput('')).toEqual({ ratio: 3, minMs: 30_000 });
    expect(emulationWarningInput('3,30')).toEqual(DEFAULT_ADVICE_THRESHOLDS);
  });

  it.each([
    ['1.3,0.5', { ratio: 1.3, minMs: 500 }],
    [' 2 , 45 ', { ratio: 2, minMs: 45_000 }],
  ])('reads %j as RATIO,SECONDS', (raw, expected) => {
    expect(emulationWarningInput(raw)).toEqual(expected);
  });

  it.each(['3', '3,30s', 'slow', '-1,30', '3,30,1'])('refuses %j, naming the input', (raw) => {
    expect(() => emulationWarningInput(raw)).toThrow(/Input "emulation-warning".*RATIO,SECONDS/);
  });
});
