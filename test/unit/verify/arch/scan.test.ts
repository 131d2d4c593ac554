import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PATH,
  FOREIGN_HINT,
  formatForeign,
  foreignMessage,
  LOADER_HINT,
  loaderMessage,
  MAX_FOREIGN_LISTED,
  MAX_INTERP_READ,
  MAX_LOADER_LISTED,
  scanRootfs,
  type ScanResult,
} from '../../../../src/verify/arch/scan';
import { EM_386, EM_X86_64, ET_DYN } from '../../../../src/verify/arch/elf';
import { parsePlatform } from '../../../../src/oci/platform';
import { elfWithInterp } from './make-elf';
import { dir, file, hardlink, streamOf, symlink, tarOf, type Entry } from './make-tar';
import { A64, A64_PIE, AMD64, ARM64, fixture, X86 } from './make-tar';

const A64_OBJ = fixture('arm64-crt1.o.head');
const I386 = fixture('i386-busybox.head');

async function scan(
  entries: Entry[],
  platform = ARM64,
  command: string[] = [],
  path?: string,
): Promise<ScanResult> {
  return scanRootfs(streamOf(await tarOf(entries)), platform, { command, path });
}

function first<T>(list: T[]): T {
  const [item] = list;
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** An ELF header with its e_type replaced. */
function withType(elf: Buffer, type: number): Buffer {
  const copy = Buffer.from(elf);
  copy.writeUInt16LE(type, 16);
  return copy;
}

describe('scanRootfs: foreign executables', () => {
  it('finds an x86-64 busybox in an arm64 image and names it', async () => {
    const r = await scan(
      [
        dir('bin/'),
        file('bin/busybox', X86),
        dir('etc/'),
        file('etc/hostname', 'box\n'),
        symlink('bin/sh', 'busybox'),
      ],
      ARM64,
      ['/bin/sh', '-c', 'true'],
    );
    expect(r.foreign).toEqual([{ path: '/bin/busybox', found: 'x86-64' }]);
    expect(r.foreignCount).toBe(1);
    expect(r.elfFiles).toBe(1);
    expect(r.entries).toBe(5);
    expect(r.entrypoint).toEqual({
      path: '/bin/sh',
      resolved: '/bin/busybox',
      found: 'x86-64',
      ok: false,
    });
    expect(formatForeign(ARM64, first(r.foreign))).toBe(
      'linux/arm64: /bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
    );
  });

  it('finds an AArch64 binary in an amd64 image', async () => {
    const r = await scan([file('usr/bin/app', A64)], AMD64, ['app']);
    expect(r.foreign).toEqual([{ path: '/usr/bin/app', found: 'AArch64' }]);
    expect(r.entrypoint).toMatchObject({ path: '/usr/bin/app', ok: false, found: 'AArch64' });
    expect(foreignMessage(AMD64, first(r.foreign))).toBe(
      '/usr/bin/app is an AArch64 executable; a real amd64 node would fail with exec format error',
    );
    expect(formatForeign(AMD64, first(r.foreign))).toBe(
      'linux/amd64: /usr/bin/app is an AArch64 executable; a real amd64 node would fail with exec format error',
    );
  });

  it('passes a clean arm64 image and counts its executables and libraries', async () => {
    const r = await scan(
      [
        dir('bin/'),
        file('bin/busybox', A64),
        file('bin/true', A64_PIE),
        file('usr/lib/crt1.o', A64_OBJ),
        file('etc/passwd', 'root:x:0:0::/root:/bin/sh\n'),
      ],
      ARM64,
      ['/bin/busybox'],
    );
    expect(r.foreign).toEqual([]);
    expect(r.foreignCount).toBe(0);
    expect(r.elfFiles).toBe(2);
    expect(r.entries).toBe(5);
    expect(r.entrypoint).toEqual({
      path: '/bin/busybox',
      resolved: '/bin/busybox',
      found: 'AArch64',
      ok: true,
    });
  });

  it('accepts i386 binaries in an amd64 image but not in an arm64 one', async () => {
    const entries = [file('usr/lib32/tool', I386)];
    expect((await scan(entries, AMD64)).foreignCount).toBe(0);
    expect((await scan(entries, ARM64)).foreign).toEqual([
      { path: '/usr/lib32/tool', found: 'x86 (32-bit)' },
    ]);
  });

  it('tells arm/v7 from arm64', async () => {
    const armhf = fixture('armhf-busybox.head');
    const v7 = parsePlatform('linux/arm/v7');
    expect((await scan([file('bin/busybox', armhf)], v7)).foreignCount).toBe(0);
    const r = await scan([file('bin/busybox', A64)], v7);
    expect(r.foreign).toEqual([{ path: '/bin/busybox', found: 'AArch64' }]);
    expect(formatForeign(parsePlatform('linux/arm/v6'), first(r.foreign))).toBe(
      'linux/arm/v6: /bin/busybox is an AArch64 executable; a real arm/v6 node would fail with exec format error',
    );
    expect((await scan([file('bin/busybox', armhf)], ARM64)).foreign).toEqual([
      { path: '/bin/busybox', found: '32-bit ARM' },
    ]);
  });

  it('ignores relocatable objects and core files, whatever their machine', async () => {
    const entries = [
      file('lib/modules/6.1/net.ko', withType(X86, 1)),
      file('usr/lib/aarch64-linux-gnu/crt1.o', A64_OBJ),
      file('core', withType(X86, 4)),
    ];
    for (const platform of [ARM64, AMD64]) {
      const r = await scan(entries, platform);
      expect(r).toMatchObject({ elfFiles: 0, foreignCount: 0, foreign: [], entries: 3 });
    }
    // The same bytes as an executable are caught: the type is what spared them.
    const r = await scan([file('lib/modules/6.1/net.ko', withType(X86, 2))], ARM64);
    expect(r.foreignCount).toBe(1);
  });

  it('reports paths absolute whether the tar names start with "./" or not', async () => {
    const r = await scan([dir('./'), dir('./opt/'), file('./opt/tool', X86), file('srv/x', X86)]);
    expect(r.foreign.map((f) => f.path)).toEqual(['/opt/tool', '/srv/x']);
  });

  it('lists at most MAX_FOREIGN_LISTED, the entrypoint first, and counts them all', async () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 25; i++) entries.push(file(`usr/lib/lib${i}.so`, X86));
    entries.push(file('app/server', X86));
    const r = await scan(entries, ARM64, ['/app/server', '--port', '80']);
    expect(r.foreignCount).toBe(26);
    expect(r.elfFiles).toBe(26);
    expect(r.foreign).toHaveLength(MAX_FOREIGN_LISTED);
    expect(r.foreign[0]).toEqual({ path: '/app/server', found: 'x86-64' });
    expect(r.foreign.slice(1).map((f) => f.path)).toEqual(
      Array.from({ length: MAX_FOREIGN_LISTED - 1 }, (_, i) => `/usr/lib/lib${i}.so`),
    );
  });

  it('moves a foreign entrypoint to the front without listing it twice', async () => {
    const r = await scan(
      [file('lib/libz.so.1', X86), file('app/server', X86), file('lib/libc.so.6', X86)],
      ARM64,
      ['/app/server'],
    );
    expect(r.foreign.map((f) => f.path)).toEqual([
      '/app/server',
      '/lib/libz.so.1',
      '/lib/libc.so.6',
    ]);
    expect(r.foreignCount).toBe(3);
  });

  it('keeps a native entrypoint out of the list while listing foreign libraries', async () => {
    const r = await scan([file('app/server', A64), file('lib/libfoo.so', X86)], ARM64, [
      '/app/server',
    ]);
    expect(r.foreign).toEqual([{ path: '/lib/libfoo.so', found: 'x86-64' }]);
    expect(r.entrypoint?.ok).toBe(true);
  });

  it('reads the header of a large file split across many chunks, and drains the rest', async () => {
    const big = Buffer.concat([X86, Buffer.alloc(1 << 20, 0xab)]);
    const tar = await tarOf([file('opt/big', big), file('opt/after', A64), file('opt/x', X86)]);
    const r = await scanRootfs(streamOf(tar, 1000), ARM64, { command: [] });
    expect(r.foreign.map((f) => f.path)).toEqual(['/opt/big', '/opt/x']);
    expect(r.elfFiles).toBe(3);
    expect(r.entries).toBe(3);
  });

  it('keeps up with many entries', async () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 5000; i++) entries.push(file(`usr/share/doc/f${i}.txt`, 'x'));
    entries.push(file('usr/bin/x', X86));
    const tar = await tarOf(entries);
    const r = await scanRootfs(streamOf(tar, 64 * 1024), ARM64, { command: ['x'] });
    expect(r.entries).toBe(5001);
    expect(r.elfFiles).toBe(1);
    expect(r.foreign).toEqual([{ path: '/usr/bin/x', found: 'x86-64' }]);
  });
});

describe('scanRootfs: the entrypoint', () => {
  it('follows a chain of relative and absolute symlinks through a merged /usr', async () => {
    const entries = [
      symlink('bin', 'usr/bin'),
      dir('usr/'),
      dir('usr/bin/'),
      file('usr/bin/busybox', X86),
      symlink('usr/bin/sh', 'busybox'),
      symlink('usr/local/bin/entry', '/bin/sh'),
      symlink('usr/local/bin/up', '../../../bin/./sh'),
    ];
    const viaPath = await scan(entries, ARM64, ['entry']);
    expect(viaPath.entrypoint).toEqual({
      path: '/usr/local/bin/entry',
      resolved: '/usr/bin/busybox',
      found: 'x86-64',
      ok: false,
    });
    const direct = await scan(entries, ARM64, ['/bin/sh']);
    expect(direct.entrypoint).toMatchObject({ path: '/bin/sh', resolved: '/usr/bin/busybox' });
    const relative = await scan(entries, ARM64, ['/usr/local/bin/up']);
    expect(relative.entrypoint).toMatchObject({ resolved: '/usr/bin/busybox', ok: false });
    expect(relative.foreign).toEqual([{ path: '/usr/bin/busybox', found: 'x86-64' }]);
  });

  it('resolves symlinks whatever their order in the tar', async () => {
    const r = await scan([symlink('bin/sh', 'dash'), file('bin/dash', A64)], ARM64, ['sh']);
    expect(r.entrypoint).toEqual({
      path: '/bin/sh',
      resolved: '/bin/dash',
      found: 'AArch64',
      ok: true,
    });
  });

  it('applies ".." after the symlinks before it, as the kernel does', async () => {
    const entries = [symlink('bin', 'usr/bin'), file('usr/lib/app', X86), file('lib/app', A64)];
    const r = await scan(entries, ARM64, ['/bin/../lib/app']);
    expect(r.entrypoint).toEqual({
      path: '/bin/../lib/app',
      resolved: '/usr/lib/app',
      found: 'x86-64',
      ok: false,
    });
    const link = await scan([...entries, symlink('usr/bin/app', '../lib/app')], ARM64, ['app']);
    expect(link.entrypoint).toMatchObject({ path: '/usr/bin/app', resolved: '/usr/lib/app' });
  });

  it('stops on a symlink loop with a note', async () => {
    const r = await scan([symlink('a', 'b'), symlink('b', '/a')], ARM64, ['/a']);
    expect(r.entrypoint?.ok).toBe(true);
    expect(r.entrypoint?.note).toMatch(/too many levels of symbolic links/);
  });

  it('follows a hardlink to the file that holds the contents, counted once', async () => {
    const r = await scan(
      [dir('bin/'), file('bin/busybox', X86), hardlink('bin/ls', 'bin/busybox')],
      ARM64,
      ['ls', '-l'],
    );
    expect(r.entrypoint).toEqual({
      path: '/bin/ls',
      resolved: '/bin/busybox',
      found: 'x86-64',
      ok: false,
    });
    expect(r.elfFiles).toBe(1);
    expect(r.foreignCount).toBe(1);
    expect(r.entries).toBe(3);
  });

  it("looks a bare command up on the image's PATH, in order, skipping directories", async () => {
    const entries = [
      dir('first/server/'),
      file('opt/app/bin/server', X86),
      file('usr/bin/server', A64),
    ];
    const r = await scan(
      entries,
      ARM64,
      ['server'],
      '/nope:relative:/first:/opt/app/bin/:/usr/bin',
    );
    expect(r.entrypoint).toMatchObject({ path: '/opt/app/bin/server', ok: false, found: 'x86-64' });
    const other = await scan(entries, ARM64, ['server'], '/usr/bin:/opt/app/bin');
    expect(other.entrypoint).toMatchObject({ path: '/usr/bin/server', ok: true, found: 'AArch64' });
  });

  it('uses the default PATH when the image sets none', async () => {
    expect(DEFAULT_PATH).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    const r = await scan([file('usr/local/bin/app', X86), file('bin/app', A64)], ARM64, ['app']);
    expect(r.entrypoint).toMatchObject({ path: '/usr/local/bin/app', ok: false });
  });

  it('notes an entrypoint missing from the image without failing on it', async () => {
    const missing = await scan([file('bin/busybox', A64)], ARM64, ['server'], '/bin:/usr/bin');
    expect(missing.entrypoint).toEqual({
      path: 'server',
      ok: true,
      note: "the entrypoint server is not on the image's PATH (/bin:/usr/bin)",
    });
    const absent = await scan([file('bin/busybox', A64)], ARM64, ['/app/server']);
    expect(absent.entrypoint?.ok).toBe(true);
    expect(absent.entrypoint?.note).toBe('the entrypoint /app/server is not in the image');
    const dangling = await scan([symlink('bin/sh', 'dash')], ARM64, ['/bin/sh']);
    expect(dangling.entrypoint?.note).toMatch(
      /the entrypoint \/bin\/sh leads to \/bin\/dash, which is not in the image/,
    );
  });

  it('checks the interpreter of a #! script instead of the script', async () => {
    const entries = [
      file('bin/busybox', X86),
      symlink('bin/sh', 'busybox'),
      file('bin/native', A64),
      file('app/start.sh', '#!/bin/sh -e\nexec /app/server "$@"\n'),
      file('app/native.sh', '#! \t/bin/native\necho\n'),
    ];
    const foreign = await scan(entries, ARM64, ['/app/start.sh']);
    expect(foreign.entrypoint).toEqual({
      path: '/app/start.sh',
      resolved: '/bin/busybox',
      found: 'x86-64',
      ok: false,
    });
    expect(foreign.foreign[0]).toEqual({ path: '/bin/busybox', found: 'x86-64' });
    const native = await scan(entries, ARM64, ['/app/native.sh']);
    expect(native.entrypoint).toEqual({
      path: '/app/native.sh',
      resolved: '/bin/native',
      found: 'AArch64',
      ok: true,
    });
  });

  it('reads #! lines longer than an ELF header', async () => {
    const bash = `/nix/store/${'a'.repeat(32)}-bash-interactive-5.2p26/bin/bash`;
    expect(`#!${bash}`.length).toBeGreaterThan(64);
    const r = await scan([file(bash.slice(1), X86), file('start', `#!${bash} -e\n`)], ARM64, [
      '/start',
    ]);
    expect(r.entrypoint).toEqual({ path: '/start', resolved: bash, found: 'x86-64', ok: false });
  });

  it('takes a relative command path from the working directory', async () => {
    const entries = [file('bin/busybox', X86), file('app/start.sh', '#!/bin/busybox sh\n')];
    const r = await scanRootfs(streamOf(await tarOf(entries)), ARM64, {
      command: ['./start.sh'],
      workdir: '/app',
    });
    expect(r.entrypoint).toMatchObject({
      path: '/app/start.sh',
      resolved: '/bin/busybox',
      ok: false,
    });
  });

  it('notes scripts whose interpreter cannot be checked', async () => {
    const r = await scan(
      [
        file('a.sh', '#!/bin/missing\n'),
        file('b.sh', '#!/a.sh\n'),
        file('c.sh', '#!/bin/sh\r\n'),
        file('bin/sh', A64),
        file('d.sh', `#!/${'x'.repeat(300)}\n`),
      ],
      ARM64,
      ['/a.sh'],
    );
    expect(r.entrypoint?.note).toMatch(
      /^the interpreter of \/a\.sh, \/bin\/missing, is not in the image$/,
    );
    const nested = await scan(
      [file('a.sh', '#!/bin/missing\n'), file('b.sh', '#!/a.sh\n')],
      ARM64,
      ['/b.sh'],
    );
    expect(nested.entrypoint).toMatchObject({ ok: true, resolved: '/a.sh' });
    expect(nested.entrypoint?.note).toMatch(/is itself a script/);
    // The kernel keeps a carriage return in the name, and so does the check.
    const crlf = await scan([file('c.sh', '#!/bin/sh\r\n'), file('bin/sh', A64)], ARM64, ['/c.sh']);
    expect(crlf.entrypoint?.note).toBe('the interpreter of /c.sh, /bin/sh\r, is not in the image');
    const long = await scan([file('d.sh', `#!/${'x'.repeat(300)}\n`)], ARM64, ['/d.sh']);
    expect(long.entrypoint?.note).toMatch(/too long/);
  });

  it('notes an entrypoint that is neither ELF nor a script', async () => {
    const r = await scan([file('app/data', 'hello')], ARM64, ['/app/data']);
    expect(r.entrypoint).toMatchObject({ path: '/app/data', resolved: '/app/data', ok: true });
    expect(r.entrypoint?.note).toMatch(/neither an ELF executable nor a #! script/);
  });

  it('skips the entrypoint check for an empty command', async () => {
    const r = await scan([file('bin/busybox', X86)], ARM64, []);
    expect(r.entrypoint).toBeUndefined();
    expect(r.foreignCount).toBe(1);
  });
});

describe('scanRootfs: a platform without a known ELF machine', () => {
  it('counts executables but calls none foreign, and says why', async () => {
    const sparc = parsePlatform('linux/sparc64');
    const r = await scan([file('bin/busybox', X86), file('bin/true', A64_PIE)], sparc, [
      '/bin/busybox',
    ]);
    expect(r).toMatchObject({ elfFiles: 2, foreignCount: 0, foreign: [] });
    expect(r.entrypoint).toEqual({
      path: '/bin/busybox',
      resolved: '/bin/busybox',
      found: 'x86-64',
      ok: true,
      note: 'no architecture check for linux/sparc64',
    });
  });
});

describe('scanRootfs: long names', () => {
  it('reads PAX long paths and long symlink targets', async () => {
    const deep = `opt/${'d'.repeat(120)}/tool`;
    const tar = await tarOf([
      file(deep, X86),
      symlink('usr/local/bin/tool', `/${deep}`),
      hardlink(`opt/${'d'.repeat(120)}/tool2`, deep),
    ]);
    // The packer had to write PAX records: a ustar header holds 100-byte names.
    expect(tar.includes(Buffer.from(`path=${deep}\n`))).toBe(true);
    expect(tar.includes(Buffer.from(`linkpath=/${deep}\n`))).toBe(true);
    const r = await scanRootfs(streamOf(tar), ARM64, { command: ['tool'] });
    expect(r.foreign).toEqual([{ path: `/${deep}`, found: 'x86-64' }]);
    expect(r.entries).toBe(3);
    expect(r.elfFiles).toBe(1);
    expect(r.entrypoint).toMatchObject({ path: '/usr/local/bin/tool', resolved: `/${deep}` });
  });
});

describe('scanRootfs: broken input', () => {
  const archive = (): Promise<Buffer> =>
    tarOf([file('bin/busybox', Buffer.concat([X86, Buffer.alloc(64 * 1024)])), file('etc/x', 'x')]);

  it('rejects a tar cut off inside a file', async () => {
    const tar = await archive();
    await expect(
      scanRootfs(streamOf(tar.subarray(0, 20_000), 512), ARM64, { command: [] }),
    ).rejects.toThrow(
      /could not read the image's filesystem as a tar stream: Unexpected end of data/,
    );
  });

  it('rejects a tar cut off between entries', async () => {
    const tar = await archive();
    // Everything but the end-of-archive blocks: the last entry is complete.
    const cut = tar.subarray(0, tar.length - 1024);
    expect(cut.subarray(-1024).every((b) => b === 0)).toBe(false);
    await expect(scanRootfs(streamOf(cut, 4096), ARM64, { command: [] })).rejects.toThrow(
      /ended before the end-of-archive marker/,
    );
  });

  it('rejects empty input', async () => {
    await expect(scanRootfs(Readable.from([]), ARM64, { command: [] })).rejects.toThrow(
      /ended before the end-of-archive marker/,
    );
  });

  it('rejects input that is not a tar', async () => {
    const junk = Buffer.alloc(4096, 'not a tar archive ');
    await expect(scanRootfs(streamOf(junk, 100), ARM64, { command: [] })).rejects.toThrow(
      /could not read the image's filesystem as a tar stream: .*tar header/i,
    );
  });

  it('rejects with the error of a failing input stream', async () => {
    const tar = await archive();
    const failing = Readable.from(
      (async function* () {
        yield tar.subarray(0, 1000);
        throw new Error('docker export died');
      })(),
    );
    await expect(scanRootfs(failing, ARM64, { command: [] })).rejects.toThrow(/docker export died/);
  });

  it('rejects a text stream', async () => {
    const tar = await archive();
    const text = streamOf(tar, 4096).setEncoding('latin1');
    await expect(scanRootfs(text, ARM64, { command: [] })).rejects.toThrow(/read as bytes/);
  });
});

describe('scanRootfs: the loader of dynamically linked executables', () => {
  /** coreutils' /bin/true for amd64: PIE, PT_INTERP /lib64/ld-linux-x86-64.so.2. */
  const X86_PIE = fixture('amd64-true.head');
  const GLIBC = '/lib64/ld-linux-x86-64.so.2';
  /** A loader: an x86-64 shared object. */
  const X86_LD = withType(X86, ET_DYN);

  it('reports a glibc binary in an image without glibc, naming both paths', async () => {
    const r = await scan(
      [
        dir('lib/'),
        file('lib/ld-musl-x86_64.so.1', X86_LD),
        file('usr/bin/app', X86_PIE),
        file('bin/busybox', X86),
      ],
      AMD64,
      ['/usr/bin/app'],
    );
    expect(r.loaderProblems).toEqual([
      { path: '/usr/bin/app', loader: GLIBC, problem: 'which the image lacks' },
    ]);
    expect(r.loaderProblemCount).toBe(1);
    expect(r.foreign).toEqual([]);
    expect(loaderMessage(first(r.loaderProblems))).toBe(
      '/usr/bin/app needs loader /lib64/ld-linux-x86-64.so.2, which the image lacks',
    );
  });

  it('passes when the loader is there, through the symlinks of a merged /usr', async () => {
    const r = await scan(
      [
        symlink('lib64', 'usr/lib64'),
        dir('usr/lib64/'),
        symlink('usr/lib64/ld-linux-x86-64.so.2', '../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'),
        file('usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', X86_LD),
        file('usr/bin/true', X86_PIE),
      ],
      AMD64,
    );
    expect(r.loaderProblems).toEqual([]);
    expect(r.loaderProblemCount).toBe(0);
    expect(r.elfFiles).toBe(2);
  });

  it('tells a dangling link, a loader for another machine, a directory and a non-ELF file apart', async () => {
    const cases: [Entry[], string][] = [
      [
        [symlink('lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/ld-2.36.so')],
        'which the image lacks (/lib64/ld-linux-x86-64.so.2 leads to /lib/x86_64-linux-gnu/ld-2.36.so, which is not in the image)',
      ],
      [
        [file('lib64/ld-linux-x86-64.so.2', A64_PIE)],
        'which is an AArch64 file, not x86-64 like the program',
      ],
      [[dir('lib64/ld-linux-x86-64.so.2/')], 'which is a directory'],
      [
        [symlink('lib64/ld-linux-x86-64.so.2', 'ld.sh'), file('lib64/ld.sh', '#!/bin/sh\n')],
        'which is not an ELF file (/lib64/ld-linux-x86-64.so.2 leads to /lib64/ld.sh)',
      ],
    ];
    for (const [entries, problem] of cases) {
      const r = await scan([...entries, file('app', X86_PIE)], AMD64);
      expect(r.loaderProblems).toEqual([{ path: '/app', loader: GLIBC, problem }]);
    }
  });

  it('wants a 32-bit loader for a 32-bit program, even on amd64', async () => {
    const prog = elfWithInterp({
      bits: 32,
      endian: 'little',
      machine: EM_386,
      interp: '/lib/ld-linux.so.2',
    });
    const r = await scan([file('lib/ld-linux.so.2', X86_LD), file('opt/i386/tool', prog)], AMD64);
    expect(r.loaderProblems).toEqual([
      {
        path: '/opt/i386/tool',
        loader: '/lib/ld-linux.so.2',
        problem: 'which is an x86-64 file, not x86 (32-bit) like the program',
      },
    ]);
  });

  it('leaves a foreign executable to the foreign check, and static ones alone', async () => {
    const r = await scan([file('usr/bin/true', A64_PIE), file('bin/busybox', X86)], AMD64);
    expect(r.foreign).toEqual([{ path: '/usr/bin/true', found: 'AArch64' }]);
    expect(r.loaderProblems).toEqual([]);
  });

  it('lists the entrypoint first, at most MAX_LOADER_LISTED, and counts them all', async () => {
    const entries: Entry[] = [];
    for (let i = 0; i < 24; i++) entries.push(file(`usr/bin/tool${i}`, X86_PIE));
    entries.push(file('app/server', X86_PIE));
    const r = await scan(entries, AMD64, ['/app/server']);
    expect(r.loaderProblemCount).toBe(25);
    expect(r.loaderProblems).toHaveLength(MAX_LOADER_LISTED);
    expect(r.loaderProblems.map((p) => p.path).slice(0, 3)).toEqual([
      '/app/server',
      '/usr/bin/tool0',
      '/usr/bin/tool1',
    ]);
  });

  it('reads a loader path near the end of the first page (Go), from a stream of tiny chunks', async () => {
    const go = elfWithInterp({
      bits: 64,
      endian: 'little',
      machine: EM_X86_64,
      interp: GLIBC,
      at: 0xfe4,
      size: 200_000,
    });
    const tar = await tarOf([file('app', go), file('after', X86_PIE)]);
    const r = await scanRootfs(streamOf(tar, 7), AMD64, { command: [] });
    expect(r.loaderProblems.map((p) => [p.path, p.loader])).toEqual([
      ['/app', GLIBC],
      ['/after', GLIBC],
    ]);
    expect(r.entries).toBe(2);
  });

  it('does not read past MAX_INTERP_READ: a loader path further in is not checked', async () => {
    const far = elfWithInterp({
      bits: 64,
      endian: 'little',
      machine: EM_X86_64,
      interp: GLIBC,
      at: MAX_INTERP_READ + 16,
    });
    const r = await scan([file('far', far), file('near', X86_PIE)], AMD64);
    expect(r.loaderProblems.map((p) => p.path)).toEqual(['/near']);
    expect(r.elfFiles).toBe(2);
  });

  it('says how to fix it', () => {
    expect(LOADER_HINT).toMatch(/no such file or directory/);
    expect(LOADER_HINT).toMatch(/CGO_ENABLED=0/);
    expect(LOADER_HINT).toMatch(/gcompat/);
  });
});

describe('FOREIGN_HINT', () => {
  it('names the usual causes', () => {
    expect(FOREIGN_HINT).toMatch(/ARG TARGETARCH/);
    expect(FOREIGN_HINT).toMatch(/FROM --platform=\$BUILDPLATFORM/);
    expect(FOREIGN_HINT).toMatch(/amd64\/x86_64/);
  });
});
