/**
 * Which CPU architectures a pod may be scheduled on, from its nodeSelector and
 * required node affinity on the arch label, over plain data (as parsed from
 * YAML or JSON). Kept apart from the YAML reading so it answers the same for
 * any source of pod specs. Pure.
 */

/** Node label keys that carry the CPU architecture (the second one is deprecated). */
export const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'] as const;

export interface ArchConstraint {
  /** Architectures the pod may be scheduled on, a subset of the cluster's, in the cluster list's order. */
  allowed: string[];
  /** Where the constraint came from. */
  source: 'none' | 'nodeSelector' | 'nodeAffinity' | 'nodeSelector+nodeAffinity';
  /** Line of the nodeSelector / affinity key that constrains, when constrained. */
  line?: number;
}

type Plain = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const isArchKey = (key: unknown): boolean =>
  typeof key === 'string' && (ARCH_LABELS as readonly string[]).includes(key);

const labelValue = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value);

/** What one node selector requirement on the arch label leaves of `allowed`. */
export function applyRequirement(allowed: string[], requirement: Plain): string[] {
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

export interface ArchEvaluation {
  allowed: string[];
  /** nodeSelector alone narrows the cluster list. */
  bySelector: boolean;
  /** Required node affinity alone narrows the cluster list. */
  byAffinity: boolean;
}

export function evaluateArch(podSpec: unknown, clusterArchitectures: string[]): ArchEvaluation {
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

export function sourceOf(evaluation: ArchEvaluation): ArchConstraint['source'] {
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
  const evaluation = evaluateArch(podSpec, clusterArchitectures);
  return { allowed: evaluation.allowed, source: sourceOf(evaluation) };
}
