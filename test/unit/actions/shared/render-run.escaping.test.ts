import { expect, it } from 'vitest';
import { renderCheckMarkdown } from '../../../../src/actions/check/report';
import { renderMarkdown } from '../../../../src/actions/shared/render-run';
import { markdownCell } from '../../../../src/runner/markdown';

it('both reports escape text from the image or the pull request the same way', () => {
  const hostile = 'exec /app: </details><b>x</b> | y';
  const run = renderMarkdown({
    mode: 'push',
    platforms: [
      {
        platform: 'linux/arm64',
        emulated: true,
        node: 'local',
        smoke: 'failed',
        ok: false,
        errors: [hostile],
        hints: [],
      },
    ],
  });
  const check = renderCheckMarkdown({
    platforms: ['linux/arm64'],
    rows: [
      {
        kind: 'image',
        subject: 'image x',
        cells: { 'linux/arm64': { status: 'error', reason: hostile } },
      },
    ],
    findings: [{ level: 'error', message: hostile }],
  });
  for (const md of [run, check]) {
    expect(md).toContain(markdownCell(hostile));
    expect(md).not.toContain('<b>x</b>');
  }
});
