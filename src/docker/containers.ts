/** argv for the containers this action runs: smoke runs, scans, the binfmt installer. Pure. */
import { formatPlatform, normalize, type Platform } from '../oci/platform';

export function pullArgs(docker: string[], platform: Platform, ref: string): string[] {
  return [...docker, 'pull', '--quiet', '--platform', formatPlatform(platform), ref];
}

export function runArgs(
  docker: string[],
  name: string,
  platform: Platform,
  ref: string,
  command: string[],
): string[] {
  // --pull never: the image was pulled (or loaded) just before, and a run must
  // test exactly that, never a newer image behind the same name.
  return [
    ...docker,
    'run',
    '--rm',
    '--name',
    name,
    '--platform',
    formatPlatform(platform),
    '--pull',
    'never',
    ref,
    ...command,
  ];
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
  return [
    ...docker,
    'create',
    '--platform',
    formatPlatform(platform),
    '--pull',
    'never',
    '--name',
    name,
    ref,
    ...command,
  ];
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
