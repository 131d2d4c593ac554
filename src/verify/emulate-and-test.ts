/**
 * The flow of every action that runs images: set up the emulators the
 * emulated platforms need on the runner's engine, then test every platform.
 * The build action builds in between, so the two steps are apart.
 */
import { formatPlatform, type Platform } from '../oci/platform';
import { errorMessage } from '../runner/errors';
import { log } from '../runner/log';
import { ensureEmulation } from './emulation/ensure';
import type { PlatformResult } from './result';
import { testAll, type Target, type SmokeOptions } from './smoke';

export interface EmulationNeed {
  /** The runner's engine's own platform. */
  native: Platform;
  /** The platforms it runs only through an emulator. */
  emulated: Platform[];
  /** The binfmt installer, run only when an emulator is missing. */
  qemuImage: string;
}

function ensure(need: EmulationNeed, platforms: Platform[]): Promise<unknown> {
  return ensureEmulation({
    docker: ['docker'],
    native: need.native,
    platforms,
    qemuImage: need.qemuImage,
  });
}

/**
 * Every emulated platform at once, in the `QEMU emulation` group; a platform
 * left without an emulator fails the run. Nothing, and no group, when none is
 * emulated.
 */
export async function setUpEmulation(need: EmulationNeed): Promise<void> {
  if (need.emulated.length === 0) return;
  await log.group('QEMU emulation', () => ensure(need, need.emulated));
}

/**
 * Each emulated platform's emulator on its own, so that a platform that
 * cannot run here fails alone: what is left without one, by platform, and why.
 */
export async function setUpEachEmulator(need: EmulationNeed): Promise<Map<string, string>> {
  const noEmulator = new Map<string, string>();
  for (const p of need.emulated) {
    try {
      await ensure(need, [p]);
    } catch (err) {
      noEmulator.set(formatPlatform(p), errorMessage(err));
    }
  }
  return noEmulator;
}

/** Every platform side by side, in the `Smoke test every platform` group. */
export function testEveryPlatform(
  targets: Target[],
  options: SmokeOptions,
): Promise<PlatformResult[]> {
  return log.group('Smoke test every platform', () => testAll(targets, options));
}
