/** Durations as inputs take them: `90`, `90s`, `2m`, `1m30s`. Pure. */
import { boundedNumber } from './inputs';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The milliseconds a duration's text says, or undefined when it is not a duration. */
function readDuration(v: string): number | undefined {
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/^(\d+(ms|s|m|h))+$/.test(v)) return undefined;
  let ms = 0;
  for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h)/g))
    ms += Number(n) * (UNIT_MS[unit as string] ?? 0);
  return ms;
}

/** A duration in milliseconds, between `minMs` and `maxMs`; a bare number is seconds. */
export function durationMs(
  name: string,
  raw: string,
  fallbackMs: number,
  minMs: number,
  maxMs: number,
): number {
  return boundedNumber(name, raw, { fallback: fallbackMs, min: minMs, max: maxMs }, readDuration, {
    notANumber: 'is not a duration',
    outOfRange: 'is out of range',
    fix: `Give a duration from ${minMs / 1000} s to ${maxMs / 1000} s, like 120s, 2m or 1m30s (a bare number is seconds).`,
  });
}
