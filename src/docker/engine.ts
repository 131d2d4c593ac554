/** What a Docker engine behind the CLI is and can do. */
import { parseBuildxVersion } from './buildx-version';
import { knownBuilderDriver, readBuildxState } from './buildx-state';
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
    return containerdIn(JSON.parse(driverStatusJson));
  } catch {
    return false;
  }
}

function containerdIn(pairs: unknown): boolean {
  return (
    Array.isArray(pairs) &&
    pairs.some(
      (p) =>
        Array.isArray(p) &&
        p[0] === 'driver-type' &&
        String(p[1]).includes('containerd.snapshotter'),
    )
  );
}

/**
 * The buildx `docker info` found (`{{json .}}`: its ClientInfo.Plugins, which
 * the CLI fills by asking every plugin for its metadata): its version, e.g.
 * 0.13.1+ds1 or v0.13.1. Undefined when the list is not there (a CLI older
 * than 19.03), has no buildx, or the entry is broken (Err) or has no version
 * a release number can be read from: `docker buildx version` then says why.
 */
export function buildxFromInfo(info: unknown): string | undefined {
  const plugins = (info as { ClientInfo?: { Plugins?: unknown } } | null)?.ClientInfo?.Plugins;
  if (!Array.isArray(plugins)) return undefined;
  const entry = (plugins as unknown[]).find(
    (p): p is Record<string, unknown> =>
      typeof p === 'object' && p !== null && (p as { Name?: unknown }).Name === 'buildx',
  );
  if (!entry || (entry.Err !== undefined && entry.Err !== null && entry.Err !== ''))
    return undefined;
  const version = entry.Version;
  return typeof version === 'string' && parseBuildxVersion(version) ? version : undefined;
}

export type Inspection =
  { ok: true; info: EngineInfo } | { ok: false; output: string; timedOut: boolean };

/** Asks one engine for its platform, version and image store. Never throws for an engine that does not answer. */
export async function inspectEngine(docker: string[]): Promise<Inspection> {
  return (await inspectWithPlugins(docker)).inspection;
}

/**
 * inspectEngine, and the buildx the CLI lists among its plugins. One
 * `docker info` gives both: `{{json .}}` rather than naming the two fields, as
 * a CLI without ClientInfo fails a template that names it.
 */
export async function inspectWithPlugins(
  docker: string[],
): Promise<{ inspection: Inspection; buildx?: string }> {
  const opts = { timeoutMs: PROBE_TIMEOUT_MS, allowFailure: true, quiet: true };
  const [version, info] = await Promise.all([
    exec([...docker, 'version', '--format', '{{json .Server}}'], opts),
    exec([...docker, 'info', '--format', '{{json .}}'], opts),
  ]);
  let server: { Os?: string; Arch?: string; Version?: string } = {};
  try {
    server = JSON.parse(version.stdout) as typeof server;
  } catch {
    // handled below: no Os/Arch
  }
  if (version.exitCode !== 0 || version.timedOut || !server.Os || !server.Arch) {
    return {
      inspection: {
        ok: false,
        // `{{json .Server}}` of an engine that never answered is a bare `null`: not worth a line.
        output:
          version.output
            .split('\n')
            .filter((line) => line.trim() !== 'null')
            .join('\n')
            .trim() || `exit ${version.exitCode}`,
        timedOut: version.timedOut,
      },
    };
  }
  let parsed: { DriverStatus?: unknown } | undefined;
  if (info.exitCode === 0) {
    try {
      parsed = JSON.parse(info.stdout) as typeof parsed;
    } catch {
      // no image store and no plugins: read as before, a store that is not containerd's
    }
  }
  return {
    inspection: {
      ok: true,
      info: {
        native: normalize({ os: server.Os, architecture: server.Arch }),
        containerdStore: containerdIn(parsed?.DriverStatus),
        version: server.Version ?? '',
      },
    },
    buildx: buildxFromInfo(parsed),
  };
}

/** The runner's own engine, with buildx: fails with a fix when either is missing. */
export const NO_BUILDX_FIX =
  'Fix: add docker/setup-buildx-action before this step, install the docker-buildx plugin, or set buildx-version to have the action fetch one for this run.';

/**
 * The runner's own engine, and the buildx the CLI finds: its version as
 * `docker info` lists the plugin (0.13.1+ds1), or else the output of
 * `docker buildx version`; undefined when there is none, with the reason in
 * buildxError. Fails with a fix when the engine does not answer.
 */
export async function probeEngine(
  docker: string[],
): Promise<EngineInfo & { buildx?: string; buildxError?: string }> {
  const engine = await inspectWithPlugins(docker);
  if (!engine.inspection.ok) {
    throw new Error(
      `Cannot reach the Docker engine (${[...docker, 'version'].join(' ')}: ${engine.inspection.timedOut ? 'timed out' : engine.inspection.output}). ` +
        'Fix: start dockerd, or point DOCKER_HOST at a running engine.',
    );
  }
  const info = engine.inspection.info;
  if (engine.buildx) return { ...info, buildx: engine.buildx };
  // Not listed, or broken: buildx's own answer names the reason.
  const buildx = await exec([...docker, 'buildx', 'version'], {
    timeoutMs: PROBE_TIMEOUT_MS,
    allowFailure: true,
    quiet: true,
  });
  return buildx.exitCode === 0
    ? { ...info, buildx: buildx.stdout.trim() }
    : { ...info, buildxError: buildx.output.trim() || `exit ${buildx.exitCode}` };
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

/**
 * The driver of a buildx builder (the current one when none is named); fails
 * with the reason. The current builder, when buildx's state says it is the
 * default context's own, is docker without asking `docker buildx inspect`
 * (a quarter of a second before every build).
 */
export async function builderDriver(builder?: string): Promise<string> {
  // The environment of the call, for the files and for inspect alike: the
  // run's private DOCKER_CONFIG may arrive while the files are read.
  const env = builder ? undefined : { ...process.env };
  if (env) {
    const state = await readBuildxState(env);
    const known = state && knownBuilderDriver(state);
    if (known) return known;
  }
  const res = await exec(['docker', 'buildx', 'inspect', ...(builder ? [builder] : [])], {
    timeoutMs: PROBE_TIMEOUT_MS,
    allowFailure: true,
    quiet: true,
    ...(env && { env }),
  });
  const driver = res.exitCode === 0 ? parseBuilderDriver(res.stdout) : undefined;
  if (!driver) {
    throw new Error(
      `Could not inspect the buildx builder ${builder ?? '(the current one)'}: ${res.timedOut ? 'timed out' : res.output.trim() || `exit ${res.exitCode}`}. Fix: check the builder input, or create the builder first.`,
    );
  }
  return driver;
}
