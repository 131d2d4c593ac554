/** argv for `docker buildx build` and for the builders this action creates. Pure. */
import { formatPlatform, type Platform } from '../oci/platform';

/** What a `buildx build` takes from the request, the same for every part of a build. */
export interface BuildOptions {
  context: string;
  file?: string;
  labels: string[];
  buildArgs: string[];
  target?: string;
  cacheFrom: string[];
  cacheTo: string[];
  provenance?: string;
  sbom?: string;
  noCache: boolean;
  pull: boolean;
  builder?: string;
}

export interface BuildCall {
  /** The docker CLI with any global flags (`docker --context node1`). */
  docker: string[];
  platforms: Platform[];
  tags: string[];
  /** push-by-digest pushes to the `name` repository without a tag. */
  output: 'push' | 'load' | 'push-by-digest';
  name?: string;
  metadataFile: string;
}

export function buildArgs(opts: BuildOptions, call: BuildCall): string[] {
  const argv = [...call.docker, 'buildx', 'build', '--progress', 'plain'];
  if (opts.builder) argv.push('--builder', opts.builder);
  argv.push('--platform', call.platforms.map(formatPlatform).join(','));
  if (opts.file) argv.push('--file', opts.file);
  if (opts.target) argv.push('--target', opts.target);
  for (const t of call.tags) argv.push('--tag', t);
  for (const l of opts.labels) argv.push('--label', l);
  for (const a of opts.buildArgs) argv.push('--build-arg', a);
  for (const c of opts.cacheFrom) argv.push('--cache-from', c);
  for (const c of opts.cacheTo) argv.push('--cache-to', c);
  if (opts.provenance !== undefined) argv.push(`--provenance=${opts.provenance}`);
  if (opts.sbom !== undefined) argv.push(`--sbom=${opts.sbom}`);
  if (opts.noCache) argv.push('--no-cache');
  if (opts.pull) argv.push('--pull');
  argv.push('--metadata-file', call.metadataFile);
  if (call.output === 'push-by-digest') {
    argv.push(
      '--output',
      `type=image,name=${call.name},push-by-digest=true,name-canonical=true,push=true`,
    );
  } else {
    argv.push(call.output === 'push' ? '--push' : '--load');
  }
  argv.push(opts.context);
  return argv;
}

/** How the action's own docker-container builders start, as docker/setup-buildx-action takes it. */
export interface BuilderSettings {
  /** BuildKit image (`--driver-opt image=…`). */
  buildkitImage?: string;
  /** `--driver-opt` items, e.g. network=host. */
  driverOpts?: string[];
  /** buildkitd's flags, one string that buildx splits itself. */
  buildkitdFlags?: string;
  /** A buildkitd.toml written from buildkitd-config-inline. */
  configFile?: string;
}

function builderOptions(s: BuilderSettings): string[] {
  const argv: string[] = [];
  if (s.buildkitImage) argv.push('--driver-opt', `image=${s.buildkitImage}`);
  for (const o of s.driverOpts ?? []) argv.push('--driver-opt', o);
  if (s.buildkitdFlags) argv.push('--buildkitd-flags', s.buildkitdFlags);
  if (s.configFile) argv.push('--config', s.configFile);
  return argv;
}

export function builderCreateArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  settings: BuilderSettings = {},
): string[] {
  return [
    ...['docker', 'buildx', 'create', '--name', builder, '--driver', 'docker-container'],
    ...builderOptions(settings),
    ...['--platform', platforms.map(formatPlatform).join(','), context],
  ];
}

export function builderAppendArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  settings: BuilderSettings = {},
): string[] {
  // Driver options are per node: an air-gapped node needs the image named too.
  return [
    ...['docker', 'buildx', 'create', '--append', '--name', builder],
    ...builderOptions(settings),
    ...['--platform', platforms.map(formatPlatform).join(','), context],
  ];
}

export function builderBootstrapArgs(builder: string): string[] {
  return ['docker', 'buildx', 'inspect', '--bootstrap', builder];
}

export function builderRemoveArgs(builder: string): string[] {
  return ['docker', 'buildx', 'rm', '--force', builder];
}

export interface BuilderNodeStatus {
  name: string;
  endpoint?: string;
  /** running, inactive, stopped, error, … */
  status: string;
  error?: string;
}

/**
 * Each node's status from `docker buildx inspect` output. `--bootstrap` exits
 * 0 even when a node could not start (its status then reads `inactive`), so a
 * builder is judged by every node's status, never by the exit code.
 */
export function parseBuilderNodes(inspectOutput: string): BuilderNodeStatus[] {
  const section = inspectOutput.split(/^Nodes:\s*$/m)[1] ?? '';
  const nodes: BuilderNodeStatus[] = [];
  for (const line of section.split('\n')) {
    const m = /^(Name|Endpoint|Status|Error):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, key, value = ''] = m;
    if (key === 'Name') nodes.push({ name: value.trim(), status: 'unknown' });
    const node = nodes.at(-1);
    if (!node) continue;
    if (key === 'Endpoint') node.endpoint = value.trim();
    if (key === 'Status') node.status = value.trim();
    if (key === 'Error') node.error = value.trim();
  }
  return nodes;
}

/**
 * What a failed build's output means when buildx's own words are not enough.
 * A docker-container builder has its own network namespace: 127.0.0.1 there
 * is the BuildKit container, not the runner, so a loopback registry is out of
 * reach.
 */
export function buildFailureHint(output: string): string | undefined {
  const loopback =
    /dial tcp (127(?:\.\d+){3}|\[::1\]|localhost):(\d+): connect: connection refused/.exec(output);
  if (loopback) {
    return (
      `The registry at ${loopback[1]}:${loopback[2]} is on the runner's loopback, which a docker-container builder cannot reach: ` +
      'it runs in a network namespace of its own, where 127.0.0.1 is the BuildKit container itself. ' +
      'Fix: create the builder with driver-opts: network=host (docker/setup-buildx-action), or use an address of the runner that is not loopback.'
    );
  }
  return undefined;
}
