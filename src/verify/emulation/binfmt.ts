/**
 * What /proc/sys/fs/binfmt_misc says the kernel can run.
 *
 * Entries are matched to platforms by their ELF magic (class, byte order and
 * e_machine), not by file name: installers name them differently
 * (`qemu-aarch64`, `aarch64`, `qemu-aarch64-static`), but the magic is what the
 * kernel acts on.
 */
import { formatPlatform, normalize, type Platform } from '../../oci/platform';
import { architectureOfElf } from '../arch/elf';

export interface BinfmtEntry {
  name: string;
  enabled: boolean;
  interpreter: string;
  flags: string;
  /** Architecture this entry runs, from its ELF magic; undefined for non-ELF handlers. */
  architecture?: string;
}

export interface BinfmtState {
  mounted: boolean;
  /** The global `status` file: binfmt_misc as a whole can be switched off. */
  enabled: boolean;
  entries: BinfmtEntry[];
}

/**
 * Decodes `magic` hex and returns the architecture it matches. The kernel
 * compares only the bits `mask` keeps (all of them without a mask): an entry
 * that fixes the byte order (qemu-armeb's big-endian ARM) is not one for the
 * other byte order (arm).
 */
export function architectureFromMagic(
  magicHex: string,
  offset = 0,
  maskHex?: string,
): string | undefined {
  if (offset !== 0 || !/^[0-9a-f]+$/i.test(magicHex) || magicHex.length < 40) return undefined;
  const bytes = Buffer.from(magicHex, 'hex');
  if (bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const bits = bytes[4] === 2 ? 64 : 32;
  const little = bytes[5] !== 2;
  const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
  const mask = maskHex && /^[0-9a-f]+$/i.test(maskHex) ? Buffer.from(maskHex, 'hex') : undefined;
  const anyByteOrder = mask !== undefined && mask.length > 5 && mask[5] !== 0xff;
  return architectureOfElf({ machine, bits, endian: little ? 'little' : 'big' }, anyByteOrder);
}

/** Parses one entry file's text (`enabled`, `interpreter …`, `flags: …`, `offset …`, `magic …`). */
export function parseEntry(name: string, text: string): BinfmtEntry {
  const lines = text.split('\n').map((l) => l.trim());
  const field = (key: string): string | undefined =>
    lines
      .find((l) => l.startsWith(`${key} `) || l.startsWith(`${key}:`))
      ?.replace(/^[^ ]+:? ?/, '');
  const magic = field('magic');
  const mask = field('mask');
  const offset = Number(field('offset') ?? '0');
  return {
    name,
    enabled: lines[0] === 'enabled',
    interpreter: field('interpreter') ?? '',
    flags: field('flags') ?? '',
    architecture: magic ? architectureFromMagic(magic, offset, mask) : undefined,
  };
}

export interface EmulationCheck {
  /** Platforms that run here: natively or through a usable interpreter. */
  runnable: Platform[];
  missing: { platform: Platform; reason: string }[];
}

/** Architectures a kernel of `nativeArch` runs without help. */
export function nativeArchitectures(nativeArch: string): string[] {
  if (nativeArch === 'amd64') return ['amd64', '386'];
  return [nativeArch];
}

/** Whether a platform runs on an engine of `native` only through an emulator. */
export function isEmulated(native: Platform, p: Platform): boolean {
  return !(p.os === native.os && nativeArchitectures(native.architecture).includes(p.architecture));
}

/**
 * Decides, per requested platform, whether it can run on this kernel.
 * An interpreter counts only when enabled and registered with the F flag:
 * without F the kernel opens the interpreter by path at exec time, inside the
 * container's filesystem, where it does not exist.
 */
export function checkEmulation(
  state: BinfmtState,
  native: Platform,
  wanted: Platform[],
): EmulationCheck {
  const nativeArchs = nativeArchitectures(normalize(native).architecture);
  const runnable: Platform[] = [];
  const missing: EmulationCheck['missing'] = [];
  for (const p of wanted) {
    const arch = normalize(p).architecture;
    if (p.os === native.os && nativeArchs.includes(arch)) {
      runnable.push(p);
      continue;
    }
    if (p.os !== native.os) {
      missing.push({ platform: p, reason: `a ${native.os} engine cannot run ${p.os} images` });
      continue;
    }
    const candidates = state.entries.filter((e) => e.architecture === arch);
    const usable = candidates.find((e) => e.enabled && e.flags.includes('F'));
    if (!state.mounted) {
      missing.push({
        platform: p,
        reason: 'binfmt_misc is not mounted at /proc/sys/fs/binfmt_misc',
      });
    } else if (!state.enabled) {
      missing.push({
        platform: p,
        reason: 'binfmt_misc is switched off (/proc/sys/fs/binfmt_misc/status says disabled)',
      });
    } else if (usable) {
      runnable.push(p);
    } else if (candidates.some((e) => e.enabled)) {
      const e = candidates.find((c) => c.enabled) as BinfmtEntry;
      missing.push({
        platform: p,
        reason: `binfmt entry ${e.name} is registered without the F flag (flags: ${e.flags || 'none'}), so containers cannot use it`,
      });
    } else if (candidates.length > 0) {
      missing.push({ platform: p, reason: `binfmt entry ${candidates[0]?.name} is disabled` });
    } else {
      missing.push({ platform: p, reason: `no emulator is registered for ${arch}` });
    }
  }
  return { runnable, missing };
}

export function describeMissing(check: EmulationCheck): string {
  return check.missing.map((m) => `${formatPlatform(m.platform)}: ${m.reason}`).join('\n');
}
