import { describe, expect, it } from 'vitest';
import {
  isReady,
  renderCheckMarkdown,
  renderCheckText,
  shouldFail,
  type CheckReport,
} from '../../../../src/actions/check/report';

const report: CheckReport = {
  platforms: ['linux/amd64', 'linux/arm64'],
  rows: [
    {
      kind: 'image',
      subject: 'image r/a:1',
      cells: {
        'linux/amd64': { status: 'ok', reason: 'runs' },
        'linux/arm64': {
          status: 'error',
          reason: 'no linux/arm64 in the index (it lists linux/amd64)',
        },
      },
    },
    {
      kind: 'workload',
      subject: 'Deployment api: container app (r/a:1)',
      file: 'k8s/api.yaml',
      line: 12,
      cells: {
        'linux/amd64': { status: 'ok', reason: 'in the index' },
        'linux/arm64': { status: 'skip', reason: 'not scheduled on arm64 (nodeSelector)' },
      },
    },
  ],
  findings: [
    {
      level: 'error',
      message: 'image r/a:1: linux/arm64: no linux/arm64 in the index (it lists linux/amd64)',
    },
    { level: 'warning', message: 'pin it', file: 'Dockerfile', line: 3 },
  ],
};

describe('readiness report', () => {
  it('renders the matrix: one row per subject, one column per platform', () => {
    const md = renderCheckMarkdown(report);
    expect(md.split('\n')).toEqual(
      expect.arrayContaining([
        '### ARM readiness: ❌ not ready',
        '| | `linux/amd64` | `linux/arm64` |',
        '| image r/a:1 | ✅ | ❌ no linux/arm64 in the index (it lists linux/amd64) |',
        '| Deployment api: container app (r/a:1)<br><sub>k8s/api.yaml:12</sub> | ✅ | – not scheduled on arm64 (nodeSelector) |',
        '1 error, 1 warning:',
        '- ⚠️ `Dockerfile:3`: pin it',
      ]),
    );
  });
  it('renders text for the log', () => {
    expect(renderCheckText(report).split('\n').at(-1)).toBe('NOT READY: 1 errors, 1 warnings');
  });
  it.each([
    ['error', true],
    ['warning', true],
    ['never', false],
  ] as const)('fail-on %s → %s', (failOn, fails) => {
    expect(shouldFail(report, failOn)).toBe(fails);
  });
  it('is ready with warnings only, and fails on them only when asked', () => {
    const warningsOnly = {
      ...report,
      findings: report.findings.filter((f) => f.level === 'warning'),
    };
    expect(isReady(warningsOnly)).toBe(true);
    expect(shouldFail(warningsOnly, 'error')).toBe(false);
    expect(shouldFail(warningsOnly, 'warning')).toBe(true);
    expect(renderCheckMarkdown(warningsOnly)).toContain(
      '### ARM readiness: ⚠️ ready, with warnings',
    );
  });
});

describe('notes', () => {
  const withNotes: CheckReport = {
    ...report,
    findings: [
      ...report.findings,
      {
        level: 'info',
        message: 'Skipped the Helm chart deploy/web',
        file: 'deploy/web/Chart.yaml',
      },
    ],
  };

  it('lists info findings as notes, apart, and never counts them', () => {
    const md = renderCheckMarkdown(withNotes).split('\n');
    expect(md).toContain('1 error, 1 warning:');
    expect(md.slice(md.indexOf('Notes:'))).toEqual([
      'Notes:',
      '',
      '- ℹ️ `deploy/web/Chart.yaml`: Skipped the Helm chart deploy/web',
      '',
    ]);
    expect(renderCheckText(withNotes).split('\n').slice(-2)).toEqual([
      'info: deploy/web/Chart.yaml: Skipped the Helm chart deploy/web',
      'NOT READY: 1 errors, 1 warnings',
    ]);
  });

  it('is ready, and fails on nothing, with notes only', () => {
    const notesOnly = {
      ...withNotes,
      findings: withNotes.findings.filter((f) => f.level === 'info'),
    };
    expect(isReady(notesOnly)).toBe(true);
    expect(shouldFail(notesOnly, 'warning')).toBe(false);
    expect(renderCheckMarkdown(notesOnly)).toContain('### ARM readiness: ✅ ready');
    expect(renderCheckMarkdown(notesOnly)).not.toContain('0 errors');
  });
});
