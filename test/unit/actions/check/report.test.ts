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
