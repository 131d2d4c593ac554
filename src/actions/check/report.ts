/**
 * The ARM-readiness report: one row per image, base image, build or workload
 * container, one column per platform; findings become annotations. Pure.
 */
import { markdownCell } from '../../runner/markdown';

export type CellStatus = 'ok' | 'error' | 'warning' | 'skip';

export interface Cell {
  status: CellStatus;
  reason: string;
}

export interface CheckRow {
  kind: 'image' | 'base-image' | 'build' | 'workload';
  subject: string;
  file?: string;
  line?: number;
  /** Platform → verdict. A platform without a cell is not part of this row. */
  cells: Record<string, Cell>;
  /**
   * For a Dockerfile line, target platform → the image the build pulls there and
   * the platform it pulls it for (which differs with --platform). Only for the
   * targets whose build reaches the line.
   */
  pulls?: Record<string, { image: string; platform: string }>;
}

export interface Finding {
  /** Errors make the check not ready; warnings are advice; info is a note that never fails it. */
  level: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
}

export interface CheckReport {
  platforms: string[];
  rows: CheckRow[];
  findings: Finding[];
}

export type FailOn = 'error' | 'warning' | 'never';

export function counts(report: CheckReport): { errors: number; warnings: number } {
  return {
    errors: report.findings.filter((f) => f.level === 'error').length,
    warnings: report.findings.filter((f) => f.level === 'warning').length,
  };
}

/** Ready means nothing is an error: warnings are advice. */
export function isReady(report: CheckReport): boolean {
  return counts(report).errors === 0;
}

export function shouldFail(report: CheckReport, failOn: FailOn): boolean {
  const { errors, warnings } = counts(report);
  if (failOn === 'never') return false;
  return errors > 0 || (failOn === 'warning' && warnings > 0);
}

const ICON: Record<CellStatus, string> = { ok: '✅', error: '❌', warning: '⚠️', skip: '–' };
const FINDING_ICON: Record<Finding['level'], string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

function where(f: { file?: string; line?: number }): string {
  return f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
}

export function renderCheckMarkdown(report: CheckReport): string {
  const { errors, warnings } = counts(report);
  const verdict =
    errors > 0 ? '❌ not ready' : warnings > 0 ? '⚠️ ready, with warnings' : '✅ ready';
  const lines = [`### ARM readiness: ${verdict}`, ''];
  if (report.rows.length > 0) {
    lines.push(`| | ${report.platforms.map((p) => `\`${p}\``).join(' | ')} |`);
    lines.push(`|---|${report.platforms.map(() => '---').join('|')}|`);
    for (const row of report.rows) {
      const at = where(row);
      const subject = `${markdownCell(row.subject)}${at ? `<br><sub>${markdownCell(at)}</sub>` : ''}`;
      const cells = report.platforms.map((p) => {
        const c = row.cells[p];
        if (!c) return ' ';
        return c.status === 'ok' ? ICON.ok : `${ICON[c.status]} ${markdownCell(c.reason)}`;
      });
      lines.push(`| ${subject} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const notes = report.findings.filter((f) => f.level === 'info');
  const problems = report.findings.filter((f) => f.level !== 'info');
  const item = (f: Finding): string => {
    const at = where(f);
    return `- ${FINDING_ICON[f.level]} ${at ? `\`${at}\`: ` : ''}${markdownCell(f.message)}`;
  };
  if (problems.length > 0) {
    lines.push(
      `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}:`,
      '',
      ...problems.map(item),
      '',
    );
  }
  if (notes.length > 0) lines.push('Notes:', '', ...notes.map(item), '');
  return lines.join('\n');
}

export function renderCheckText(report: CheckReport): string {
  const out = report.rows.map((row) => {
    const cells = report.platforms
      .filter((p) => row.cells[p])
      .map((p) => {
        const c = row.cells[p] as Cell;
        return `${p} ${c.status === 'ok' ? 'ok' : `${c.status.toUpperCase()} (${c.reason})`}`;
      });
    const at = where(row);
    return `${row.subject}${at ? ` [${at}]` : ''}: ${cells.join('; ')}`;
  });
  for (const f of report.findings)
    out.push(`${f.level}: ${where(f) ? `${where(f)}: ` : ''}${f.message}`);
  const { errors, warnings } = counts(report);
  out.push(`${isReady(report) ? 'ready' : 'NOT READY'}: ${errors} errors, ${warnings} warnings`);
  return out.join('\n');
}
