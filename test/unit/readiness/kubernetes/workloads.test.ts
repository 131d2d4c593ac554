import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ArchConstraint } from '../../../../src/readiness/kubernetes/scheduling';
import {
  parseWorkloads,
  WORKLOAD_KINDS,
  type Workload,
} from '../../../../src/readiness/kubernetes/workloads';

const CLUSTER = ['amd64', 'arm64'];
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../fixtures/k8s/${name}`, import.meta.url));
const parseFixture = async (name: string, cluster = CLUSTER) =>
  parseWorkloads(await readFile(fixture(name), 'utf8'), `k8s/${name}`, cluster);
const byName = (workloads: Workload[], name: string): Workload => {
  const found = workloads.find((workload) => workload.name === name);
  if (!found) throw new Error(`no workload named ${name}`);
  return found;
};

describe('parseWorkloads: every kind', () => {
  it('finds the workloads, in order, with the line of each kind', async () => {
    const { workloads, problems } = await parseFixture('all-kinds.yaml');
    expect(problems).toEqual([]);
    expect(workloads.map((w) => [w.kind, w.name, w.line])).toEqual([
      ['Deployment', 'web', 13],
      ['StatefulSet', 'db', 42],
      ['DaemonSet', 'agent', 54],
      ['ReplicaSet', 'legacy', 66],
      ['Job', 'backfill-', 77],
      ['CronJob', 'nightly', 89],
      ['Pod', 'toolbox', 107],
      ['ReplicationController', 'old-web', 118],
    ]);
    expect(new Set(workloads.map((w) => w.kind))).toEqual(new Set(WORKLOAD_KINDS));
    expect(workloads.every((w) => w.file === 'k8s/all-kinds.yaml')).toBe(true);
  });

  it('reads namespaces when present', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    expect(workloads.map((w) => w.namespace)).toEqual([
      'shop',
      undefined,
      'monitoring',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect('namespace' in byName(workloads, 'db')).toBe(false);
  });

  it('lists init and regular container images with the line of each value', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    expect(byName(workloads, 'web').images).toEqual([
      { container: 'migrate', init: true, image: 'ghcr.io/acme/migrate:1.4', line: 23 },
      { container: 'app', init: false, image: 'ghcr.io/acme/web:2.0', line: 26 },
      { container: 'sidecar', init: false, image: 'envoyproxy/envoy:v1.31.0', line: 28 },
    ]);
    expect(byName(workloads, 'db').images).toEqual([
      { container: 'postgres', init: false, image: 'postgres:16', line: 51 },
    ]);
    expect(byName(workloads, 'agent').images).toEqual([
      { container: 'alloy', init: false, image: 'grafana/alloy:latest', line: 62 },
    ]);
    expect(byName(workloads, 'legacy').images).toEqual([
      {
        container: 'legacy',
        init: false,
        image:
          'registry.example.com:5000/legacy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        line: 74,
      },
    ]);
    expect(byName(workloads, 'backfill-').images).toEqual([
      { container: 'backfill', init: false, image: 'python:3.12-slim', line: 86 },
    ]);
  });

  it('finds the CronJob pod spec under jobTemplate', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    expect(byName(workloads, 'nightly').images).toEqual([
      { container: 'wait', init: true, image: 'alpine:3.20', line: 100 },
      { container: 'report', init: false, image: 'ghcr.io/acme/report:7', line: 103 },
    ]);
  });

  it('reads a ReplicationController like a Deployment: its pod template', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    expect(byName(workloads, 'old-web')).toMatchObject({
      kind: 'ReplicationController',
      images: [{ container: 'web', init: false, image: 'nginx:1.27', line: 132 }],
      arch: { allowed: ['amd64', 'arm64'], source: 'none' },
    });
    const pinned = parseWorkloads(
      [
        'apiVersion: v1',
        'kind: ReplicationController',
        'metadata: {name: rc}',
        'spec:',
        '  template:',
        '    spec:',
        '      nodeSelector: {kubernetes.io/arch: arm64}',
        '      containers: [{name: c, image: "r/a:1"}]',
      ].join('\n'),
      'rc.yaml',
      ['amd64', 'arm64'],
    );
    expect(
      pinned.workloads.map((w) => [w.kind, w.arch.allowed, w.arch.source, w.arch.line]),
    ).toEqual([['ReplicationController', ['arm64'], 'nodeSelector', 7]]);
  });

  it('reads block scalars and skips containers without an image', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    expect(byName(workloads, 'toolbox').images).toEqual([
      { container: 'shell', init: false, image: 'debian:bookworm', line: 113 },
    ]);
  });

  it('ignores ephemeral containers and non-workload kinds', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    const images = workloads.flatMap((w) => w.images.map((i) => i.image));
    expect(images).not.toContain('busybox:1.36');
    expect(images).not.toContain('not-an-image');
    expect(images).toHaveLength(11);
  });

  it('reports every workload in the fixture as unconstrained', async () => {
    const { workloads } = await parseFixture('all-kinds.yaml');
    for (const workload of workloads) {
      expect(workload.arch).toEqual({ allowed: ['amd64', 'arm64'], source: 'none' });
    }
  });
});

describe('parseWorkloads: lists', () => {
  it('walks the items of a kind: List', async () => {
    const { workloads, problems } = await parseFixture('list.yaml');
    expect(problems).toEqual([]);
    expect(workloads).toEqual([
      {
        file: 'k8s/list.yaml',
        line: 9,
        kind: 'Deployment',
        name: 'api',
        images: [{ container: 'api', init: false, image: 'ghcr.io/acme/api:3', line: 17 }],
        arch: { allowed: ['amd64', 'arm64'], source: 'none' },
      },
      {
        file: 'k8s/list.yaml',
        line: 19,
        kind: 'Pod',
        name: 'probe',
        namespace: 'ops',
        images: [{ container: 'probe', init: false, image: 'curlimages/curl:8.10.1', line: 26 }],
        arch: { allowed: ['amd64', 'arm64'], source: 'none' },
      },
    ]);
  });

  it('walks typed lists such as DeploymentList', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: DeploymentList',
      'items:',
      '  - kind: Deployment',
      '    metadata: {name: a}',
      '    spec: {template: {spec: {containers: [{name: c, image: "x:1"}]}}}',
    ].join('\n');
    const { workloads } = parseWorkloads(text, 'l.yaml', CLUSTER);
    expect(workloads.map((w) => [w.name, w.line, w.images[0]?.line])).toEqual([['a', 4, 6]]);
  });
});

describe('parseWorkloads: architecture constraints', () => {
  it.each<[string, number, ArchConstraint]>([
    ['pinned-arm', 2, { allowed: ['arm64'], source: 'nodeSelector', line: 10 }],
    ['affinity-amd', 16, { allowed: ['amd64'], source: 'nodeAffinity', line: 30 }],
    ['not-arm', 39, { allowed: ['amd64'], source: 'nodeAffinity', line: 50 }],
    ['two-terms', 58, { allowed: ['arm64'], source: 'nodeAffinity', line: 69 }],
    ['beta-label', 81, { allowed: ['amd64'], source: 'nodeSelector', line: 88 }],
    ['preferred-only', 94, { allowed: ['amd64', 'arm64'], source: 'none' }],
    ['contradiction', 114, { allowed: [], source: 'nodeSelector+nodeAffinity', line: 121 }],
  ])('%s', async (name, kindLine, arch) => {
    const { workloads, problems } = await parseFixture('arch.yaml');
    expect(problems).toEqual([]);
    const workload = byName(workloads, name);
    expect(workload.line).toBe(kindLine);
    expect(workload.arch).toEqual(arch);
  });

  it('drops architectures the cluster does not have', async () => {
    const { workloads } = await parseFixture('arch.yaml', ['amd64', 'arm64', 's390x']);
    expect(byName(workloads, 'two-terms').arch).toEqual({
      allowed: ['arm64', 's390x'],
      source: 'nodeAffinity',
      line: 69,
    });
    expect(byName(workloads, 'not-arm').arch.allowed).toEqual(['amd64', 's390x']);
  });

  it('points at the arch expression that narrows, not an earlier one that does not', () => {
    const text = `kind: Pod
metadata:
  name: p
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
          - matchExpressions:
              - key: kubernetes.io/arch
                operator: Exists
              - key: kubernetes.io/arch
                operator: In
                values: [arm64]
  containers:
    - name: c
      image: x
`;
    const [workload] = parseWorkloads(text, 'p.yaml', CLUSTER).workloads;
    expect(workload?.arch).toEqual({ allowed: ['arm64'], source: 'nodeAffinity', line: 12 });
  });
});

describe('parseWorkloads: YAML details', () => {
  it('reports a syntax error with its line and still reads the other documents', async () => {
    const { workloads, problems } = await parseFixture('broken.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'k8s/broken.yaml', line: 19 });
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(workloads.map((w) => [w.name, w.images[0]?.image])).toEqual([
      ['fine', 'nginx:1.27'],
      ['after', 'redis:7'],
    ]);
  });

  it('does not throw on unterminated input', () => {
    const result = parseWorkloads('kind: Pod\nmetadata: {name: "x\n', 'x.yaml', CLUSTER);
    expect(result.workloads).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.file === 'x.yaml' && p.line >= 1)).toBe(true);
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing here\n'],
    ['only separators', '---\n---\n'],
    ['a scalar document', 'just text\n'],
    ['a sequence document', '- kind: Pod\n'],
    ['a document without kind', 'metadata: {name: x}\n'],
  ])('finds nothing in %s', (_name, text) => {
    expect(parseWorkloads(text, 'f.yaml', CLUSTER)).toEqual({ workloads: [], problems: [] });
  });

  it('matches kinds case-sensitively', () => {
    const text = 'kind: deployment\nmetadata: {name: x}\n';
    expect(parseWorkloads(text, 'f.yaml', CLUSTER).workloads).toEqual([]);
  });

  it('keeps a workload without a pod template, with no images', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: patch\nspec:\n  replicas: 3\n';
    expect(parseWorkloads(text, 'f.yaml', CLUSTER).workloads).toEqual([
      {
        file: 'f.yaml',
        line: 2,
        kind: 'Deployment',
        name: 'patch',
        images: [],
        arch: { allowed: ['amd64', 'arm64'], source: 'none' },
      },
    ]);
  });

  it('follows anchors, aliases and merge keys', () => {
    const text = `kind: Deployment
metadata:
  name: merged
spec:
  template:
    spec:
      <<: &pinned
        nodeSelector:
          kubernetes.io/arch: arm64
      containers:
        - &app
          name: app
          image: &img ghcr.io/acme/app:1
        - <<: *app
          name: copy
        - name: again
          image: *img
`;
    const { workloads, problems } = parseWorkloads(text, 'm.yaml', CLUSTER);
    expect(problems).toEqual([]);
    expect(workloads[0]?.arch).toEqual({ allowed: ['arm64'], source: 'nodeSelector', line: 9 });
    expect(workloads[0]?.images).toEqual([
      { container: 'app', init: false, image: 'ghcr.io/acme/app:1', line: 13 },
      { container: 'copy', init: false, image: 'ghcr.io/acme/app:1', line: 13 },
      { container: 'again', init: false, image: 'ghcr.io/acme/app:1', line: 17 },
    ]);
  });

  it('lists images in file order even when containers come before initContainers', () => {
    const text = `kind: Pod
metadata: {name: p}
spec:
  containers:
    - {name: main, image: "main:1"}
  initContainers:
    - {name: setup, image: "setup:1"}
`;
    const { workloads } = parseWorkloads(text, 'p.yaml', CLUSTER);
    expect(workloads[0]?.images).toEqual([
      { container: 'main', init: false, image: 'main:1', line: 5 },
      { container: 'setup', init: true, image: 'setup:1', line: 7 },
    ]);
  });

  it('handles CRLF line endings', () => {
    const text =
      'kind: Pod\r\nmetadata:\r\n  name: w\r\nspec:\r\n  containers:\r\n  - name: c\r\n    image: x:1\r\n';
    const { workloads } = parseWorkloads(text, 'w.yaml', CLUSTER);
    expect(workloads[0]?.images).toEqual([{ container: 'c', init: false, image: 'x:1', line: 7 }]);
  });
});
