/** The emulation-warning input: when the build says that QEMU made a platform's build slow. */
import { DEFAULT_ADVICE_THRESHOLDS, type AdviceThresholds } from '../../engine/emulation-advice';
import { InputError } from '../../runner/inputs';

/** `RATIO,SECONDS`, like 3,30 (the default, also when empty). */
export function emulationWarningInput(raw: string): AdviceThresholds {
  const value = raw.trim();
  if (value === '') return DEFAULT_ADVICE_THRESHOLDS;
  const m = /^(\d+(?:\.\d+)?) *, *(\d+(?:\.\d+)?)$/.exec(value);
  if (!m)
    throw new InputError(
      'emulation-warning',
      raw,
      'is not RATIO,SECONDS',
      'Use two numbers, like 3,30: warn when an emulated build takes more than 3 times the slowest native one and more than 30 s.',
    );
  return { ratio: Number(m[1]), minMs: Math.round(Number(m[2]) * 1000) };
}
