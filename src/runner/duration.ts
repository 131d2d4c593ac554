/** Durations as inputs take them: `90`, `90s`, `2m`, `1m30s`. Pure. */
import { InputError } from './inputs';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration in milliseconds, between `minMs` and `maxMs`; a bare number is seconds. */
export function durationMs(
  name: string,
  raw: string,
  fallbackMs: number,
  minMs: number,
  maxMs: number,
): number {
  const v = raw.trim();
  if (v === '') return fallbackMs;
  const fix = `Give a duration from ${minMs / 1000} s to ${maxMs / 1000} s, like 120s, 2m or 1m30s (a bare number is seconds).`;
  let ms: number;
  if (/^\d+$/.test(v)) {
    ms = Number(v) * 1000;
  } else if (/^(\d+(ms|s|m|h))+$/.test(v)) {
    ms = 0;
    for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h)/g))
      ms += Number(n) * (UNIT_MS[unit as string] ?? 0);
  } else {
    throw new InputError(name, raw, 'is not a duration', fix);
  }
  if (ms < minMs || ms > maxMs) throw new InputError(name, raw, 'is out of range', fix);
  return ms;
}
