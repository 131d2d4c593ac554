/** The per-platform report as Markdown (job summary) and plain text (log, CLI). Pure. */
import { markdownCell } from '../../runner/markdown';
import type { PlatformResult, RunReport } from '../../verify/result';

function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

function shortDigest(d: string | undefined): string {
  return d ? d.replace(/^sha256:/, '').slice(0, 12) : '–';
}

function archCell(r: PlatformResult): string {
  if (!r.arch) return '–';
  if (!r.arch.checked) return `not checked${r.arch.note ? ` (${r.arch.note})` : ''}`;
  const scanned = `${r.arch.elfFiles} ELF file${r.arch.elfFiles === 1 ? '' : 's'} in ${seconds(r.arch.durationMs)}`;
  return r.arch.foreignCount > 0
    ? `${r.arch.foreignCount} foreign (${scanned})`
    : `ok (${scanned})`;
}

/** passed (exit 0), or for a server: passed (ready in 1.2 s). */
function smokeCell(r: PlatformResult): string {
  if (r.smoke === 'skipped') return 'skipped';
  if (r.readyMs !== undefined) return `${r.smoke} (ready in ${seconds(r.readyMs)})`;
  return `${r.smoke}${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}`;
}

/** One line on the tests' attestation: what it says, and where it is attached. */
function attestationLine(report: RunReport): string | undefined {
  const a = report.attestation;
  if (!a) return undefined;
  const where =
    a.attached.length > 0
      ? `attached to ${a.attached.length} digest${a.attached.length === 1 ? '' : 's'}${a.digest ? ` (${shortDigest(a.digest)} on the index)` : ''}`
      : 'not attached';
  return `Test attestation: ${a.result}, ${where}${a.warning ? `; ${a.warning}` : ''}`;
}

export function renderMarkdown(report: RunReport): string {
  const lines: string[] = [];
  const failed = report.platforms.filter((p) => !p.ok);
  // A buildx --call other than build makes no image: nothing is tested.
  const called = report.mode.startsWith('call ') ? report.mode.slice(5) : undefined;
  const verdict = report.error
    ? called
      ? `❌ buildx --call ${called} failed`
      : '❌ failed before testing'
    : called
      ? `✅ buildx --call ${called} passed (no image: nothing pushed or tested)`
      : failed.length === 0
        ? `✅ all ${report.platforms.length} platforms passed`
        : `❌ ${failed.length} of ${report.platforms.length} platforms failed`;
  lines.push(`### multiarch: ${verdict}`, '');
  if (report.held) {
    lines.push(
      `**Not published: ${report.held.failed.join(', ')} failed.** These tags were left where they were: ${report.held.tags.map((t) => `\`${markdownCell(t)}\``).join(', ')}. ${report.image?.includes('@') ? 'The tested image below can be pulled by digest.' : 'The tested image stays in the engine under the name below until the post step.'}`,
      '',
    );
  }
  if (report.image) lines.push(`Image: \`${report.image}\``, '');
  const attestation = attestationLine(report);
  if (attestation) lines.push(markdownCell(attestation), '');
  if (report.error) lines.push('```', report.error, '```', '');
  if (report.platforms.length > 0) {
    lines.push(
      '| | Platform | Node | Digest | Build | Smoke | Smoke time | Emulated | Architecture check |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const r of report.platforms) {
      const smoke = smokeCell(r);
      lines.push(
        `| ${r.ok ? '✅' : '❌'} | \`${r.platform}\` | ${markdownCell(r.node)} | \`${shortDigest(r.digest)}\` | ${seconds(r.buildDurationMs)} | ${smoke} | ${seconds(r.durationMs)} | ${r.emulated ? 'yes (QEMU)' : 'no (native)'} | ${markdownCell(archCell(r))} |`,
      );
    }
    lines.push('');
  }
  for (const r of failed) {
    lines.push(`#### ❌ ${r.platform}`, '');
    for (const e of r.errors) lines.push(`- ${markdownCell(e)}`);
    for (const h of r.hints) lines.push(`- Hint: ${markdownCell(h)}`);
    if (r.output)
      lines.push(
        '',
        '<details><summary>Output (tail)</summary>',
        '',
        '```',
        r.output,
        '```',
        '',
        '</details>',
      );
    lines.push('');
  }
  return lines.join('\n');
}

/** A fixed-width table for the log and the CLI. */
export function renderText(report: RunReport): string {
  const header = [
    '',
    'PLATFORM',
    'NODE',
    'DIGEST',
    'BUILD',
    'SMOKE',
    'SMOKE TIME',
    'EMULATED',
    'ARCH CHECK',
  ];
  const rows = report.platforms.map((r) => [
    r.ok ? 'ok' : 'FAIL',
    r.platform,
    r.node,
    shortDigest(r.digest),
    seconds(r.buildDurationMs),
    r.readyMs !== undefined ? smokeCell(r) : r.smoke,
    seconds(r.durationMs),
    r.emulated ? 'yes' : 'no',
    archCell(r),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const fmt = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [fmt(header), ...rows.map(fmt)];
  for (const r of report.platforms.filter((p) => !p.ok)) {
    for (const e of r.errors) out.push(`${r.platform}: ${e}`);
    for (const h of r.hints) out.push(`  hint: ${h}`);
  }
  if (report.held)
    out.push(
      `Not published: ${report.held.failed.join(', ')} failed; left alone: ${report.held.tags.join(', ')}`,
    );
  const attestation = attestationLine(report);
  if (attestation) out.push(attestation);
  if (report.error) out.push(`error: ${report.error}`);
  return out.join('\n');
}

/** The `platforms` output: platform → what happened to it. */
export function platformsOutput(report: RunReport): Record<string, unknown> {
  return Object.fromEntries(
    report.platforms.map((r) => [
      r.platform,
      {
        digest: r.digest ?? null,
        ref: r.ref ?? null,
        smoke: r.smoke,
        readyMs: r.readyMs ?? null,
        exitCode: r.exitCode ?? null,
        durationMs: r.durationMs ?? null,
        emulated: r.emulated,
        node: r.node,
        buildDurationMs: r.buildDurationMs ?? null,
        arch: r.arch ?? null,
        output: r.output ?? '',
        ok: r.ok,
        errors: r.errors,
      },
    ]),
  );
}
