/** ELF files built in memory for the tests of src/verify/arch: what no 1 KiB fixture head holds. */
import { ET_DYN } from '../../../../src/verify/arch/elf';

/**
 * A minimal ELF file with one PT_LOAD and, when `interp` is given, a PT_INTERP
 * whose path lies at `at` (default: right after the program headers).
 */
export function elfWithInterp(opts: {
  bits: 32 | 64;
  endian: 'little' | 'big';
  machine: number;
  interp?: string;
  at?: number;
  size?: number;
}): Buffer {
  const is64 = opts.bits === 64;
  const le = opts.endian === 'little';
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const phnum = opts.interp === undefined ? 1 : 2;
  const path = Buffer.from(`${opts.interp ?? ''}\0`);
  const at = opts.at ?? ehsize + phnum * phentsize;
  const buf = Buffer.alloc(Math.max(opts.size ?? 0, at + path.length));
  buf.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, le ? 1 : 2, 1]);
  const u16 = (v: number, o: number) => (le ? buf.writeUInt16LE(v, o) : buf.writeUInt16BE(v, o));
  const u32 = (v: number, o: number) => (le ? buf.writeUInt32LE(v, o) : buf.writeUInt32BE(v, o));
  const u64 = (v: number, o: number) =>
    le ? buf.writeBigUInt64LE(BigInt(v), o) : buf.writeBigUInt64BE(BigInt(v), o);
  u16(ET_DYN, 16);
  u16(opts.machine, 18);
  if (is64) {
    u64(ehsize, 0x20);
    u16(phentsize, 0x36);
    u16(phnum, 0x38);
  } else {
    u32(ehsize, 0x1c);
    u16(phentsize, 0x2a);
    u16(phnum, 0x2c);
  }
  const ph = (i: number, type: number, offset: number, size: number) => {
    const o = ehsize + i * phentsize;
    u32(type, o);
    if (is64) {
      u64(offset, o + 8);
      u64(size, o + 32);
    } else {
      u32(offset, o + 4);
      u32(size, o + 16);
    }
  };
  ph(0, 1, 0, buf.length); // PT_LOAD
  if (opts.interp !== undefined) {
    ph(1, 3, at, path.length); // PT_INTERP
    buf.set(path, at);
  }
  return buf;
}
