/**
 * Reads a container's flattened filesystem as a tar stream (`docker export`),
 * or an image's layers laid over each other (layers.ts), and finds the
 * executables built for another architecture than the platform's, and the
 * dynamically linked ones whose loader (PT_INTERP) the image lacks or holds
 * for another architecture. Only the first bytes of each file are looked at
 * (up to MAX_INTERP_READ of an ELF file, to reach its program headers) and
 * nothing is kept but a small record per path, so memory stays bounded
 * however large the image; the file contents are read and dropped as they
 * stream past.
 */
import type { Readable } from 'node:stream';
import { formatPlatform, normalize, type Platform } from '../../oci/platform';
import {
  describeElf,
  expectedFor,
  isExecutableType,
  readElfHeader,
  readInterpreter,
  runsOn,
  sameTarget,
  type ElfHeader,
} from './elf';
import { errorMessage } from '../../runner/errors';
import { TarReader } from '../../oci/tar';
import { LayerStack, readInOrder, Whiteouts, type LayerRecord } from './layers';

export interface ForeignFile {
  /** Absolute path inside the image: "/bin/busybox". */
  path: string;
  /** What it was built for, as describeElf names it: "x86-64". */
  found: string;
}

export interface EntrypointCheck {
  /** The command as found in the image (after the PATH lookup), or as given when not found. */
  path: string;
  /** The file whose ELF header was checked, after links and a `#!` line. */
  resolved?: string;
  /** describeElf of the resolved file, when it is an ELF executable. */
  found?: string;
  /** False only when the entrypoint is known to be built for another architecture. */
  ok: boolean;
  /** Why the entrypoint could not be checked, when it could not. */
  note?: string;
}

/** A dynamically linked executable whose loader will not load it on this platform. */
export interface LoaderProblem {
  /** The executable: "/app/server". */
  path: string;
  /** Its PT_INTERP, as written in the file: "/lib64/ld-linux-x86-64.so.2". */
  loader: string;
  /** What is wrong with the loader, as the end of a sentence: "which the image lacks". */
  problem: string;
}

export interface ScanResult {
  /** ELF executables and shared libraries examined (hardlinks counted once). */
  elfFiles: number;
  /** Tar entries seen, of every type (of layers: of all of them, whiteouts included). */
  entries: number;
  /**
   * The entrypoint first when it is foreign, then in tar order (of layers, the
   * bottom one's first); at most MAX_FOREIGN_LISTED.
   */
  foreign: ForeignFile[];
  /** How many foreign executables there are in all. */
  foreignCount: number;
  entrypoint?: EntrypointCheck;
  /** The entrypoint first when its loader is the problem, then in tar order; at most MAX_LOADER_LISTED. */
  loaderProblems: LoaderProblem[];
  /** How many executables of the platform have a loader problem in all. */
  loaderProblemCount: number;
  durationMs: number;
}

export interface ScanOptions {
  /** Entrypoint followed by Cmd, as `docker inspect` gives them; empty for no entrypoint check. */
  command: string[];
  /** The image's PATH; the usual Linux default when unset. */
  path?: string;
  /** Directory a relative command path ("bin/app", "./app") is taken from; "/" by default. */
  workdir?: string;
}

export const MAX_FOREIGN_LISTED = 20;
export const MAX_LOADER_LISTED = 20;
/**
 * How far into an ELF file the scan reads to find its loader. The program
 * headers follow the ELF header, and linkers put the path right after them;
 * Go's linker puts it near the end of the first 4 KiB page. A file whose
 * path lies further in is not checked.
 */
export const MAX_INTERP_READ = 64 * 1024;
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Bytes read from the start of each file: an ELF header needs 20, a `#!` line up to 256. */
const HEAD_BYTES = 256;
/** Symlinks followed while resolving one path before giving up (Linux allows 40). */
const MAX_LINK_HOPS = 40;

export const LOADER_HINT =
  'A dynamically linked executable starts through its loader (the PT_INTERP path in its ' +
  'ELF header, such as /lib64/ld-linux-x86-64.so.2 for glibc or /lib/ld-musl-aarch64.so.1 ' +
  'for musl). When the image lacks it, running the file fails with a puzzling "no such file ' +
  'or directory". It usually comes from a glibc binary in a musl (Alpine) image, or a binary ' +
  'copied into scratch or a distroless/static image without its C library. Link it statically ' +
  '(CGO_ENABLED=0 for Go; musl or -static for C and Rust), or base the stage on an image ' +
  'with that C library (for glibc on Alpine: apk add gcompat).';

/** One loader problem, without the platform: "/app/server needs loader /lib64/…, which the image lacks". */
export function loaderMessage(p: LoaderProblem): string {
  return `${p.path} needs loader ${p.loader}, ${p.problem}`;
}

export const FOREIGN_HINT =
  'An executable built for another architecture usually comes from one of two places: ' +
  'a prebuilt binary downloaded or COPY’d for a hard-coded amd64/x86_64 (or arm64/aarch64) ' +
  'instead of choosing it with `ARG TARGETARCH` (or TARGETPLATFORM) in the Dockerfile; or a ' +
  '`FROM --platform=$BUILDPLATFORM` build stage whose output is not cross-compiled for ' +
  'TARGETARCH (for Go, set GOOS=$TARGETOS GOARCH=$TARGETARCH; for Rust or C, use the target ' +
  'triple and cross toolchain) before it is copied into the final stage.';

/** One foreign file, without the platform: "/bin/busybox is an x86-64 executable; …". */
export function foreignMessage(platform: Platform, file: ForeignFile): string {
  const n = normalize(platform);
  const arch = n.variant ? `${n.architecture}/${n.variant}` : n.architecture;
  return (
    `${file.path} is ${article(file.found)} ${file.found} executable; ` +
    `a real ${arch} node would fail with exec format error`
  );
}

/** The same line with its platform: "linux/arm64: /bin/busybox is an x86-64 executable; …". */
export function formatForeign(platform: Platform, file: ForeignFile): string {
  return `${formatPlatform(platform)}: ${foreignMessage(platform, file)}`;
}

function article(word: string): string {
  // "an x86-64", "an AArch64", "an IBM s390x", "an ELF machine …"; "a 32-bit ARM", "a RISC-V".
  return /^[aeiox]/i.test(word) ? 'an' : 'a';
}

/** What is remembered of one path; plain files and directories share one object each. */
type Node =
  | { kind: 'elf'; header: ElfHeader; interp?: string }
  | { kind: 'script'; interpreter: string | undefined }
  | { kind: 'plain' }
  | { kind: 'dir' }
  | { kind: 'symlink'; target: string }
  | { kind: 'hardlink'; target: string };

const PLAIN: Node = { kind: 'plain' };
const DIR: Node = { kind: 'dir' };

/** One layer of an image, opened when the scan reaches it: its uncompressed tar bytes. */
export interface LayerTar {
  /** How errors name it, e.g. "layer 2 of 5 (sha256:ab12…)". */
  name: string;
  open(): Promise<AsyncIterable<Uint8Array>>;
}

export async function scanRootfs(
  tar: NodeJS.ReadableStream | Readable,
  platform: Platform,
  /** May arrive while the tree is read: it is needed only at the end. */
  options: ScanOptions | Promise<ScanOptions>,
): Promise<ScanResult> {
  const began = Date.now();
  // A flattened export has no whiteouts: a ".wh." name there is a file like any other.
  const tree = await readTree(tar, "the image's filesystem", new Map());
  return summarize(tree.nodes, tree.entries, platform, options, began);
}

/**
 * The same scan over an image's layers (bottom first, as its manifest lists
 * them) instead of its flattened filesystem: each layer is laid over the ones
 * below with the whiteouts of the OCI image spec, and the result is what
 * scanRootfs gives for the filesystem they make.
 */
export async function scanLayers(
  layers: LayerTar[],
  platform: Platform,
  /** May arrive while the layers are read: it is needed only at the end. */
  options: ScanOptions | Promise<ScanOptions>,
): Promise<ScanResult> {
  const began = Date.now();
  // One node per kind of ELF file across all layers, as within one.
  const headers = new Map<string, Node>();
  const stack = new LayerStack<Node>();
  await readInOrder(
    layers,
    (layer, signal) => readLayer(layer, headers, signal),
    (record) => stack.add(record),
  );
  // Listed in the order docker export walks the tree, as scanRootfs lists them.
  return summarize(stack.nodes, stack.entries, platform, options, began, walkOrder);
}

/** The order of a tree walk that reads each directory sorted by name, as docker export does. */
export function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < x.length && i < y.length; i++) {
    const [p, q] = [x[i] as string, y[i] as string];
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

async function readLayer(
  layer: LayerTar,
  headers: Map<string, Node>,
  signal: AbortSignal,
): Promise<LayerRecord<Node>> {
  let input: AsyncIterable<Uint8Array>;
  try {
    input = await layer.open();
  } catch (err) {
    throw new Error(`could not read ${layer.name} as a tar stream: ${message(err)}`, {
      cause: err,
    });
  }
  const found = new Whiteouts();
  const tree = await readTree(input, layer.name, headers, (path) => found.take(path), signal);
  return { ...tree, whiteouts: found.whiteouts, opaque: found.opaque };
}

/**
 * Reads one tar stream into its paths (Map order is tar order), keeping of
 * each file only the node its first bytes make. `headers` is shared by all
 * the streams of one image. `aside` takes the entries that are no path of
 * the tree (whiteouts), returning true for those. `what` names the stream in
 * errors.
 */
async function readTree(
  input: AsyncIterable<Uint8Array | string>,
  what: string,
  headers: Map<string, Node>,
  aside?: (path: string) => boolean,
  signal?: AbortSignal,
): Promise<{ nodes: Map<string, Node>; entries: number }> {
  const nodes = new Map<string, Node>();
  let entries = 0;
  let file: { path: string; start: StartReader } | undefined;
  const reader = new TarReader({
    entry(e) {
      entries++;
      const path = absolute(e.name);
      file = undefined;
      if (aside?.(path)) return;
      if (e.type === 'file') file = { path, start: new StartReader() };
      else if (e.type === 'directory') nodes.set(path, DIR);
      else if (e.type === 'symlink') nodes.set(path, { kind: 'symlink', target: e.linkname });
      else if (e.type === 'link')
        nodes.set(path, { kind: 'hardlink', target: absolute(e.linkname) });
      else nodes.set(path, PLAIN);
    },
    data: (bytes) => file?.start.push(bytes) ?? false,
    end() {
      if (file) nodes.set(file.path, fileNode(file.start.result(), headers));
      file = undefined;
    },
  });

  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  // A stop asked for while a chunk is awaited must not wait for that chunk.
  const release = (): void => releaseInput(input, chunks);
  signal?.addEventListener('abort', release, { once: true });
  try {
    signal?.throwIfAborted();
    chunks = input[Symbol.asyncIterator]();
    // Read to the end even past the end-of-archive marker: docker export must
    // not see a closed pipe, nor a decompressor upstream an unread tail.
    for (;;) {
      const next = await chunks.next();
      signal?.throwIfAborted();
      if (next.done) break;
      if (typeof next.value === 'string') {
        throw new Error('the tar stream was decoded as text; it must be read as bytes');
      }
      reader.write(next.value);
    }
    if (reader.midEntry)
      throw new Error('Unexpected end of data: the stream stops inside an entry');
  } catch (err) {
    release();
    throw new Error(`could not read ${what} as a tar stream: ${message(err)}`, { cause: err });
  } finally {
    signal?.removeEventListener('abort', release);
  }
  if (!reader.ended) {
    throw new Error(
      `could not read ${what} as a tar stream: it ended before the end-of-archive marker (truncated or empty)`,
    );
  }
  return { nodes, entries };
}

/** The node of a file, from its first bytes. */
function fileNode(
  { head, interp }: { head: Uint8Array; interp?: string },
  headers: Map<string, Node>,
): Node {
  const elf = readElfHeader(head);
  if (elf) {
    // Files share a handful of (header, loader) pairs: one node each.
    const key = `${elf.bits}/${elf.endian}/${elf.type}/${elf.machine}/${interp ?? ''}`;
    let node = headers.get(key);
    if (!node) {
      node =
        interp === undefined ? { kind: 'elf', header: elf } : { kind: 'elf', header: elf, interp };
      headers.set(key, node);
    }
    return node;
  }
  if (head[0] === 0x23 && head[1] === 0x21) {
    return { kind: 'script', interpreter: shebangInterpreter(head) };
  }
  return PLAIN;
}

/**
 * The result for the final tree. ELF files are counted here, not as they are
 * read: a path an upper layer replaces or deletes must not count, and a
 * hardlink is no 'elf' node, so linked copies count once.
 */
async function summarize(
  nodes: Map<string, Node>,
  entries: number,
  platform: Platform,
  options: ScanOptions | Promise<ScanOptions>,
  began: number,
  /** Lists in this order of paths instead of the map's; everything is kept until it is sorted. */
  order?: (a: string, b: string) => number,
): Promise<ScanResult> {
  let foreignSeen: ForeignFile[] = [];
  let foreignCount = 0;
  let elfFiles = 0;
  for (const [path, node] of nodes) {
    if (node.kind !== 'elf' || !isExecutableType(node.header)) continue;
    elfFiles++;
    if (runsOn(node.header, platform) === false) {
      foreignCount++;
      if (order || foreignSeen.length <= MAX_FOREIGN_LISTED) {
        foreignSeen.push({ path, found: describeElf(node.header) });
      }
    }
  }
  if (order) foreignSeen = foreignSeen.sort((a, b) => order(a.path, b.path));

  const opts = await options;
  const fs = new Tree(nodes);
  const entrypoint =
    opts.command.length > 0 && opts.command[0]
      ? checkEntrypoint(fs, platform, opts.command[0], opts.path ?? DEFAULT_PATH, opts.workdir)
      : undefined;

  let foreign = foreignSeen;
  if (entrypoint && !entrypoint.ok && entrypoint.resolved && entrypoint.found) {
    const first = { path: entrypoint.resolved, found: entrypoint.found };
    foreign = [first, ...foreignSeen.filter((f) => f.path !== first.path)];
  }
  const loaders = checkLoaders(fs, nodes, platform, entrypoint?.resolved, order);
  return {
    elfFiles,
    entries,
    foreign: foreign.slice(0, MAX_FOREIGN_LISTED),
    foreignCount,
    ...(entrypoint ? { entrypoint } : {}),
    loaderProblems: loaders.listed,
    loaderProblemCount: loaders.count,
    durationMs: Date.now() - began,
  };
}

/**
 * Checks the loader of every dynamically linked executable that runs on the
 * platform (a foreign one is reported as foreign already): it must be in the
 * image, after symlinks, and be an ELF file for the same machine, class and
 * byte order as the program. Each (loader, program target) is looked up once.
 */
function checkLoaders(
  fs: Tree,
  nodes: Map<string, Node>,
  platform: Platform,
  entrypoint: string | undefined,
  order?: (a: string, b: string) => number,
): { listed: LoaderProblem[]; count: number } {
  const verdicts = new Map<Node, string | undefined>();
  const listed: LoaderProblem[] = [];
  let count = 0;
  let first: LoaderProblem | undefined;
  for (const [path, node] of nodes) {
    if (node.kind !== 'elf' || node.interp === undefined) continue;
    if (!isExecutableType(node.header) || runsOn(node.header, platform) === false) continue;
    if (!verdicts.has(node)) verdicts.set(node, loaderProblem(fs, node.interp, node.header));
    const problem = verdicts.get(node);
    if (problem === undefined) continue;
    count++;
    const found = { path, loader: node.interp, problem };
    if (path === entrypoint) first = found;
    else if (order || listed.length < MAX_LOADER_LISTED) listed.push(found);
  }
  if (order) listed.sort((a, b) => order(a.path, b.path));
  if (first) listed.unshift(first);
  return { listed: listed.slice(0, MAX_LOADER_LISTED), count };
}

/** What keeps `loader` from loading a program built for `program`; undefined when nothing does. */
function loaderProblem(fs: Tree, loader: string, program: ElfHeader): string | undefined {
  // The kernel opens a relative PT_INTERP from the process's working directory,
  // which the scan does not know; linkers never write one.
  if (!loader.startsWith('/')) return undefined;
  const found = fs.lookup(loader);
  if (!found.ok) {
    if (found.reason === 'is not in the image') return 'which the image lacks';
    if (found.reason.startsWith('leads to ')) {
      return `which the image lacks (${loader} ${found.reason})`;
    }
    return `which cannot be found (${loader} ${found.reason})`;
  }
  const node = found.node;
  const at = found.path === absolute(loader) ? '' : ` (${loader} leads to ${found.path})`;
  if (node.kind === 'dir') return `which is a directory${at}`;
  if (node.kind !== 'elf') return `which is not an ELF file${at}`;
  if (!sameTarget(node.header, program)) {
    const built = describeElf(node.header);
    return `which is ${article(built)} ${built} file, not ${describeElf(program)} like the program${at}`;
  }
  return undefined;
}

/** Stops an input left unread: a Node stream is destroyed, any other iterator returned. */
function releaseInput(input: object, chunks: AsyncIterator<unknown> | undefined): void {
  const destroy = (input as { destroy?: () => void }).destroy;
  if (typeof destroy === 'function') destroy.call(input);
  // An iterator's return may throw or reject, once its input has failed: nothing to do then.
  Promise.resolve()
    .then(() => chunks?.return?.())
    .catch(() => undefined);
}

/**
 * Keeps the first HEAD_BYTES of a file and, for an ELF executable, the bytes
 * up to the end of its program headers and of the PT_INTERP path, never more
 * than MAX_INTERP_READ. The rest of the file is never copied.
 */
class StartReader {
  private buf = new Uint8Array(HEAD_BYTES);
  private filled = 0;
  private want = HEAD_BYTES;

  /** Takes the file's next bytes; false once it has all it needs. */
  push(chunk: Uint8Array): boolean {
    let at = 0;
    while (at < chunk.length) {
      const take = Math.min(this.want - this.filled, chunk.length - at);
      if (this.filled + take > this.buf.length) {
        const bigger = new Uint8Array(this.want);
        bigger.set(this.buf.subarray(0, this.filled));
        this.buf = bigger;
      }
      this.buf.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.want) {
        const more = bytesForLoader(this.buf.subarray(0, this.filled));
        if (more <= this.want) return false;
        this.want = more;
      }
    }
    return true;
  }

  result(): { head: Uint8Array; interp?: string } {
    const start = this.buf.subarray(0, this.filled);
    const read = readElfHeader(start) ? readInterpreter(start) : undefined;
    return {
      head: start.subarray(0, Math.min(this.filled, HEAD_BYTES)),
      ...(read?.kind === 'path' ? { interp: read.path } : {}),
    };
  }
}

/** How many bytes from the start the loader of an ELF executable needs; `start.length` when no more. */
function bytesForLoader(start: Uint8Array): number {
  const elf = readElfHeader(start);
  if (!elf || !isExecutableType(elf)) return start.length;
  const read = readInterpreter(start);
  return read.kind === 'need' && read.bytes <= MAX_INTERP_READ ? read.bytes : start.length;
}

/**
 * The interpreter of a `#!` line, as the kernel splits it (the first word after
 * "#!", ended by a space, tab or newline). Undefined when the line is longer
 * than what was read.
 */
function shebangInterpreter(head: Uint8Array): string | undefined {
  let i = 2;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09)) i++;
  const start = i;
  while (
    i < head.length &&
    head[i] !== 0x20 &&
    head[i] !== 0x09 &&
    head[i] !== 0x0a &&
    head[i] !== 0
  ) {
    i++;
  }
  if (i === head.length && head.length >= HEAD_BYTES) return undefined;
  return new TextDecoder().decode(head.subarray(start, i));
}

/**
 * A tar name as an absolute path: "./usr/bin/", "usr/bin" and "/usr/bin" all
 * become "/usr/bin". ".." is applied by name, never above the root.
 */
function absolute(name: string): string {
  const out: string[] = [];
  for (const part of names(name)) {
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

type Lookup =
  | { ok: true; path: string; node: Exclude<Node, { kind: 'symlink' } | { kind: 'hardlink' }> }
  | { ok: false; path: string; reason: string };

/** The image's tree as recorded from the tar, with symlinks and hardlinks followed. */
class Tree {
  constructor(private readonly nodes: Map<string, Node>) {}

  /**
   * Resolves every symlink along the path (directories too, like /bin -> usr/bin),
   * then hardlinks, to the entry that holds the file's contents.
   */
  lookup(path: string, depth = 0): Lookup {
    // ".." is applied as the walk goes, after the links before it are
    // followed, as the kernel does: with /bin -> usr/bin, /bin/../lib is /usr/lib.
    let pending = names(path);
    let done: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const [name, ...rest] = pending as [string, ...string[]];
      pending = rest;
      if (name === '..') {
        done.pop();
        continue;
      }
      const node = this.nodes.get('/' + [...done, name].join('/'));
      if (node?.kind === 'symlink') {
        if (++hops > MAX_LINK_HOPS) {
          return { ok: false, path, reason: 'has too many levels of symbolic links' };
        }
        // A relative target is taken from the link's own directory.
        if (node.target.startsWith('/')) done = [];
        pending = [...names(node.target), ...pending];
        continue;
      }
      done.push(name);
    }
    let resolved = '/' + done.join('/');
    let node = this.nodes.get(resolved);
    // Tar writers point a hardlink at the first copy of the file, a regular
    // entry; follow a few steps anyway for archives that chain them.
    for (let i = 0; node?.kind === 'hardlink' && i < MAX_LINK_HOPS; i++) {
      resolved = node.target;
      node = this.nodes.get(resolved);
    }
    if (node?.kind === 'symlink' && depth < 2) return this.lookup(resolved, depth + 1);
    if (node === undefined) {
      const reason =
        resolved === absolute(path)
          ? 'is not in the image'
          : `leads to ${resolved}, which is not in the image`;
      return { ok: false, path: resolved, reason };
    }
    if (node.kind === 'symlink' || node.kind === 'hardlink') {
      return { ok: false, path: resolved, reason: `leads to ${resolved}, a link too many` };
    }
    return { ok: true, path: resolved, node };
  }
}

/** The names of a path, without empty ones and "."; ".." is kept. */
function names(path: string): string[] {
  return path.split('/').filter((n) => n !== '' && n !== '.');
}

function checkEntrypoint(
  fs: Tree,
  platform: Platform,
  command: string,
  pathEnv: string,
  workdir = '/',
): EntrypointCheck {
  // Docker looks a command without a slash up on the image's PATH; a relative
  // one with a slash is taken from the working directory.
  let path: string;
  let found: Lookup | undefined;
  if (command.includes('/')) {
    // Keep "..": it is resolved after any symlink before it.
    path = '/' + names(command.startsWith('/') ? command : `${workdir}/${command}`).join('/');
    found = fs.lookup(path);
  } else {
    path = command;
    for (const dir of pathEnv.split(':')) {
      if (!dir.startsWith('/')) continue;
      const candidate = `${dir.replace(/\/+$/, '')}/${command}`;
      const hit = fs.lookup(candidate);
      if (hit.ok && hit.node.kind !== 'dir') {
        path = candidate;
        found = hit;
        break;
      }
    }
  }
  if (!found) {
    return {
      path,
      ok: true,
      note: `the entrypoint ${command} is not on the image's PATH (${pathEnv})`,
    };
  }
  if (!found.ok) return { path, ok: true, note: `the entrypoint ${path} ${found.reason}` };

  let target = found;
  if (target.node.kind === 'script') {
    const interpreter = target.node.interpreter;
    if (interpreter === undefined) {
      return {
        path,
        resolved: target.path,
        ok: true,
        note: `the #! line of ${target.path} is too long to read`,
      };
    }
    if (!interpreter.startsWith('/')) {
      return {
        path,
        resolved: target.path,
        ok: true,
        note: `the #! line of ${target.path} names "${interpreter}", not an absolute path`,
      };
    }
    const interp = fs.lookup(interpreter);
    if (!interp.ok) {
      return {
        path,
        resolved: target.path,
        ok: true,
        note: `the interpreter of ${target.path}, ${interpreter}, ${interp.reason}`,
      };
    }
    if (interp.node.kind === 'script') {
      return {
        path,
        resolved: interp.path,
        ok: true,
        note: `the interpreter of ${target.path}, ${interp.path}, is itself a script; not followed further`,
      };
    }
    target = interp;
  }

  const node = target.node;
  if (node.kind === 'dir')
    return {
      path,
      resolved: target.path,
      ok: true,
      note: `the entrypoint ${target.path} is a directory`,
    };
  if (node.kind !== 'elf') {
    return {
      path,
      resolved: target.path,
      ok: true,
      note: `${target.path} is neither an ELF executable nor a #! script`,
    };
  }
  if (!isExecutableType(node.header)) {
    return {
      path,
      resolved: target.path,
      ok: true,
      note: `${target.path} is an ELF file but not an executable (e_type ${node.header.type})`,
    };
  }
  const runs = runsOn(node.header, platform);
  const result: EntrypointCheck = {
    path,
    resolved: target.path,
    found: describeElf(node.header),
    ok: runs !== false,
  };
  if (runs === undefined && !expectedFor(platform)) {
    result.note = `no architecture check for ${formatPlatform(platform)}`;
  }
  return result;
}

function message(err: unknown): string {
  return errorMessage(err);
}
