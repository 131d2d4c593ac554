/** argv for the containers this action runs: smoke runs, scans, the binfmt installer. Pure. */
import { formatPlatform, normalize, type Platform } from '../oci/platform';

export function pullArgs(docker: string[], platform: Platform, ref: string): string[] {
  return [...docker, 'pull', '--quiet', '--platform', formatPlatform(platform), ref];
}

/**
 * The image pulled (or loaded) just before, for that platform: --pull never, so a container
 * tests exactly that image, never a newer one behind the same name.
 */
function pulledImage(platform: Platform): string[] {
  return ['--platform', formatPlatform(platform), '--pull', 'never'];
}

/** `docker run` of the pulled image: `lifetime` is --rm or --detach; `publish` maps its ports. */
function runPulledArgs(
  docker: string[],
  lifetime: '--rm' | '--detach',
  name: string,
  platform: Platform,
  ref: string,
  opts: { command: string[]; env: string[]; publish: string[] },
): string[] {
  return [
    ...docker,
    'run',
    lifetime,
    '--name',
    name,
    ...pulledImage(platform),
    ...opts.env.flatMap((e) => ['--env', e]),
    ...opts.publish,
    ref,
    ...opts.command,
  ];
}

export function runArgs(
  docker: string[],
  name: string,
  platform: Platform,
  ref: string,
  command: string[],
  env: string[] = [],
): string[] {
  return runPulledArgs(docker, '--rm', name, platform, ref, { command, env, publish: [] });
}

/**
 * A server started the way a cluster starts it: detached, with its real
 * entrypoint and command (or the given one), the probed port published on a
 * random port of the engine's loopback only.
 */
export function runDetachedArgs(
  docker: string[],
  name: string,
  platform: Platform,
  ref: string,
  opts: { command: string[]; env: string[]; port?: number },
): string[] {
  const publish = opts.port ? ['--publish', `127.0.0.1::${opts.port}/tcp`] : [];
  const { command, env } = opts;
  return runPulledArgs(docker, '--detach', name, platform, ref, { command, env, publish });
}

/** Where the engine published a container port: prints `127.0.0.1:49153`. */
export function portArgs(docker: string[], name: string, port: number): string[] {
  return [...docker, 'port', name, `${port}/tcp`];
}

/** The container's state (status, exit code, health) as JSON. */
export function stateArgs(docker: string[], name: string): string[] {
  return [...docker, 'container', 'inspect', '--format', '{{json .State}}', name];
}

export function logsArgs(docker: string[], name: string, tail?: number): string[] {
  return [...docker, 'logs', ...(tail ? ['--tail', String(tail)] : []), name];
}

/** The host port out of `docker port` output (`127.0.0.1:49153`, maybe more lines). */
export function parsePublishedPort(output: string): number | undefined {
  const m = /:(\d+)\s*$/m.exec(output.trim().split('\n')[0] ?? '');
  return m ? Number(m[1]) : undefined;
}

export function removeArgs(docker: string[], name: string): string[] {
  return [...docker, 'rm', '--force', name];
}

/** A container that is never started, only exported: `command` stands in when the image has none. */
export function createArgs(
  docker: string[],
  name: string,
  platform: Platform,
  ref: string,
  command: string[] = [],
): string[] {
  return [...docker, 'create', ...pulledImage(platform), '--name', name, ref, ...command];
}

export function configArgs(docker: string[], name: string): string[] {
  return [...docker, 'container', 'inspect', '--format', '{{json .Config}}', name];
}

export function exportArgs(docker: string[], name: string): string[] {
  return [...docker, 'export', name];
}

/** Architecture names the binfmt installer image takes (`--install arm64,arm`). */
export function installerArchitectures(platforms: Platform[]): string[] {
  return [...new Set(platforms.map((p) => normalize(p).architecture))];
}

/** The argv that registers emulators through the binfmt installer image. */
export function installArgs(docker: string[], image: string, platforms: Platform[]): string[] {
  return [
    ...docker,
    'run',
    '--privileged',
    '--rm',
    image,
    '--install',
    installerArchitectures(platforms).join(','),
  ];
}
