/**
 * An image's filesystem put together from its layers, as a registry or an OCI
 * layout holds them, with the whiteouts of the image spec (layer.md): each
 * layer is laid over the ones below it, and what it deletes is deleted from
 * those only. Pure bookkeeping over paths: the reading of each layer's tar
 * is scan.ts's.
 */

/** Layers read at the same time: their downloads overlap, and memory holds a few layers' paths at most. */
export const LAYERS_READ_AT_ONCE = 2;

const WHITEOUT = '.wh.';
/** The name, after WHITEOUT, of the entry that makes its directory opaque. */
const OPAQUE = '.wh..opq';

/** What one layer's tar holds, and what it deletes from the layers below it. */
export interface LayerRecord<N> {
  /** Its paths, in tar order, whiteouts left out. */
  nodes: Map<string, N>;
  /** Paths deleted, with all under them, from the layers below. */
  whiteouts: Set<string>;
  /** Directories whose contents in the layers below are deleted; the directories stay. */
  opaque: Set<string>;
  /** Tar entries read, whiteouts included. */
  entries: number;
}

/** The whiteouts of one layer, gathered as its entries are read. */
export class Whiteouts {
  readonly whiteouts = new Set<string>();
  readonly opaque = new Set<string>();

  /**
   * Takes an entry's absolute path when it is a whiteout, which names a path
   * of the layers below rather than a file of this one: true then.
   */
  take(path: string): boolean {
    const slash = path.lastIndexOf('/');
    if (!path.startsWith(WHITEOUT, slash + 1)) return false;
    const dir = path.slice(0, slash);
    const name = path.slice(slash + 1 + WHITEOUT.length);
    if (name === OPAQUE) this.opaque.add(dir || '/');
    // Other ".wh..wh." names are the spec's reserved ones (AUFS's hardlink
    // directory): no path of the image. "." and ".." would name a parent.
    else if (!name.startsWith(WHITEOUT) && name !== '' && name !== '.' && name !== '..') {
      this.whiteouts.add(`${dir}/${name}`);
    }
    return true;
  }
}

/** The layers read so far, laid over each other: the filesystem a container of them would see. */
export class LayerStack<N extends { kind: string }> {
  /** Bottom layer's paths first; a path an upper layer replaces keeps its place. */
  readonly nodes = new Map<string, N>();
  entries = 0;
  /**
   * Every directory that has held a path, whether or not it has an entry of
   * its own (tars may leave parents out): a non-directory laid there hides
   * what is under it. Never shrunk: a stale one costs one needless pass.
   */
  private readonly parents = new Set<string>();

  /** Lays the next layer up over the stack. */
  add(layer: LayerRecord<N>): void {
    this.entries += layer.entries;
    const hiddenBelow = new Set(layer.opaque);
    for (const [path, node] of layer.nodes) {
      if (node.kind !== 'dir' && this.parents.has(path)) hiddenBelow.add(path);
      this.nodes.set(path, node);
      this.addParents(path);
    }
    if (layer.whiteouts.size === 0 && hiddenBelow.size === 0) return;
    // One pass for all of the layer's deletions. The layer's own paths are in
    // the stack already and are spared: a deletion reaches only lower layers,
    // wherever the whiteout stands in the tar.
    for (const path of this.nodes.keys()) {
      if (!layer.nodes.has(path) && hidden(path, layer.whiteouts, hiddenBelow)) {
        this.nodes.delete(path);
      }
    }
  }

  private addParents(path: string): void {
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
      const dir = path.slice(0, end);
      // Its parents were added with it.
      if (this.parents.has(dir)) return;
      this.parents.add(dir);
    }
  }
}

/** Whether `path` is `gone` or lies under one, or lies under one of `below`. */
function hidden(path: string, gone: Set<string>, below: Set<string>): boolean {
  if (gone.has(path)) return true;
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    const dir = path.slice(0, end);
    if (gone.has(dir) || below.has(dir)) return true;
  }
  return path !== '/' && below.has('/');
}

/**
 * Reads `items` at most LAYERS_READ_AT_ONCE at a time and hands each result
 * to `use` in the items' order, whatever order they finish in. The first
 * failure is thrown at once: the reads under way are told to stop through
 * the signal, and no other read starts.
 */
export async function readInOrder<T, R>(
  items: readonly T[],
  read: (item: T, signal: AbortSignal) => Promise<R>,
  use: (result: R) => void,
): Promise<void> {
  const stop = new AbortController();
  const finished = new Map<number, R>();
  let next = 0;
  let used = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop.signal.aborted) {
      const index = next++;
      const result = await read(items[index] as T, stop.signal);
      if (stop.signal.aborted) return;
      finished.set(index, result);
      while (finished.has(used)) {
        const ready = finished.get(used) as R;
        finished.delete(used++);
        use(ready);
      }
    }
  };
  const workers = Array.from({ length: Math.min(LAYERS_READ_AT_ONCE, items.length) }, () =>
    worker().catch((err: unknown) => {
      stop.abort(err);
      throw err;
    }),
  );
  await Promise.all(workers);
}
