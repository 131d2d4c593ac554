/**
 * The workloads step: every container of every workload in
 * `kubernetes-manifests`, per cluster architecture its pods may be scheduled
 * on, and whether its image has that architecture. Helm chart templates are
 * rendered first, when helm is there.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { helmVersion, renderChart } from '../../../docker/helm';
import { formatPlatform, parsePlatform } from '../../../oci/platform';
import { splitHelmOutput, templateLine } from '../../../readiness/kubernetes/templates';
import { parseWorkloads, type Workload } from '../../../readiness/kubernetes/workloads';
import { errorMessage } from '../../../runner/errors';
import { confinePath, workspaceRoot } from '../../../runner/workspace';
import { filesOf, helmChartOf, matchPatterns } from '../files';
import type { CheckRow } from '../report';
import { errorCell, factCell, type CheckContext } from '../cells';
import type { PlatformFacts } from '../images';

export async function checkWorkloads(ctx: CheckContext): Promise<void> {
  const files = await manifestFiles(ctx);
  if (files.length === 0) {
    ctx.report.findings.push({
      level: 'error',
      message: `kubernetes-manifests ${ctx.inputs.manifests.join(', ')} matched no files`,
    });
    return;
  }
  // Chart templates are rendered (or skipped) chart by chart, after the plain manifests.
  const charts = new Map<string, string[]>();
  for (const file of files) {
    const chart = await helmChartOf(file);
    if (chart !== undefined) charts.set(chart, [...(charts.get(chart) ?? []), file]);
    else await checkManifest(ctx, file);
  }
  if (charts.size === 0) return;
  const helm = await helmVersion();
  for (const [chart, templates] of charts) await checkChart(ctx, chart, templates, helm);
}

async function manifestFiles(ctx: CheckContext): Promise<string[]> {
  const matches = await matchPatterns(ctx.inputs.manifests);
  for (const m of matches.filter((x) => x.files.length === 0)) {
    ctx.report.findings.push({
      level: 'warning',
      message: `kubernetes-manifests pattern ${m.pattern} matched no files`,
    });
  }
  // The matcher follows symbolic links: one that leads out of the workspace is not read.
  return filesOf(matches).filter((file) => {
    try {
      confinePath('kubernetes-manifests', file, workspaceRoot());
      return true;
    } catch (err) {
      ctx.report.findings.push({ level: 'error', message: errorMessage(err) });
      return false;
    }
  });
}

async function checkManifest(ctx: CheckContext, file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const shown = path.relative('.', file) || file;
  const { workloads, problems } = parseWorkloads(text, shown, ctx.inputs.clusterArchitectures);
  const template = problems.length > 0 ? templateLine(text) : undefined;
  if (template !== undefined) {
    ctx.report.findings.push({
      level: 'info',
      message: `Skipped ${shown}: it is a template, not a manifest (a {{ … }} action at line ${template} and YAML that does not parse). Render it first and check the output, or keep it out of kubernetes-manifests.`,
      file: shown,
      line: template,
    });
    return;
  }
  for (const p of problems)
    ctx.report.findings.push({ level: 'error', message: p.message, file: p.file, line: p.line });
  await workloadRows(ctx, workloads, true);
}

async function checkChart(
  ctx: CheckContext,
  chart: string,
  templates: string[],
  helm: string | undefined,
): Promise<void> {
  const shown = templates.map((t) => path.relative('.', t) || t);
  const chartFile = path.join(chart, 'Chart.yaml');
  if (!helm) {
    ctx.report.findings.push({
      level: 'info',
      message: `Skipped the Helm chart ${chart}: helm is not on PATH, so its templates were not rendered and not checked: ${shown.join(', ')}. Install helm (for example with azure/setup-helm) to have them rendered with helm template, or check rendered manifests instead.`,
      file: chartFile,
    });
    return;
  }
  let rendered: Map<string, string>;
  try {
    rendered = splitHelmOutput(await renderChart(chart));
  } catch (err) {
    ctx.report.findings.push({
      level: 'warning',
      message: `The Helm chart ${chart} was not checked: ${errorMessage(err)}`,
      file: chartFile,
    });
    return;
  }
  let count = 0;
  for (const [template, label] of templates.map((t, i) => [t, shown[i] as string] as const)) {
    const text = rendered.get(path.posix.relative(chart, template));
    if (text === undefined) continue;
    const { workloads, problems } = parseWorkloads(text, label, ctx.inputs.clusterArchitectures);
    // Lines of rendered output are not lines of the template: name the file only.
    for (const p of problems)
      ctx.report.findings.push({
        level: 'error',
        message: `${p.message} (in what helm template rendered from it)`,
        file: p.file,
      });
    count += workloads.length;
    await workloadRows(ctx, workloads, false);
  }
  ctx.report.findings.push({
    level: 'info',
    message: `Rendered the Helm chart ${chart} with helm template (${helm}) and its default values: ${count} workload${count === 1 ? '' : 's'} from ${shown.join(', ')}.`,
    file: chartFile,
  });
}

/** Rows and findings of workloads; `lines` false for rendered templates, whose lines are not the file's. */
async function workloadRows(
  ctx: CheckContext,
  workloads: Workload[],
  lines: boolean,
): Promise<void> {
  const at = (line: number | undefined) => (lines && line !== undefined ? { line } : {});
  for (const w of workloads) {
    const name = `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
    if (w.arch.allowed.length === 0) {
      ctx.report.findings.push({
        level: 'error',
        message: `${name}: its ${w.arch.source} allows none of the cluster's architectures (${ctx.inputs.clusterArchitectures.join(', ')}), so it can never be scheduled`,
        file: w.file,
        ...at(w.arch.line ?? w.line),
      });
    }
    for (const c of w.images) {
      const row: CheckRow = {
        kind: 'workload',
        subject: `${name}: ${c.init ? 'init container' : 'container'} ${c.container} (${c.image})`,
        file: w.file,
        ...at(c.line),
        cells: {},
      };
      ctx.report.rows.push(row);
      if (templateLine(c.image) !== undefined) {
        for (const arch of ctx.inputs.clusterArchitectures)
          row.cells[`linux/${arch}`] = { status: 'skip', reason: 'the image is a template value' };
        ctx.report.findings.push({
          level: 'info',
          message: `${name}: container ${c.container}'s image ${c.image} is a template value, not an image: render the manifest first to check it.`,
          file: w.file,
          ...at(c.line),
        });
        continue;
      }
      await containerCells(ctx, row, w, name, c.image);
    }
  }
}

/** require-tested: an image the pod may run on `arch` with must carry the proof that it was tested there. */
async function requireTested(
  ctx: CheckContext,
  row: CheckRow,
  at: { name: string; image: string; key: string; arch: string; fact?: PlatformFacts },
): Promise<void> {
  const required = ctx.inputs.requireTested.find((p) => formatPlatform(p) === at.key);
  if (!required || !at.fact?.digest) return;
  const verdict = await ctx.cache.tested(at.image, required, at.fact.digest);
  if (verdict.ok) return;
  errorCell(
    ctx,
    row,
    at.key,
    `not tested: ${verdict.reason}`,
    `${at.name} may run on ${at.arch} nodes, but ${at.image} was not tested on ${at.key}: ${verdict.reason}. Fix: build and push it with multiarch-action (attest-tests: true), or pin the workload to architectures it was tested on.`,
  );
}

/** Per cluster architecture: skipped where the pod is never scheduled, else what the image has. */
async function containerCells(
  ctx: CheckContext,
  row: CheckRow,
  w: Workload,
  name: string,
  image: string,
): Promise<void> {
  const allowed = w.arch.allowed.map((a) => parsePlatform(`linux/${a}`));
  const facts = await ctx.cache.get(image, allowed);
  const has = facts.platforms.filter((f) => f.ok).map((f) => f.platform.architecture);
  for (const arch of ctx.inputs.clusterArchitectures) {
    const key = `linux/${arch}`;
    if (!w.arch.allowed.includes(arch)) {
      row.cells[key] = { status: 'skip', reason: `not scheduled on ${arch} (${w.arch.source})` };
      continue;
    }
    const fact = facts.platforms.find((f) => f.platform.architecture === arch);
    const cell = factCell(facts, fact, `no ${key}`);
    if (cell.status === 'ok') {
      row.cells[key] = cell;
      await requireTested(ctx, row, { name, image, key, arch, fact });
      continue;
    }
    const why = cell.reason;
    const scheduling =
      w.arch.source === 'none'
        ? `has no kubernetes.io/arch constraint, so it can land on ${arch} nodes`
        : `may be scheduled on ${arch} nodes (${w.arch.source})`;
    const fix =
      has.length > 0
        ? `Fix: add nodeSelector {kubernetes.io/arch: ${has[0]}} to pin it to what the image has${has.length > 1 ? ` (${has.join(', ')})` : ''}, or build ${image} for ${key}.`
        : `Fix: build ${image} for ${key}.`;
    errorCell(ctx, row, key, why, `${name} ${scheduling}, but ${image}: ${why}. ${fix}`);
  }
}
