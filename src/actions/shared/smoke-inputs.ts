/** The inputs that say how every platform is tested: the same in all three actions. */
import { checkRef, bool, integer, regex } from '../../runner/inputs';
import { splitCommand } from '../../runner/words';
import type { SmokeSettings } from '../../verify/smoke';

/** The pinned binfmt installer, run only when an emulator is missing. */
export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v7.0.0-28';

/** How images are run: the same inputs, in this order, in every action of the repository. */
export const SMOKE_INPUT_NAMES = [
  'smoke',
  'smoke-command',
  'smoke-expect',
  'smoke-timeout',
  'verify-arch',
  'qemu-image',
] as const;

/** How every platform is tested: the same inputs in the build action and in merge. */
export function smokeInputs(get: (name: string) => string): SmokeSettings {
  const expect = get('smoke-expect').trim();
  return {
    smoke: bool('smoke', get('smoke'), true),
    smokeCommand: splitCommand(get('smoke-command')),
    smokeExpect: expect ? regex('smoke-expect', expect) : undefined,
    smokeTimeoutSeconds: integer('smoke-timeout', get('smoke-timeout'), 60, 1, 3600),
    verifyArch: bool('verify-arch', get('verify-arch'), true),
    qemuImage: checkRef('qemu-image', get('qemu-image').trim() || DEFAULT_QEMU_IMAGE),
  };
}
