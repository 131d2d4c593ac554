/**
 * The check sub-action: is this image, Dockerfile or Kubernetes workload
 * ready for ARM? Builds nothing it pushes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { execute } from '../../engine/execute';
import { readyToBuild, type Session } from '../../engine/session';
import { errorMessage } from '../../runner/errors';
import { confinePath, workspaceRoot } from '../../runner/workspace';
import { runAction } from '../shared/run-action';
import { buildRequest } from './build-request';
import { isEmulated } from '../../verify/emulation/binfmt';
import { formatPlatform, parsePlatform, type Platform } from '../../oci/platform';
import { parseImageRef, repository } from '../../oci/reference';
import { ensureEmulation } from '../../verify/emulation/ensure';
import type { RunReport } from '../../verify/result';
import { smokeOptions, testAll, type Target } from '../../verify/smoke';
import { helmVersion, renderChart } from '../../docker/helm';
import {
  parseDockerfile,
  resolveDockerfile,
  type SourceLine,
  type SourceUse,
  type TargetResolution,
} from './dockerfile';
import { filesOf, helmChartOf, matchPatterns } from './files';
import { dockerRegistry, ImageCache, type ImageFacts } from './images';
import { getCheckInputs, type CheckInputs } from './inputs';
import { parseWorkloads, splitHelmOutput, templateLine, type Workload } from './kubernetes';
import { publishCheck } from './publish';
import type { Cell, CheckReport, CheckRow, Finding } from './report';

interface Context {
  inputs: CheckInputs;
  report: CheckReport;
  cache: ImageCache;
  session: Session;
}

export function runCheck(): Promise<void> {
  const report: CheckReport = { platforms: [], rows: [], findings: [] };
  return runAction({
    inputs: getCheckInputs,
    report,
    session: (inputs) => ({ tempDir: false, needs: 'optional', logins: inputs.logins }),
    async main(inputs, session) {
      const clusterPlatforms = inputs.clusterArchitectures.map((a) => `linux/${a}`);
      report.platforms = [
        ...new Set([
          ...inputs.platforms.map(formatPlatform),
          ...(inputs.manifests.length > 0 ? clusterPlatforms : []),
        ]),
      ];
      const ctx: Context = {
        inputs,
        report,
        cache: new ImageCache(dockerRegistry(inputs.registryTimeoutMs)),
        session,
      };
      if (inputs.images.length > 0) await core.group('Images', () => checkImages(ctx));
      if (inputs.dockerfile)
        await core.group(`Dockerfile ${inputs.dockerfile}`, () =>
          checkDockerfile(ctx, inputs.dockerfile as string),
        );
      if (inputs.manifests.length > 0)
        await core.group('Kubernetes workloads', () => checkWorkloads(ctx));
    },
    fail: (r, message) => r.findings.push({ level: 'error', message }),
    publish: (r, inputs) => publishCheck(r, inputs?.failOn ?? 'error'),
  });
}

function errorCell(
  ctx: Context,
  row: CheckRow,
  platform: string,
  reason: string,
  message = `${row.subject}: ${platform}: ${reason}`,
): void {
  row.cells[platform] = { status: 'error', reason };
  ctx.report.findings.push({ level: 'error', message, file: row.file, line: row.line });
}

/** Cells for the platforms a registry lists; the ones it lacks are errors. */
function indexCells(
  ctx: Context,
  row: CheckRow,
  facts: ImageFacts,
  platforms: Platform[],
): Platform[] {
  const present: Platform[] = [];
  for (const p of platforms) {
    const key = formatPlatform(p);
    const fact = facts.platforms.find((f) => formatPlatform(f.platform) === key);
    if (facts.error || !fact) errorCell(ctx, row, key, facts.error ?? 'not inspected');
    else if (!fact.ok) errorCell(ctx, row, key, fact.reason);
    else {
      row.cells[key] = { status: 'ok', reason: fact.reason };
      present.push(p);
    }
  }
  return present;
}

// ---------------------------------------------------------------- images

async function checkImages(ctx: Context): Promise<void> {
  const { inputs } = ctx;
  const runs: { row: CheckRow; target: Target }[] = [];
  for (const image of inputs.images) {
    const row: CheckRow = { kind: 'image', subject: `image ${image}`, cells: {} };
    ctx.report.rows.push(row);
    const facts = await ctx.cache.get(image, inputs.platforms);
    const present = indexCells(ctx, row, facts, inputs.platforms);
    if (!inputs.smoke && !inputs.verifyArch) continue;
    const repo = repository(parseImageRef(image));
    for (const p of present) {
      const digest = facts.platforms.find((f) => formatPlatform(f.platform) === formatPlatform(p))
        ?.digest as string;
      runs.push({
        row,
        target: {
          platform: p,
          digest,
          ref: `${repo}@${digest}`,
          emulated: ctx.session.engine ? isEmulated(ctx.session.engine.native, p) : true,
          docker: ['docker'],
          node: 'local',
        },
      });
    }
  }
  if (runs.length === 0) return;
  if (!ctx.session.engine)
    throw new Error(
      'Cannot run the images: no Docker engine answers. Start dockerd, or set smoke: false and verify-arch: false.',
    );
  const emulated = [
    ...new Map(
      runs
        .filter((r) => r.target.emulated)
        .map((r) => [formatPlatform(r.target.platform), r.target.platform]),
    ).values(),
  ];
  // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
  // Each platform's emulator is set up on its own, so a platform that cannot
  // run here fails its own cells and no other.
  const noEmulator = new Map<string, string>();
  if (inputs.smoke) {
    for (const p of emulated) {
      try {
        await ensureEmulation({
          docker: ['docker'],
          native: ctx.session.engine.native,
          platforms: [p],
          qemuImage: inputs.qemuImage,
        });
      } catch (err) {
        noEmulator.set(formatPlatform(p), errorMessage(err));
      }
    }
  }
  const runnable = runs.filter((r) => !noEmulator.has(formatPlatform(r.target.platform)));
  const stranded = runs.filter((r) => noEmulator.has(formatPlatform(r.target.platform)));
  const options = smokeOptions(inputs, ctx.session.prefix, true);
  const [results, scans] = await Promise.all([
    testAll(
      runnable.map((r) => r.target),
      options,
    ),
    // What cannot run can still be read: its architecture check goes on.
    inputs.verifyArch
      ? testAll(
          stranded.map((r) => r.target),
          { ...options, smoke: false, containerPrefix: `${ctx.session.prefix}-noemu` },
        )
      : Promise.resolve([]),
  ]);
  stranded.forEach((r, i) => {
    const platform = formatPlatform(r.target.platform);
    const scan = scans[i];
    const found =
      scan && !scan.ok ? ` The architecture check found: ${scan.errors.join('; ')}` : '';
    errorCell(
      ctx,
      r.row,
      platform,
      'no emulator to run it',
      `${r.row.subject}: ${platform}: no emulator to run it. ${noEmulator.get(platform) ?? ''}${found}`,
    );
  });
  results.forEach((res, i) => {
    const { row } = runnable[i] as (typeof runs)[number];
    if (res.ok) {
      const scanned = res.arch?.checked ? `, ${res.arch.elfFiles} ELF files checked` : '';
      row.cells[res.platform] = {
        status: 'ok',
        reason: `${res.smoke === 'passed' ? 'runs' : 'in the index'}${scanned}`,
      };
    } else {
      errorCell(
        ctx,
        row,
        res.platform,
        res.errors[0] ?? 'failed',
        `${row.subject}: ${res.platform}: ${res.errors.join('; ')}${res.hints[0] ? ` ${res.hints[0]}` : ''}`,
      );
    }
  });
}

// ---------------------------------------------------------------- Dockerfile

async function checkDockerfile(ctx: Context, file: string): Promise<void> {
  const { inputs } = ctx;
  const args = Object.fromEntries(
    inputs.buildArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
  const text = await readFile(file, 'utf8');
  const parsed = parseDockerfile(text, args);
  const resolved = resolveDockerfile(text, {
    targets: inputs.platforms,
    buildPlatform: ctx.session.engine?.native ?? parsePlatform('linux/amd64'),
    buildArgs: args,
    ...(inputs.target ? { target: inputs.target } : {}),
  });
  const { stages } = resolved.model;
  const reached = new Set(
    resolved.targets.flatMap((t) => t.uses.filter((u) => u.reachable).map((u) => u.stage)),
  );
  const stageAt = (line: number): number | undefined =>
    stages.filter((st) => st.from.line <= line).at(-1)?.index;
  const stageLabel = (index: number): string => {
    const name = stages[index]?.name;
    return name ? `"${name}"` : `#${index} (line ${stages[index]?.from.line})`;
  };
  const last = stages.length - 1;
  const builds = inputs.target
    ? `the target stage "${inputs.target}"`
    : `the last stage${last >= 0 ? `, ${stageLabel(last)}` : ''}`;

  // Advice on a stage the build never reaches cannot fail the check: it is a note.
  for (const w of parsed.warnings) {
    const stage = stageAt(w.line);
    const unbuilt = stage !== undefined && !reached.has(stage);
    ctx.report.findings.push({
      level: unbuilt ? 'info' : 'warning',
      message: unbuilt
        ? `${w.message} (A note only: stage ${stageLabel(stage)} is not built for ${builds}.)`
        : w.message,
      file,
      line: w.line,
    });
  }
  for (const w of resolved.warnings)
    ctx.report.findings.push({ level: 'warning', message: w.message, file, line: w.line });
  const refused = new Set<string>();
  for (const e of resolved.targets.flatMap((t) => t.errors)) {
    if (refused.has(`${e.line} ${e.message}`)) continue;
    refused.add(`${e.line} ${e.message}`);
    ctx.report.findings.push({ level: 'error', message: e.message, file, line: e.line });
  }

  // One row per line that pulls an image for some target, in line order.
  const lines = new Map<string, { source: SourceLine; stage: number }>();
  for (const t of resolved.targets)
    for (const u of t.uses)
      lines.set(`${u.source.line} ${u.source.via} ${u.source.word}`, {
        source: u.source,
        stage: u.stage,
      });
  for (const [key, { source, stage }] of [...lines].sort(
    (a, b) => a[1].source.line - b[1].source.line,
  )) {
    const perTarget = resolved.targets.map((t) => ({
      target: t,
      use: t.uses.find((u) => `${u.source.line} ${u.source.via} ${u.source.word}` === key),
    }));
    const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
    if (images.length === 0) continue;
    await sourceRow(ctx, file, source, perTarget, {
      reachable: images.some((u) => u.reachable),
      notBuilt: `not built: stage ${stageLabel(stage)} is not reached from ${builds}`,
    });
  }
  if (inputs.build) await buildLocally(ctx, file);
}

const VIA_PREFIX: Record<SourceLine['via'], string> = {
  FROM: 'FROM ',
  'COPY --from': 'COPY --from=',
  'RUN --mount': 'RUN --mount from=',
};

/** The row of one FROM / COPY --from / RUN --mount line: per target, what it pulls and whether that exists. */
async function sourceRow(
  ctx: Context,
  file: string,
  source: SourceLine,
  perTarget: { target: TargetResolution; use?: SourceUse }[],
  { reachable, notBuilt }: { reachable: boolean; notBuilt: string },
): Promise<void> {
  const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
  const refs = [...new Set(images.map((u) => u.ref))];
  const prefix = VIA_PREFIX[source.via];
  const row: CheckRow = {
    kind: 'base-image',
    subject: `${prefix}${refs.length === 1 ? refs[0] : source.word}`,
    file,
    line: source.line,
    cells: {},
  };
  ctx.report.rows.push(row);

  const unresolved = [...new Set(images.flatMap((u) => u.unresolved))];
  if (unresolved.length > 0) {
    ctx.report.findings.push({
      level: reachable ? 'warning' : 'info',
      message: `${source.raw} uses ${unresolved.map((v) => `$${v}`).join(', ')} with no value; pass it in build-args to check this image`,
      file,
      line: source.line,
    });
  }

  // Errors of one row that pull the same thing the same way are one finding.
  const failures = new Map<string, { platforms: string[]; reason: string; fix: string }>();
  for (const { target, use } of perTarget) {
    const key = formatPlatform(target.target);
    if (!use) continue;
    let cell: Cell;
    if (!use.reachable) cell = { status: 'skip', reason: notBuilt };
    else if (use.kind === 'stage') cell = { status: 'skip', reason: `the stage ${use.ref}` };
    else if (use.kind === 'scratch') cell = { status: 'skip', reason: 'scratch: no image' };
    else if (use.unresolved.length > 0)
      cell = {
        status: 'skip',
        reason: `${use.unresolved.map((v) => `$${v}`).join(', ')} has no value`,
      };
    else if (!use.platform)
      cell = { status: 'error', reason: `--platform=${use.platformFlag ?? ''} is not a platform` };
    else {
      cell = await imageCell(ctx, use, use.platform, target.target);
      row.pulls = {
        ...row.pulls,
        [key]: { image: use.ref, platform: formatPlatform(use.platform) },
      };
    }
    row.cells[key] = cell;
    const pulled = row.pulls?.[key];
    if (cell.status === 'error' && pulled) {
      const group = `${pulled.platform} ${cell.reason}`;
      const f = failures.get(group) ?? {
        platforms: [],
        reason: cell.reason,
        fix: pullFix(cell.reason, pulled),
      };
      f.platforms.push(key);
      failures.set(group, f);
    }
  }
  for (const f of failures.values()) {
    const finding: Finding = {
      level: 'error',
      message: `${row.subject}: ${f.platforms.join(', ')}: ${f.reason}. ${f.fix}`,
      file,
      line: source.line,
    };
    ctx.report.findings.push(finding);
  }
}

/** Whether the image a line pulls for `target` has `platform`; says so when the two differ. */
async function imageCell(
  ctx: Context,
  use: SourceUse,
  platform: Platform,
  target: Platform,
): Promise<Cell> {
  const facts = await ctx.cache.get(use.ref, [platform]);
  const fact = facts.platforms[0];
  const pulled = formatPlatform(platform);
  const how =
    pulled === formatPlatform(target)
      ? ''
      : `pulls ${pulled} (--platform=${use.platformWord ?? use.platformFlag}): `;
  if (facts.error || !fact) {
    return { status: 'error', reason: `${how}${facts.error ?? 'not inspected'}${caseHint(use)}` };
  }
  return { status: fact.ok ? 'ok' : 'error', reason: `${how}${fact.reason}` };
}

/** What to do about a line whose image cannot be pulled for a platform. */
function pullFix(reason: string, pulled: { image: string; platform: string }): string {
  if (/\bno \S+ in the index\b/.test(reason))
    return `Fix: use a tag or an image published for ${pulled.platform}, or build ${pulled.image} for it.`;
  if (/entry's config says/.test(reason))
    return `Fix: rebuild ${pulled.image} so that its ${pulled.platform} entry holds a ${pulled.platform} image.`;
  return `Fix: check the reference, and that this runner may read it (docker login to its registry).`;
}

/** For `FROM Build` after `AS build`: BuildKit matches stage names in FROM case-sensitively. */
function caseHint(use: SourceUse): string {
  return use.source.via === 'FROM' && use.ref !== use.ref.toLowerCase()
    ? `; if it means a stage, write its name in lower case (FROM ${use.ref.toLowerCase()}): BuildKit matches stage names in FROM case-sensitively`
    : '';
}

async function buildLocally(ctx: Context, file: string): Promise<void> {
  const { inputs } = ctx;
  const run: RunReport = { mode: 'not started', platforms: [] };
  const row: CheckRow = {
    kind: 'build',
    subject: `build ${path.relative('.', file) || file} (--load, not pushed)`,
    file,
    cells: {},
  };
  ctx.report.rows.push(row);
  try {
    await execute(buildRequest(inputs, file), await readyToBuild(ctx.session), run);
  } catch (err) {
    const why = errorMessage(err);
    for (const p of inputs.platforms)
      errorCell(
        ctx,
        row,
        formatPlatform(p),
        why.split('\n')[0] as string,
        `${row.subject}: ${why}`,
      );
    return;
  }
  for (const r of run.platforms) {
    if (r.ok)
      row.cells[r.platform] = {
        status: 'ok',
        reason: `built and ${r.smoke === 'passed' ? 'ran' : 'checked'}`,
      };
    else
      errorCell(
        ctx,
        row,
        r.platform,
        r.errors[0] ?? 'failed',
        `${row.subject}: ${r.platform}: ${r.errors.join('; ')}`,
      );
  }
}

// ---------------------------------------------------------------- Kubernetes

async function checkWorkloads(ctx: Context): Promise<void> {
  const { inputs } = ctx;
  const matches = await matchPatterns(inputs.manifests);
  for (const m of matches.filter((x) => x.files.length === 0)) {
    ctx.report.findings.push({
      level: 'warning',
      message: `kubernetes-manifests pattern ${m.pattern} matched no files`,
    });
  }
  // The matcher follows symbolic links: one that leads out of the workspace is not read.
  const files = filesOf(matches).filter((file) => {
    try {
      confinePath('kubernetes-manifests', file, workspaceRoot());
      return true;
    } catch (err) {
      ctx.report.findings.push({ level: 'error', message: errorMessage(err) });
      return false;
    }
  });
  if (files.length === 0) {
    ctx.report.findings.push({
      level: 'error',
      message: `kubernetes-manifests ${inputs.manifests.join(', ')} matched no files`,
    });
    return;
  }
  // Chart templates are rendered (or skipped) chart by chart, after the plain manifests.
  const charts = new Map<string, string[]>();
  for (const file of files) {
    const chart = await helmChartOf(file);
    if (chart !== undefined) {
      charts.set(chart, [...(charts.get(chart) ?? []), file]);
      continue;
    }
    const text = await readFile(file, 'utf8');
    const shown = path.relative('.', file) || file;
    const { workloads, problems } = parseWorkloads(text, shown, inputs.clusterArchitectures);
    const template = problems.length > 0 ? templateLine(text) : undefined;
    if (template !== undefined) {
      ctx.report.findings.push({
        level: 'info',
        message: `Skipped ${shown}: it is a template, not a manifest (a {{ … }} action at line ${template} and YAML that does not parse). Render it first and check the output, or keep it out of kubernetes-manifests.`,
        file: shown,
        line: template,
      });
      continue;
    }
    for (const p of problems)
      ctx.report.findings.push({ level: 'error', message: p.message, file: p.file, line: p.line });
    await checkWorkloadList(ctx, workloads, true);
  }
  if (charts.size === 0) return;
  const helm = await helmVersion();
  for (const [chart, templates] of charts) {
    const shown = templates.map((t) => path.relative('.', t) || t);
    if (!helm) {
      ctx.report.findings.push({
        level: 'info',
        message: `Skipped the Helm chart ${chart}: helm is not on PATH, so its templates were not rendered and not checked: ${shown.join(', ')}. Install helm (for example with azure/setup-helm) to have them rendered with helm template, or check rendered manifests instead.`,
        file: path.join(chart, 'Chart.yaml'),
      });
      continue;
    }
    let rendered: Map<string, string>;
    try {
      rendered = splitHelmOutput(await renderChart(chart));
    } catch (err) {
      ctx.report.findings.push({
        level: 'warning',
        message: `The Helm chart ${chart} was not checked: ${errorMessage(err)}`,
        file: path.join(chart, 'Chart.yaml'),
      });
      continue;
    }
    let count = 0;
    for (const [template, label] of templates.map((t, i) => [t, shown[i] as string] as const)) {
      const text = rendered.get(path.posix.relative(chart, template));
      if (text === undefined) continue;
      const { workloads, problems } = parseWorkloads(text, label, inputs.clusterArchitectures);
      // Lines of rendered output are not lines of the template: name the file only.
      for (const p of problems)
        ctx.report.findings.push({
          level: 'error',
          message: `${p.message} (in what helm template rendered from it)`,
          file: p.file,
        });
      count += workloads.length;
      await checkWorkloadList(ctx, workloads, false);
    }
    ctx.report.findings.push({
      level: 'info',
      message: `Rendered the Helm chart ${chart} with helm template (${helm}) and its default values: ${count} workload${count === 1 ? '' : 's'} from ${shown.join(', ')}.`,
      file: path.join(chart, 'Chart.yaml'),
    });
  }
}

/** Rows and findings of workloads; `lines` false for rendered templates, whose lines are not the file's. */
async function checkWorkloadList(
  ctx: Context,
  workloads: Workload[],
  lines: boolean,
): Promise<void> {
  const { inputs } = ctx;
  const at = (line: number | undefined) => (lines && line !== undefined ? { line } : {});
  for (const w of workloads) {
    const name = `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
    if (w.arch.allowed.length === 0) {
      ctx.report.findings.push({
        level: 'error',
        message: `${name}: its ${w.arch.source} allows none of the cluster's architectures (${inputs.clusterArchitectures.join(', ')}), so it can never be scheduled`,
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
        for (const arch of inputs.clusterArchitectures)
          row.cells[`linux/${arch}`] = { status: 'skip', reason: 'the image is a template value' };
        ctx.report.findings.push({
          level: 'info',
          message: `${name}: container ${c.container}'s image ${c.image} is a template value, not an image: render the manifest first to check it.`,
          file: w.file,
          ...at(c.line),
        });
        continue;
      }
      const allowed = w.arch.allowed.map((a) => parsePlatform(`linux/${a}`));
      const facts = await ctx.cache.get(c.image, allowed);
      const has = facts.platforms.filter((f) => f.ok).map((f) => f.platform.architecture);
      for (const arch of inputs.clusterArchitectures) {
        const key = `linux/${arch}`;
        if (!w.arch.allowed.includes(arch)) {
          row.cells[key] = {
            status: 'skip',
            reason: `not scheduled on ${arch} (${w.arch.source})`,
          };
          continue;
        }
        const fact = facts.platforms.find((f) => f.platform.architecture === arch);
        if (!facts.error && fact?.ok) {
          row.cells[key] = { status: 'ok', reason: fact.reason };
          continue;
        }
        const why = facts.error ?? fact?.reason ?? `no ${key}`;
        const scheduling =
          w.arch.source === 'none'
            ? `has no kubernetes.io/arch constraint, so it can land on ${arch} nodes`
            : `may be scheduled on ${arch} nodes (${w.arch.source})`;
        const fix =
          has.length > 0
            ? `Fix: add nodeSelector {kubernetes.io/arch: ${has[0]}} to pin it to what the image has${has.length > 1 ? ` (${has.join(', ')})` : ''}, or build ${c.image} for ${key}.`
            : `Fix: build ${c.image} for ${key}.`;
        errorCell(ctx, row, key, why, `${name} ${scheduling}, but ${c.image}: ${why}. ${fix}`);
      }
    }
  }
}
