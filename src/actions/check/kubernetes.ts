// Reads Kubernetes manifests and works out, per workload, which images it runs and which CPU
// architectures its pods may be scheduled on. Pure: no I/O, no logging.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

export const WORKLOAD_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'ReplicationController',
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Node label keys that carry the CPU architecture (the second one is deprecated). */
export const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'] as const;

/** Where each workload kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
};

export interface ContainerImage {
  /** Container name ('' when the manifest leaves it out). */
  container: string;
  /** True for an entry of `initContainers`. */
  init: boolean;
  /** The image reference exactly as written (not normalised). */
  image: string;
  /** 1-based line of the image value in the file. */
  line: number;
}

export interface ArchConstraint {
  /** Architectures the pod may be scheduled on, a subset of the cluster's, in the cluster list's order. */
  allowed: string[];
  /** Where the constraint came from. */
  source: 'none' | 'nodeSelector' | 'nodeAffinity' | 'nodeSelector+nodeAffinity';
  /** Line of the nodeSelector / affinity key that constrains, when constrained. */
  line?: number;
}

export interface Workload {
  file: string;
  /** 1-based line of the resource's `kind:` key. */
  line: number;
  kind: string;
  name: string;
  namespace?: string;
  images: ContainerImage[];
  arch: ArchConstraint;
}

export interface ManifestProblem {
  file: string;
  line: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Architecture constraints over plain (already parsed) data

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const isArchKey = (key: unknown): boolean =>
  typeof key === 'string' && (ARCH_LABELS as readonly string[]).includes(key);

const labelValue = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value);

/** What one node selector requirement on the arch label leaves of `allowed`. */
function applyRequirement(allowed: string[], requirement: Plain): string[] {
  const values = asArray(requirement.values).map(labelValue);
  switch (requirement.operator) {
    case 'In':
      return allowed.filter((arch) => values.includes(arch));
    case 'NotIn':
      return allowed.filter((arch) => !values.includes(arch));
    case 'Exists':
      return allowed;
    // Every node carries an arch label, so "label absent" matches no node. Gt and Lt need an
    // integer label value, which an architecture name never is; an unknown operator makes the
    // scheduler reject the term. All three leave nothing.
    default:
      return [];
  }
}

/** A term matches no node when it has neither expressions nor fields (Kubernetes API rule). */
function termAllowed(term: unknown, cluster: string[]): string[] {
  if (!isPlainObject(term)) return [];
  const expressions = asArray(term.matchExpressions);
  if (expressions.length === 0 && asArray(term.matchFields).length === 0) return [];
  let allowed = cluster;
  for (const expression of expressions) {
    if (isPlainObject(expression) && isArchKey(expression.key)) {
      allowed = applyRequirement(allowed, expression);
    }
  }
  return allowed;
}

function requiredTerms(podSpec: Plain): unknown[] | undefined {
  const affinity = podSpec.affinity;
  if (!isPlainObject(affinity) || !isPlainObject(affinity.nodeAffinity)) return undefined;
  const required = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isPlainObject(required)) return undefined;
  return asArray(required.nodeSelectorTerms);
}

interface ArchEvaluation {
  allowed: string[];
  /** nodeSelector alone narrows the cluster list. */
  bySelector: boolean;
  /** Required node affinity alone narrows the cluster list. */
  byAffinity: boolean;
}

function evaluate(podSpec: unknown, clusterArchitectures: string[]): ArchEvaluation {
  const cluster = [...new Set(clusterArchitectures)];
  if (!isPlainObject(podSpec)) return { allowed: cluster, bySelector: false, byAffinity: false };

  let fromSelector = cluster;
  if (isPlainObject(podSpec.nodeSelector)) {
    for (const [key, value] of Object.entries(podSpec.nodeSelector)) {
      if (isArchKey(key)) fromSelector = fromSelector.filter((arch) => arch === labelValue(value));
    }
  }

  let fromAffinity = cluster;
  const terms = requiredTerms(podSpec);
  if (terms) {
    const union = new Set(terms.flatMap((term) => termAllowed(term, cluster)));
    fromAffinity = cluster.filter((arch) => union.has(arch));
  }

  return {
    allowed: fromSelector.filter((arch) => fromAffinity.includes(arch)),
    bySelector: fromSelector.length < cluster.length,
    byAffinity: fromAffinity.length < cluster.length,
  };
}

function sourceOf(evaluation: ArchEvaluation): ArchConstraint['source'] {
  if (evaluation.bySelector && evaluation.byAffinity) return 'nodeSelector+nodeAffinity';
  if (evaluation.bySelector) return 'nodeSelector';
  if (evaluation.byAffinity) return 'nodeAffinity';
  return 'none';
}

/**
 * Architectures a pod spec (plain data, as parsed from YAML or JSON) may be scheduled on, given
 * the cluster's architectures. `source` names the mechanisms that, on their own, exclude at least
 * one cluster architecture, so `source === 'none'` exactly when every cluster architecture is
 * allowed. Preferred (soft) affinity is ignored. An empty `allowed` means the pod can't be placed.
 */
export function allowedArchitectures(
  podSpec: unknown,
  clusterArchitectures: string[],
): Omit<ArchConstraint, 'line'> {
  const evaluation = evaluate(podSpec, clusterArchitectures);
  return { allowed: evaluation.allowed, source: sourceOf(evaluation) };
}

// ---------------------------------------------------------------------------------------------
// YAML documents

interface Context {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  cluster: string[];
  workloads: Workload[];
  problems: ManifestProblem[];
}

const isMergeKey = (key: unknown): boolean =>
  isScalar(key) &&
  (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'));

/** Follows an alias to the node it names; other values pass through. */
function deref(node: unknown, doc: Document.Parsed): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The pair for `key` in a mapping, honouring `<<` merge keys (explicit keys win). */
function findPair(map: unknown, key: string, doc: Document.Parsed, depth = 0): Pair | undefined {
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
function nodeAt(root: unknown, path: readonly string[], doc: Document.Parsed): unknown {
  let node = deref(root, doc);
  for (const key of path) {
    node = deref(findPair(node, key, doc)?.value, doc);
    if (node === undefined) return undefined;
  }
  return node;
}

function scalarText(node: unknown, doc: Document.Parsed): string | undefined {
  const value = deref(node, doc);
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  return typeof value.value === 'object' ? undefined : String(value.value);
}

function lineOf(node: unknown, ctx: Context): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? ctx.lines.linePos(range[0]).line : undefined;
}

function seqItems(node: unknown, doc: Document.Parsed): unknown[] {
  const value = deref(node, doc);
  return isSeq(value) ? value.items.map((item) => deref(item, doc)) : [];
}

function containerImages(podSpec: unknown, ctx: Context): ContainerImage[] {
  const images: ContainerImage[] = [];
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    for (const container of seqItems(findPair(podSpec, key, ctx.doc)?.value, ctx.doc)) {
      const imagePair = findPair(container, 'image', ctx.doc);
      const image = scalarText(imagePair?.value, ctx.doc);
      const line = lineOf(imagePair?.value, ctx);
      if (!image || line === undefined) continue;
      const containerName = scalarText(findPair(container, 'name', ctx.doc)?.value, ctx.doc) ?? '';
      images.push({ container: containerName, init, image, line });
    }
  }
  // Document order; sort() is stable, so entries sharing a line keep init-first order.
  return images.sort((a, b) => a.line - b.line);
}

/** Line to point at for a constraint, given which mechanisms narrowed it. */
function constraintLine(
  podSpec: unknown,
  evaluation: ArchEvaluation,
  ctx: Context,
): number | undefined {
  const candidates: number[] = [];
  const cluster = [...new Set(ctx.cluster)];
  if (evaluation.bySelector) {
    const selector = findPair(podSpec, 'nodeSelector', ctx.doc);
    const archPair = ARCH_LABELS.map((label) => findPair(selector?.value, label, ctx.doc)).find(
      (pair) => pair !== undefined,
    );
    const line = lineOf(archPair?.key, ctx) ?? lineOf(selector?.key, ctx);
    if (line !== undefined) candidates.push(line);
  }
  if (evaluation.byAffinity) {
    const requiredPath = [
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
    ];
    const required = nodeAt(podSpec, requiredPath, ctx.doc);
    const termsPair = findPair(required, 'nodeSelectorTerms', ctx.doc);
    // Prefer the first arch expression that narrows on its own, then any arch expression.
    let narrowing: number | undefined;
    let anyArch: number | undefined;
    for (const term of seqItems(termsPair?.value, ctx.doc)) {
      for (const expression of seqItems(
        findPair(term, 'matchExpressions', ctx.doc)?.value,
        ctx.doc,
      )) {
        const keyPair = findPair(expression, 'key', ctx.doc);
        if (!isArchKey(scalarText(keyPair?.value, ctx.doc))) continue;
        const line = lineOf(keyPair?.key, ctx);
        anyArch ??= line;
        const plain: unknown = (expression as Node).toJS(ctx.doc);
        if (narrowing === undefined && isPlainObject(plain)) {
          if (applyRequirement(cluster, plain).length < cluster.length) narrowing = line;
        }
      }
    }
    const requiredPair = findPair(
      nodeAt(podSpec, requiredPath.slice(0, -1), ctx.doc),
      requiredPath[requiredPath.length - 1] as string,
      ctx.doc,
    );
    const line =
      narrowing ?? anyArch ?? lineOf(termsPair?.key, ctx) ?? lineOf(requiredPair?.key, ctx);
    if (line !== undefined) candidates.push(line);
  }
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}

function visitResource(node: unknown, ctx: Context, depth = 0): void {
  const resource = deref(node, ctx.doc);
  if (!isMap(resource) || depth > 20) return;
  const kindPair = findPair(resource, 'kind', ctx.doc);
  const kind = scalarText(kindPair?.value, ctx.doc);
  if (!kind) return;

  // `kind: List` (and typed lists such as DeploymentList) hold resources under `items`.
  if (kind.endsWith('List')) {
    for (const item of seqItems(findPair(resource, 'items', ctx.doc)?.value, ctx.doc)) {
      visitResource(item, ctx, depth + 1);
    }
    return;
  }
  if (!(WORKLOAD_KINDS as readonly string[]).includes(kind)) return;

  const metadata = nodeAt(resource, ['metadata'], ctx.doc);
  const name =
    scalarText(findPair(metadata, 'name', ctx.doc)?.value, ctx.doc) ??
    scalarText(findPair(metadata, 'generateName', ctx.doc)?.value, ctx.doc) ??
    '';
  const namespace = scalarText(findPair(metadata, 'namespace', ctx.doc)?.value, ctx.doc);
  const podSpec = nodeAt(resource, POD_SPEC_PATHS[kind as WorkloadKind], ctx.doc);

  let plainSpec: unknown;
  try {
    plainSpec = isMap(podSpec) ? podSpec.toJS(ctx.doc) : undefined;
  } catch (error) {
    ctx.problems.push({
      file: ctx.file,
      line: lineOf(podSpec, ctx) ?? lineOf(kindPair?.key, ctx) ?? 1,
      message: `Could not read the pod spec of ${kind} "${name}": ${(error as Error).message}`,
    });
    return;
  }
  const evaluation = evaluate(plainSpec, ctx.cluster);
  const arch: ArchConstraint = { allowed: evaluation.allowed, source: sourceOf(evaluation) };
  const line = arch.source === 'none' ? undefined : constraintLine(podSpec, evaluation, ctx);
  if (line !== undefined) arch.line = line;

  const workload: Workload = {
    file: ctx.file,
    line: lineOf(kindPair?.key, ctx) ?? 1,
    kind,
    name,
    images: isMap(podSpec) ? containerImages(podSpec, ctx) : [],
    arch,
  };
  if (namespace !== undefined) workload.namespace = namespace;
  ctx.workloads.push(workload);
}

/**
 * Finds the workloads in a (possibly multi-document) YAML manifest. Never throws on bad input:
 * syntax errors come back as problems, and the documents that parsed are still read.
 */
export function parseWorkloads(
  text: string,
  file: string,
  clusterArchitectures: string[],
): { workloads: Workload[]; problems: ManifestProblem[] } {
  const lines = new LineCounter();
  const workloads: Workload[] = [];
  const problems: ManifestProblem[] = [];
  // Kubernetes tooling reads YAML with `<<` merge keys enabled, so do the same.
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({
          file,
          line: lines.linePos(error.pos[0]).line,
          message: `YAML syntax error: ${error.message}`,
        });
      }
      continue;
    }
    const ctx: Context = { file, doc, lines, cluster: clusterArchitectures, workloads, problems };
    visitResource(doc.contents, ctx);
  }
  return { workloads, problems };
}

// ---------------------------------------------------------------------------------------------
// Templates

/** A Go-template action, `{{ … }}`, as Helm and other generators write them. */
const TEMPLATE_ACTION = /\{\{-?\s*[^}]*\}\}/;

/**
 * The first line holding a Go-template action (`{{ .Values.x }}`), or
 * undefined. A file whose YAML does not parse and that has one is a template,
 * not a manifest: it must be rendered before it can be checked.
 */
export function templateLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((l) => TEMPLATE_ACTION.test(l));
  return index < 0 ? undefined : index + 1;
}

/**
 * Splits `helm template` output by the template each document came from (its
 * `# Source: <chart>/templates/x.yaml` comment), in order; documents of one
 * template are joined with `---`. Keys are the source path without the chart
 * name: `templates/x.yaml`, `charts/sub/templates/y.yaml`.
 */
export function splitHelmOutput(text: string): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const doc of text.split(/^---[ \t]*$/m)) {
    const source = /^# Source: ([^\n]+?)\s*$/m.exec(doc)?.[1];
    if (!source || !source.includes('/')) continue;
    const key = source.slice(source.indexOf('/') + 1);
    const docs = out.get(key) ?? [];
    docs.push(doc.replace(/^\n+/, ''));
    out.set(key, docs);
  }
  return new Map([...out].map(([k, docs]) => [k, docs.join('---\n')]));
}
