import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  describeElf,
  EM_386,
  EM_AARCH64,
  EM_ARM,
  EM_LOONGARCH,
  EM_MIPS,
  EM_PPC64,
  EM_RISCV,
  EM_S390,
  EM_X86_64,
  ET_CORE,
  ET_DYN,
  ET_EXEC,
  ET_REL,
  expectedFor,
  isExecutableType,
  readElfHeader,
  readInterpreter,
  runsOn,
  sameTarget,
  type ElfHeader,
} from '../../../../src/verify/arch/elf';
import { parsePlatform } from '../../../../src/oci/platform';
import { elfWithInterp } from './make-elf';

const fixture = (name: string): Uint8Array =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/elf/${name}`, import.meta.url)));

/** The header of a fixture that must be ELF. */
function headerOf(name: string): ElfHeader {
  const h = readElfHeader(fixture(name));
  if (!h) throw new Error(`${name} is not ELF`);
  return h;
}

const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
  'linux/mips64le',
] as const;

interface Row {
  file: string;
  bits: 32 | 64;
  endian: 'little' | 'big';
  type: number;
  machine: number;
  name: string;
  /** The platforms, of PLATFORMS, whose nodes run it natively. */
  runs: string[];
}

const ROWS: Row[] = [
  {
    file: 'amd64-busybox.head',
    bits: 64,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_X86_64,
    name: 'x86-64',
    runs: ['linux/amd64'],
  },
  {
    file: 'amd64-true.head',
    bits: 64,
    endian: 'little',
    type: ET_DYN,
    machine: EM_X86_64,
    name: 'x86-64',
    runs: ['linux/amd64'],
  },
  {
    file: 'arm64-busybox.head',
    bits: 64,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_AARCH64,
    name: 'AArch64',
    runs: ['linux/arm64'],
  },
  {
    file: 'arm64-true.head',
    bits: 64,
    endian: 'little',
    type: ET_DYN,
    machine: EM_AARCH64,
    name: 'AArch64',
    runs: ['linux/arm64'],
  },
  {
    file: 'arm64-crt1.o.head',
    bits: 64,
    endian: 'little',
    type: ET_REL,
    machine: EM_AARCH64,
    name: 'AArch64',
    runs: ['linux/arm64'],
  },
  {
    file: 'armhf-busybox.head',
    bits: 32,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_ARM,
    name: '32-bit ARM',
    runs: ['linux/arm/v7', 'linux/arm/v6'],
  },
  {
    file: 'i386-busybox.head',
    bits: 32,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_386,
    name: 'x86 (32-bit)',
    runs: ['linux/amd64', 'linux/386'],
  },
  {
    file: 'ppc64el-busybox.head',
    bits: 64,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_PPC64,
    name: 'PowerPC64 little-endian',
    runs: ['linux/ppc64le'],
  },
  {
    file: 's390x-busybox.head',
    bits: 64,
    endian: 'big',
    type: ET_EXEC,
    machine: EM_S390,
    name: 'IBM s390x',
    runs: ['linux/s390x'],
  },
  {
    file: 'mips64el-busybox.head',
    bits: 64,
    endian: 'little',
    type: ET_EXEC,
    machine: EM_MIPS,
    name: 'MIPS64 little-endian',
    runs: ['linux/mips64le'],
  },
];

describe('readElfHeader on real binaries', () => {
  it.each(ROWS)('$file', (row) => {
    const h = headerOf(row.file);
    expect(h).toEqual({ bits: row.bits, endian: row.endian, type: row.type, machine: row.machine });
    expect(describeElf(h)).toBe(row.name);
    expect(isExecutableType(h)).toBe(row.type !== ET_REL);
    for (const p of PLATFORMS) {
      expect([p, runsOn(h, parsePlatform(p))]).toEqual([p, row.runs.includes(p)]);
    }
  });

  it('reads the header from its first 20 bytes alone', () => {
    expect(readElfHeader(fixture('s390x-busybox.head').subarray(0, 20))).toEqual({
      bits: 64,
      endian: 'big',
      type: ET_EXEC,
      machine: EM_S390,
    });
  });
});

describe('readElfHeader on other input', () => {
  it('returns undefined for a shell script', () => {
    const script = fixture('not-elf.sh');
    expect(new TextDecoder().decode(script.subarray(0, 2))).toBe('#!');
    expect(readElfHeader(script)).toBeUndefined();
  });

  it('returns undefined for a truncated ELF file', () => {
    const cut = fixture('amd64-busybox-truncated.head');
    expect(cut.length).toBe(10);
    expect(Array.from(cut.subarray(0, 4))).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(readElfHeader(cut)).toBeUndefined();
    expect(readElfHeader(fixture('amd64-busybox.head').subarray(0, 19))).toBeUndefined();
  });

  it('returns undefined for empty input and an invalid class or byte order', () => {
    expect(readElfHeader(new Uint8Array())).toBeUndefined();
    const bad = new Uint8Array(fixture('amd64-busybox.head'));
    bad[4] = 3;
    expect(readElfHeader(bad)).toBeUndefined();
    const bad2 = new Uint8Array(fixture('amd64-busybox.head'));
    bad2[5] = 0;
    expect(readElfHeader(bad2)).toBeUndefined();
    const notMagic = new Uint8Array(fixture('amd64-busybox.head'));
    notMagic[1] = 0x65;
    expect(readElfHeader(notMagic)).toBeUndefined();
  });

  it('reads e_type and e_machine big-endian when EI_DATA says so', () => {
    const buf = new Uint8Array(20);
    buf.set([0x7f, 0x45, 0x4c, 0x46, 2, 2, 1]);
    buf.set([0x00, 0x03, 0x01, 0x02], 16);
    expect(readElfHeader(buf)).toEqual({ bits: 64, endian: 'big', type: 3, machine: 0x0102 });
    buf[5] = 1;
    expect(readElfHeader(buf)).toEqual({
      bits: 64,
      endian: 'little',
      type: 0x0300,
      machine: 0x0201,
    });
  });
});

describe('isExecutableType', () => {
  const h = (type: number): ElfHeader => ({ bits: 64, endian: 'little', type, machine: EM_X86_64 });
  it('counts executables and shared objects, not objects or cores', () => {
    expect(isExecutableType(h(ET_EXEC))).toBe(true);
    expect(isExecutableType(h(ET_DYN))).toBe(true);
    expect(isExecutableType(h(ET_REL))).toBe(false);
    expect(isExecutableType(h(ET_CORE))).toBe(false);
    expect(isExecutableType(h(0))).toBe(false);
  });
});

describe('describeElf', () => {
  const d = (machine: number, bits: 32 | 64, endian: 'little' | 'big'): string =>
    describeElf({ bits, endian, type: ET_EXEC, machine });
  it.each([
    [EM_RISCV, 64, 'little', 'RISC-V 64-bit'],
    [EM_RISCV, 32, 'little', 'RISC-V 32-bit'],
    [EM_LOONGARCH, 64, 'little', 'LoongArch64'],
    [EM_PPC64, 64, 'big', 'PowerPC64 big-endian'],
    [EM_MIPS, 32, 'big', 'MIPS (32-bit) big-endian'],
    [EM_MIPS, 64, 'big', 'MIPS64 big-endian'],
    [EM_X86_64, 32, 'little', 'x86-64 (x32 ABI)'],
    [EM_ARM, 32, 'big', '32-bit ARM big-endian'],
    [EM_S390, 32, 'big', 'IBM s390 (31-bit)'],
    [0xbeef, 64, 'little', 'ELF machine 0xbeef (64-bit, little-endian)'],
    [0x5, 32, 'big', 'ELF machine 0x0005 (32-bit, big-endian)'],
  ] as const)('machine %i, %i-bit %s: %s', (machine, bits, endian, name) => {
    expect(d(machine, bits, endian)).toBe(name);
  });
});

describe('expectedFor', () => {
  it('accepts i386 on amd64, and only AArch64 on arm64', () => {
    expect(expectedFor(parsePlatform('linux/amd64'))?.accept).toEqual([
      { machine: EM_X86_64, bits: 64, endian: 'little' },
      { machine: EM_386, bits: 32, endian: 'little' },
    ]);
    expect(expectedFor(parsePlatform('linux/arm64/v8'))?.accept).toEqual([
      { machine: EM_AARCH64, bits: 64, endian: 'little' },
    ]);
    expect(expectedFor(parsePlatform('linux/s390x'))?.accept).toEqual([
      { machine: EM_S390, bits: 64, endian: 'big' },
    ]);
  });

  it('treats every arm variant and aliases alike', () => {
    const arm = expectedFor(parsePlatform('linux/arm'));
    expect(arm?.accept).toEqual([{ machine: EM_ARM, bits: 32, endian: 'little' }]);
    expect(expectedFor(parsePlatform('linux/arm/v5'))).toEqual(arm);
    expect(expectedFor({ os: 'linux', architecture: 'armhf' })).toEqual(arm);
    expect(expectedFor({ os: 'linux', architecture: 'x86_64' })).toEqual(
      expectedFor(parsePlatform('linux/amd64')),
    );
    expect(expectedFor(parsePlatform('linux/riscv64'))?.accept).toEqual([
      { machine: EM_RISCV, bits: 64, endian: 'little' },
    ]);
    expect(expectedFor(parsePlatform('linux/loong64'))?.accept).toEqual([
      { machine: EM_LOONGARCH, bits: 64, endian: 'little' },
    ]);
  });

  it('is undefined for unknown architectures and non-Linux systems', () => {
    expect(expectedFor(parsePlatform('linux/sparc64'))).toBeUndefined();
    expect(expectedFor(parsePlatform('linux/constructor'))).toBeUndefined();
    expect(expectedFor(parsePlatform('windows/amd64'))).toBeUndefined();
    const h = headerOf('amd64-busybox.head');
    expect(runsOn(h, parsePlatform('linux/sparc64'))).toBeUndefined();
    expect(runsOn(h, parsePlatform('windows/amd64'))).toBeUndefined();
  });

  it('rejects a 64-bit ARM binary on arm/v7 and a 32-bit ARM binary on arm64', () => {
    const arm64 = headerOf('arm64-busybox.head');
    const armhf = headerOf('armhf-busybox.head');
    expect(runsOn(arm64, parsePlatform('linux/arm/v7'))).toBe(false);
    expect(runsOn(armhf, parsePlatform('linux/arm64'))).toBe(false);
    expect(runsOn(armhf, parsePlatform('linux/arm/v7'))).toBe(true);
    expect(runsOn(arm64, parsePlatform('linux/arm64'))).toBe(true);
  });

  it('needs class and byte order to match, not only the machine', () => {
    const base = headerOf('ppc64el-busybox.head');
    expect(runsOn({ ...base, endian: 'big' }, parsePlatform('linux/ppc64le'))).toBe(false);
    expect(runsOn({ ...base, endian: 'big' }, parsePlatform('linux/ppc64'))).toBe(true);
    const x86 = headerOf('amd64-busybox.head');
    expect(runsOn({ ...x86, bits: 32 }, parsePlatform('linux/amd64'))).toBe(false);
  });
});

describe('readInterpreter', () => {
  it.each([
    ['amd64-true.head', '/lib64/ld-linux-x86-64.so.2'],
    ['arm64-true.head', '/lib/ld-linux-aarch64.so.1'],
  ])('reads the loader of the dynamically linked %s', (file, path) => {
    expect(readInterpreter(fixture(file))).toEqual({ kind: 'path', path });
  });

  it.each(['amd64-busybox.head', 'arm64-busybox.head', 'i386-busybox.head', 's390x-busybox.head'])(
    'finds none in the statically linked %s',
    (file) => {
      expect(readInterpreter(fixture(file))).toEqual({ kind: 'none' });
    },
  );

  it('says how many bytes it needs when the headers or the path lie further in', () => {
    const amd64 = fixture('amd64-true.head');
    expect(readInterpreter(amd64.subarray(0, 40))).toEqual({ kind: 'need', bytes: 64 });
    // 13 program headers of 56 bytes after the 64-byte ELF header.
    expect(readInterpreter(amd64.subarray(0, 256))).toEqual({ kind: 'need', bytes: 792 });
    // PT_INTERP at 0x318, 28 bytes with its NUL.
    expect(readInterpreter(amd64.subarray(0, 800))).toEqual({ kind: 'need', bytes: 820 });
    expect(readInterpreter(amd64.subarray(0, 820))).toEqual({
      kind: 'path',
      path: '/lib64/ld-linux-x86-64.so.2',
    });
  });

  it('reads 32-bit and big-endian files, and a path near the end of the first page (Go)', () => {
    const be32 = elfWithInterp({
      bits: 32,
      endian: 'big',
      machine: EM_MIPS,
      interp: '/lib/ld.so.1',
    });
    expect(readInterpreter(be32)).toEqual({ kind: 'path', path: '/lib/ld.so.1' });
    const go = elfWithInterp({
      bits: 64,
      endian: 'little',
      machine: EM_X86_64,
      interp: '/lib64/ld-linux-x86-64.so.2',
      at: 0xfe4,
    });
    expect(readInterpreter(go.subarray(0, 1024))).toEqual({ kind: 'need', bytes: 0xfe4 + 28 });
    expect(readInterpreter(go)).toEqual({ kind: 'path', path: '/lib64/ld-linux-x86-64.so.2' });
    const s390x = elfWithInterp({
      bits: 64,
      endian: 'big',
      machine: EM_S390,
      interp: '/lib/ld64.so.1',
    });
    expect(readInterpreter(s390x)).toEqual({ kind: 'path', path: '/lib/ld64.so.1' });
  });

  it('calls headers that make no sense invalid', () => {
    expect(readInterpreter(fixture('not-elf.sh')).kind).toBe('invalid');
    const empty = elfWithInterp({ bits: 64, endian: 'little', machine: EM_X86_64, interp: '' });
    expect(readInterpreter(empty)).toEqual({ kind: 'invalid', why: 'PT_INTERP is empty' });
    const xnum = Buffer.from(fixture('amd64-true.head'));
    xnum.writeUInt16LE(0xffff, 0x38);
    expect(readInterpreter(xnum).kind).toBe('invalid');
  });
});

it('sameTarget compares machine, class and byte order', () => {
  const x86 = headerOf('amd64-busybox.head');
  expect(sameTarget(x86, headerOf('amd64-true.head'))).toBe(true);
  expect(sameTarget(x86, headerOf('arm64-true.head'))).toBe(false);
  expect(sameTarget(x86, { ...x86, bits: 32 })).toBe(false);
  expect(sameTarget(x86, { ...x86, endian: 'big' })).toBe(false);
});
