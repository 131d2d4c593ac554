/**
 * Reads Kubernetes manifests and works out, per workload, which images it runs
 * and which CPU architectures its pods may be scheduled on. Never throws on bad
 * input: a manifest check must report every file, so problems are returned
 * beside the workloads that did read. Pure: no I/O, no logging.
 */
import { isMap, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { containerImages, type ContainerImage } from './images';
import {
  applyRequirement,
  ARCH_LABELS,
  evaluateArch,
  isArchKey,
  isPlainObject,
  sourceOf,
  type ArchConstraint,
  type ArchEvaluation,
} from './scheduling';
import {
  deref,
  findPair,
  lineOf,
  nodeAt,
  scalarText,
  seqItems,
  type YamlSource,
} from './yaml-nodes';

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

interface Context extends YamlSource {
  file: string;
  cluster: string[];
  workloads: Workload[];
  problems: ManifestProblem[];
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
  const evaluation = evaluateArch(plainSpec, ctx.cluster);
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
