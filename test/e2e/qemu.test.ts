/**
 * The emulator set-up path end to end: an arm64 emulator that is missing is
 * installed by the binfmt installer image, and the platform then runs.
 *
 * tonistiigi/binfmt cannot be pulled on the test machines, so a stand-in with
 * the same interface is built here from busybox: a privileged container that
 * mounts binfmt_misc and, for `--install <arches>`, enables each arch's
 * registered interpreter (Debian's qemu-user-static, set up by setup-host.sh).
 * What is under test is the action's flow: read binfmt_misc, see the gap, run
 * the installer with the qemu-image input, read again, go on or fail clearly.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  busybox,
  docker,
  engineAvailable,
  makeContext,
  platformsOf,
  runAction,
  uniqueName,
} from './harness';

const hasEngine = engineAvailable();
const ENTRY = '/proc/sys/fs/binfmt_misc/qemu-aarch64';
// setup-host.sh registers the arm64 interpreter: under CI its absence is a
// broken host, never a reason to skip.
if (hasEngine && !existsSync(ENTRY) && process.env.CI === 'true') {
  throw new Error(
    `CI=true but ${ENTRY} is missing: run scripts/setup-host.sh first. End-to-end tests are never skipped in CI.`,
  );
}

const setEntry = (on: boolean) => writeFileSync(ENTRY, on ? '1' : '0');
const entryEnabled = () => readFileSync(ENTRY, 'utf8').startsWith('enabled');

/**
 * Runs the action (no push) with arm64's interpreter switched off, and always
 * switches it back on; `afterMain` says whether it was on again right after main.
 */
async function runWithArm64Disabled(qemuImage: string) {
  setEntry(false);
  try {
    return await runAction(
      {
        context: makeContext({ copyFrom: '${TARGETARCH}' }),
        push: 'false',
        tags: `multiarch-e2e/qemu:${uniqueName('t')}`,
        'qemu-image': qemuImage,
      },
      { afterMain: entryEnabled },
    );
  } finally {
    setEntry(true);
  }
}

function buildInstaller(tag: string, enables: boolean): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-binfmt-'));
  const script = [
    'set -e',
    'mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true',
    '[ "$1" = --install ] || { echo "usage: --install ARCHES" >&2; exit 2; }',
    'for arch in $(echo "$2" | tr , " "); do',
    '  case $arch in arm64) entry=qemu-aarch64 ;; arm) entry=qemu-arm ;; *) entry=qemu-$arch ;; esac',
    enables
      ? '  echo 1 > /proc/sys/fs/binfmt_misc/$entry && echo "installing: $arch OK"'
      : '  echo "installing: $arch (does nothing)"',
    'done',
  ].join('\n');
  writeFileSync(path.join(dir, 'install.sh'), `${script}\n`);
  writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY install.sh /install.sh',
      'ENTRYPOINT ["/bin/busybox", "sh", "/install.sh"]',
      '',
    ].join('\n'),
  );
  copyFileSync(path.join(busybox(), 'amd64/bin/busybox'), path.join(dir, 'busybox'));
  const r = docker(
    'buildx',
    'build',
    '--progress',
    'quiet',
    '--platform',
    'linux/amd64',
    '--load',
    '-t',
    tag,
    dir,
  );
  if (r.status !== 0) throw new Error(`building the stand-in installer failed: ${r.stderr}`);
}

describe.skipIf(!hasEngine || !existsSync(ENTRY))(
  'QEMU emulator installation (real binfmt_misc)',
  { timeout: 300_000 },
  () => {
    const working = `multiarch-e2e/binfmt:${uniqueName('ok')}`;
    const broken = `multiarch-e2e/binfmt:${uniqueName('noop')}`;
    beforeAll(() => {
      buildInstaller(working, true);
      buildInstaller(broken, false);
    });
    afterAll(() => {
      setEntry(true);
      docker('rmi', working, broken);
    });

    it('installs a missing arm64 emulator with qemu-image, then builds and runs arm64', async () => {
      const run = await runWithArm64Disabled(working);
      expect(run.exitCode, run.stdout).toBe(0);
      expect(run.stdout).toContain('linux/arm64: binfmt entry qemu-aarch64 is disabled');
      expect(run.stdout).toContain(
        `[command] docker run --privileged --rm ${working} --install arm64`,
      );
      // The installer, not this test's clean-up, switched it back on.
      expect(run.afterMain).toBe(true);
      expect(platformsOf(run.outputs)['linux/arm64']?.output.trim()).toBe('aarch64');
    });

    it('fails clearly, naming the platform and the fix, when the installer does not help', async () => {
      const run = await runWithArm64Disabled(broken);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(
        'These platforms cannot run on this linux/amd64 runner:%0Alinux/arm64: binfmt entry qemu-aarch64 is disabled',
      );
      expect(run.stdout).toContain('Fix: make sure binfmt_misc is mounted');
      expect(run.afterMain).toBe(false);
      // Nothing was built once emulation was known to be missing.
      expect(run.stdout).not.toContain('buildx build');
    });
  },
);
