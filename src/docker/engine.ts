/** What a Docker engine behind the CLI is and can do. */
import { exec } from './exec';
import { normalize, type Platform } from '../oci/platform';

export interface EngineInfo {
  /** The engine's own platform (`docker version` Server.Os/Arch). */
  native: Platform;
  /** containerd image store: multi-platform images can be loaded locally. */
  containerdStore: boolean;
  /** dockerd's version, e.g. 26.1.5. */
  version: string;
}

const PROBE_TIMEOUT_MS = 45_000;

/** Parses `docker info --format '{{json .DriverStatus}}'`: pairs like ["driver-type","io.containerd.snapshotter.v1"]. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  try {
    const pairs = JSON.parse(driverStatusJson) as unknown;
    return (
      Array.isArray(pairs) &&
      pairs.some(
        (p) =>
          Array.isArray(p) &&
          p[0] === 'driver-type' &&
          String(p[1]).includes('containerd.snapshotter'),
      )
    );
  } catch {
    return false;
  }
}

export type Inspection =
  { ok: true; info: EngineInfo } | { ok: false; output: string; timedOut: boolean };

/** Asks one engine for its platform, version and image store. Never throws for an engine that does not answer. */
export async function inspectEngine(docker: string[]): Promise<Inspection> {
  const opts = { timeoutMs: PROBE_TIMEOUT_MS, allowFailure: true, quiet: true };
  const [version, info] = await Promise.all([
    exec([...docker, 'version', '--format', '{{json .Server}}'], opts),
    exec([...docker, 'info', '--format', '{{json .DriverStatus}}'], opts),
  ]);
  let server: { Os?: string; Arch?: string; Version?: string } = {};
  try {
    server = JSON.parse(version.stdout) as typeof server;
  } catch {
    // handled below: no Os/Arch
  }
  if (version.exitCode !== 0 || version.timedOut || !server.Os || !server.Arch) {
    return {
      ok: false,
      // `{{json .Server}}` of an engine that never answered is a bare `null`: not worth a line.
      output:
        version.output
          .split('\n')
          .filter((line) => line.trim() !== 'null')
          .join('\n')
          .trim() || `exit ${version.exitCode}`,
      timedOut: version.timedOut,
    };
  }
  return {
    ok: true,
    info: {
      native: normalize({ os: server.Os, architecture: server.Arch }),
      containerdStore: info.exitCode === 0 && usesContainerdStore(info.stdout.trim()),
      version: server.Version ?? '',
    },
  };
}

/** The runner's own engine, with buildx: fails with a fix when either is missing. */
export const NO_BUILDX_FIX =
  'Fix: add docker/setup-buildx-action before this step, install the docker-buildx plugin, or set buildx-version to have the action fetch one for this run.';

/**
 * The runner's own engine, and the buildx the CLI finds (its `buildx version`
 * output; undefined when there is none). Fails with a fix when the engine does
 * not answer.
 */
export async function probeEngine(
  docker: string[],
): Promise<EngineInfo & { buildx?: string; buildxError?: string }> {
  const [engine, buildx] = await Promise.all([
    inspectEngine(docker),
    exec([...docker, 'buildx', 'version'], {
      timeoutMs: PROBE_TIMEOUT_MS,
      allowFailure: true,
      quiet: true,
    }),
  ]);
  if (!engine.ok) {
    throw new Error(
      `Cannot reach the Docker engine (${[...docker, 'version'].join(' ')}: ${engine.timedOut ? 'timed out' : engine.output}). ` +
        'Fix: start dockerd, or point DOCKER_HOST at a running engine.',
    );
  }
  return buildx.exitCode === 0
    ? { ...engine.info, buildx: buildx.stdout.trim() }
    : { ...engine.info, buildxError: buildx.output.trim() || `exit ${buildx.exitCode}` };
}

/** Major version of a dockerd version string like "26.1.5+dfsg1"; 0 when unknown. */
export function majorVersion(version: string): number {
  const m = /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : 0;
}

/** The `Driver:` line of `docker buildx inspect`: docker, docker-container, kubernetes, remote. */
export function parseBuilderDriver(inspectOutput: string): string | undefined {
  return /^Driver:\s+(\S+)/m.exec(inspectOutput)?.[1];
}

/** The driver of a buildx builder (the current one when none is named); fails with the reason. */
export async function builderDriver(builder?: string): Promise<string> {
  const res = await exec(['docker', 'buildx', 'inspect', ...(builder ? [builder] : [])], {
    timeoutMs: PROBE_TIMEOUT_MS,
    allowFailure: true,
    quiet: true,
  });
  const driver = res.exitCode === 0 ? parseBuilderDriver(res.stdout) : undefined;
  if (!driver) {
    throw new Error(
      `Could not inspect the buildx builder ${builder ?? '(the current one)'}: ${res.timedOut ? 'timed out' : res.output.trim() || `exit ${res.exitCode}`}. Fix: check the builder input, or create the builder first.`,
    );
  }
  return driver;
}
