import { describe, expect, it } from 'vitest';
import { TarReader, type TarEntry } from '../../../src/oci/tar';

/** One 512-byte header block, checksum filled in; `size` may be a raw field (base-256). */
function header(
  name: string,
  flag: string,
  size: number | Uint8Array,
  extra: { linkname?: string; prefix?: string } = {},
): Uint8Array {
  const b = new Uint8Array(512);
  const put = (at: number, s: string): void => b.set(new TextEncoder().encode(s), at);
  put(0, name);
  put(100, '0000755\0');
  if (typeof size === 'number') put(124, size.toString(8).padStart(11, '0') + '\0');
  else b.set(size, 124);
  put(156, flag);
  if (extra.linkname) put(157, extra.linkname);
  put(257, 'ustar\0');
  put(263, '00');
  if (extra.prefix) put(345, extra.prefix);
  put(148, '        ');
  const sum = b.reduce((a, x) => a + x, 0);
  put(148, sum.toString(8).padStart(6, '0') + '\0 ');
  return b;
}

function body(bytes: Uint8Array): Uint8Array {
  const padded = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
  padded.set(bytes);
  return padded;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const END = new Uint8Array(1024);

function pax(records: Record<string, string>): Uint8Array {
  let text = '';
  for (const [k, v] of Object.entries(records)) {
    const rest = ` ${k}=${v}\n`;
    let len = rest.length + 1;
    while (String(len).length + rest.length !== len) len = String(len).length + rest.length;
    text += `${len}${rest}`;
  }
  return utf8(text);
}

/** Feeds the archive in chunks of `size` bytes and records what the reader saw. */
function read(parts: Uint8Array[], size = 7, wantBytes = Infinity) {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  const seen: { entry: TarEntry; bytes: number; ended: boolean }[] = [];
  const reader = new TarReader({
    entry: (entry) => seen.push({ entry, bytes: 0, ended: false }),
    data: (bytes) => {
      const cur = seen[seen.length - 1]!;
      cur.bytes += bytes.length;
      return cur.bytes < wantBytes;
    },
    end: () => {
      seen[seen.length - 1]!.ended = true;
    },
  });
  for (let i = 0; i < all.length; i += size) reader.write(all.subarray(i, i + size));
  return { seen, reader };
}

describe('TarReader', () => {
  it("says where each entry's data starts in the stream, after PAX headers and padding too", () => {
    const first = utf8('x'.repeat(700));
    const second = utf8('second');
    const long = `blobs/sha256/${'a'.repeat(120)}`;
    for (const size of [1, 7, 512, 100_000]) {
      const { seen } = read(
        [
          header('first', '0', first.length),
          body(first),
          header('PaxHeaders/x', 'x', pax({ path: long }).length),
          body(pax({ path: long })),
          header('ignored', '0', second.length),
          body(second),
          END,
        ],
        size,
      );
      // 512 header + 1024 body; then 512 PAX header + 512 PAX body + 512 header.
      expect(seen.map((s) => [s.entry.name, s.entry.offset])).toEqual([
        ['first', 512],
        [long, 512 + 1024 + 512 + 512 + 512],
      ]);
    }
  });

  it('reads files, directories, links and ustar prefixes, whatever the chunk size', () => {
    const data = utf8('hello world');
    for (const size of [1, 7, 512, 100_000]) {
      const { seen, reader } = read(
        [
          header('etc/', '5', 0),
          header('etc/hostname', '0', data.length),
          body(data),
          header('bin/sh', '2', 0, { linkname: 'busybox' }),
          header('bin/ash', '1', 0, { linkname: 'bin/busybox' }),
          header('name', '0', 0, { prefix: 'a/very/long' }),
          END,
        ],
        size,
      );
      expect(reader.ended).toBe(true);
      expect(reader.midEntry).toBe(false);
      expect(seen.map((s) => [s.entry.name, s.entry.type, s.entry.linkname, s.bytes])).toEqual([
        ['etc/', 'directory', '', 0],
        ['etc/hostname', 'file', '', 11],
        ['bin/sh', 'symlink', 'busybox', 0],
        ['bin/ash', 'link', 'bin/busybox', 0],
        ['a/very/long/name', 'file', '', 0],
      ]);
      expect(seen.every((s) => s.ended)).toBe(true);
    }
  });

  it('takes path, link target and size from a PAX header for the next entry only', () => {
    const long = `usr/${'d/'.repeat(80)}file`;
    const data = new Uint8Array(600).fill(1);
    const { seen, reader } = read([
      header('PaxHeaders/x', 'x', pax({ path: long, linkpath: 'target', size: '600' }).length),
      body(pax({ path: long, linkpath: 'target', size: '600' })),
      header('trunc', '0', 0),
      body(data),
      header('pax_global', 'g', pax({ comment: 'x' }).length),
      body(pax({ comment: 'x' })),
      header('next', '0', 0),
      END,
    ]);
    expect(reader.ended).toBe(true);
    expect(seen.map((s) => [s.entry.name, s.entry.linkname, s.entry.size, s.bytes])).toEqual([
      [long, 'target', 600, 600],
      ['next', '', 0, 0],
    ]);
  });

  it('reads GNU long names and link targets', () => {
    const name = `${'n'.repeat(150)}\0`;
    const link = `${'l'.repeat(120)}\0`;
    const { seen } = read([
      header('././@LongLink', 'L', name.length),
      body(utf8(name)),
      header('././@LongLink', 'K', link.length),
      body(utf8(link)),
      header('short', '2', 0, { linkname: 'short' }),
      END,
    ]);
    expect(seen.map((s) => [s.entry.name, s.entry.linkname])).toEqual([
      ['n'.repeat(150), 'l'.repeat(120)],
    ]);
  });

  it('reads a base-256 size', () => {
    const field = new Uint8Array(12);
    field[0] = 0x80;
    field[10] = 0x04; // 1024
    const { seen } = read([header('big', '0', field), new Uint8Array(1024).fill(7), END]);
    expect(seen[0]!.entry.size).toBe(1024);
    expect(seen[0]!.bytes).toBe(1024);
  });

  it('stops handing over data once the visitor wants no more, and still finds the next entry', () => {
    const { seen } = read(
      [header('a', '0', 5000), body(new Uint8Array(5000)), header('b', '0', 0), END],
      1000,
      300,
    );
    expect(seen.map((s) => [s.entry.name, s.bytes, s.ended])).toEqual([
      ['a', 488, true], // the first chunk's 488 bytes after the header, then nothing
      ['b', 0, true],
    ]);
  });

  it('tells a stream cut inside an entry from one that lacks only the end marker', () => {
    const parts = [header('a', '0', 10), body(new Uint8Array(10))];
    const cut = read(parts.slice(0, 1));
    expect([cut.reader.midEntry, cut.reader.ended]).toEqual([true, false]);
    const noMarker = read(parts);
    expect([noMarker.reader.midEntry, noMarker.reader.ended]).toEqual([false, false]);
  });

  it('rejects a header with a bad checksum', () => {
    const bad = header('a', '0', 0);
    bad[0] = 0x62;
    expect(() => read([bad])).toThrow(/invalid tar header \(bad checksum\)/);
  });
});
