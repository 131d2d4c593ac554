/**
 * ELF identification: which machine a binary was built for, and whether a node
 * of a given platform can run it without emulation, and which program
 * interpreter (dynamic loader) it asks for. Pure; reads the fixed part of the
 * ELF header (the first 20 bytes) and, for the loader, the program headers.
 */
import { KNOWN_ARCHITECTURES, normalize, type Platform } from '../../oci/platform';

export interface ElfHeader {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** e_type: ET_EXEC, ET_DYN, ET_REL, ET_CORE, … */
  type: number;
  /** e_machine: EM_X86_64, EM_AARCH64, … */
  machine: number;
}

/** One (machine, class, byte order) combination a kernel loads natively. */
export interface ElfTarget {
  machine: number;
  bits: 32 | 64;
  endian: 'little' | 'big';
}

export interface ExpectedElf {
  /** Every kind of ELF file a node of the platform executes without emulation. */
  accept: readonly ElfTarget[];
}

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

export const EM_386 = 3;
export const EM_MIPS = 8;
export const EM_PPC = 20;
export const EM_PPC64 = 21;
export const EM_S390 = 22;
export const EM_ARM = 40;
export const EM_SPARCV9 = 43;
export const EM_IA_64 = 50;
export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;
export const EM_RISCV = 243;
export const EM_LOONGARCH = 258;

/** e_ident[EI_CLASS] … e_machine: 16 bytes of e_ident, then two 16-bit fields. */
const MIN_HEADER_BYTES = 20;

/**
 * Reads the class, byte order, e_type and e_machine of an ELF file from its
 * first bytes. Undefined when the bytes are not the start of an ELF file, or
 * too few to tell.
 */
export function readElfHeader(buf: Uint8Array): ElfHeader | undefined {
  if (buf.length < MIN_HEADER_BYTES) return undefined;
  if (buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46) return undefined;
  const cls = buf[4];
  const data = buf[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) return undefined;
  const little = data === 1;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    bits: cls === 1 ? 32 : 64,
    endian: little ? 'little' : 'big',
    type: view.getUint16(16, little),
    machine: view.getUint16(18, little),
  };
}

/** Executables, position-independent executables and shared libraries. */
export function isExecutableType(h: ElfHeader): boolean {
  return h.type === ET_EXEC || h.type === ET_DYN;
}

/** A short human name for what the file was built for: "x86-64", "AArch64", … */
export function describeElf(h: ElfHeader): string {
  const le = h.endian === 'little';
  switch (h.machine) {
    case EM_X86_64:
      return h.bits === 64 ? 'x86-64' : 'x86-64 (x32 ABI)';
    case EM_386:
      return 'x86 (32-bit)';
    case EM_AARCH64:
      if (h.bits === 32) return 'AArch64 (ILP32)';
      return le ? 'AArch64' : 'AArch64 big-endian';
    case EM_ARM:
      return le ? '32-bit ARM' : '32-bit ARM big-endian';
    case EM_PPC64:
      return le ? 'PowerPC64 little-endian' : 'PowerPC64 big-endian';
    case EM_PPC:
      return le ? 'PowerPC (32-bit, little-endian)' : 'PowerPC (32-bit)';
    case EM_S390:
      return h.bits === 64 ? 'IBM s390x' : 'IBM s390 (31-bit)';
    case EM_RISCV:
      return h.bits === 64 ? 'RISC-V 64-bit' : 'RISC-V 32-bit';
    case EM_MIPS:
      return `${h.bits === 64 ? 'MIPS64' : 'MIPS (32-bit)'} ${le ? 'little-endian' : 'big-endian'}`;
    case EM_LOONGARCH:
      return h.bits === 64 ? 'LoongArch64' : 'LoongArch32';
    case EM_SPARCV9:
      return 'SPARC64';
    case EM_IA_64:
      return 'IA-64 (Itanium)';
    default:
      return `ELF machine 0x${h.machine.toString(16).padStart(4, '0')} (${h.bits}-bit, ${h.endian}-endian)`;
  }
}

/**
 * The one e_machine table: which Docker architecture each (machine, class,
 * byte order) is. The architecture check and the binfmt reader both use it.
 */
const MACHINES: readonly (ElfTarget & { architecture: string })[] = [
  { architecture: 'amd64', machine: EM_X86_64, bits: 64, endian: 'little' },
  { architecture: '386', machine: EM_386, bits: 32, endian: 'little' },
  { architecture: 'arm64', machine: EM_AARCH64, bits: 64, endian: 'little' },
  { architecture: 'arm', machine: EM_ARM, bits: 32, endian: 'little' },
  { architecture: 'ppc64le', machine: EM_PPC64, bits: 64, endian: 'little' },
  { architecture: 'ppc64', machine: EM_PPC64, bits: 64, endian: 'big' },
  { architecture: 'ppc', machine: EM_PPC, bits: 32, endian: 'big' },
  { architecture: 's390x', machine: EM_S390, bits: 64, endian: 'big' },
  { architecture: 's390', machine: EM_S390, bits: 32, endian: 'big' },
  { architecture: 'riscv64', machine: EM_RISCV, bits: 64, endian: 'little' },
  { architecture: 'riscv32', machine: EM_RISCV, bits: 32, endian: 'little' },
  { architecture: 'mips64le', machine: EM_MIPS, bits: 64, endian: 'little' },
  { architecture: 'mips64', machine: EM_MIPS, bits: 64, endian: 'big' },
  { architecture: 'mipsle', machine: EM_MIPS, bits: 32, endian: 'little' },
  { architecture: 'mips', machine: EM_MIPS, bits: 32, endian: 'big' },
  { architecture: 'loong64', machine: EM_LOONGARCH, bits: 64, endian: 'little' },
];

/**
 * The Docker architecture of an ELF (machine, class, byte order). With
 * `anyByteOrder` (a binfmt entry whose mask leaves the byte order open), the
 * machine and class alone decide; otherwise a big-endian ARM is no `arm`.
 */
export function architectureOfElf(h: ElfTarget, anyByteOrder = false): string | undefined {
  return (
    MACHINES.find((m) => m.machine === h.machine && m.bits === h.bits && m.endian === h.endian)
      ?.architecture ??
    (anyByteOrder
      ? MACHINES.find((m) => m.machine === h.machine && m.bits === h.bits)?.architecture
      : undefined)
  );
}

const targetOf = (architecture: string): ElfTarget[] =>
  MACHINES.filter((m) => m.architecture === architecture).map(({ machine, bits, endian }) => ({
    machine,
    bits,
    endian,
  }));

// Not 32-bit MIPS: whether a 32-bit MIPS CPU runs a file is told by e_flags (o32 or n32, the
// second for 64-bit CPUs only; the ISA level), past the 20 bytes read here.
const UNCHECKED = new Set(['mips', 'mipsle']);

// Keyed by normalized Docker architecture; every variant of an architecture
// shares its entry (ELF headers do not tell arm/v6 from arm/v7, nor amd64/v2
// from amd64). Only the architectures whose containers this action checks: the
// ones of MACHINES that Docker builds for. A node runs its own kind of file; no
// AArch32 on arm64, as many arm64 servers (Graviton, Ampere) cannot run 32-bit ARM.
const EXPECTED: Record<string, ExpectedElf> = {
  ...Object.fromEntries(
    KNOWN_ARCHITECTURES.filter(
      (a) => !UNCHECKED.has(a) && MACHINES.some((m) => m.architecture === a),
    ).map((a) => [a, { accept: targetOf(a) }]),
  ),
  // x86-64 kernels run i386 binaries natively (IA32 emulation is on in every
  // distribution kernel a container node uses).
  amd64: { accept: [...targetOf('amd64'), ...targetOf('386')] },
};

/**
 * What a node of the platform executes natively. Undefined for an operating
 * system other than Linux or an architecture this module does not know; the
 * caller then skips the check.
 */
export function expectedFor(p: Platform): ExpectedElf | undefined {
  const n = normalize(p);
  if (n.os !== 'linux') return undefined;
  return Object.hasOwn(EXPECTED, n.architecture) ? EXPECTED[n.architecture] : undefined;
}

/**
 * Whether a node of the platform runs the file natively; undefined when the
 * platform is not one `expectedFor` knows. Looks at the machine only: callers
 * decide which e_types matter (see isExecutableType).
 */
export function runsOn(h: ElfHeader, p: Platform): boolean | undefined {
  const expected = expectedFor(p);
  if (!expected) return undefined;
  return expected.accept.some(
    (a) => a.machine === h.machine && a.bits === h.bits && a.endian === h.endian,
  );
}

/** p_type of the program header that names the program interpreter (the dynamic loader). */
export const PT_INTERP = 3;
/** e_phnum's escape value: the real count is in section header 0, which is not read here. */
const PN_XNUM = 0xffff;
/** A loader path longer than this is not a path (Linux's PATH_MAX is 4096). */
const MAX_INTERP_BYTES = 4096;

/**
 * What the start of an ELF file says about its program interpreter (PT_INTERP):
 * `none` for a statically linked file, `path` for a dynamically linked one,
 * `need` when more of the file must be read first (the program headers or the
 * path lie past the bytes given: `bytes` is how many are needed from the
 * start), `invalid` when the headers make no sense.
 */
export type InterpreterRead =
  | { kind: 'none' }
  | { kind: 'path'; path: string }
  | { kind: 'need'; bytes: number }
  | { kind: 'invalid'; why: string };

/** A 64-bit offset as a number; undefined when it cannot be a file offset. */
function offset64(view: DataView, at: number, little: boolean): number | undefined {
  const value = view.getBigUint64(at, little);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(value);
}

/**
 * Reads the program interpreter from the first bytes of an ELF file, the way
 * the kernel's loader does: the program header table at e_phoff, the PT_INTERP
 * entry in it, and the NUL-terminated path its p_offset and p_filesz point at.
 * Pure; `buf` must start at the file's first byte.
 */
export function readInterpreter(buf: Uint8Array): InterpreterRead {
  const h = readElfHeader(buf);
  if (!h) return { kind: 'invalid', why: 'not an ELF header' };
  const is64 = h.bits === 64;
  const headerBytes = is64 ? 64 : 52;
  if (buf.length < headerBytes) return { kind: 'need', bytes: headerBytes };
  const little = h.endian === 'little';
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const phoff = is64 ? offset64(view, 0x20, little) : view.getUint32(0x1c, little);
  const phentsize = view.getUint16(is64 ? 0x36 : 0x2a, little);
  const phnum = view.getUint16(is64 ? 0x38 : 0x2c, little);
  if (phnum === 0) return { kind: 'none' };
  if (phnum === PN_XNUM) return { kind: 'invalid', why: 'more program headers than e_phnum holds' };
  const entryBytes = is64 ? 56 : 32;
  if (phoff === undefined || phoff === 0 || phentsize < entryBytes) {
    return { kind: 'invalid', why: 'no usable program header table' };
  }
  const tableEnd = phoff + phnum * phentsize;
  if (buf.length < tableEnd) return { kind: 'need', bytes: tableEnd };
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (view.getUint32(at, little) !== PT_INTERP) continue;
    const start = is64 ? offset64(view, at + 8, little) : view.getUint32(at + 4, little);
    const size = is64 ? offset64(view, at + 32, little) : view.getUint32(at + 16, little);
    if (start === undefined || size === undefined || size === 0 || size > MAX_INTERP_BYTES) {
      return { kind: 'invalid', why: 'PT_INTERP has no usable size' };
    }
    if (buf.length < start + size) return { kind: 'need', bytes: start + size };
    const bytes = buf.subarray(start, start + size);
    const nul = bytes.indexOf(0);
    const path = new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
    return path === '' ? { kind: 'invalid', why: 'PT_INTERP is empty' } : { kind: 'path', path };
  }
  return { kind: 'none' };
}

/** Whether two ELF files are built for the same machine, class and byte order. */
export function sameTarget(a: ElfTarget, b: ElfTarget): boolean {
  return a.machine === b.machine && a.bits === b.bits && a.endian === b.endian;
}
