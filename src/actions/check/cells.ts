/**
 * The cells every check step fills, written once. An error cell always comes
 * with the finding that explains it, so the table and the annotations cannot
 * disagree; and a registry's or a run's verdict becomes a cell the same way
 * whichever step asked.
 */
import type { Session } from '../../engine/session';
import { formatPlatform, type Platform } from '../../oci/platform';
import type { PlatformResult } from '../../verify/result';
import type { ImageCache, ImageFacts, PlatformFacts } from './images';
import type { CheckInputs } from './inputs';
import type { Cell, CheckReport, CheckRow } from './report';

/** What every step reads and writes into. */
export interface CheckContext {
  inputs: CheckInputs;
  report: CheckReport;
  cache: ImageCache;
  session: Session;
}

/** An error cell, with its finding: by default `subject: platform: reason`. */
export function errorCell(
  ctx: CheckContext,
  row: CheckRow,
  platform: string,
  reason: string,
  message = `${row.subject}: ${platform}: ${reason}`,
): void {
  row.cells[platform] = { status: 'error', reason };
  ctx.report.findings.push({ level: 'error', message, file: row.file, line: row.line });
}

/** The platforms each image must have: platforms, and every one require-tested asks proof of. */
export function imagePlatforms(
  inputs: Pick<CheckInputs, 'platforms' | 'requireTested'>,
): Platform[] {
  const all = new Map(inputs.platforms.map((p) => [formatPlatform(p), p]));
  for (const p of inputs.requireTested)
    if (!all.has(formatPlatform(p))) all.set(formatPlatform(p), p);
  return [...all.values()];
}

/** What the registry says about one platform of an image. */
export const factOf = (facts: ImageFacts, p: Platform): PlatformFacts | undefined =>
  facts.platforms.find((f) => formatPlatform(f.platform) === formatPlatform(p));

/**
 * The registry's verdict on one platform as a cell. An image that could not be
 * read fails every platform with its error; `missing` is the reason when the
 * platform was not judged at all.
 */
export function factCell(
  facts: ImageFacts,
  fact: PlatformFacts | undefined,
  missing = 'not inspected',
): Cell {
  if (facts.error || !fact) return { status: 'error', reason: facts.error ?? missing };
  return { status: fact.ok ? 'ok' : 'error', reason: fact.reason };
}

/** Cells for the platforms a registry lists; the ones it lacks are errors. Returns the present ones. */
export function indexCells(
  ctx: CheckContext,
  row: CheckRow,
  facts: ImageFacts,
  platforms: Platform[],
): Platform[] {
  const present: Platform[] = [];
  for (const p of platforms) {
    const key = formatPlatform(p);
    const cell = factCell(facts, factOf(facts, p));
    if (cell.status === 'error') errorCell(ctx, row, key, cell.reason);
    else {
      row.cells[key] = cell;
      present.push(p);
    }
  }
  return present;
}

/**
 * require-tested on an image's row: each asked-for platform whose cell is ok
 * must carry a PASSED test-result attestation on its manifest digest, or its
 * cell becomes an error that says what is missing.
 */
export async function testedCells(
  ctx: CheckContext,
  row: CheckRow,
  image: string,
  facts: ImageFacts,
): Promise<void> {
  await Promise.all(
    ctx.inputs.requireTested.map(async (p) => {
      const key = formatPlatform(p);
      const digest = factOf(facts, p)?.digest;
      if (row.cells[key]?.status !== 'ok' || !digest) return;
      const verdict = await ctx.cache.tested(image, p, digest);
      if (!verdict.ok) errorCell(ctx, row, key, `not tested: ${verdict.reason}`);
    }),
  );
}

/**
 * The cell of a platform that was run (smoke-tested or built): `ok` says what
 * passed; a failure's finding lists every error, then `hint` when there is one.
 */
export function resultCell(
  ctx: CheckContext,
  row: CheckRow,
  result: PlatformResult,
  ok: string,
  hint = '',
): void {
  if (result.ok) {
    row.cells[result.platform] = { status: 'ok', reason: ok };
    return;
  }
  errorCell(
    ctx,
    row,
    result.platform,
    result.errors[0] ?? 'failed',
    `${row.subject}: ${result.platform}: ${result.errors.join('; ')}${hint}`,
  );
}
