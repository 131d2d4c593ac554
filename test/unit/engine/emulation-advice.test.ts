import { describe, expect, it } from 'vitest';
import {
  EMULATION_MIN_MS,
  EMULATION_RATIO,
  emulationAdvice,
} from '../../../src/engine/emulation-advice';

const amd = (ms: number) => ({ platform: 'linux/amd64', emulated: false, buildMs: ms });
const arm = (ms: number) => ({ platform: 'linux/arm64', emulated: true, buildMs: ms });

describe('emulationAdvice at the real thresholds', () => {
  it('is 3× and 30 s', () => {
    expect([EMULATION_RATIO, EMULATION_MIN_MS]).toEqual([3, 30_000]);
  });

  it('says it once, with the numbers and both remedies, for the measured apt-get case (11.8 s vs 58.8 s)', () => {
    const advice = emulationAdvice([amd(11_800), arm(58_800)]);
    expect(advice).toContain('linux/arm64 took 58.8 s');
    expect(advice).toContain('5.0× the 11.8 s of native linux/amd64');
    expect(advice).toMatch(/node-strategy append or fanout/);
    expect(advice).toContain('FROM --platform=$BUILDPLATFORM');
  });

  it.each([
    ['not 3× slower', [amd(11_000), arm(33_000)]],
    ['not over 30 s', [amd(1_000), arm(30_000)]],
    ['nothing native to compare with', [arm(90_000)]],
    ['the slow one is native', [amd(90_000), arm(1_000)]],
  ])('stays quiet when %s', (_why, times) => {
    expect(emulationAdvice(times)).toBeUndefined();
  });

  it('takes other thresholds, for tests', () => {
    expect(emulationAdvice([amd(100), arm(400)], 3, 300)).toMatch(/linux\/arm64 took 0\.4 s/);
  });
});
