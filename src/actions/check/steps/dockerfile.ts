/**
 * The Dockerfile step: every line that pulls an image, per target platform,
 * and whether the registry has what it pulls; the lint advice, weighed by
 * whether the build reaches its stage; and, with `build`, a local build.
 */
import { readFile } from 'node:fs/promises';
import { formatPlatform, parsePlatform, type Platform } from '../../../oci/platform';
import type { DockerfileWarning } from '../../../readiness/dockerfile/arch-lint';
import { parseDockerfile } from '../../../readiness/dockerfile/lint';
import type { SourceLine } from '../../../readiness/dockerfile/model';
import {
  resolveDockerfile,
  type ResolvedDockerfile,
  type SourceUse,
  type TargetResolution,
} from '../../../readiness/dockerfile/resolution';
import type { Cell, CheckRow, Finding } from '../report';
import { factCell, type CheckContext } from '../cells';
import { buildLocally } from './local-build';

export async function checkDockerfile(ctx: CheckContext, file: string): Promise<void> {
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
  const stages = stagesOf(resolved, inputs.target);
  adviceFindings(ctx, file, parsed.warnings, resolved, stages);
  await sourceRows(ctx, file, resolved, stages);
  if (inputs.build) await buildLocally(ctx, file);
}

/** How findings name stages, and which of them the build reaches for some target. */
interface Stages {
  reached: Set<number>;
  at: (line: number) => number | undefined;
  label: (index: number) => string;
  /** What is built: the target stage, or the last. */
  builds: string;
}

function stagesOf(resolved: ResolvedDockerfile, target: string | undefined): Stages {
  const { stages } = resolved.model;
  const label = (index: number): string => {
    const name = stages[index]?.name;
    return name ? `"${name}"` : `#${index} (line ${stages[index]?.from.line})`;
  };
  const last = stages.length - 1;
  return {
    reached: new Set(
      resolved.targets.flatMap((t) => t.uses.filter((u) => u.reachable).map((u) => u.stage)),
    ),
    at: (line) => stages.filter((st) => st.from.line <= line).at(-1)?.index,
    label,
    builds: target
      ? `the target stage "${target}"`
      : `the last stage${last >= 0 ? `, ${label(last)}` : ''}`,
  };
}

function adviceFindings(
  ctx: CheckContext,
  file: string,
  warnings: DockerfileWarning[],
  resolved: ResolvedDockerfile,
  stages: Stages,
): void {
  // Advice on a stage the build never reaches cannot fail the check: it is a note.
  for (const w of warnings) {
    const stage = stages.at(w.line);
    const unbuilt = stage !== undefined && !stages.reached.has(stage);
    ctx.report.findings.push({
      level: unbuilt ? 'info' : 'warning',
      message: unbuilt
        ? `${w.message} (A note only: stage ${stages.label(stage)} is not built for ${stages.builds}.)`
        : w.message,
      file,
      line: w.line,
    });
  }
  for (const w of resolved.warnings)
    ctx.report.findings.push({ level: 'warning', message: w.message, file, line: w.line });
  // Every target refuses the same line the same way: one finding, not one per target.
  const refused = new Set<string>();
  for (const e of resolved.targets.flatMap((t) => t.errors)) {
    if (refused.has(`${e.line} ${e.message}`)) continue;
    refused.add(`${e.line} ${e.message}`);
    ctx.report.findings.push({ level: 'error', message: e.message, file, line: e.line });
  }
}

/** One row per line that pulls an image for some target, in line order. */
async function sourceRows(
  ctx: CheckContext,
  file: string,
  resolved: ResolvedDockerfile,
  stages: Stages,
): Promise<void> {
  const keyOf = (u: SourceUse): string => `${u.source.line} ${u.source.via} ${u.source.word}`;
  const lines = new Map<string, { source: SourceLine; stage: number }>();
  for (const t of resolved.targets)
    for (const u of t.uses) lines.set(keyOf(u), { source: u.source, stage: u.stage });
  for (const [key, { source, stage }] of [...lines].sort(
    (a, b) => a[1].source.line - b[1].source.line,
  )) {
    const perTarget = resolved.targets.map((t) => ({
      target: t,
      use: t.uses.find((u) => keyOf(u) === key),
    }));
    const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
    if (images.length === 0) continue;
    await sourceRow(ctx, file, source, perTarget, {
      reachable: images.some((u) => u.reachable),
      notBuilt: `not built: stage ${stages.label(stage)} is not reached from ${stages.builds}`,
    });
  }
}

const VIA_PREFIX: Record<SourceLine['via'], string> = {
  FROM: 'FROM ',
  'COPY --from': 'COPY --from=',
  'RUN --mount': 'RUN --mount from=',
};

/** The row of one FROM / COPY --from / RUN --mount line: per target, what it pulls and whether that exists. */
async function sourceRow(
  ctx: CheckContext,
  file: string,
  source: SourceLine,
  perTarget: { target: TargetResolution; use?: SourceUse }[],
  { reachable, notBuilt }: { reachable: boolean; notBuilt: string },
): Promise<void> {
  const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
  const refs = [...new Set(images.map((u) => u.ref))];
  const row: CheckRow = {
    kind: 'base-image',
    subject: `${VIA_PREFIX[source.via]}${refs.length === 1 ? refs[0] : source.word}`,
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
  ctx: CheckContext,
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
  const cell = factCell(facts, fact);
  // Only an image that could not be read at all may be a stage name in the wrong case.
  const unread = facts.error || !fact;
  return { status: cell.status, reason: `${how}${cell.reason}${unread ? caseHint(use) : ''}` };
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
