import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmChartOf } from '../../../../src/actions/check/files';

describe('helmChartOf', () => {
  let root: string;
  const at = (p: string) => path.join(root, p);
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'charts-'));
    for (const [file, text] of [
      ['deploy/web/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n'],
      ['deploy/web/values.yaml', 'image: r/web:1\n'],
      ['deploy/web/templates/deployment.yaml', 'image: {{ .Values.image }}\n'],
      ['deploy/web/templates/jobs/migrate.yaml', 'image: {{ .Values.image }}\n'],
      ['deploy/web/charts/redis/Chart.yaml', 'apiVersion: v2\nname: redis\nversion: 1.0.0\n'],
      ['deploy/web/charts/redis/templates/sts.yaml', 'image: {{ .Values.image }}\n'],
      ['k8s/templates/plain.yaml', 'kind: Deployment\n'],
      ['k8s/app.yaml', 'kind: Deployment\n'],
    ]) {
      await mkdir(path.dirname(at(file as string)), { recursive: true });
      await writeFile(at(file as string), text as string);
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it.each([
    ['deploy/web/templates/deployment.yaml', 'deploy/web'],
    ['deploy/web/templates/jobs/migrate.yaml', 'deploy/web'],
    ['deploy/web/charts/redis/templates/sts.yaml', 'deploy/web/charts/redis'],
  ])('puts the template %s in the chart %s', async (file, chart) => {
    expect(await helmChartOf(at(file))).toBe(at(chart));
  });

  it.each([
    'deploy/web/Chart.yaml',
    'deploy/web/values.yaml',
    'k8s/templates/plain.yaml',
    'k8s/app.yaml',
  ])('takes %s for no template: not under a chart’s templates/', async (file) => {
    expect(await helmChartOf(at(file))).toBeUndefined();
  });

  it('keeps a relative path relative', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(await helmChartOf('deploy/web/templates/deployment.yaml')).toBe('deploy/web');
      expect(await helmChartOf('k8s/app.yaml')).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });
});
