import { describe, expect, it } from 'vitest';
import {
  allowedArchitectures,
  type ArchConstraint,
} from '../../../../src/readiness/kubernetes/scheduling';

const CLUSTER = ['amd64', 'arm64'];

// Pod specs for the table below.
const selector = (labels: Record<string, string>) => ({ nodeSelector: labels });
const required = (...terms: unknown[]) => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  },
});
const expr = (operator: string, values?: string[], key = 'kubernetes.io/arch') => ({
  key,
  operator,
  ...(values ? { values } : {}),
});
const term = (...matchExpressions: unknown[]) => ({ matchExpressions });

describe('allowedArchitectures', () => {
  it.each<[string, unknown, string[], ArchConstraint['source']]>([
    ['no pod spec at all', undefined, ['amd64', 'arm64'], 'none'],
    ['a pod spec that is not an object', 'spec', ['amd64', 'arm64'], 'none'],
    ['no constraint', { containers: [] }, ['amd64', 'arm64'], 'none'],
    ['nodeSelector on other labels', selector({ 'kubernetes.io/os': 'linux' }), CLUSTER, 'none'],
    ['nodeSelector arm64', selector({ 'kubernetes.io/arch': 'arm64' }), ['arm64'], 'nodeSelector'],
    ['beta label', selector({ 'beta.kubernetes.io/arch': 'amd64' }), ['amd64'], 'nodeSelector'],
    [
      'both labels disagreeing',
      selector({ 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/arch': 'arm64' }),
      [],
      'nodeSelector',
    ],
    [
      'nodeSelector outside the cluster',
      selector({ 'kubernetes.io/arch': 's390x' }),
      [],
      'nodeSelector',
    ],
    ['In amd64', required(term(expr('In', ['amd64']))), ['amd64'], 'nodeAffinity'],
    [
      'In drops out-of-cluster values',
      required(term(expr('In', ['s390x', 'arm64']))),
      ['arm64'],
      'nodeAffinity',
    ],
    ['In only out-of-cluster values', required(term(expr('In', ['ppc64le']))), [], 'nodeAffinity'],
    ['NotIn arm64', required(term(expr('NotIn', ['arm64']))), ['amd64'], 'nodeAffinity'],
    ['NotIn an out-of-cluster value', required(term(expr('NotIn', ['s390x']))), CLUSTER, 'none'],
    ['Exists', required(term(expr('Exists'))), ['amd64', 'arm64'], 'none'],
    ['DoesNotExist', required(term(expr('DoesNotExist'))), [], 'nodeAffinity'],
    ['Gt cannot match an arch name', required(term(expr('Gt', ['1']))), [], 'nodeAffinity'],
    [
      'beta label in affinity',
      required(term(expr('In', ['arm64'], 'beta.kubernetes.io/arch'))),
      ['arm64'],
      'nodeAffinity',
    ],
    [
      'expressions in a term are ANDed',
      required(term(expr('In', ['amd64', 'arm64']), expr('NotIn', ['amd64']))),
      ['arm64'],
      'nodeAffinity',
    ],
    [
      'terms are ORed',
      required(term(expr('In', ['s390x'])), term(expr('In', ['arm64']))),
      ['arm64'],
      'nodeAffinity',
    ],
    [
      'a term without an arch expression allows everything',
      required(
        term(expr('In', ['eu-1a'], 'topology.kubernetes.io/zone')),
        term(expr('In', ['amd64'])),
      ),
      ['amd64', 'arm64'],
      'none',
    ],
    ['an empty term matches no node', required({}), [], 'nodeAffinity'],
    ['an empty term list matches no node', required(), [], 'nodeAffinity'],
    [
      'a matchFields-only term allows everything',
      required({ matchFields: [expr('In', ['node-1'], 'metadata.name')] }),
      CLUSTER,
      'none',
    ],
    [
      'preferred affinity only',
      {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 1, preference: term(expr('In', ['arm64'])) },
            ],
          },
        },
      },
      ['amd64', 'arm64'],
      'none',
    ],
    [
      'nodeSelector and affinity both narrowing',
      {
        ...selector({ 'kubernetes.io/arch': 'arm64' }),
        ...required(term(expr('NotIn', ['amd64']))),
      },
      ['arm64'],
      'nodeSelector+nodeAffinity',
    ],
    [
      'affinity that does not narrow leaves only the nodeSelector as source',
      { ...selector({ 'kubernetes.io/arch': 'amd64' }), ...required(term(expr('Exists'))) },
      ['amd64'],
      'nodeSelector',
    ],
    [
      'contradiction between nodeSelector and affinity',
      { ...selector({ 'kubernetes.io/arch': 'arm64' }), ...required(term(expr('In', ['amd64']))) },
      [],
      'nodeSelector+nodeAffinity',
    ],
  ])('%s', (_name, podSpec, allowed, source) => {
    expect(allowedArchitectures(podSpec, CLUSTER)).toEqual({ allowed, source });
  });

  it('keeps the cluster list order and drops duplicates', () => {
    const spec = required(term(expr('In', ['amd64', 'riscv64', 'arm64'])));
    expect(allowedArchitectures(spec, ['arm64', 'riscv64', 'amd64', 'arm64'])).toEqual({
      allowed: ['arm64', 'riscv64', 'amd64'],
      source: 'none',
    });
    expect(allowedArchitectures({}, ['arm64', 's390x']).allowed).toEqual(['arm64', 's390x']);
  });

  it('uses whatever the cluster has, so s390x counts when the cluster has it', () => {
    expect(
      allowedArchitectures(selector({ 'kubernetes.io/arch': 's390x' }), ['amd64', 's390x']),
    ).toEqual({
      allowed: ['s390x'],
      source: 'nodeSelector',
    });
  });
});
