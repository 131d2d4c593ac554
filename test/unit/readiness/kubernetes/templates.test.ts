import { describe, expect, it } from 'vitest';
import { splitHelmOutput, templateLine } from '../../../../src/readiness/kubernetes/templates';
import { parseWorkloads } from '../../../../src/readiness/kubernetes/workloads';

const CLUSTER = ['amd64', 'arm64'];

describe('Helm chart templates', () => {
  const template = [
    'apiVersion: apps/v1', // 1
    'kind: Deployment', // 2
    'metadata:', // 3
    '  name: {{ include "web.fullname" . }}', // 4
    'spec:', // 5
    '  template:', // 6
    '    spec:', // 7
    '      containers:', // 8
    '        - name: web', // 9
    '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"', // 10
    '          {{- with .Values.resources }}', // 11
    '          resources: {{- toYaml . | nindent 12 }}', // 12
    '          {{- end }}', // 13
  ].join('\n');

  it('is not YAML until rendered: parsing it gives syntax errors', () => {
    expect(
      parseWorkloads(template, 'chart/templates/deployment.yaml', CLUSTER).problems,
    ).not.toEqual([]);
  });

  it('is found by its first {{ … }} action', () => {
    expect(templateLine(template)).toBe(4);
    expect(templateLine('kind: ConfigMap\ndata:\n  a: b\n')).toBeUndefined();
    expect(templateLine('x: 1\n  {{- if .Values.x }}\n')).toBe(2);
  });

  it('splits helm template output by the template each document came from', () => {
    const out = [
      '---',
      '# Source: web/templates/service.yaml',
      'apiVersion: v1',
      'kind: Service',
      '---',
      '# Source: web/templates/deployment.yaml',
      'kind: Deployment',
      'metadata: {name: a}',
      '---',
      '# Source: web/templates/deployment.yaml',
      'kind: Deployment',
      'metadata: {name: b}',
      '---',
      '# Source: web/charts/redis/templates/sts.yaml',
      'kind: StatefulSet',
      '',
    ].join('\n');
    const split = splitHelmOutput(out);
    expect([...split.keys()]).toEqual([
      'templates/service.yaml',
      'templates/deployment.yaml',
      'charts/redis/templates/sts.yaml',
    ]);
    const deployments = parseWorkloads(
      split.get('templates/deployment.yaml') ?? '',
      'd.yaml',
      CLUSTER,
    );
    expect(deployments.problems).toEqual([]);
    expect(deployments.workloads.map((w) => [w.kind, w.name])).toEqual([
      ['Deployment', 'a'],
      ['Deployment', 'b'],
    ]);
  });

  it('ignores documents without a source (NOTES, hooks printed elsewhere)', () => {
    expect(splitHelmOutput('kind: Pod\n---\n# just a comment\nkind: Pod\n').size).toBe(0);
  });
});
