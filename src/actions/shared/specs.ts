/**
 * What the three actions declare: names, descriptions, defaults, outputs. The
 * one source of truth for their inputs. action.yml, merge/action.yml,
 * check/action.yml and the input and output tables of docs/reference.md are
 * generated from it by `npm run docs` (scripts/docs.ts), and the unit tests fail
 * when they drift. The input-name lists the actions and the CLI use are derived
 * from it. Data only.
 */
import { DEFAULT_BUILDX_DOWNLOAD_URL } from '../../docker/buildx-version';
import { DEFAULT_PLATFORMS } from '../../runner/inputs';
import {
  declareAction,
  type ActionSpec,
  type InputName,
  type InputSpec,
  type OutputSpec,
} from './input-spec';
import { SMOKE_INPUTS } from './smoke-inputs';

export type { ActionSpec, InputName, InputSpec, OutputSpec } from './input-spec';

const AUTHOR = 'multiarch-action';

/** A sub-action's command input: every action runs the one bundle, and this selects it. */
function commandInput<const C extends 'merge' | 'check'>(command: C) {
  return {
    name: 'command',
    description: 'Internal; selects this sub-action in the shared bundle. Leave as is.',
    default: command,
  } as const satisfies InputSpec;
}

/** When the user's tags are written: the gate, the same in the build action and in merge. */
const PUBLISH_INPUT = {
  name: 'publish',
  description:
    'When to write the tags. on-success: only after every platform passed its smoke test and architecture check; a failure leaves every tag where it was, and the tested image stays pullable by digest. always: write them before testing, as a plain push does (to debug on real hardware).',
  default: 'on-success',
} as const satisfies InputSpec;

/** registry-timeout: the same bound in every action that talks to a registry. */
const REGISTRY_TIMEOUT_INPUT = {
  name: 'registry-timeout',
  description:
    'How long a talk with a registry may take before the run stops it with an error naming the registry and what it was doing, like 120s or 2m. Inside the build (resolving a base image, pushing) it bounds a stretch without progress; a long, silent RUN step is not a registry talk and is never stopped. Outside it (docker push, reading the pushed image back, imagetools create and inspect, docker manifest) it bounds each of these as a whole: give a slow registry or a large push more.',
  default: '2m',
} as const satisfies InputSpec;

const PUBLISHED_OUTPUT = {
  name: 'published',
  description:
    'true when the tags were written, false when they were left alone (a platform failed, or nothing was pushed).',
} as const satisfies OutputSpec;

/** attest-tests: the proof of the tests, attached to what was tested; the same in build and merge. */
const ATTEST_TESTS_INPUT = {
  name: 'attest-tests',
  description:
    "Attach the tests' result to the pushed image as an in-toto test-result statement (an OCI 1.1 artifact whose subject is the tested index, and one per platform manifest; no tag's digest changes). true: a registry that refuses it only warns, and a build attaches it while the tags are written. required: that refusal fails the step; a build attaches it before writing any tag (once the tested index is in the registry by digest), so a refused proof also leaves every tag where it was. false: write the statement file only, attach nothing.",
  default: 'true',
} as const satisfies InputSpec;

/** Where the statement is, and what was attached: the same in build and merge. */
const ATTESTATION_OUTPUTS = [
  {
    name: 'test-attestation',
    description:
      'Path of the in-toto Statement v1 (predicate test-result v0.1) naming the index and every tested platform digest. Empty when nothing was pushed.',
  },
  {
    name: 'test-attestation-predicate',
    description:
      "Path of that statement's predicate alone, for actions/attest (predicate-path, with predicate-type https://in-toto.io/attestation/test-result/v0.1).",
  },
  {
    name: 'test-attestation-digest',
    description:
      'Digest of the attestation artifact attached to the tested index (or, without an index, to the first tested platform). Empty when none was attached.',
  },
] as const satisfies readonly OutputSpec[];

/** Every platform's result, the same in the build action and in merge. */
const PLATFORMS_OUTPUT = {
  name: 'platforms',
  description:
    'JSON object, platform → {digest, ref, node, buildDurationMs, smoke, exitCode, durationMs, emulated, arch, output, ok, errors}.',
} as const satisfies OutputSpec;

/**
 * Registry credentials, the same in every action: one entry per line in each
 * of the three, matched by position (registry-login.ts reads them).
 */
const LOGIN_INPUTS = [
  {
    name: 'registry',
    description:
      "Registries to log in to, one host[:port] per line (ghcr.io, docker.io for Docker Hub). Each line pairs with the same line of username and password. Empty: no login; the runner's existing logins (docker/login-action) are used as they are.",
  },
  {
    name: 'username',
    description: 'User name for each registry line, one per line, in the same order.',
  },
  {
    name: 'password',
    description:
      "Password or token for each registry line, one per line, in the same order. Masked, passed to docker login on stdin, and kept only in this step's private DOCKER_CONFIG (mode 0600 under RUNNER_TEMP), which the post step removes.",
  },
] as const satisfies readonly InputSpec[];

/** The login inputs' names: registry-login.ts reads these three. */
export type LoginInput = InputName<typeof LOGIN_INPUTS>;

/** Main runs the one bundle; post a small one (src/post.ts) that loads the full cleanup only when main left some. */
const SUB_ACTION_RUNS = {
  using: 'node24',
  main: '../dist/index.js',
  post: '../dist/post/index.js',
} as const;

export const BUILD_ACTION = declareAction({
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
    {
      name: 'labels',
      description:
        'Image labels, one KEY=VALUE per line; quote a value with commas ("KEY=a, b") if you like.',
    },
    {
      name: 'build-args',
      description:
        'Build arguments, one KEY=VALUE per line, or a bare NAME for buildx to take from the environment; a quoted value ("KEY=line 1⏎line 2") may span lines.',
    },
    { name: 'target', description: 'Build stage to stop at.' },
    {
      name: 'push',
      description:
        'Push to the registry. Defaults to true when tags are given, false otherwise (build and load locally).',
      boolean: true,
    },
    {
      name: 'load',
      description:
        "Also put the image into the runner's engine. Without push the image is loaded anyway (the smoke test runs it); with push it is pulled in under the tags once they are written.",
      boolean: true,
    },
    {
      name: 'outputs',
      description:
        'More buildx exporters (--output), one per line, e.g. type=local,dest=out or type=tar,dest=image.tar. An image output becomes push, load or push-by-digest (and says so in the log).',
    },
    {
      name: 'cache-from',
      description:
        'Cache sources for buildx (--cache-from), one per line, e.g. type=gha or type=registry,ref=ghcr.io/acme/api:cache.',
    },
    {
      name: 'cache-to',
      description:
        "Cache exports for buildx (--cache-to), one per line. type=gha reads the runner's ACTIONS_CACHE_URL, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN, which the action passes on to buildx.",
    },
    {
      name: 'provenance',
      description:
        "Provenance attestation (--provenance), e.g. false or mode=max. Buildx's default when empty.",
    },
    {
      name: 'sbom',
      description: "SBOM attestation (--sbom), e.g. true. Buildx's default when empty.",
    },
    {
      name: 'attests',
      description:
        'More attestations (--attest), one per line, e.g. type=sbom,generator=image. provenance and sbom win over an entry of the same type.',
    },
    {
      name: 'annotations',
      description:
        "Annotations (--annotation), one per line, e.g. index:org.opencontainers.image.description=… (docker/metadata-action's annotations output works as is).",
    },
    { name: 'no-cache', description: 'Build without cache.', default: 'false', boolean: true },
    {
      name: 'no-cache-filters',
      description: 'Stages to build without cache (--no-cache-filter), comma or newline separated.',
    },
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
    {
      name: 'build-contexts',
      description:
        'Named contexts (--build-context), one NAME=PATH_OR_URL per line, e.g. src=../shared or alpine=docker-image://alpine:3.20.',
    },
    {
      name: 'secrets',
      description:
        'Build secrets, one ID=VALUE per line (quote a value that spans lines). Each value is masked, written to a file (mode 0600) under RUNNER_TEMP, passed as --secret id=ID,src=FILE, and removed by the post step.',
    },
    {
      name: 'secret-files',
      description:
        'Build secrets from files, one ID=PATH per line (--secret id=ID,src=…). The file is copied under RUNNER_TEMP (mode 0600) and the copy removed by the post step.',
    },
    {
      name: 'secret-envs',
      description:
        "Build secrets from the step's environment, ID=VARIABLE, comma or newline separated (--secret id=ID,env=VARIABLE). The variable's value is masked.",
    },
    {
      name: 'ssh',
      description:
        'SSH agent sockets or keys for RUN --mount=type=ssh (--ssh), comma or newline separated, e.g. default (SSH_AUTH_SOCK). Not the ssh-* inputs, which reach ssh:// nodes.',
    },
    {
      name: 'github-token',
      description:
        "Token for a git context on the GitHub server: passed to BuildKit as the secret GIT_AUTH_TOKEN.github.com (the server's host; masked, in a file removed by post). Used only for git contexts.",
      default: '${{ github.token }}',
    },
    {
      name: 'network',
      description: 'Network mode for RUN instructions (--network), e.g. host or none.',
    },
    {
      name: 'add-hosts',
      description: 'Extra /etc/hosts entries (--add-host), HOST:IP, comma or newline separated.',
    },
    {
      name: 'allow',
      description:
        'Extra privileges (--allow), comma or newline separated, e.g. network.host or security.insecure.',
    },
    {
      name: 'shm-size',
      description: 'Size of /dev/shm for RUN instructions (--shm-size), e.g. 2g.',
    },
    {
      name: 'ulimit',
      description: 'Ulimits for RUN instructions (--ulimit), one per line, e.g. nofile=1024:1024.',
    },
    {
      name: 'cgroup-parent',
      description: 'Parent cgroup for RUN instructions (--cgroup-parent).',
    },
    {
      name: 'call',
      description:
        'buildx --call method: build (the default) or one that builds no image (check, outline, targets), which is run and reported, with nothing pushed or tested. Needs buildx 0.15 or newer.',
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
    ...LOGIN_INPUTS,
    PUBLISH_INPUT,
    ATTEST_TESTS_INPUT,
    REGISTRY_TIMEOUT_INPUT,
    {
      name: 'emulation-warning',
      description:
        "When to warn that QEMU made a platform's build slow, as RATIO,SECONDS: once, for the slowest emulated platform whose build took more than RATIO times the slowest native build and longer than SECONDS, with how to build it natively instead.",
      default: '3,30',
    },
    {
      name: 'buildx-version',
      description:
        "buildx release to use for this run, like v0.13.1: fetched into the runner's tool cache (checksum verified) when the installed buildx is another version. Empty: the installed buildx, or the pinned release when buildx is missing or older than the action needs. The user's ~/.docker is never changed.",
    },
    {
      name: 'buildx-download-url',
      description:
        'Where buildx releases are fetched from: <url>/<version>/buildx-<version>.linux-<arch> and <url>/<version>/checksums.txt. For mirrors and air-gapped runners.',
      default: DEFAULT_BUILDX_DOWNLOAD_URL,
    },
  ],
  outputs: [
    {
      name: 'imageid',
      description:
        "Image ID, as build-push-action reports it (buildx's image config digest, or the index digest for several platforms).",
    },
    { name: 'digest', description: 'Digest of the pushed image index.' },
    {
      name: 'image',
      description: 'The pushed image as name@digest (the local tag when not pushed).',
    },
    PLATFORMS_OUTPUT,
    { name: 'metadata', description: 'Build result metadata (buildx --metadata-file), as JSON.' },
    PUBLISHED_OUTPUT,
    ...ATTESTATION_OUTPUTS,
  ],
  runs: { using: 'node24', main: 'dist/index.js', post: 'dist/post/index.js' },
});

export const MERGE_ACTION = declareAction({
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
        'Index annotations for imagetools create, one KEY=VALUE per line (an index annotation), or manifest-descriptor:KEY=VALUE. manifest: annotations belong in the build (its annotations input).',
    },
    {
      name: 'tool',
      description:
        'imagetools (docker buildx), manifest (docker manifest create/annotate/push, single-platform sources only), or auto (imagetools when buildx is there).',
      default: 'auto',
    },
    ...SMOKE_INPUTS,
    ...LOGIN_INPUTS,
    PUBLISH_INPUT,
    ATTEST_TESTS_INPUT,
    REGISTRY_TIMEOUT_INPUT,
    commandInput('merge'),
  ],
  outputs: [
    { name: 'digest', description: 'Digest of the pushed index.' },
    { name: 'image', description: 'The pushed index as name@digest.' },
    PLATFORMS_OUTPUT,
    { name: 'metadata', description: 'JSON with the sources, the tool used and the tags.' },
    PUBLISHED_OUTPUT,
    ...ATTESTATION_OUTPUTS,
  ],
  runs: SUB_ACTION_RUNS,
});

export const CHECK_ACTION = declareAction({
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
        'A Dockerfile to check before building. Every image its build pulls, per platform (FROM, COPY --from, RUN --mount from=), must have that platform, and classic mistakes are flagged.',
    },
    {
      name: 'target',
      description:
        'Build stage the Dockerfile is built to (docker build --target). Only the stages it reaches can fail the check; the last stage when empty.',
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
      name: 'require-tested',
      description:
        'Platforms, comma or newline separated, whose manifest in each image of images and of every workload in kubernetes-manifests (on the architectures it may run on) must carry a PASSED test-result attestation naming its digest, as the build and merge actions attach (attest-tests). Empty: not asked.',
    },
    {
      name: 'fail-on',
      description: 'error (fail on errors), warning (fail on errors or warnings), or never.',
      default: 'error',
    },
    ...SMOKE_INPUTS,
    ...LOGIN_INPUTS,
    REGISTRY_TIMEOUT_INPUT,
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
});

/** The names each action declares: its parser can ask for these and no other. */
export type BuildInput = InputName<typeof BUILD_ACTION.inputs>;
export type MergeInput = InputName<typeof MERGE_ACTION.inputs>;
export type CheckInput = InputName<typeof CHECK_ACTION.inputs>;

/** The three actions, in the order docs/reference.md presents them. */
export const ACTIONS: readonly ActionSpec[] = [BUILD_ACTION, MERGE_ACTION, CHECK_ACTION];

/** The action's input names, in action.yml's order. */
export function inputNames(spec: ActionSpec): readonly string[] {
  return spec.inputs.map((i) => i.name);
}

/** The true/false inputs of every action, in order, each once. */
export function booleanInputs(): Set<string> {
  return new Set(ACTIONS.flatMap((a) => a.inputs.filter((i) => i.boolean).map((i) => i.name)));
}
