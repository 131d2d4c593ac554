/**
 * The images step: is each image in `images` published for every platform,
 * and, with smoke or verify-arch, does it run there and hold binaries of that
 * architecture.
 */
import { formatPlatform, type Platform } from '../../../oci/platform';
import { parseImageRef, repository } from '../../../oci/reference';
import { isEmulated } from '../../../verify/emulation/binfmt';
import { setUpEachEmulator } from '../../../verify/emulate-and-test';
import { smokeOptions, testAll, type Target } from '../../../verify/smoke';
import type { CheckRow } from '../report';
import {
  errorCell,
  factOf,
  imagePlatforms,
  indexCells,
  resultCell,
  testedCells,
  type CheckContext,
} from '../cells';
import type { ImageFacts } from '../images';

interface Run {
  row: CheckRow;
  target: Target;
}

interface ImageRow {
  row: CheckRow;
  image: string;
  facts: ImageFacts;
}

export async function checkImages(ctx: CheckContext): Promise<void> {
  const { rows, runs } = await indexRows(ctx);
  if (runs.length > 0) await runImages(ctx, runs);
  // Last, so that a platform that ran and passed can still lack its proof.
  await Promise.all(rows.map((r) => testedCells(ctx, r.row, r.image, r.facts)));
}

/** Smoke-tests and scans every present platform of every image. */
async function runImages(ctx: CheckContext, runs: Run[]): Promise<void> {
  const { inputs } = ctx;
  if (!ctx.session.engine)
    throw new Error(
      'Cannot run the images: no Docker engine answers. Start dockerd, or set smoke: false and verify-arch: false.',
    );
  // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
  // Each platform's emulator is set up on its own, so a platform that cannot
  // run here fails its own cells and no other.
  const noEmulator = inputs.smoke
    ? await setUpEachEmulator({
        native: ctx.session.engine.native,
        emulated: emulatedPlatforms(runs),
        qemuImage: inputs.qemuImage,
      })
    : new Map<string, string>();
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
    const { row } = runnable[i] as Run;
    const scanned = res.arch?.checked ? `, ${res.arch.elfFiles} ELF files checked` : '';
    const ok = `${res.smoke === 'passed' ? 'runs' : 'in the index'}${scanned}`;
    resultCell(ctx, row, res, ok, res.hints[0] ? ` ${res.hints[0]}` : '');
  });
}

/** A row per image with what its index lists, and the platforms to run when smoke or verify-arch asks. */
async function indexRows(ctx: CheckContext): Promise<{ rows: ImageRow[]; runs: Run[] }> {
  const { inputs } = ctx;
  const runs: Run[] = [];
  const rows: ImageRow[] = [];
  const wanted = imagePlatforms(inputs);
  for (const image of inputs.images) {
    const row: CheckRow = { kind: 'image', subject: `image ${image}`, cells: {} };
    ctx.report.rows.push(row);
    const facts = await ctx.cache.get(image, wanted);
    rows.push({ row, image, facts });
    const present = indexCells(ctx, row, facts, wanted);
    if (!inputs.smoke && !inputs.verifyArch) continue;
    const repo = repository(parseImageRef(image));
    for (const p of present) {
      const digest = factOf(facts, p)?.digest as string;
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
  return { rows, runs };
}

/** The platforms of the runs that need an emulator here, each once. */
function emulatedPlatforms(runs: Run[]): Platform[] {
  return [
    ...new Map(
      runs
        .filter((r) => r.target.emulated)
        .map((r) => [formatPlatform(r.target.platform), r.target.platform]),
    ).values(),
  ];
}
