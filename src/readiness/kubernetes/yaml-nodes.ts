/**
 * Reading YAML nodes rather than plain values, because a finding must point at
 * a line: lookups that follow aliases and `<<` merge keys the way Kubernetes
 * tooling reads them, and keep each node's position. Pure.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/** A parsed document with what turns its offsets into line numbers. */
export interface YamlSource {
  doc: Document.Parsed;
  lines: LineCounter;
}

const isMergeKey = (key: unknown): boolean =>
  isScalar(key) &&
  (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'));

/** Follows an alias to the node it names; other values pass through. */
export function deref(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The pair for `key` in a mapping, honouring `<<` merge keys (explicit keys win). */
export function findPair(
  map: unknown,
  key: string,
  doc: Document.Parsed,
  depth = 0,
): Pair | undefined {
  const node = deref(map, doc);
  if (!isMap(node) || depth > 20) return undefined;
  const items = (node as YAMLMap).items as Pair[];
  const own = items.find((pair) => isScalar(pair.key) && pair.key.value === key);
  if (own) return own;
  for (const pair of items) {
    if (!isMergeKey(pair.key)) continue;
    const source = deref(pair.value, doc);
    const sources = isSeq(source) ? source.items : [source];
    for (const merged of sources) {
      const found = findPair(merged, key, doc, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The node at a path of mapping keys, aliases resolved. */
export function nodeAt(root: unknown, path: readonly string[], doc: Document.Parsed): unknown {
  let node = deref(root, doc);
  for (const key of path) {
    node = deref(findPair(node, key, doc)?.value, doc);
    if (node === undefined) return undefined;
  }
  return node;
}

export function scalarText(node: unknown, doc: Document.Parsed): string | undefined {
  const value = deref(node, doc);
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  return typeof value.value === 'object' ? undefined : String(value.value);
}

export function lineOf(node: unknown, ctx: YamlSource): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? ctx.lines.linePos(range[0]).line : undefined;
}

export function seqItems(node: unknown, doc: Document.Parsed): unknown[] {
  const value = deref(node, doc);
  return isSeq(value) ? value.items.map((item) => deref(item, doc)) : [];
}
