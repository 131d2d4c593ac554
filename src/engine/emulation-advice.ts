/** Whether QEMU made a platform's build much slower than the native one, and what to do about it. Pure. */

export interface BuildTime {
  platform: string;
  emulated: boolean;
  buildMs: number;
}

/** Emulation is worth a word when it costs more than this many times the native build, and this long. */
export const EMULATION_RATIO = 3;
export const EMULATION_MIN_MS = 30_000;

/**
 * When the advice is given: a build over `ratio` × the native one, and over
 * `minMs` (the emulation-warning input; tests pass their own, so they need no
 * 30 s build).
 */
export interface AdviceThresholds {
  ratio: number;
  minMs: number;
}

export const DEFAULT_ADVICE_THRESHOLDS: AdviceThresholds = {
  ratio: EMULATION_RATIO,
  minMs: EMULATION_MIN_MS,
};

/**
 * One warning for the slowest emulated platform whose build took more than
 * `ratio` × the slowest native one and more than `minMs`; undefined when
 * emulation costs little, or when nothing was built natively to compare with.
 */
export function emulationAdvice(
  times: BuildTime[],
  ratio = EMULATION_RATIO,
  minMs = EMULATION_MIN_MS,
): string | undefined {
  const native = times.filter((t) => !t.emulated);
  if (native.length === 0) return undefined;
  const base = native.reduce((a, b) => (b.buildMs > a.buildMs ? b : a));
  const slow = times
    .filter((t) => t.emulated && t.buildMs > minMs && t.buildMs > ratio * base.buildMs)
    .sort((a, b) => b.buildMs - a.buildMs);
  const worst = slow[0];
  if (!worst) return undefined;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const others = slow.slice(1).map((t) => `${t.platform} ${s(t.buildMs)}`);
  return (
    `Emulation is slow here: ${worst.platform} took ${s(worst.buildMs)} to build under QEMU, ` +
    `${(worst.buildMs / Math.max(base.buildMs, 1)).toFixed(1)}× the ${s(base.buildMs)} of native ${base.platform}` +
    `${others.length > 0 ? ` (also ${others.join(', ')})` : ''}. ` +
    `Build it natively instead: a node of that architecture (the nodes input, with node-strategy append or fanout), ` +
    'or a Dockerfile that cross-compiles (FROM --platform=$BUILDPLATFORM, then build for $TARGETARCH).'
  );
}
