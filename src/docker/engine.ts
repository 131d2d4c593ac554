/** What the Docker engine behind the CLI is and can do. */
import { exec } from '../exec';
import type { EngineInfo } from '../plan';
import { normalize } from '../platform';

const PROBE_TIMEOUT_MS = 30_000;

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

export async function probeEngine(docker: string[]): Promise<EngineInfo> {
  const opts = { timeoutMs: PROBE_TIMEOUT_MS, allowFailure: true, quiet: true };
  const [version, info, buildx] = await Promise.all([
    exec([...docker, 'version', '--format', '{{json .Server}}'], opts),
    exec([...docker, 'info', '--format', '{{json .DriverStatus}}'], opts),
    exec([...docker, 'buildx', 'version'], opts),
  ]);
  if (version.exitCode !== 0 || version.timedOut) {
    throw new Error(
      `Cannot reach the Docker engine (${[...docker, 'version'].join(' ')}: ${version.timedOut ? 'timed out' : version.output.trim() || `exit ${version.exitCode}`}). ` +
        'Fix: start dockerd, or point DOCKER_HOST at a running engine.',
    );
  }
  if (buildx.exitCode !== 0) {
    throw new Error(
      `docker buildx is not available (${buildx.output.trim() || `exit ${buildx.exitCode}`}). ` +
        'Fix: add docker/setup-buildx-action before this step, or install the docker-buildx plugin.',
    );
  }
  const server = JSON.parse(version.stdout) as { Os?: string; Arch?: string };
  if (!server.Os || !server.Arch)
    throw new Error(`docker version did not report the server platform: ${version.stdout}`);
  return {
    native: normalize({ os: server.Os, architecture: server.Arch }),
    containerdStore: info.exitCode === 0 && usesContainerdStore(info.stdout.trim()),
  };
}
