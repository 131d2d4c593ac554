/**
 * The check sub-action: is this image, Dockerfile or Kubernetes workload
 * ready for ARM? Builds nothing it pushes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { execute } from '../../build/execute';
import { readyToBuild, type Session } from '../../build/session';
import { errorMessage } from '../../runner/errors';
import { runAction } from '../shared/run-action';
import { buildRequest } from './build-request';
import { isEmulated } from '../../verify/emulation/binfmt';
import { formatPlatform, parsePlatform, type Platform } from '../../oci/platform';
import { parseImageRef, repository } from '../../oci/reference';
import { ensureEmulation } from '../../verify/emulation/ensure';
import type { RunReport } from '../../verify/result';
import { smokeOptions, testAll, type Target } from '../../verify/smoke';
import { baseImages, parseDockerfile } from './dockerfile';
import { filesOf, matchPatterns } from './files';
import { ImageCache, type ImageFacts } from './images';
import { getCheckInputs, type CheckInputs } from './inputs';
import { parseWorkloads } from './kubernetes';
import { publishCheck } from './publish';
import type { Cell, CheckReport, CheckRow } from './report';

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
    session: { tempDir: false, needs: 'optional' },
    async main(inputs, session) {
      const clusterPlatforms = inputs.clusterArchitectures.map((a) => `linux/${a}`);
      report.platforms = [
        ...new Set([
          ...inputs.platforms.map(formatPlatform),
          ...(inputs.manifests.length > 0 ? clusterPlatforms : []),
        ]),
      ];
      const ctx: Context = { inputs, report, cache: new ImageCache(), session };
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
  if (inputs.smoke && emulated.length > 0) {
    try {
      await ensureEmulation({
        docker: ['docker'],
        native: ctx.session.engine.native,
        platforms: emulated,
        qemuImage: inputs.qemuImage,
      });
    } catch (err) {
      // Those platforms cannot be run here; every other check goes on.
      const why = errorMessage(err);
      for (const r of runs.filter((x) => x.target.emulated))
        errorCell(ctx, r.row, formatPlatform(r.target.platform), 'no emulator to run it', why);
      runs.splice(0, runs.length, ...runs.filter((x) => !x.target.emulated));
    }
  }
  const results = await testAll(
    runs.map((r) => r.target),
    smokeOptions(inputs, ctx.session.prefix, true),
  );
  results.forEach((res, i) => {
    const { row } = runs[i] as (typeof runs)[number];
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
  const parsed = parseDockerfile(await readFile(file, 'utf8'), args);
  for (const w of parsed.warnings)
    ctx.report.findings.push({ level: 'warning', message: w.message, file, line: w.line });
  const buildPlatform = ctx.session.engine?.native ?? parsePlatform('linux/amd64');
  for (const from of baseImages(parsed)) {
    const row: CheckRow = {
      kind: 'base-image',
      subject: `FROM ${from.image}`,
      file,
      line: from.line,
      cells: {},
    };
    ctx.report.rows.push(row);
    if (from.unresolved.length > 0) {
      ctx.report.findings.push({
        level: 'warning',
        message: `FROM ${from.raw} uses ${from.unresolved.map((v) => `$${v}`).join(', ')} with no value; pass it in build-args to check this image`,
        file,
        line: from.line,
      });
      continue;
    }
    // Which platforms this stage's image must have depends on its --platform.
    let needed: Platform[] = inputs.platforms;
    let skipped: Cell | undefined;
    if (from.platform && /BUILDPLATFORM/.test(from.platform)) {
      needed = [buildPlatform];
      skipped = { status: 'skip', reason: 'build stage: runs on the build machine only' };
    } else if (from.platform && !from.platform.includes('$')) {
      let pinned: Platform;
      try {
        pinned = parsePlatform(from.platform);
      } catch (err) {
        ctx.report.findings.push({
          level: 'error',
          message: `FROM --platform=${from.platform}: ${errorMessage(err)}`,
          file,
          line: from.line,
        });
        continue;
      }
      needed = [pinned];
      skipped = { status: 'skip', reason: `pinned to ${formatPlatform(pinned)}` };
    }
    const facts = await ctx.cache.get(from.image, needed);
    indexCells(ctx, row, facts, needed);
    for (const p of inputs.platforms) row.cells[formatPlatform(p)] ??= skipped as Cell;
  }
  if (inputs.build) await buildLocally(ctx, file);
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
  const files = filesOf(matches);
  if (files.length === 0) {
    ctx.report.findings.push({
      level: 'error',
      message: `kubernetes-manifests ${inputs.manifests.join(', ')} matched no files`,
    });
    return;
  }
  for (const file of files) {
    const { workloads, problems } = parseWorkloads(
      await readFile(file, 'utf8'),
      path.relative('.', file) || file,
      inputs.clusterArchitectures,
    );
    for (const p of problems)
      ctx.report.findings.push({ level: 'error', message: p.message, file: p.file, line: p.line });
    for (const w of workloads) {
      const name = `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
      if (w.arch.allowed.length === 0) {
        ctx.report.findings.push({
          level: 'error',
          message: `${name}: its ${w.arch.source} allows none of the cluster's architectures (${inputs.clusterArchitectures.join(', ')}), so it can never be scheduled`,
          file: w.file,
          line: w.arch.line ?? w.line,
        });
      }
      for (const c of w.images) {
        const row: CheckRow = {
          kind: 'workload',
          subject: `${name}: ${c.init ? 'init container' : 'container'} ${c.container} (${c.image})`,
          file: w.file,
          line: c.line,
          cells: {},
        };
        ctx.report.rows.push(row);
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
}
