/**
 * What the three actions declare: names, descriptions, defaults, outputs. The
 * one source of truth for their inputs. action.yml, merge/action.yml and
 * check/action.yml and the README's input and output tables are generated from
 * it (`npm run docs`), and `npm test` fails when they drift. The input-name lists
 * the actions and the CLI use are derived from it. Data only.
 */
import { DEFAULT_PLATFORMS } from '../../runner/inputs';
import { SMOKE_INPUTS } from './smoke-inputs';

export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The value the runner passes when the workflow gives none. */
  readonly default?: string;
  readonly required?: boolean;
  /** A true/false input: the CLI accepts it as a bare --flag and as --no-flag. */
  readonly boolean?: boolean;
}

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
}

export interface ActionSpec {
  /** The action's key: the README's markers use it (`<!-- inputs:merge:start -->`). */
  readonly id: 'build' | 'merge' | 'check';
  /** Path of its action.yml from the repository root. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly author: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly inputs: readonly InputSpec[];
  readonly outputs: readonly OutputSpec[];
  readonly runs: { readonly using: 'node24'; readonly main: string; readonly post: string };
}

const AUTHOR = 'multiarch-action';

/** A sub-action's command input: every action runs the one bundle, and this selects it. */
function commandInput(command: 'merge' | 'check'): InputSpec {
  return {
    name: 'command',
    description: 'Internal; selects this sub-action in the shared bundle. Leave as is.',
    default: command,
  };
}

/** When the user's tags are written: the gate, the same in the build action and in merge. */
const PUBLISH_INPUT: InputSpec = {
  name: 'publish',
  description:
    'When to write the tags. on-success: only after every platform passed its smoke test and architecture check; a failure leaves every tag where it was, and the tested image stays pullable by digest. always: write them before testing, as a plain push does (to debug on real hardware).',
  default: 'on-success',
};

const PUBLISHED_OUTPUT: OutputSpec = {
  name: 'published',
  description:
    'true when the tags were written, false when they were left alone (a platform failed, or nothing was pushed).',
};

/** Every platform's result, the same in the build action and in merge. */
const PLATFORMS_OUTPUT: OutputSpec = {
  name: 'platforms',
  description:
    'JSON object, platform → {digest, ref, node, buildDurationMs, smoke, exitCode, durationMs, emulated, arch, output, ok, errors}.',
};

const SUB_ACTION_RUNS = {
  using: 'node24',
  main: '../dist/index.js',
  post: '../dist/index.js',
} as const;

export const BUILD_ACTION: ActionSpec = {
  id: 'build',
  file: 'action.yml',
  name: 'multiarch-action',
  description:
    'Build and push a multi-architecture image, then smoke-test and architecture-check every platform.',
  author: AUTHOR,
  branding: { icon: 'layers', color: 'blue' },
  inputs: [
    { name: 'context', description: 'Build context (a path or a Git URL).', default: '.' },
    { name: 'file', description: 'Path to the Dockerfile. Defaults to {context}/Dockerfile.' },
    {
      name: 'platforms',
      description: 'Platforms to build and test, comma or newline separated.',
      default: DEFAULT_PLATFORMS,
    },
    {
      name: 'tags',
      description:
        "Image tags, comma or newline separated (docker/metadata-action's tags output works as is).",
    },
    { name: 'labels', description: 'Image labels, one KEY=VALUE per line.' },
    { name: 'build-args', description: 'Build arguments, one KEY=VALUE per line.' },
    { name: 'target', description: 'Build stage to stop at.' },
    {
      name: 'push',
      description:
        'Push to the registry. Defaults to true when tags are given, false otherwise (build and load locally).',
      boolean: true,
    },
    { name: 'cache-from', description: 'Cache sources for buildx (--cache-from), one per line.' },
    { name: 'cache-to', description: 'Cache exports for buildx (--cache-to), one per line.' },
    {
      name: 'provenance',
      description:
        "Provenance attestation (--provenance), e.g. false or mode=max. Buildx's default when empty.",
    },
    {
      name: 'sbom',
      description: "SBOM attestation (--sbom), e.g. true. Buildx's default when empty.",
    },
    { name: 'no-cache', description: 'Build without cache.', default: 'false', boolean: true },
    {
      name: 'pull',
      description: 'Always pull newer base images.',
      default: 'false',
      boolean: true,
    },
    {
      name: 'builder',
      description: 'Name of the buildx builder to use. The current builder when empty.',
    },
    ...SMOKE_INPUTS,
    {
      name: 'nodes',
      description:
        'Native builder nodes, one PLATFORM=ENDPOINT per line (ssh://user@host[:port], tcp://host:port, unix:///path). Platforms without a node build on the runner under QEMU.',
    },
    {
      name: 'node-strategy',
      description:
        'How nodes build. append (one buildx builder spanning the nodes, docker-container driver), fanout (each node builds its platforms with its own engine, pushed by digest and merged), or auto.',
      default: 'auto',
    },
    {
      name: 'buildkit-image',
      description:
        "BuildKit image for the append strategy's docker-container builders (for air-gapped nodes).",
    },
    {
      name: 'driver-opts',
      description:
        "Driver options for the append strategy's docker-container builders, one key=value per line, as docker/setup-buildx-action takes them (e.g. network=host).",
    },
    {
      name: 'buildkitd-flags',
      description:
        "BuildKit daemon flags for the append strategy's builders, on one line (e.g. --allow-insecure-entitlement network.host), as docker/setup-buildx-action takes them.",
    },
    {
      name: 'buildkitd-config-inline',
      description:
        "buildkitd.toml content for the append strategy's builders (e.g. registry mirrors), as docker/setup-buildx-action takes it. Written under RUNNER_TEMP, removed by the post step.",
    },
    {
      name: 'ssh-private-key',
      description:
        'Private key for ssh:// nodes. Masked, written with mode 0600 under RUNNER_TEMP, removed by the post step.',
    },
    {
      name: 'ssh-known-hosts',
      description:
        'known_hosts lines for the ssh:// nodes (ssh-keyscan output). Required with ssh-private-key unless ssh-accept-new-host-keys is true.',
    },
    {
      name: 'ssh-accept-new-host-keys',
      description:
        "Trust an ssh node's host key on first use instead of requiring ssh-known-hosts (warns).",
      default: 'false',
      boolean: true,
    },
    { name: 'tls-ca', description: 'CA certificate (PEM) to verify tcp:// nodes.' },
    { name: 'tls-cert', description: 'Client certificate (PEM) for tcp:// nodes.' },
    { name: 'tls-key', description: 'Client key (PEM) for tcp:// nodes. Masked.' },
    {
      name: 'push-by-digest',
      description:
        'Push without a tag (tags names the repository) and report the digest, for matrix builds merged later by the merge sub-action.',
      default: 'false',
      boolean: true,
    },
    {
      name: 'digests-dir',
      description:
        'After a push, write the digest as an empty file named after it into this directory (for upload as an artifact).',
    },
    PUBLISH_INPUT,
  ],
  outputs: [
    { name: 'digest', description: 'Digest of the pushed image index.' },
    {
      name: 'image',
      description: 'The pushed image as name@digest (the local tag when not pushed).',
    },
    PLATFORMS_OUTPUT,
    { name: 'metadata', description: 'Build result metadata (buildx --metadata-file), as JSON.' },
    PUBLISHED_OUTPUT,
  ],
  runs: { using: 'node24', main: 'dist/index.js', post: 'dist/index.js' },
};

export const MERGE_ACTION: ActionSpec = {
  id: 'merge',
  file: 'merge/action.yml',
  name: 'multiarch-action merge',
  description:
    'Assemble one multi-arch image index from images built separately, push it, verify it and smoke-test every platform.',
  author: AUTHOR,
  branding: { icon: 'git-merge', color: 'blue' },
  inputs: [
    {
      name: 'sources',
      description:
        'Per-platform images to merge, as tags or name@digest, comma or newline separated. Sources that are indexes (buildx provenance) give their platform images.',
    },
    {
      name: 'digests-dir',
      description:
        'Directory with one file per digest, named after it (as push-by-digest builds write them); the digests live in `image`.',
    },
    {
      name: 'image',
      description:
        'Repository the digests in digests-dir live in. Defaults to the repository of the first tag.',
    },
    {
      name: 'tags',
      description: 'Tags to push the merged index as, comma or newline separated.',
      required: true,
    },
    {
      name: 'annotations',
      description:
        'Index annotations for imagetools create, one KEY=VALUE (optionally type-prefixed, like index:KEY=VALUE) per line.',
    },
    {
      name: 'tool',
      description:
        'imagetools (docker buildx), manifest (docker manifest create/annotate/push, single-platform sources only), or auto (imagetools when buildx is there).',
      default: 'auto',
    },
    ...SMOKE_INPUTS,
    PUBLISH_INPUT,
    commandInput('merge'),
  ],
  outputs: [
    { name: 'digest', description: 'Digest of the pushed index.' },
    { name: 'image', description: 'The pushed index as name@digest.' },
    PLATFORMS_OUTPUT,
    { name: 'metadata', description: 'JSON with the sources, the tool used and the tags.' },
    PUBLISHED_OUTPUT,
  ],
  runs: SUB_ACTION_RUNS,
};

export const CHECK_ACTION: ActionSpec = {
  id: 'check',
  file: 'check/action.yml',
  name: 'multiarch-action check',
  description:
    'Is this image, Dockerfile or Kubernetes workload ready for ARM? A pull-request check that builds nothing it pushes.',
  author: AUTHOR,
  branding: { icon: 'check-circle', color: 'blue' },
  inputs: [
    {
      name: 'images',
      description:
        'Images to check, comma or newline separated. Each required platform must be in the index, its config must agree, and it must run.',
    },
    {
      name: 'platforms',
      description: 'Platforms every image must support.',
      default: DEFAULT_PLATFORMS,
    },
    {
      name: 'dockerfile',
      description:
        'A Dockerfile to check before building. Its external base images must have the platforms, and classic mistakes are flagged.',
    },
    {
      name: 'context',
      description: "Build context for build true. Defaults to the Dockerfile's directory.",
    },
    {
      name: 'build',
      description:
        'Also build the Dockerfile for every platform locally (loaded, not pushed) and smoke-test each.',
      default: 'false',
      boolean: true,
    },
    {
      name: 'build-args',
      description:
        'Build arguments, one KEY=VALUE per line; also used to resolve ARGs in FROM lines.',
    },
    {
      name: 'kubernetes-manifests',
      description:
        "Globs of Kubernetes YAML files (multi-document). Every workload's images must have each architecture it may be scheduled on.",
    },
    {
      name: 'cluster-architectures',
      description:
        'Node architectures in the cluster; an unconstrained workload may land on any of them.',
      default: 'amd64,arm64',
    },
    {
      name: 'fail-on',
      description: 'error (fail on errors), warning (fail on errors or warnings), or never.',
      default: 'error',
    },
    ...SMOKE_INPUTS,
    commandInput('check'),
  ],
  outputs: [
    { name: 'ready', description: 'true when nothing is an error.' },
    {
      name: 'report',
      description:
        'JSON with the platforms, one row per image / base image / build / workload container (cells per platform with status and reason), and the findings.',
    },
  ],
  runs: SUB_ACTION_RUNS,
};

/** The three actions, in the order the README presents them. */
export const ACTIONS: readonly ActionSpec[] = [BUILD_ACTION, MERGE_ACTION, CHECK_ACTION];

/** The action's input names, in action.yml's order. */
export function inputNames(spec: ActionSpec): readonly string[] {
  return spec.inputs.map((i) => i.name);
}

/** The true/false inputs of every action, in order, each once. */
export function booleanInputs(): Set<string> {
  return new Set(ACTIONS.flatMap((a) => a.inputs.filter((i) => i.boolean).map((i) => i.name)));
}
