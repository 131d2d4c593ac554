/**
 * Imports run one way: entry points → actions → build engine → verification
 * → docker → pure OCI data. Runner glue (inputs, state, temp, summary) sits
 * beside them: every layer but oci may use it, and it uses only oci. No action
 * imports another action; what they share lives in actions/shared.
 */
import path from 'node:path';

// Lower index = higher layer. Runner is handled apart.
const ORDER = ['entry', 'actions', 'engine', 'verify', 'docker', 'oci'];

/** The layer of a file under src/, and for actions the action's folder. */
export function layerOf(file) {
  const rel = path.relative(path.resolve('src'), path.resolve(file)).split(path.sep);
  if (rel[0] === '..' || rel.length === 0) return undefined;
  if (rel.length === 1 || rel[0] === 'cli') return { layer: 'entry' };
  if (rel[0] === 'actions') return { layer: 'actions', action: rel[1] };
  if (rel[0] === 'runner') return { layer: 'runner' };
  return ORDER.includes(rel[0]) ? { layer: rel[0] } : { layer: 'unknown' };
}

/** Why an import from `from` to `to` runs against the direction; undefined when it is fine. */
export function violation(from, to) {
  if (!from || !to) return undefined;
  if (from.layer === 'unknown')
    return 'this folder is not a known layer; add it to eslint/layers.js';
  if (to.layer === 'unknown') return 'the imported folder is not a known layer';
  if (to.layer === 'runner') {
    return from.layer === 'oci' ? 'oci is pure data and imports nothing but oci' : undefined;
  }
  if (from.layer === 'runner') {
    return to.layer === 'oci' ? undefined : `runner glue may import only oci, not ${to.layer}`;
  }
  const a = ORDER.indexOf(from.layer);
  const b = ORDER.indexOf(to.layer);
  if (b < a)
    return `${from.layer} may not import from ${to.layer}, a higher layer (${ORDER.join(' → ')})`;
  if (
    from.layer === 'actions' &&
    to.layer === 'actions' &&
    from.action !== to.action &&
    to.action !== 'shared'
  ) {
    return `the ${from.action} action may not import the ${to.action} action; move what they share to actions/shared`;
  }
  return undefined;
}

export default {
  rules: {
    direction: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = context.filename ?? context.getFilename();
        const from = layerOf(file);
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const why = violation(from, layerOf(path.resolve(path.dirname(file), spec)));
          if (why) context.report({ node, message: `Import "${spec}": ${why}.` });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) =>
            node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
