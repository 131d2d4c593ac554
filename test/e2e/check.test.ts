/**
 * The check sub-action end to end (check/action.yml over the shared bundle):
 * images, Kubernetes workloads and a Dockerfile against a registry on 127.0.0.1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineAvailable,
  pushImage,
  runAction,
  startRegistry,
  uniqueName,
  type Registry,
} from './harness';

const hasEngine = engineAvailable();
const CHECK = { actionYml: 'check/action.yml' };

interface Report {
  ready: boolean;
  rows: {
    kind: string;
    subject: string;
    file?: string;
    line?: number;
    cells: Record<string, { status: string; reason: string }>;
  }[];
  findings: { level: string; message: string; file?: string; line?: number }[];
}
const reportOf = (outputs: Record<string, string>) => JSON.parse(outputs.report ?? '{}') as Report;

describe.skipIf(!hasEngine)(
  'check sub-action (real engine and registry)',
  { timeout: 300_000 },
  () => {
    let registry: Registry;
    let amd64Only: string;
    let wrongArch: string;
    let good: string;
    beforeAll(async () => {
      registry = await startRegistry();
      const base = `${registry.host}/${uniqueName('check')}`;
      amd64Only = `${base}/amd64only:1`;
      wrongArch = `${base}/wrongarch:1`;
      good = `${base}/good:1`;
      pushImage(amd64Only, 'linux/amd64');
      // Every platform gets the amd64 busybox: the arm64 entry is a lie.
      pushImage(wrongArch, 'linux/amd64,linux/arm64', { copyFrom: 'amd64' });
      pushImage(good, 'linux/amd64,linux/arm64');
    });
    afterAll(() => registry?.stop());

    it('says an amd64-only image is not ready for arm64: no linux/arm64 in the index', async () => {
      const run = await runAction({ images: amd64Only }, CHECK);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.ready).toBe('false');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/amd64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']).toEqual({
        status: 'error',
        reason: 'no linux/arm64 in the index (it lists linux/amd64)',
      });
      expect(run.summary).toContain('### ARM readiness: ❌ not ready');
      expect(run.summary).toContain('❌ no linux/arm64 in the index');
    });

    it('says an index whose arm64 entry holds an amd64 binary is not ready: exec format error', async () => {
      const run = await runAction({ images: wrongArch }, CHECK);
      expect(run.exitCode).toBe(1);
      expect(run.outputs.ready).toBe('false');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/amd64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']?.status).toBe('error');
      expect(row?.cells['linux/arm64']?.reason).toBe(
        '/bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
      );
    });

    it('says a good multi-arch image is ready', async () => {
      const run = await runAction({ images: good }, CHECK);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.outputs.ready).toBe('true');
      const row = reportOf(run.outputs).rows[0];
      expect(row?.cells['linux/arm64']?.status).toBe('ok');
      expect(row?.cells['linux/arm64']?.reason).toMatch(/^runs, \d+ ELF files checked$/);
      expect(run.summary).toContain('### ARM readiness: ✅ ready');
    });

    it("checks several images at once without their runs getting in each other's way", async () => {
      const run = await runAction({ images: `${good}\n${wrongArch}` }, CHECK);
      expect(run.exitCode).toBe(1);
      const [first, second] = reportOf(run.outputs).rows;
      expect(first?.cells['linux/amd64']?.reason).toMatch(/^runs, /);
      expect(first?.cells['linux/arm64']?.reason).toMatch(/^runs, /);
      expect(second?.cells['linux/amd64']?.reason).toMatch(/^runs, /);
      expect(second?.cells['linux/arm64']?.reason).toContain('exec format error');
      expect(run.stdout).not.toMatch(/Conflict|already in use/);
    });

    it('checks Kubernetes workloads against the architectures they may land on, at the image line', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-k8s-'));
      const deployment = (name: string, image: string, selector?: string) =>
        [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          `  name: ${name}`,
          'spec:',
          '  template:',
          '    spec:',
          ...(selector ? ['      nodeSelector:', `        kubernetes.io/arch: ${selector}`] : []),
          '      containers:',
          '        - name: app',
          `          image: ${image}`,
        ].join('\n');
      const file = path.join(dir, 'workloads.yaml');
      writeFileSync(
        file,
        [
          deployment('pinned-arm', amd64Only, 'arm64'),
          deployment('pinned-amd', amd64Only, 'amd64'),
          deployment('loose', amd64Only),
          deployment('multi', good),
        ].join('\n---\n') + '\n',
      );
      // Lines of each `image:` value in the file.
      const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
      const imageLines = lines.flatMap((l, i) => (l.includes('image: ') ? [i + 1] : []));
      expect(imageLines).toHaveLength(4);

      const run = await runAction(
        { 'kubernetes-manifests': `${dir}/**/*.yaml`, images: '' },
        CHECK,
      );
      expect(run.exitCode).toBe(1);
      const report = reportOf(run.outputs);
      const rows: Record<string, Report['rows'][number]> = Object.fromEntries(
        report.rows.map((r) => [r.subject.split(':')[0], r]),
      );
      // Pinned to arm64 with an amd64-only image: an error at the image's line.
      expect(rows['Deployment pinned-arm']?.line).toBe(imageLines[0]);
      expect(rows['Deployment pinned-arm']?.cells['linux/arm64']?.status).toBe('error');
      expect(rows['Deployment pinned-arm']?.cells['linux/amd64']?.status).toBe('skip');
      // Pinned to amd64 and matching: fine.
      expect(
        Object.values(rows['Deployment pinned-amd']!.cells)
          .map((c) => c.status)
          .sort(),
      ).toEqual(['ok', 'skip']);
      // Unconstrained in a mixed cluster with a single-arch image: an error, with the fix.
      expect(rows['Deployment loose']?.cells['linux/arm64']?.status).toBe('error');
      expect(rows['Deployment multi']?.cells).toMatchObject({
        'linux/amd64': { status: 'ok' },
        'linux/arm64': { status: 'ok' },
      });
      const errors = report.findings.filter((f) => f.level === 'error');
      expect(errors.map((f) => f.line).sort()).toEqual([imageLines[0], imageLines[2]].sort());
      expect(errors.find((f) => f.line === imageLines[2])?.message).toContain(
        'has no kubernetes.io/arch constraint, so it can land on arm64 nodes',
      );
      expect(errors.find((f) => f.line === imageLines[2])?.message).toContain(
        'Fix: add nodeSelector {kubernetes.io/arch: amd64}',
      );
      // Annotations point at file and line.
      expect(run.stdout).toContain(
        `::error title=ARM readiness,file=${path.relative(process.cwd(), file)},line=${imageLines[0]}::`,
      );
    });

    it('flags a Dockerfile whose base image lacks arm64, and a hard-coded amd64 download', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-df-'));
      const file = path.join(dir, 'Dockerfile');
      writeFileSync(
        file,
        [
          `ARG BASE=${amd64Only}`,
          'FROM ${BASE} AS runtime',
          'RUN wget -O /usr/local/bin/kubectl https://dl.example.com/release/v1.31.0/bin/linux/amd64/kubectl',
          '',
        ].join('\n'),
      );
      const run = await runAction({ dockerfile: file, images: '' }, CHECK);
      expect(run.exitCode).toBe(1);
      const report = reportOf(run.outputs);
      const base = report.rows.find((r) => r.kind === 'base-image');
      expect(base).toMatchObject({ subject: `FROM ${amd64Only}`, line: 2 });
      expect(base?.cells['linux/arm64']).toEqual({
        status: 'error',
        reason: 'no linux/arm64 in the index (it lists linux/amd64)',
      });
      expect(report.findings.find((f) => f.level === 'warning')).toMatchObject({ line: 3 });
      expect(run.stdout).toMatch(/::warning title=ARM readiness,file=[^,]+Dockerfile,line=3::/);
    });
  },
);
