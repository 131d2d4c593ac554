import { expect, it } from 'vitest';
import {
  platformsOutput,
  renderMarkdown,
  renderText,
} from '../../../../src/actions/shared/render-run';
import type { RunReport } from '../../../../src/verify/result';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const report: RunReport = {
  mode: 'push',
  digest: `sha256:${'f'.repeat(64)}`,
  image: `127.0.0.1:5000/t/a@sha256:${'f'.repeat(64)}`,
  platforms: [
    {
      platform: 'linux/amd64',
      digest: D1,
      emulated: false,
      node: 'local',
      buildDurationMs: 3100,
      smoke: 'passed',
      exitCode: 0,
      durationMs: 420,
      arch: { checked: true, elfFiles: 3, foreign: [], foreignCount: 0, durationMs: 80 },
      ok: true,
      errors: [],
      hints: [],
    },
    {
      platform: 'linux/arm64',
      digest: D2,
      emulated: true,
      node: 'ssh://builder@arm1',
      buildDurationMs: 12000,
      smoke: 'passed',
      exitCode: 0,
      durationMs: 1250,
      output: 'x86_64 | ok',
      arch: {
        checked: true,
        elfFiles: 3,
        foreign: [{ path: '/bin/busybox', found: 'x86-64' }],
        foreignCount: 1,
        durationMs: 90,
      },
      ok: false,
      errors: [
        '/bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
      ],
      hints: ['Use TARGETARCH'],
    },
  ],
};

it('renders one Markdown row per platform and the failure details', () => {
  const md = renderMarkdown(report);
  expect(md).toContain('### multiarch: ❌ 1 of 2 platforms failed');
  const rows = md.split('\n').filter((l) => l.startsWith('| ✅') || l.startsWith('| ❌'));
  expect(rows).toEqual([
    '| ✅ | `linux/amd64` | local | `111111111111` | 3.1 s | passed (exit 0) | 0.4 s | no (native) | ok (3 ELF files in 0.1 s) |',
    '| ❌ | `linux/arm64` | ssh://builder@arm1 | `222222222222` | 12.0 s | passed (exit 0) | 1.3 s | yes (QEMU) | 1 foreign (3 ELF files in 0.1 s) |',
  ]);
  expect(md).toContain('#### ❌ linux/arm64');
  expect(md).toContain(
    '- /bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
  );
  expect(md).toContain('x86_64 | ok'); // output in a code block is left as it is
});

it('renders a plain table with the failures under it', () => {
  expect(renderText(report).split('\n')).toEqual([
    '      PLATFORM     NODE                DIGEST        BUILD   SMOKE   SMOKE TIME  EMULATED  ARCH CHECK',
    'ok    linux/amd64  local               111111111111  3.1 s   passed  0.4 s       no        ok (3 ELF files in 0.1 s)',
    'FAIL  linux/arm64  ssh://builder@arm1  222222222222  12.0 s  passed  1.3 s       yes       1 foreign (3 ELF files in 0.1 s)',
    'linux/arm64: /bin/busybox is an x86-64 executable; a real arm64 node would fail with exec format error',
    '  hint: Use TARGETARCH',
  ]);
});

it('says when nothing could be tested', () => {
  const md = renderMarkdown({ mode: 'push', platforms: [], error: 'The build failed' });
  expect(md).toContain('❌ failed before testing');
  expect(md).toContain('The build failed');
});

it('gives the platforms output keyed by platform', () => {
  const out = platformsOutput(report) as Record<
    string,
    { digest: string; ok: boolean; emulated: boolean }
  >;
  expect(Object.keys(out)).toEqual(['linux/amd64', 'linux/arm64']);
  expect(out['linux/arm64']).toMatchObject({
    digest: D2,
    ok: false,
    emulated: true,
    smoke: 'passed',
    exitCode: 0,
  });
});

it('says what a buildx --call other than build did, with nothing tested', () => {
  expect(renderMarkdown({ mode: 'call check', platforms: [] })).toContain(
    '✅ buildx --call check passed (no image: nothing pushed or tested)',
  );
  expect(renderMarkdown({ mode: 'call check', platforms: [], error: 'exit 1' })).toContain(
    '❌ buildx --call check failed',
  );
});
