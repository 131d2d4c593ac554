import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  scanLayers,
  walkOrder,
  scanRootfs,
  type LayerTar,
  type ScanResult,
} from '../../../../src/verify/arch/scan';
import { LAYERS_READ_AT_ONCE } from '../../../../src/verify/arch/layers';
import { EM_X86_64 } from '../../../../src/verify/arch/elf';
import { RUNS } from '../../arbitraries';
import { elfWithInterp } from './make-elf';
import { dir, file, hardlink, streamOf, symlink, tarOf, type Entry } from './make-tar';
import { A64, A64_PIE, AMD64, ARM64, fixture, X86 } from './make-tar';

/** coreutils' /bin/true for amd64: PIE, PT_INTERP /lib64/ld-linux-x86-64.so.2. */
const X86_PIE = fixture('amd64-true.head');
/** A loader: an x86-64 shared object of its own, with no loader. */
const X86_LD = elfWithInterp({ bits: 64, endian: 'little', machine: EM_X86_64 });
const GLIBC = '/lib64/ld-linux-x86-64.so.2';

const whiteout = (name: string): Entry => file(name, '');

const nameOf = (i: number, count: number): string =>
  `layer ${i + 1} of ${count} (sha256:${String(i).repeat(12)})`;

/** Layers from their entries, bottom first, each opened as a stream of small chunks. */
async function layersOf(stack: Entry[][]): Promise<LayerTar[]> {
  return Promise.all(
    stack.map(async (entries, i) => {
      const tar = await tarOf(entries);
      return { name: nameOf(i, stack.length), open: async () => streamOf(tar, 300) };
    }),
  );
}

async function scan(stack: Entry[][], platform = ARM64, command: string[] = []) {
  return scanLayers(await layersOf(stack), platform, { command });
}

const paths = (r: ScanResult): string[] => r.foreign.map((f) => f.path);

describe('scanLayers: whiteouts', () => {
  it('a ".wh." entry deletes the file of a lower layer', async () => {
    const r = await scan([
      [dir('bin/'), file('bin/busybox', X86), file('bin/true', A64_PIE)],
      [whiteout('bin/.wh.busybox')],
    ]);
    expect(r.foreign).toEqual([]);
    expect(r.foreignCount).toBe(0);
    expect(r.elfFiles).toBe(1);
    expect(r.entries).toBe(4);
    // Without the whiteout, the same lower layer is caught.
    expect(paths(await scan([[dir('bin/'), file('bin/busybox', X86)], []]))).toEqual([
      '/bin/busybox',
    ]);
  });

  it('an opaque directory loses what lower layers put under it, not what its own layer does', async () => {
    const lower = [
      dir('opt/'),
      file('opt/tool', X86),
      dir('opt/sub/'),
      file('opt/sub/deep', X86),
      file('optional', X86),
    ];
    // The re-added file comes before the marker in the tar: order within a layer does not matter.
    const upper = [dir('opt/'), file('opt/new', X86), whiteout('opt/.wh..wh..opq')];
    const r = await scan([lower, upper], ARM64, ['/opt']);
    expect(paths(r)).toEqual(['/opt/new', '/optional']);
    expect(r.elfFiles).toBe(2);
    // The directory itself stays.
    expect(r.entrypoint?.note).toBe('the entrypoint /opt is a directory');
    const root = await scan([lower, [file('srv/x', A64), whiteout('./.wh..wh..opq')]]);
    expect(root).toMatchObject({ foreign: [], foreignCount: 0, elfFiles: 1 });
  });

  it('a whiteout of a directory deletes all under it, and nothing that only shares its prefix', async () => {
    const r = await scan([
      [
        file('usr/local/lib/a.so', X86),
        file('usr/local/lib/sub/b.so', X86),
        file('usr/local/libx', X86),
        file('usr/local/lib2/c', X86),
      ],
      [whiteout('usr/local/.wh.lib')],
    ]);
    expect(paths(r)).toEqual(['/usr/local/lib2/c', '/usr/local/libx']);
    expect(r.foreignCount).toBe(2);
  });

  it('a whiteout deletes from lower layers only, even after an entry of the same name', async () => {
    const lower = [dir('app/'), file('app/server', X86)];
    const r = await scan([lower, [file('app/server', A64), whiteout('app/.wh.server')]], ARM64, [
      '/app/server',
    ]);
    expect(r.foreign).toEqual([]);
    expect(r.elfFiles).toBe(1);
    expect(r.entrypoint).toMatchObject({ resolved: '/app/server', found: 'AArch64', ok: true });
    // A whiteout in the bottom layer has nothing to delete.
    const bottom = await scan([[file('app/server', X86), whiteout('app/.wh.server')]]);
    expect(paths(bottom)).toEqual(['/app/server']);
  });

  it('the reserved ".wh..wh." names are no files and delete nothing', async () => {
    const r = await scan([[file('bin/x', X86)], [whiteout('.wh..wh..plnk'), whiteout('bin/.wh.')]]);
    expect(paths(r)).toEqual(['/bin/x']);
    expect(r.entries).toBe(3);
  });
});

describe('scanLayers: upper layers replace lower paths', () => {
  it('a file replaced by one for the platform is not foreign, and the reverse is', async () => {
    const fixed = await scan([[file('bin/tool', X86)], [file('bin/tool', A64)]]);
    expect(fixed).toMatchObject({ foreign: [], foreignCount: 0, elfFiles: 1 });
    const broken = await scan([[file('bin/tool', A64)], [file('bin/tool', X86)]]);
    expect(broken.foreign).toEqual([{ path: '/bin/tool', found: 'x86-64' }]);
    expect(broken).toMatchObject({ foreignCount: 1, elfFiles: 1 });
  });

  it('a directory replaced by a symlink or a file hides what lower layers put under it', async () => {
    const r = await scan(
      [
        [dir('opt/app/'), dir('opt/app/bin/'), file('opt/app/bin/tool', X86)],
        [symlink('opt/app', '/srv/app'), file('srv/app/bin/tool', A64)],
      ],
      ARM64,
      ['/opt/app/bin/tool'],
    );
    expect(r).toMatchObject({ foreign: [], foreignCount: 0, elfFiles: 1 });
    expect(r.entrypoint).toMatchObject({ resolved: '/srv/app/bin/tool', ok: true });
    // A lower layer need not hold an entry for the directory itself.
    const asFile = await scan([[file('var/x/y', X86)], [file('var/x', 'now a file\n')]]);
    expect(asFile).toMatchObject({ foreign: [], foreignCount: 0, elfFiles: 0 });
    // A directory over a directory merges them.
    const merged = await scan([[file('var/x/y', X86)], [dir('var/x/'), file('var/x/z', X86)]]);
    expect(paths(merged)).toEqual(['/var/x/y', '/var/x/z']);
  });

  it('counts a hardlink to a lower file once and follows it', async () => {
    const r = await scan(
      [[dir('bin/'), file('bin/busybox', X86)], [hardlink('bin/ls', 'bin/busybox')]],
      ARM64,
      ['ls'],
    );
    expect(r).toMatchObject({ elfFiles: 1, foreignCount: 1, entries: 3 });
    expect(r.entrypoint).toMatchObject({ path: '/bin/ls', resolved: '/bin/busybox', ok: false });
  });
});

describe('scanLayers: the entrypoint and loaders across layers', () => {
  const loaderLayer = [dir('lib64/'), file('lib64/ld-linux-x86-64.so.2', X86_LD)];
  const appLayer = [dir('usr/bin/'), file('usr/bin/app', X86_PIE)];

  it('finds a binary of one layer and its loader in a lower one', async () => {
    const r = await scan([loaderLayer, appLayer], AMD64, ['app']);
    expect(r.loaderProblems).toEqual([]);
    expect(r.entrypoint).toMatchObject({ path: '/usr/bin/app', found: 'x86-64', ok: true });
    expect(r.elfFiles).toBe(2);
  });

  it('reports the loader an upper layer deletes', async () => {
    const r = await scan(
      [loaderLayer, appLayer, [whiteout('lib64/.wh.ld-linux-x86-64.so.2')]],
      AMD64,
      ['app'],
    );
    expect(r.loaderProblems).toEqual([
      { path: '/usr/bin/app', loader: GLIBC, problem: 'which the image lacks' },
    ]);
    expect(r.loaderProblemCount).toBe(1);
    expect(r.elfFiles).toBe(1);
  });

  it('follows a symlinked /lib of one layer into the directory of another', async () => {
    const musl = '/lib/ld-musl-x86_64.so.1';
    const app = elfWithInterp({ bits: 64, endian: 'little', machine: EM_X86_64, interp: musl });
    const stack = [
      [symlink('lib', 'usr/lib'), dir('usr/'), dir('usr/lib/')],
      [file('usr/lib/ld-musl-x86_64.so.1', X86_LD)],
      [file('app', app)],
    ];
    const r = await scan(stack, AMD64, ['/app']);
    expect(r.loaderProblems).toEqual([]);
    expect(r.entrypoint).toMatchObject({ resolved: '/app', ok: true });
    const gone = await scan([...stack, [whiteout('usr/.wh.lib')]], AMD64);
    expect(gone.loaderProblems).toEqual([
      {
        path: '/app',
        loader: musl,
        problem:
          'which the image lacks (/lib/ld-musl-x86_64.so.1 leads to /usr/lib/ld-musl-x86_64.so.1, which is not in the image)',
      },
    ]);
  });
});

describe('scanLayers: order and counts', () => {
  it('lists foreign files in the order docker export walks the tree (each directory by name), whatever order the layers finish in', async () => {
    const stack = [
      [file('z/bottom', X86), file('a/bottom', X86)],
      [file('m/one', X86)],
      [file('b/two', X86), file('x/two', A64)],
      [],
      [file('a/four', X86)],
    ];
    const layers = await layersOf(stack);
    const finished: number[] = [];
    // The bottom layer is the slowest to open, the others finish first.
    const slowFirst = layers.map((l, i) => ({
      name: l.name,
      open: async () => {
        await new Promise((resolve) => setTimeout(resolve, i === 0 ? 30 : 0));
        finished.push(i);
        return l.open();
      },
    }));
    const r = await scanLayers(slowFirst, ARM64, { command: [] });
    expect(paths(r)).toEqual(['/a/bottom', '/a/four', '/b/two', '/m/one', '/z/bottom']);
    expect(finished[0]).not.toBe(0);
    expect(r.foreignCount).toBe(5);
    expect(r.elfFiles).toBe(6);
    expect(r.entries).toBe(6);
  });

  it('keeps the place of a path an upper layer replaces, as a flattened tree written in order would', async () => {
    const r = await scan([
      [file('a', X86), file('b', X86)],
      [file('c', X86), file('a', X86)],
    ]);
    expect(paths(r)).toEqual(['/a', '/b', '/c']);
    expect(r).toMatchObject({ foreignCount: 3, elfFiles: 3, entries: 4 });
  });

  it('reads at most LAYERS_READ_AT_ONCE layers at a time', async () => {
    const layers = await layersOf(Array.from({ length: 6 }, (_, i) => [file(`f${i}`, X86)]));
    let open = 0;
    let most = 0;
    const counted = layers.map((l) => ({
      name: l.name,
      open: async () => {
        most = Math.max(most, ++open);
        const stream = await l.open();
        return (async function* () {
          for await (const chunk of stream) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            yield chunk as Uint8Array;
          }
          open--;
        })();
      },
    }));
    const r = await scanLayers(counted, ARM64, { command: [] });
    expect(r.foreignCount).toBe(6);
    expect(most).toBe(LAYERS_READ_AT_ONCE);
    expect(LAYERS_READ_AT_ONCE).toBe(2);
  });

  it('scans an empty list of layers, and empty layers, as an empty image', async () => {
    const none = await scanLayers([], ARM64, { command: ['/app'] });
    expect(none).toMatchObject({
      elfFiles: 0,
      entries: 0,
      foreign: [],
      foreignCount: 0,
      loaderProblems: [],
      loaderProblemCount: 0,
      entrypoint: { path: '/app', ok: true, note: 'the entrypoint /app is not in the image' },
    });
    const empty = await scan([[], []]);
    expect(empty).toMatchObject({ elfFiles: 0, entries: 0, foreign: [] });
  });

  it('takes the options as a promise', async () => {
    const r = await scanLayers(
      await layersOf([[file('bin/x', X86)]]),
      ARM64,
      Promise.resolve({
        command: ['x'],
        path: '/bin',
      }),
    );
    expect(r.entrypoint).toMatchObject({ path: '/bin/x', ok: false });
  });
});

describe('scanLayers: inputs', () => {
  it('reads web streams and Uint8Array chunks', async () => {
    const tar = await tarOf([file('bin/x', X86)]);
    const web: LayerTar = {
      name: 'web',
      open: async () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array(tar.subarray(0, 700)));
            c.enqueue(new Uint8Array(tar.subarray(700)));
            c.close();
          },
        }),
    };
    const r = await scanLayers([web], ARM64, { command: [] });
    expect(paths(r)).toEqual(['/bin/x']);
  });

  it('reads every layer to its end, past the end-of-archive marker', async () => {
    const tar = await tarOf([file('bin/x', X86)]);
    let drained = false;
    const layer: LayerTar = {
      name: 'padded',
      open: async () =>
        (async function* () {
          yield tar;
          yield new Uint8Array(10240);
          drained = true;
        })(),
    };
    const r = await scanLayers([layer], ARM64, { command: [] });
    expect(r.foreignCount).toBe(1);
    expect(drained).toBe(true);
  });

  it('rejects a layer decoded as text', async () => {
    const tar = await tarOf([file('bin/x', X86)]);
    const layer = {
      name: 'layer 1 of 1 (sha256:abc)',
      open: async () => streamOf(tar, 4096).setEncoding('latin1'),
    } as unknown as LayerTar;
    await expect(scanLayers([layer], ARM64, { command: [] })).rejects.toThrow(
      /^could not read layer 1 of 1 \(sha256:abc\) as a tar stream: .*read as bytes/,
    );
  });
});

describe('scanLayers: broken layers', () => {
  it('names a layer whose open() gives no stream', async () => {
    const layer = { name: 'odd', open: async () => ({}) } as unknown as LayerTar;
    await expect(scanLayers([layer], ARM64, { command: [] })).rejects.toThrow(
      /^could not read odd as a tar stream: .*not a function/,
    );
  });

  it('names a truncated layer', async () => {
    const layers = await layersOf([[file('bin/x', X86)], [file('bin/y', Buffer.alloc(8192))], []]);
    const tar = await tarOf([file('bin/y', Buffer.alloc(8192))]);
    const cut = { ...layers[1]!, open: async () => streamOf(tar.subarray(0, 4000), 512) };
    await expect(scanLayers([layers[0]!, cut, layers[2]!], ARM64, { command: [] })).rejects.toThrow(
      `could not read ${nameOf(1, 3)} as a tar stream: Unexpected end of data: the stream stops inside an entry`,
    );
    const short = { ...layers[1]!, open: async () => streamOf(tar.subarray(0, tar.length - 1024)) };
    await expect(scanLayers([short], ARM64, { command: [] })).rejects.toThrow(
      `could not read ${nameOf(1, 3)} as a tar stream: it ended before the end-of-archive marker (truncated or empty)`,
    );
    const junk = { name: 'junk', open: async () => streamOf(Buffer.alloc(2048, 'not a tar'), 100) };
    await expect(scanLayers([junk], ARM64, { command: [] })).rejects.toThrow(
      /^could not read junk as a tar stream: invalid tar header/,
    );
  });

  it('names a layer that fails to open, with the reason as the cause', async () => {
    const layers = await layersOf([[file('bin/x', X86)], []]);
    const reason = new Error('blob unknown to registry');
    const failing = { name: layers[1]!.name, open: () => Promise.reject(reason) };
    const err = await scanLayers([layers[0]!, failing], ARM64, { command: [] }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `could not read ${nameOf(1, 2)} as a tar stream: blob unknown to registry`,
    );
    expect(err?.cause).toBe(reason);
  });

  it('stops the layers being read and opens no other once one fails', async () => {
    const hanging = new Readable({ read() {} });
    const opened: string[] = [];
    const layers: LayerTar[] = [
      {
        name: 'hanging',
        open: async () => {
          opened.push('hanging');
          return hanging;
        },
      },
      {
        name: 'failing',
        open: async () => {
          opened.push('failing');
          throw new Error('connection reset');
        },
      },
      {
        name: 'later',
        open: async () => {
          opened.push('later');
          return streamOf(await tarOf([]));
        },
      },
    ];
    await expect(scanLayers(layers, ARM64, { command: [] })).rejects.toThrow(
      'could not read failing as a tar stream: connection reset',
    );
    expect(opened).toEqual(['hanging', 'failing']);
    expect(hanging.destroyed).toBe(true);
  });
});

describe('scanRootfs and whiteouts', () => {
  it('takes a ".wh." name in a flattened export for a file like any other', async () => {
    const tar = await tarOf([file('bin/busybox', X86), file('bin/.wh.busybox', X86)]);
    const r = await scanRootfs(streamOf(tar), ARM64, { command: [] });
    expect(paths(r)).toEqual(['/bin/busybox', '/bin/.wh.busybox']);
  });
});

const walked = (flat: Map<string, Entry>): Entry[] =>
  [...flat.entries()].sort(([a], [b]) => walkOrder(`/${a}`, `/${b}`)).map(([, e]) => e);

describe('walkOrder', () => {
  it('sorts by name within each directory, a directory before what follows it by name', () => {
    const paths = ['/opt/dir-x', '/opt/dir/foreign', '/opt', '/a/b', '/a', '/opt/dir'];
    expect(paths.sort(walkOrder)).toEqual([
      '/a',
      '/a/b',
      '/opt',
      '/opt/dir',
      '/opt/dir/foreign',
      '/opt/dir-x',
    ]);
  });
});

describe('scanLayers, for any stack of layers without whiteouts', () => {
  // Directories and leaves never trade places, so no layer hides another's subtree.
  const DIRS = ['bin', 'usr', 'usr/bin', 'usr/lib'];
  const LEAVES = ['bin/a', 'bin/b', 'usr/bin/c', 'usr/lib/d', 'e'];
  const BODIES: (Buffer | string)[] = [X86, A64, X86_PIE, A64_PIE, X86_LD, 'text\n', '#!/bin/a\n'];
  const entry: fc.Arbitrary<Entry> = fc.oneof(
    fc.constantFrom(...DIRS).map((d) => dir(`${d}/`)),
    fc.tuple(fc.constantFrom(...LEAVES), fc.constantFrom(...BODIES)).map(([n, b]) => file(n, b)),
    fc
      .tuple(
        fc.constantFrom(...LEAVES),
        fc.constantFrom(...LEAVES, '/lib64/ld-linux-x86-64.so.2', '../bin/a'),
      )
      .map(([n, t]) => symlink(n, t.startsWith('.') ? t : `/${t}`)),
    fc
      .tuple(fc.constantFrom(...LEAVES), fc.constantFrom(...LEAVES))
      .map(([n, t]) => hardlink(n, t)),
    fc.constant(file('lib64/ld-linux-x86-64.so.2', X86_LD)),
  );
  const stack = fc.array(fc.array(entry, { maxLength: 6 }), { maxLength: 4 });
  const command = fc.constantFrom<string[]>([], ['a'], ['c'], ['/e'], ['/usr/lib/d']);

  it('gives what scanRootfs gives for the flattened filesystem, the last writer winning', async () => {
    await fc.assert(
      fc.asyncProperty(stack, command, async (layers, cmd) => {
        const flat = new Map<string, Entry>();
        for (const e of layers.flat()) flat.set(e.name.replace(/\/$/, ''), e);
        const options = { command: cmd, path: '/bin:/usr/bin' };
        const [fromLayers, fromRootfs] = await Promise.all([
          scanLayers(await layersOf(layers), AMD64, options),
          // As docker export writes it: the tree walked, each directory by name.
          scanRootfs(streamOf(await tarOf(walked(flat))), AMD64, options),
        ]);
        expect(fromLayers.entries).toBe(layers.flat().length);
        // The flattened tree has fewer entries; the time differs anyway.
        const comparable = (r: ScanResult) => ({ ...r, entries: 0, durationMs: 0 });
        expect(comparable(fromLayers)).toEqual(comparable(fromRootfs));
      }),
      RUNS,
    );
  });
});
