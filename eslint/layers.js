/**
 * Imports run one way: entry points → actions → engine → readiness | verify →
 * docker → pure OCI data. readiness and verify share a rank and do not import
 * each other. Runner glue (inputs, state, temp, summary) sits beside them:
 * every layer but oci may use it, and it uses only oci. No action imports
 * another action; what they share lives in actions/shared. Only the runner
 * glue, the actions and the entry points import @actions/*: the layers below
 * are handed what they need.
 *
 * Tests follow the same direction: a test under test/unit/<layer>/ reaches src
 * (directly or through test helpers) only in its own layer, lower ones and the
 * runner glue. A test under actions/shared may hold every action to what they
 * share.
 *
 * And no import leads back to where it started (`no-cycle`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Lower rank = higher layer. Runner glue is handled apart.
const RANK = { entry: 0, actions: 1, engine: 2, readiness: 3, verify: 3, docker: 4, oci: 5 };
const ARROW = 'entry → actions → engine → readiness | verify → docker → oci';

/** The layers that talk to the runner, and so may import @actions/*. */
const RUNNER_FACING = new Set(['entry', 'actions', 'runner']);

/** Folders of test/unit that test tooling outside src, and so import none of it. */
const TOOLING_TESTS = new Set(['lint']);

/** The layer of a folder's path parts, below src/ or test/unit/ (which mirrors it). */
function layerOfParts(rel) {
  if (rel.length === 1 || rel[0] === 'cli') return { layer: 'entry' };
  if (rel[0] === 'actions') return { layer: 'actions', action: rel[1] };
  if (rel[0] === 'runner') return { layer: 'runner' };
  return rel[0] in RANK ? { layer: rel[0] } : { layer: 'unknown' };
}

/** The part of `file` below `dir`, or undefined when it is not below it. */
function below(dir, file) {
  const rel = path.relative(path.join(ROOT, dir), path.resolve(ROOT, file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep);
}

/**
 * The layer of a file under src/ or test/unit/, and for actions the action's
 * folder; `test` is set for a test file. Undefined for any other file.
 */
export function layerOf(file) {
  const src = below('src', file);
  if (src) return layerOfParts(src);
  const test = below('test/unit', file);
  if (!test) return undefined;
  if (test.length > 1 && TOOLING_TESTS.has(test[0])) return { layer: 'tooling', test: true };
  return { ...layerOfParts(test), test: true };
}

/** Why an import from `from` to `to` (a file under src/) runs against the direction; undefined when it is fine. */
export function violation(from, to) {
  if (!from || !to) return undefined;
  if (from.layer === 'unknown')
    return 'this folder is not a known layer; add it to eslint/layers.js';
  if (from.layer === 'tooling') return 'a test of the tooling imports nothing from src';
  if (to.layer === 'unknown') return 'the imported folder is not a known layer';
  if (to.layer === 'runner') {
    // A test of any layer may use the runner glue (to read inputs, say).
    return from.layer === 'oci' && !from.test
      ? 'oci is pure data and imports nothing but oci'
      : undefined;
  }
  if (from.layer === 'runner') {
    return to.layer === 'oci' ? undefined : `runner glue may import only oci, not ${to.layer}`;
  }
  const a = RANK[from.layer];
  const b = RANK[to.layer];
  if (b < a) return `${from.layer} may not import from ${to.layer}, a higher layer (${ARROW})`;
  if (a === b && from.layer !== to.layer) {
    return `${from.layer} and ${to.layer} share a rank and may not import each other; move what both need lower`;
  }
  if (
    from.layer === 'actions' &&
    to.layer === 'actions' &&
    from.action !== to.action &&
    to.action !== 'shared'
  ) {
    // A test of what the actions share may hold every action to it.
    if (from.test && from.action === 'shared') return undefined;
    return `the ${from.action} action may not import the ${to.action} action; move what they share to actions/shared`;
  }
  return undefined;
}

/** Why `from` may not import the package `name`; undefined when it may. Only src is held to it. */
export function packageViolation(from, name) {
  if (!from || from.test || !name.startsWith('@actions/')) return undefined;
  if (RUNNER_FACING.has(from.layer)) return undefined;
  return `${from.layer} may not import @actions/*: only the runner glue, the actions and the entry points talk to the runner; pass what is needed in`;
}

/** The file a relative import names (TypeScript's bundler resolution), or undefined. */
export function resolveImport(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [
    base,
    `${base}.ts`,
    base.replace(/\.js$/, '.ts'),
    path.join(base, 'index.ts'),
  ];
  return candidates.find((f) => f.endsWith('.ts') && isFile(f));
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// A file's relative imports, read again only when the file changed.
const importCache = new Map();

/** The files `file` imports by relative path (types, re-exports and import() included). */
export function importsOf(file) {
  const mtime = fs.statSync(file).mtimeMs;
  const cached = importCache.get(file);
  if (cached && cached.mtime === mtime) return cached.imports;
  const text = fs.readFileSync(file, 'utf8');
  const imports = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolveImport(file, spec))
    .filter((f) => f !== undefined);
  importCache.set(file, { mtime, imports });
  return imports;
}

/** The src files a test helper brings in, through any helpers it imports in turn. */
function srcReachedBy(helper) {
  const reached = new Set();
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const f of importsOf(file)) {
      if (below('src', f)) reached.add(f);
      else if (below('test', f)) visit(f);
    }
  };
  visit(helper);
  return [...reached];
}

function tsFilesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

/** The import graph of the .ts files under `dir`: file → the files under `dir` it imports. */
export function importGraph(dir) {
  const files = tsFilesUnder(dir);
  const inside = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f).filter((t) => inside.has(t))]));
}

/** The strongly connected components of `graph` that are cycles (Tarjan), each a set of files. */
export function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set();
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.add(w);
    } while (w !== v);
    if (component.size > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

/** The shortest path of imports from `start` to `goal` within `component`, both ends included. */
export function pathWithin(graph, component, start, goal) {
  if (start === goal) return [start];
  const before = new Map([[start, start]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w) || before.has(w)) continue;
      before.set(w, v);
      if (w === goal) {
        const route = [goal];
        for (let u = goal; u !== start; u = before.get(u)) route.push(before.get(u));
        return route.reverse();
      }
      queue.push(w);
    }
  }
  return [start, goal];
}

const srcDir = path.join(ROOT, 'src');

/** Runs `check(node, spec)` for every module specifier of the file being linted. */
function eachImport(check) {
  return {
    ImportDeclaration: (node) => check(node, node.source.value),
    ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
    ExportAllDeclaration: (node) => check(node, node.source.value),
    ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    TSImportType: (node) => {
      const literal = node.argument?.literal ?? node.parameter?.literal;
      if (literal) check(node, literal.value);
    },
    // A module vitest mocks is a module the test reaches.
    CallExpression: (node) => {
      const { callee } = node;
      const [first] = node.arguments;
      if (
        callee.type === 'MemberExpression' &&
        callee.object.type === 'Identifier' &&
        callee.object.name === 'vi' &&
        first?.type === 'Literal'
      )
        check(node, first.value);
    },
  };
}

export default {
  rules: {
    direction: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = context.filename;
        const from = layerOf(file);
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          if (!spec.startsWith('.')) {
            const why = packageViolation(from, spec);
            if (why) context.report({ node, message: `Import "${spec}": ${why}.` });
            return;
          }
          const target = path.resolve(path.dirname(file), spec);
          let why = below('src', target) ? violation(from, layerOf(target)) : undefined;
          if (!why && from?.test && below('test', target)) {
            const helper = resolveImport(file, spec);
            for (const f of helper ? srcReachedBy(helper) : []) {
              const through = violation(from, layerOf(f));
              if (through) {
                why = `this helper reaches ${path.relative(ROOT, f)}, and ${through}`;
                break;
              }
            }
          }
          if (why) context.report({ node, message: `Import "${spec}": ${why}.` });
        };
        return eachImport(check);
      },
    },
    'no-cycle': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = path.resolve(context.filename);
        if (!below('src', file)) return {};
        const graph = importGraph(srcDir);
        const component = cycles(graph).find((c) => c.has(file));
        if (!component) return {};
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = resolveImport(file, spec);
          if (!target || !component.has(target)) return;
          const route = pathWithin(graph, component, target, file);
          const shown = [file, ...route].map((f) => path.relative(srcDir, f)).join(' → ');
          context.report({
            node,
            message: `Import "${spec}" closes a cycle: ${shown}. Import one way only; move what both need into a file of its own.`,
          });
        };
        return eachImport(check);
      },
    },
  },
};
