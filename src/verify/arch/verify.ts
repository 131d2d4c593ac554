/**
 * Checks that the executables inside one platform's image are built for that
 * platform, and that the dynamically linked ones have their loader. The
 * image's layers are read where they already are (a registry, a saved
 * image) when the caller knows where; otherwise the container's filesystem
 * is streamed out of the engine with `docker export`. Either way it is read
 * as it arrives; nothing is written to disk.
 */
import { configArgs, createArgs, exportArgs } from '../../docker/containers';
import { exec, execStream, tail } from '../../docker/exec';
import type { ImageLayers, StartConfig } from '../../docker/image-layers';
import { making, removeMade } from '../../docker/made-containers';
import { formatPlatform, type Platform } from '../../oci/platform';
import { errorMessage } from '../../runner/errors';
import { log } from '../../runner/log';
import type { ArchReport } from '../result';
import { expectedFor } from './elf';
import {
  foreignMessage,
  FOREIGN_HINT,
  LOADER_HINT,
  loaderMessage,
  scanLayers,
  scanRootfs,
  type ScanOptions,
  type ScanResult,
} from './scan';

const STEP_TIMEOUT_MS = 60_000;
const EXPORT_TIMEOUT_MS = 10 * 60_000;

export interface ArchVerification {
  report: ArchReport;
  /** One line per foreign executable, then per loader problem, without the platform name. */
  errors: string[];
  /** The usual cause and fix of a foreign executable. */
  hint: string;
  /** The hints that go with `errors`: FOREIGN_HINT, LOADER_HINT, or none when there are none. */
  hints: string[];
}

/** Where the image can be read from besides a container of it. */
export interface ArchSource {
  /** The image's layers where they already are; undefined (or a failure) leaves it to `docker export`. */
  layers?: () => Promise<ImageLayers | undefined>;
  /** Awaited before a container is made of the image (its pull); a failure ends the check. */
  ready?: () => Promise<void>;
}

function scanOptionsOf(config: StartConfig, usesImageCommand: boolean): ScanOptions {
  return {
    command: usesImageCommand ? [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])] : [],
    path: (config.Env ?? []).find((e) => e.startsWith('PATH='))?.slice(5),
    workdir: config.WorkingDir || undefined,
  };
}

/** The scan of the layers where they are; undefined when they cannot be read there. */
async function fromLayers(platform: Platform, source: ArchSource): Promise<ScanResult | undefined> {
  if (!source.layers) return undefined;
  const p = formatPlatform(platform);
  try {
    const image = await source.layers();
    if (!image) return undefined;
    const began = Date.now();
    const scan = await scanLayers(image.layers, platform, scanOptionsOf(image.config, true));
    const layers = image.layers.length === 1 ? '1 layer' : `${image.layers.length} layers`;
    log.info(
      `${p}: the architecture check read ${layers} from ${image.from} in ${((Date.now() - began) / 1000).toFixed(2)} s`,
    );
    return scan;
  } catch (err) {
    log.info(
      `${p}: the architecture check could not read the image's layers (${errorMessage(err)}); it exports a container of the image instead`,
    );
    return undefined;
  }
}

export async function verifyArchitecture(
  docker: string[],
  platform: Platform,
  ref: string,
  name: string,
  source: ArchSource = {},
): Promise<ArchVerification> {
  const began = Date.now();
  const unchecked = (note?: string, errors: string[] = []): ArchVerification => ({
    report: {
      checked: false,
      elfFiles: 0,
      foreign: [],
      foreignCount: 0,
      durationMs: Date.now() - began,
      note,
    },
    errors,
    hint: FOREIGN_HINT,
    hints: errors.length > 0 ? [FOREIGN_HINT] : [],
  });
  if (!expectedFor(platform)) {
    return unchecked(
      `no architecture check for ${platform.architecture}: its ELF machine is not known to this action`,
    );
  }
  const layered = await fromLayers(platform, source);
  if (layered) return verdictOf(platform, layered, began);
  await source.ready?.();
  // Whether every `docker create` returned on its own: a killed one may still make the container.
  let settled = false;
  try {
    let usesImageCommand = true;
    making(docker, name);
    let created = await exec(createArgs(docker, name, platform, ref), {
      timeoutMs: STEP_TIMEOUT_MS,
      allowFailure: true,
    });
    settled = !created.timedOut;
    if (created.exitCode !== 0 && /no command specified/i.test(created.output)) {
      // An image without CMD or ENTRYPOINT cannot be created as it is; any
      // command will do, since the container is never started.
      usesImageCommand = false;
      created = await exec(createArgs(docker, name, platform, ref, ['/']), {
        timeoutMs: STEP_TIMEOUT_MS,
        allowFailure: true,
      });
      settled &&= !created.timedOut;
    }
    if (created.exitCode !== 0) {
      // A check that could not look must not pass: with smoke off it is the only test.
      return unchecked(undefined, [
        `the architecture check could not read the image: ${tail(created.output, 3)}`,
      ]);
    }

    // The export starts at once: the config is needed only once the whole tree is read.
    const exported = execStream(exportArgs(docker, name), { timeoutMs: EXPORT_TIMEOUT_MS });
    const options = exec(configArgs(docker, name), {
      timeoutMs: STEP_TIMEOUT_MS,
      quiet: true,
    }).then((inspected) =>
      scanOptionsOf(JSON.parse(inspected.stdout) as StartConfig, usesImageCommand),
    );
    // Marks a failed inspect as handled until the scan awaits it.
    options.catch(() => undefined);
    const [scanned, exportDone] = await Promise.allSettled([
      scanRootfs(exported.stdout, platform, options),
      exported.result,
    ]);
    // When docker export fails, its own error says why; the scan only sees a cut-off tar.
    if (exportDone.status === 'rejected') throw exportDone.reason;
    if (scanned.status === 'rejected') throw scanned.reason;
    return verdictOf(platform, scanned.value, began);
  } finally {
    await removeMade(
      docker,
      name,
      { allowFailure: true, quiet: true, timeoutMs: STEP_TIMEOUT_MS },
      settled,
    );
  }
}

function verdictOf(platform: Platform, scan: ScanResult, began: number): ArchVerification {
  const errors = scan.foreign.map((f) => foreignMessage(platform, f));
  if (scan.foreignCount > scan.foreign.length) {
    errors.push(
      `… and ${scan.foreignCount - scan.foreign.length} more executables for another architecture`,
    );
  }
  const hints = scan.foreignCount > 0 ? [FOREIGN_HINT] : [];
  errors.push(...scan.loaderProblems.map(loaderMessage));
  if (scan.loaderProblemCount > scan.loaderProblems.length) {
    errors.push(
      `… and ${scan.loaderProblemCount - scan.loaderProblems.length} more executables whose loader is missing or wrong`,
    );
  }
  if (scan.loaderProblemCount > 0) hints.push(LOADER_HINT);
  return {
    report: {
      checked: true,
      elfFiles: scan.elfFiles,
      foreign: scan.foreign,
      foreignCount: scan.foreignCount,
      loaderProblemCount: scan.loaderProblemCount,
      durationMs: Date.now() - began,
      note: scan.entrypoint?.note,
    },
    errors,
    hint: FOREIGN_HINT,
    hints,
  };
}
