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
  /** Named contexts (`--build-context name=…`). */
  buildContexts?: string[];
  annotations?: string[];
  /** `--attest` entries (attests); provenance and sbom have their own flags. */
  attests?: string[];
  /** `--secret` specs, `id=…,src=FILE` or `id=…,env=VAR` (build/secrets.ts makes them). */
  secrets?: string[];
  /** `--ssh` entries: `default`, or `id=socket-or-key[,…]`. */
  sshMounts?: string[];
  network?: string;
  addHosts?: string[];
  allow?: string[];
  shmSize?: string;
  ulimits?: string[];
  cgroupParent?: string;
  noCacheFilters?: string[];
  /** `--call`: a method other than build (check, outline, targets). Omitted for build. */
  call?: string;
  /** Exporters besides the action's own image (type=local, type=tar, …), one `--output` each. */
  outputs?: string[];
}

export interface BuildCall {
  /** The docker CLI with any global flags (`docker --context node1`). */
  docker: string[];
  platforms: Platform[];
  tags: string[];
  /** push-by-digest pushes to the `name` repository without a tag; none exports nothing (call). */
  output: 'push' | 'load' | 'push-by-digest' | 'none';
  name?: string;
  metadataFile: string;
  /** rawjson (buildx 0.13+) gives each step's platform and times, read by docker/progress.ts. */
  progress?: 'plain' | 'rawjson';
}

export function buildArgs(opts: BuildOptions, call: BuildCall): string[] {
  const argv = [...call.docker, 'buildx', 'build', '--progress', call.progress ?? 'plain'];
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
  for (const c of opts.buildContexts ?? []) argv.push('--build-context', c);
  for (const a of opts.annotations ?? []) argv.push('--annotation', a);
  for (const a of opts.attests ?? []) argv.push('--attest', a);
  for (const s of opts.secrets ?? []) argv.push('--secret', s);
  for (const s of opts.sshMounts ?? []) argv.push('--ssh', s);
  if (opts.network) argv.push('--network', opts.network);
  for (const h of opts.addHosts ?? []) argv.push('--add-host', h);
  for (const a of opts.allow ?? []) argv.push('--allow', a);
  if (opts.shmSize) argv.push('--shm-size', opts.shmSize);
  for (const u of opts.ulimits ?? []) argv.push('--ulimit', u);
  if (opts.cgroupParent) argv.push('--cgroup-parent', opts.cgroupParent);
  for (const f of opts.noCacheFilters ?? []) argv.push('--no-cache-filter', f);
  if (opts.call) argv.push('--call', opts.call);
  argv.push('--metadata-file', call.metadataFile);
  if (call.output === 'push-by-digest') {
    argv.push(
      '--output',
      `type=image,name=${call.name},push-by-digest=true,name-canonical=true,push=true`,
    );
  } else if (call.output !== 'none') {
    argv.push(call.output === 'push' ? '--push' : '--load');
  }
  if (call.output !== 'none') for (const o of opts.outputs ?? []) argv.push('--output', o);
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

/** `docker buildx create` of one node: `head` names the builder, then its options and platforms. */
function nodeCreateArgs(
  head: string[],
  context: string,
  platforms: Platform[],
  settings: BuilderSettings,
): string[] {
  return [
    ...['docker', 'buildx', 'create', ...head],
    ...builderOptions(settings),
    ...['--platform', platforms.map(formatPlatform).join(','), context],
  ];
}

export function builderCreateArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  settings: BuilderSettings = {},
): string[] {
  const head = ['--name', builder, '--driver', 'docker-container'];
  return nodeCreateArgs(head, context, platforms, settings);
}

export function builderAppendArgs(
  builder: string,
  context: string,
  platforms: Platform[],
  settings: BuilderSettings = {},
): string[] {
  // Driver options are per node: an air-gapped node needs the image named too.
  return nodeCreateArgs(['--append', '--name', builder], context, platforms, settings);
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
  const flag = /unknown flag: (--call|--annotation|--build-context|--attest)\b/.exec(output);
  if (flag) {
    const since: Record<string, string> = {
      '--call': '0.15',
      '--annotation': '0.12',
      '--attest': '0.10',
      '--build-context': '0.8',
    };
    return `This buildx does not know ${flag[1]}, which came in buildx ${since[flag[1] as string]}. Fix: install a newer buildx (docker/setup-buildx-action), or drop the input that asks for it.`;
  }
  if (/multiple exporters|multiple outputs/i.test(output)) {
    return 'This buildx or BuildKit cannot export to several outputs at once (needed by outputs beside the image this action makes). Fix: buildx and BuildKit 0.13 or newer, or drop outputs.';
  }
  return undefined;
}
