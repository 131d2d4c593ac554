/**
 * Makes every requested platform runnable on the local engine: read
 * binfmt_misc, install emulators only when something is missing, read again.
 */
import { readdir, readFile } from 'node:fs/promises';
import { log } from '../../runner/log';
import { installArgs, installerArchitectures } from '../../docker/containers';
import { exec } from '../../docker/exec';
import { formatPlatform, type Platform } from '../../oci/platform';
import {
  checkEmulation,
  describeMissing,
  parseEntry,
  type BinfmtState,
  type EmulationCheck,
} from './binfmt';

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
const INSTALL_TIMEOUT_MS = 180_000;

export async function readBinfmt(dir = BINFMT_DIR): Promise<BinfmtState> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { mounted: false, enabled: false, entries: [] };
  }
  // An unmounted /proc/sys/fs/binfmt_misc is an empty directory: no `status`.
  if (!names.includes('status')) return { mounted: false, enabled: false, entries: [] };
  const status = (await readFile(`${dir}/status`, 'utf8')).trim();
  const entries = await Promise.all(
    names
      .filter((n) => n !== 'status' && n !== 'register')
      .map(async (n) => parseEntry(n, await readFile(`${dir}/${n}`, 'utf8').catch(() => ''))),
  );
  return { mounted: true, enabled: status === 'enabled', entries };
}

export interface EmulationResult {
  check: EmulationCheck;
  installed: boolean;
}

/**
 * Whether the engine runs on this machine's kernel, whose binfmt_misc we can
 * read. Not so for a remote DOCKER_HOST, nor on macOS or Windows, where the
 * engine lives in a VM.
 */
export function engineIsLocal(
  env: NodeJS.ProcessEnv = process.env,
  os: string = process.platform,
): boolean {
  const host = env.DOCKER_HOST ?? '';
  return os === 'linux' && (host === '' || host.startsWith('unix://'));
}

export async function ensureEmulation(opts: {
  docker: string[];
  native: Platform;
  platforms: Platform[];
  qemuImage: string;
  binfmtDir?: string;
  local?: boolean;
}): Promise<EmulationResult> {
  const dir = opts.binfmtDir ?? BINFMT_DIR;
  if (!(opts.local ?? engineIsLocal())) {
    // The engine's kernel cannot be read from here: the installer's word is all there is.
    log.info(
      `The Docker engine is not on this machine's kernel: installing emulators for ${opts.platforms.map(formatPlatform).join(', ')} without checking first.`,
    );
    const res = await exec(installArgs(opts.docker, opts.qemuImage, opts.platforms), {
      timeoutMs: INSTALL_TIMEOUT_MS,
      allowFailure: true,
    });
    if (res.exitCode !== 0) {
      throw new Error(
        `The binfmt installer ${opts.qemuImage} failed (exit ${res.exitCode}) on the engine:\n${res.output.trim()}\nFix: allow privileged containers on the engine, or set qemu-image to an installer it can run.`,
      );
    }
    return { check: { runnable: opts.platforms, missing: [] }, installed: true };
  }
  const first = checkEmulation(await readBinfmt(dir), opts.native, opts.platforms);
  if (first.missing.length === 0) {
    log.info(
      `All platforms already run here: ${first.runnable.map(formatPlatform).join(', ')}. No emulator installed.`,
    );
    return { check: first, installed: false };
  }
  log.info(`Missing emulation:\n${describeMissing(first)}`);
  const installable = first.missing
    .filter((m) => m.platform.os === opts.native.os)
    .map((m) => m.platform);
  if (installable.length > 0) {
    const res = await exec(installArgs(opts.docker, opts.qemuImage, installable), {
      timeoutMs: INSTALL_TIMEOUT_MS,
      allowFailure: true,
    });
    if (res.exitCode !== 0)
      log.warning(
        `The binfmt installer ${opts.qemuImage} failed (exit ${res.exitCode}):\n${res.output.trim()}`,
      );
  }
  const second = checkEmulation(await readBinfmt(dir), opts.native, opts.platforms);
  if (second.missing.length > 0) {
    throw new Error(
      `These platforms cannot run on this ${formatPlatform(opts.native)} runner:\n${describeMissing(second)}\n` +
        `Fix: make sure binfmt_misc is mounted (sudo mount -t binfmt_misc binfmt_misc ${dir}) and that ` +
        `"docker run --privileged --rm ${opts.qemuImage} --install ${installerArchitectures(second.missing.map((m) => m.platform)).join(',')}" ` +
        `succeeds; or install qemu-user-static and binfmt-support on the host; or attach a native node for them.`,
    );
  }
  return { check: second, installed: true };
}
