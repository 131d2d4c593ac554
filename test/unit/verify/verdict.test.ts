import { expect, it } from 'vitest';
import { parsePlatform } from '../../../src/oci/platform';
import { judge } from '../../../src/verify/verdict';

const arm = parsePlatform('linux/arm64');
const ctx = { platform: arm, emulated: true, timeoutSeconds: 7 };

it.each([
  ['passes on exit 0', { exitCode: 0, output: 'hi', timedOut: false }, {}, { ok: true }],
  [
    'times out',
    { exitCode: 143, output: '', timedOut: true },
    {},
    { ok: false, reason: 'timed out after 7 s' },
  ],
  [
    'recognises exec format error',
    { exitCode: 255, output: 'exec /bin/app: exec format error\n', timedOut: false },
    {},
    { ok: false, execFormatError: true },
  ],
  [
    'hints at QEMU on 139 under emulation',
    { exitCode: 139, output: '', timedOut: false },
    {},
    { ok: false, reason: 'segmentation fault (exit 139) under QEMU emulation' },
  ],
  [
    'plain 139 natively',
    { exitCode: 139, output: '', timedOut: false },
    { emulated: false },
    { ok: false, reason: 'exited with code 139' },
  ],
  [
    'non-zero exit',
    { exitCode: 3, output: 'boom', timedOut: false },
    {},
    { ok: false, reason: 'exited with code 3' },
  ],
  [
    'expect matches',
    { exitCode: 0, output: 'hello from aarch64\n', timedOut: false },
    { expect: /from aarch64$/m },
    { ok: true },
  ],
  [
    'expect fails',
    { exitCode: 0, output: 'hello from x86_64', timedOut: false },
    { expect: /aarch64/ },
    { ok: false, reason: 'output did not match smoke-expect /aarch64/' },
  ],
])('%s', (_name, outcome, extra, expected) => {
  expect(judge(outcome, { ...ctx, ...extra })).toMatchObject(expected);
});

it('explains an exec format error with the platform and the fix', () => {
  const v = judge(
    { exitCode: 1, output: 'exec format error', timedOut: false },
    { ...ctx, emulated: false },
  );
  expect(v.reason).toBe(
    'exec format error: the linux/arm64 image holds an executable that arm64 machines cannot run',
  );
  expect(v.hint).toMatch(/TARGETARCH/);
});
