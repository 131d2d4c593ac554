export const id = 730;
export const ids = [730];
export const modules = {

/***/ 9653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DW: () => (/* binding */ declareAction),
/* harmony export */   HA: () => (/* binding */ defaultOf),
/* harmony export */   MB: () => (/* binding */ declareInputs),
/* harmony export */   cN: () => (/* binding */ inputReader)
/* harmony export */ });
/** Input specs, checked, with their names kept as types (`as const` would narrow every field). */
function declareInputs(inputs) {
    return inputs;
}
/** An action's spec, checked, with its input names kept as types. */
function declareAction(spec) {
    return spec;
}
/**
 * A typed reader over raw input strings (the runner's, the CLI's flags, a test's table).
 * Reading through it twice is harmless: a default read back is not empty.
 */
function inputReader(inputs, read) {
    const defaults = new Map(inputs.map((i) => [i.name, i.default]));
    return {
        get(name) {
            const raw = read(name);
            const fallback = defaults.get(name);
            return raw.trim() === '' && fallback !== undefined ? fallback : raw;
        },
        given: (name) => read(name),
    };
}
/** The declared default of an input, for a parser that shows it in a message. */
function defaultOf(inputs, name) {
    return inputs.find((i) => i.name === name)?.default ?? '';
}


/***/ }),

/***/ 975:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  iR: () => (/* binding */ SMOKE_INPUTS),
  Nh: () => (/* binding */ smokeInputs)
});

// UNUSED EXPORTS: DEFAULT_QEMU_IMAGE, SMOKE_INPUT_NAMES

// EXTERNAL MODULE: ./src/runner/inputs.ts
var inputs = __webpack_require__(9205);
// EXTERNAL MODULE: ./src/verify/probe.ts
var probe = __webpack_require__(4119);
;// CONCATENATED MODULE: ./src/runner/words.ts

/**
 * Splits a smoke command into argv without any shell: a JSON array of strings,
 * or words separated by spaces with '…' and "…" quoting. To use a shell, say so:
 * `sh -c "…"`.
 */
function splitCommand(raw) {
    const v = raw.trim();
    if (v === '')
        return [];
    if (v.startsWith('[')) {
        let parsed;
        try {
            parsed = JSON.parse(v);
        }
        catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) ||
            !parsed.every((x) => typeof x === 'string') ||
            parsed.length === 0) {
            throw new inputs/* InputError */.dz('smoke-command', raw, 'is not a JSON array of strings', 'Write ["/app","--version"] or plain words: /app --version.');
        }
        return parsed;
    }
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < v.length; i++) {
        const c = v[i];
        if (quote) {
            if (c === quote)
                quote = undefined;
            else if (c === '\\' && quote === '"' && (v[i + 1] === '"' || v[i + 1] === '\\'))
                word += v[++i];
            else
                word += c;
        }
        else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        }
        else if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += c;
            inWord = true;
        }
    }
    if (quote) {
        throw new inputs/* InputError */.dz('smoke-command', raw, `has an unclosed ${quote} quote`, 'Close the quote, or give a JSON array like ["sh","-c","echo hi"].');
    }
    if (inWord)
        words.push(word);
    return words;
}

// EXTERNAL MODULE: ./src/actions/shared/input-spec.ts
var input_spec = __webpack_require__(9653);
;// CONCATENATED MODULE: ./src/actions/shared/smoke-inputs.ts
/** The inputs that say how every platform is tested: the same in all three actions. */




/** The pinned binfmt installer, run only when an emulator is missing. */
const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v7.0.0-28';
/**
 * How images are run: the same inputs, in this order and with these words, in every action of
 * the repository. Declared here, beside the code that reads them; specs.ts puts them in each
 * action's spec.
 */
const SMOKE_INPUTS = (0,input_spec/* declareInputs */.MB)([
    {
        name: 'smoke',
        description: "Run every platform's image and fail that platform when it does not run.",
        default: 'true',
        boolean: true,
    },
    {
        name: 'smoke-command',
        description: "Command for the smoke run (words, or a JSON array), appended to the image's entrypoint. The image's own command when empty.",
    },
    {
        name: 'smoke-expect',
        description: "Regular expression the smoke run's output must match.",
    },
    {
        name: 'smoke-timeout',
        description: 'Seconds before a smoke run is killed and its platform fails.',
        default: '60',
    },
    {
        name: 'smoke-probe',
        description: 'Test a server as a cluster runs it: start the image detached with its real entrypoint (or smoke-command) and wait until it is ready. http://:PORT/PATH passes on a 2xx or 3xx answer, tcp://:PORT when a connection is accepted, healthcheck when the image’s HEALTHCHECK reports healthy, log:REGEX when its output matches. smoke-timeout bounds the wait per platform.',
    },
    {
        name: 'smoke-env',
        description: "Environment for the smoke run's container, one KEY=VALUE per line.",
    },
    {
        name: 'verify-arch',
        description: "Read the ELF headers of every executable in each platform's image and fail that platform on any built for another architecture.",
        default: 'true',
        boolean: true,
    },
    {
        name: 'qemu-image',
        description: 'Binfmt installer image, used only when an emulator is missing.',
        default: DEFAULT_QEMU_IMAGE,
    },
]);
/** The names of SMOKE_INPUTS, in order. */
const SMOKE_INPUT_NAMES = SMOKE_INPUTS.map((i) => i.name);
/** How every platform is tested: the same inputs in every action. */
function smokeInputs(read) {
    const { get } = (0,input_spec/* inputReader */.cN)(SMOKE_INPUTS, read);
    const expect = get('smoke-expect').trim();
    const timeoutExample = Number((0,input_spec/* defaultOf */.HA)(SMOKE_INPUTS, 'smoke-timeout'));
    return {
        smoke: (0,inputs/* bool */.lc)('smoke', get('smoke')),
        smokeCommand: splitCommand(get('smoke-command')),
        smokeExpect: expect ? (0,inputs/* regex */.yG)('smoke-expect', expect) : undefined,
        smokeTimeoutSeconds: (0,inputs/* integer */.nd)('smoke-timeout', get('smoke-timeout'), timeoutExample, 1, 3600),
        verifyArch: (0,inputs/* bool */.lc)('verify-arch', get('verify-arch')),
        qemuImage: (0,inputs/* checkRef */.__)('qemu-image', get('qemu-image').trim()),
        smokeProbe: probeInput(get('smoke-probe')),
        smokeEnv: (0,inputs/* list */.p_)(get('smoke-env'), false).map((l) => (0,inputs/* keyValue */.Hv)('smoke-env', l, /^[A-Za-z_][A-Za-z0-9_]*$/)),
    };
}
function probeInput(raw) {
    try {
        return (0,probe/* parseProbe */.u5)(raw);
    }
    catch (err) {
        if (err instanceof probe/* ProbeError */.B2)
            throw new inputs/* InputError */.dz('smoke-probe', raw.trim(), 'is not valid', err.message, { cause: err });
        throw err;
    }
}


/***/ }),

/***/ 6945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O9: () => (/* binding */ MERGE_ACTION),
/* harmony export */   OF: () => (/* binding */ BUILD_ACTION),
/* harmony export */   YU: () => (/* binding */ CHECK_ACTION),
/* harmony export */   kl: () => (/* binding */ ACTIONS),
/* harmony export */   up: () => (/* binding */ booleanInputs),
/* harmony export */   vj: () => (/* binding */ inputNames)
/* harmony export */ });
/* harmony import */ var _docker_buildx_version__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5415);
/* harmony import */ var _runner_inputs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9205);
/* harmony import */ var _input_spec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9653);
/* harmony import */ var _smoke_inputs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(975);
/**
 * What the three actions declare: names, descriptions, defaults, outputs. The
 * one source of truth for their inputs. action.yml, merge/action.yml,
 * check/action.yml and the input and output tables of docs/reference.md are
 * generated from it by `npm run docs` (scripts/docs.ts), and the unit tests fail
 * when they drift. The input-name lists the actions and the CLI use are derived
 * from it. Data only.
 */




const AUTHOR = 'multiarch-action';
/** A sub-action's command input: every action runs the one bundle, and this selects it. */
function commandInput(command) {
    return {
        name: 'command',
        description: 'Internal; selects this sub-action in the shared bundle. Leave as is.',
        default: command,
    };
}
/** When the user's tags are written: the gate, the same in the build action and in merge. */
const PUBLISH_INPUT = {
    name: 'publish',
    description: 'When to write the tags. on-success: only after every platform passed its smoke test and architecture check; a failure leaves every tag where it was, and the tested image stays pullable by digest. always: write them before testing, as a plain push does (to debug on real hardware).',
    default: 'on-success',
};
/** registry-timeout: the same bound in every action that talks to a registry. */
const REGISTRY_TIMEOUT_INPUT = {
    name: 'registry-timeout',
    description: 'How long a talk with a registry may take before the run stops it with an error naming the registry and what it was doing, like 120s or 2m. Inside the build (resolving a base image, pushing) it bounds a stretch without progress; a long, silent RUN step is not a registry talk and is never stopped. Outside it (docker push, reading the pushed image back, imagetools create and inspect, docker manifest) it bounds each of these as a whole: give a slow registry or a large push more.',
    default: '2m',
};
const PUBLISHED_OUTPUT = {
    name: 'published',
    description: 'true when the tags were written, false when they were left alone (a platform failed, or nothing was pushed).',
};
/** attest-tests: the proof of the tests, attached to what was tested; the same in build and merge. */
const ATTEST_TESTS_INPUT = {
    name: 'attest-tests',
    description: "Attach the tests' result to the pushed image as an in-toto test-result statement (an OCI 1.1 artifact whose subject is the tested index, and one per platform manifest; no tag's digest changes). true: a registry that refuses it only warns, and a build attaches it while the tags are written. required: that refusal fails the step; a build attaches it before writing any tag (once the tested index is in the registry by digest), so a refused proof also leaves every tag where it was. false: write the statement file only, attach nothing.",
    default: 'true',
};
/** Where the statement is, and what was attached: the same in build and merge. */
const ATTESTATION_OUTPUTS = [
    {
        name: 'test-attestation',
        description: 'Path of the in-toto Statement v1 (predicate test-result v0.1) naming the index and every tested platform digest. Empty when nothing was pushed.',
    },
    {
        name: 'test-attestation-predicate',
        description: "Path of that statement's predicate alone, for actions/attest (predicate-path, with predicate-type https://in-toto.io/attestation/test-result/v0.1).",
    },
    {
        name: 'test-attestation-digest',
        description: 'Digest of the attestation artifact attached to the tested index (or, without an index, to the first tested platform). Empty when none was attached.',
    },
];
/** Every platform's result, the same in the build action and in merge. */
const PLATFORMS_OUTPUT = {
    name: 'platforms',
    description: 'JSON object, platform → {digest, ref, node, buildDurationMs, smoke, exitCode, durationMs, emulated, arch, output, ok, errors}.',
};
/**
 * Registry credentials, the same in every action: one entry per line in each
 * of the three, matched by position (registry-login.ts reads them).
 */
const LOGIN_INPUTS = [
    {
        name: 'registry',
        description: "Registries to log in to, one host[:port] per line (ghcr.io, docker.io for Docker Hub). Each line pairs with the same line of username and password. Empty: no login; the runner's existing logins (docker/login-action) are used as they are.",
    },
    {
        name: 'username',
        description: 'User name for each registry line, one per line, in the same order.',
    },
    {
        name: 'password',
        description: "Password or token for each registry line, one per line, in the same order. Masked, passed to docker login on stdin, and kept only in this step's private DOCKER_CONFIG (mode 0600 under RUNNER_TEMP), which the post step removes.",
    },
];
/** Main runs the one bundle; post a small one (src/post.ts) that loads the full cleanup only when main left some. */
const SUB_ACTION_RUNS = {
    using: 'node24',
    main: '../dist/index.js',
    post: '../dist/post/index.js',
};
const BUILD_ACTION = (0,_input_spec__WEBPACK_IMPORTED_MODULE_2__/* .declareAction */ .DW)({
    id: 'build',
    file: 'action.yml',
    name: 'multiarch-action',
    description: 'Build and push a multi-architecture image, then smoke-test and architecture-check every platform.',
    author: AUTHOR,
    branding: { icon: 'layers', color: 'blue' },
    inputs: [
        { name: 'context', description: 'Build context (a path or a Git URL).', default: '.' },
        { name: 'file', description: 'Path to the Dockerfile. Defaults to {context}/Dockerfile.' },
        {
            name: 'platforms',
            description: 'Platforms to build and test, comma or newline separated.',
            default: _runner_inputs__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_PLATFORMS */ .pu,
        },
        {
            name: 'tags',
            description: "Image tags, comma or newline separated (docker/metadata-action's tags output works as is).",
        },
        {
            name: 'labels',
            description: 'Image labels, one KEY=VALUE per line; quote a value with commas ("KEY=a, b") if you like.',
        },
        {
            name: 'build-args',
            description: 'Build arguments, one KEY=VALUE per line, or a bare NAME for buildx to take from the environment; a quoted value ("KEY=line 1⏎line 2") may span lines.',
        },
        { name: 'target', description: 'Build stage to stop at.' },
        {
            name: 'push',
            description: 'Push to the registry. Defaults to true when tags are given, false otherwise (build and load locally).',
            boolean: true,
        },
        {
            name: 'load',
            description: "Also put the image into the runner's engine. Without push the image is loaded anyway (the smoke test runs it); with push it is pulled in under the tags once they are written.",
            boolean: true,
        },
        {
            name: 'outputs',
            description: 'More buildx exporters (--output), one per line, e.g. type=local,dest=out or type=tar,dest=image.tar. An image output becomes push, load or push-by-digest (and says so in the log).',
        },
        {
            name: 'cache-from',
            description: 'Cache sources for buildx (--cache-from), one per line, e.g. type=gha or type=registry,ref=ghcr.io/acme/api:cache.',
        },
        {
            name: 'cache-to',
            description: "Cache exports for buildx (--cache-to), one per line. type=gha reads the runner's ACTIONS_CACHE_URL, ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN, which the action passes on to buildx.",
        },
        {
            name: 'provenance',
            description: "Provenance attestation (--provenance), e.g. false or mode=max. Buildx's default when empty.",
        },
        {
            name: 'sbom',
            description: "SBOM attestation (--sbom), e.g. true. Buildx's default when empty.",
        },
        {
            name: 'attests',
            description: 'More attestations (--attest), one per line, e.g. type=sbom,generator=image. provenance and sbom win over an entry of the same type.',
        },
        {
            name: 'annotations',
            description: "Annotations (--annotation), one per line, e.g. index:org.opencontainers.image.description=… (docker/metadata-action's annotations output works as is).",
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
            description: 'Named contexts (--build-context), one NAME=PATH_OR_URL per line, e.g. src=../shared or alpine=docker-image://alpine:3.20.',
        },
        {
            name: 'secrets',
            description: 'Build secrets, one ID=VALUE per line (quote a value that spans lines). Each value is masked, written to a file (mode 0600) under RUNNER_TEMP, passed as --secret id=ID,src=FILE, and removed by the post step.',
        },
        {
            name: 'secret-files',
            description: 'Build secrets from files, one ID=PATH per line (--secret id=ID,src=…). The file is copied under RUNNER_TEMP (mode 0600) and the copy removed by the post step.',
        },
        {
            name: 'secret-envs',
            description: "Build secrets from the step's environment, ID=VARIABLE, comma or newline separated (--secret id=ID,env=VARIABLE). The variable's value is masked.",
        },
        {
            name: 'ssh',
            description: 'SSH agent sockets or keys for RUN --mount=type=ssh (--ssh), comma or newline separated, e.g. default (SSH_AUTH_SOCK). Not the ssh-* inputs, which reach ssh:// nodes.',
        },
        {
            name: 'github-token',
            description: "Token for a git context on the GitHub server: passed to BuildKit as the secret GIT_AUTH_TOKEN.github.com (the server's host; masked, in a file removed by post). Used only for git contexts.",
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
            description: 'Extra privileges (--allow), comma or newline separated, e.g. network.host or security.insecure.',
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
            description: 'buildx --call method: build (the default) or one that builds no image (check, outline, targets), which is run and reported, with nothing pushed or tested. Needs buildx 0.15 or newer.',
        },
        ..._smoke_inputs__WEBPACK_IMPORTED_MODULE_1__/* .SMOKE_INPUTS */ .iR,
        {
            name: 'nodes',
            description: 'Native builder nodes, one PLATFORM=ENDPOINT per line (ssh://user@host[:port], tcp://host:port, unix:///path). Platforms without a node build on the runner under QEMU.',
        },
        {
            name: 'node-strategy',
            description: 'How nodes build. append (one buildx builder spanning the nodes, docker-container driver), fanout (each node builds its platforms with its own engine, pushed by digest and merged), or auto.',
            default: 'auto',
        },
        {
            name: 'buildkit-image',
            description: "BuildKit image for the append strategy's docker-container builders (for air-gapped nodes).",
        },
        {
            name: 'driver-opts',
            description: "Driver options for the append strategy's docker-container builders, one key=value per line, as docker/setup-buildx-action takes them (e.g. network=host).",
        },
        {
            name: 'buildkitd-flags',
            description: "BuildKit daemon flags for the append strategy's builders, on one line (e.g. --allow-insecure-entitlement network.host), as docker/setup-buildx-action takes them.",
        },
        {
            name: 'buildkitd-config-inline',
            description: "buildkitd.toml content for the append strategy's builders (e.g. registry mirrors), as docker/setup-buildx-action takes it. Written under RUNNER_TEMP, removed by the post step.",
        },
        {
            name: 'ssh-private-key',
            description: 'Private key for ssh:// nodes. Masked, written with mode 0600 under RUNNER_TEMP, removed by the post step.',
        },
        {
            name: 'ssh-known-hosts',
            description: 'known_hosts lines for the ssh:// nodes (ssh-keyscan output). Required with ssh-private-key unless ssh-accept-new-host-keys is true.',
        },
        {
            name: 'ssh-accept-new-host-keys',
            description: "Trust an ssh node's host key on first use instead of requiring ssh-known-hosts (warns).",
            default: 'false',
            boolean: true,
        },
        { name: 'tls-ca', description: 'CA certificate (PEM) to verify tcp:// nodes.' },
        { name: 'tls-cert', description: 'Client certificate (PEM) for tcp:// nodes.' },
        { name: 'tls-key', description: 'Client key (PEM) for tcp:// nodes. Masked.' },
        {
            name: 'push-by-digest',
            description: 'Push without a tag (tags names the repository) and report the digest, for matrix builds merged later by the merge sub-action.',
            default: 'false',
            boolean: true,
        },
        {
            name: 'digests-dir',
            description: 'After a push, write the digest as an empty file named after it into this directory (for upload as an artifact).',
        },
        ...LOGIN_INPUTS,
        PUBLISH_INPUT,
        ATTEST_TESTS_INPUT,
        REGISTRY_TIMEOUT_INPUT,
        {
            name: 'emulation-warning',
            description: "When to warn that QEMU made a platform's build slow, as RATIO,SECONDS: once, for the slowest emulated platform whose build took more than RATIO times the slowest native build and longer than SECONDS, with how to build it natively instead.",
            default: '3,30',
        },
        {
            name: 'buildx-version',
            description: "buildx release to use for this run, like v0.13.1: fetched into the runner's tool cache (checksum verified) when the installed buildx is another version. Empty: the installed buildx, or the pinned release when buildx is missing or older than the action needs. The user's ~/.docker is never changed.",
        },
        {
            name: 'buildx-download-url',
            description: 'Where buildx releases are fetched from: <url>/<version>/buildx-<version>.linux-<arch> and <url>/<version>/checksums.txt. For mirrors and air-gapped runners.',
            default: _docker_buildx_version__WEBPACK_IMPORTED_MODULE_3__/* .DEFAULT_BUILDX_DOWNLOAD_URL */ .SB,
        },
    ],
    outputs: [
        {
            name: 'imageid',
            description: "Image ID, as build-push-action reports it (buildx's image config digest, or the index digest for several platforms).",
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
const MERGE_ACTION = (0,_input_spec__WEBPACK_IMPORTED_MODULE_2__/* .declareAction */ .DW)({
    id: 'merge',
    file: 'merge/action.yml',
    name: 'multiarch-action merge',
    description: 'Assemble one multi-arch image index from images built separately, push it, verify it and smoke-test every platform.',
    author: AUTHOR,
    branding: { icon: 'git-merge', color: 'blue' },
    inputs: [
        {
            name: 'sources',
            description: 'Per-platform images to merge, as tags or name@digest, comma or newline separated. Sources that are indexes (buildx provenance) give their platform images.',
        },
        {
            name: 'digests-dir',
            description: 'Directory with one file per digest, named after it (as push-by-digest builds write them); the digests live in `image`.',
        },
        {
            name: 'image',
            description: 'Repository the digests in digests-dir live in. Defaults to the repository of the first tag.',
        },
        {
            name: 'tags',
            description: 'Tags to push the merged index as, comma or newline separated.',
            required: true,
        },
        {
            name: 'annotations',
            description: 'Index annotations for imagetools create, one KEY=VALUE per line (an index annotation), or manifest-descriptor:KEY=VALUE. manifest: annotations belong in the build (its annotations input).',
        },
        {
            name: 'tool',
            description: 'imagetools (docker buildx), manifest (docker manifest create/annotate/push, single-platform sources only), or auto (imagetools when buildx is there).',
            default: 'auto',
        },
        ..._smoke_inputs__WEBPACK_IMPORTED_MODULE_1__/* .SMOKE_INPUTS */ .iR,
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
const CHECK_ACTION = (0,_input_spec__WEBPACK_IMPORTED_MODULE_2__/* .declareAction */ .DW)({
    id: 'check',
    file: 'check/action.yml',
    name: 'multiarch-action check',
    description: 'Is this image, Dockerfile or Kubernetes workload ready for ARM? A pull-request check that builds nothing it pushes.',
    author: AUTHOR,
    branding: { icon: 'check-circle', color: 'blue' },
    inputs: [
        {
            name: 'images',
            description: 'Images to check, comma or newline separated. Each required platform must be in the index, its config must agree, and it must run.',
        },
        {
            name: 'platforms',
            description: 'Platforms every image must support.',
            default: _runner_inputs__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_PLATFORMS */ .pu,
        },
        {
            name: 'dockerfile',
            description: 'A Dockerfile to check before building. Every image its build pulls, per platform (FROM, COPY --from, RUN --mount from=), must have that platform, and classic mistakes are flagged.',
        },
        {
            name: 'target',
            description: 'Build stage the Dockerfile is built to (docker build --target). Only the stages it reaches can fail the check; the last stage when empty.',
        },
        {
            name: 'context',
            description: "Build context for build true. Defaults to the Dockerfile's directory.",
        },
        {
            name: 'build',
            description: 'Also build the Dockerfile for every platform locally (loaded, not pushed) and smoke-test each.',
            default: 'false',
            boolean: true,
        },
        {
            name: 'build-args',
            description: 'Build arguments, one KEY=VALUE per line; also used to resolve ARGs in FROM lines.',
        },
        {
            name: 'kubernetes-manifests',
            description: "Globs of Kubernetes YAML files (multi-document). Every workload's images must have each architecture it may be scheduled on.",
        },
        {
            name: 'cluster-architectures',
            description: 'Node architectures in the cluster; an unconstrained workload may land on any of them.',
            default: 'amd64,arm64',
        },
        {
            name: 'require-tested',
            description: 'Platforms, comma or newline separated, whose manifest in each image of images and of every workload in kubernetes-manifests (on the architectures it may run on) must carry a PASSED test-result attestation naming its digest, as the build and merge actions attach (attest-tests). Empty: not asked.',
        },
        {
            name: 'fail-on',
            description: 'error (fail on errors), warning (fail on errors or warnings), or never.',
            default: 'error',
        },
        ..._smoke_inputs__WEBPACK_IMPORTED_MODULE_1__/* .SMOKE_INPUTS */ .iR,
        ...LOGIN_INPUTS,
        REGISTRY_TIMEOUT_INPUT,
        commandInput('check'),
    ],
    outputs: [
        { name: 'ready', description: 'true when nothing is an error.' },
        {
            name: 'report',
            description: 'JSON with the platforms, one row per image / base image / build / workload container (cells per platform with status and reason), and the findings.',
        },
    ],
    runs: SUB_ACTION_RUNS,
});
/** The three actions, in the order docs/reference.md presents them. */
const ACTIONS = [BUILD_ACTION, MERGE_ACTION, CHECK_ACTION];
/** The action's input names, in action.yml's order. */
function inputNames(spec) {
    return spec.inputs.map((i) => i.name);
}
/** The true/false inputs of every action, in order, each once. */
function booleanInputs() {
    return new Set(ACTIONS.flatMap((a) => a.inputs.filter((i) => i.boolean).map((i) => i.name)));
}


/***/ }),

/***/ 5265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fq: () => (/* binding */ specFor),
/* harmony export */   uX: () => (/* binding */ unknownInputWarnings)
/* harmony export */ });
/* unused harmony export inputVariable */
/* harmony import */ var _specs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6945);
/**
 * On GitHub the runner warns about inputs an action does not declare and
 * drops them. Run anywhere else (a script setting INPUT_* variables, a local
 * runner), nobody would: the action warns itself, naming the variable and
 * the input it probably meant. The CLI refuses unknown flags instead.
 */

/** The variable the runner sets for an input (core.getInput's naming). */
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/** One warning per INPUT_* variable the action does not read. Pure. */
function unknownInputWarnings(spec, env) {
    const known = new Map(spec.inputs.map((i) => [inputVariable(i.name), i.name]));
    known.set(inputVariable('command'), 'command');
    // INPUT_BUILD_ARGS for build-args: a shell cannot export a name with "-".
    const loose = (v) => v.replace(/[-_]/g, '');
    const warnings = [];
    for (const variable of Object.keys(env).sort()) {
        if (!variable.startsWith('INPUT_') || known.has(variable))
            continue;
        const meant = [...known].find(([k]) => loose(k) === loose(variable))?.[1];
        warnings.push(`${variable} is set, but ${spec.file} has no such input, so it is ignored. ` +
            (meant
                ? `Did you mean ${meant}? Its variable is ${inputVariable(meant)} (set it with env, not a shell export, or use the CLI's --${meant}).`
                : `The inputs are: ${spec.inputs.map((i) => i.name).join(', ')}.`));
    }
    return warnings;
}
/** The spec of the action a command runs; undefined for a command that is no action. */
function specFor(command) {
    const id = command?.trim() || 'build';
    return _specs__WEBPACK_IMPORTED_MODULE_0__/* .ACTIONS */ .kl.find((a) => a.id === id);
}


/***/ }),

/***/ 9247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ commandFor)
});

// EXTERNAL MODULE: ./src/runner/log.ts
var log = __webpack_require__(7708);
// EXTERNAL MODULE: ./src/runner/state.ts
var state = __webpack_require__(6003);
// EXTERNAL MODULE: ./src/docker/engine.ts + 1 modules
var docker_engine = __webpack_require__(4485);
// EXTERNAL MODULE: ./src/docker/buildx-version.ts
var buildx_version = __webpack_require__(5415);
// EXTERNAL MODULE: ./src/oci/platform.ts
var oci_platform = __webpack_require__(1890);
// EXTERNAL MODULE: ./src/runner/errors.ts
var runner_errors = __webpack_require__(5507);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/docker/containers.ts
/** argv for the containers this action runs: smoke runs, scans, the binfmt installer. Pure. */

function pullArgs(docker, platform, ref) {
    return [...docker, 'pull', '--quiet', '--platform', (0,oci_platform/* formatPlatform */.Bq)(platform), ref];
}
/**
 * The image pulled (or loaded) just before, for that platform: --pull never, so a container
 * tests exactly that image, never a newer one behind the same name.
 */
function pulledImage(platform) {
    return ['--platform', (0,oci_platform/* formatPlatform */.Bq)(platform), '--pull', 'never'];
}
/** `docker run` of the pulled image: `lifetime` is --rm or --detach; `publish` maps its ports. */
function runPulledArgs(docker, lifetime, name, platform, ref, opts) {
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
function runArgs(docker, name, platform, ref, command, env = []) {
    return runPulledArgs(docker, '--rm', name, platform, ref, { command, env, publish: [] });
}
/**
 * A server started the way a cluster starts it: detached, with its real
 * entrypoint and command (or the given one), the probed port published on a
 * random port of the engine's loopback only.
 */
function runDetachedArgs(docker, name, platform, ref, opts) {
    const publish = opts.port ? ['--publish', `127.0.0.1::${opts.port}/tcp`] : [];
    const { command, env } = opts;
    return runPulledArgs(docker, '--detach', name, platform, ref, { command, env, publish });
}
/** Where the engine published a container port: prints `127.0.0.1:49153`. */
function portArgs(docker, name, port) {
    return [...docker, 'port', name, `${port}/tcp`];
}
/** The container's state (status, exit code, health) as JSON. */
function stateArgs(docker, name) {
    return [...docker, 'container', 'inspect', '--format', '{{json .State}}', name];
}
function logsArgs(docker, name, tail) {
    return [...docker, 'logs', ...(tail ? ['--tail', String(tail)] : []), name];
}
/** The host port out of `docker port` output (`127.0.0.1:49153`, maybe more lines). */
function parsePublishedPort(output) {
    const m = /:(\d+)\s*$/m.exec(output.trim().split('\n')[0] ?? '');
    return m ? Number(m[1]) : undefined;
}
function removeArgs(docker, name) {
    return [...docker, 'rm', '--force', name];
}
/** A container that is never started, only exported: `command` stands in when the image has none. */
function createArgs(docker, name, platform, ref, command = []) {
    return [...docker, 'create', ...pulledImage(platform), '--name', name, ref, ...command];
}
function configArgs(docker, name) {
    return [...docker, 'container', 'inspect', '--format', '{{json .Config}}', name];
}
function exportArgs(docker, name) {
    return [...docker, 'export', name];
}
/** Architecture names the binfmt installer image takes (`--install arm64,arm`). */
function installerArchitectures(platforms) {
    return [...new Set(platforms.map((p) => (0,oci_platform/* normalize */.S8)(p).architecture))];
}
/** The argv that registers emulators through the binfmt installer image. */
function installArgs(docker, image, platforms) {
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

// EXTERNAL MODULE: ./src/docker/exec.ts
var exec = __webpack_require__(9655);
;// CONCATENATED MODULE: ./src/verify/arch/elf.ts
/**
 * ELF identification: which machine a binary was built for, and whether a node
 * of a given platform can run it without emulation, and which program
 * interpreter (dynamic loader) it asks for. Pure; reads the fixed part of the
 * ELF header (the first 20 bytes) and, for the loader, the program headers.
 */

const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const ET_CORE = 4;
const EM_386 = 3;
const EM_MIPS = 8;
const EM_PPC = 20;
const EM_PPC64 = 21;
const EM_S390 = 22;
const EM_ARM = 40;
const EM_SPARCV9 = 43;
const EM_IA_64 = 50;
const EM_X86_64 = 62;
const EM_AARCH64 = 183;
const EM_RISCV = 243;
const EM_LOONGARCH = 258;
/** e_ident[EI_CLASS] … e_machine: 16 bytes of e_ident, then two 16-bit fields. */
const MIN_HEADER_BYTES = 20;
/**
 * Reads the class, byte order, e_type and e_machine of an ELF file from its
 * first bytes. Undefined when the bytes are not the start of an ELF file, or
 * too few to tell.
 */
function readElfHeader(buf) {
    if (buf.length < MIN_HEADER_BYTES)
        return undefined;
    if (buf[0] !== 0x7f || buf[1] !== 0x45 || buf[2] !== 0x4c || buf[3] !== 0x46)
        return undefined;
    const cls = buf[4];
    const data = buf[5];
    if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2))
        return undefined;
    const little = data === 1;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    return {
        bits: cls === 1 ? 32 : 64,
        endian: little ? 'little' : 'big',
        type: view.getUint16(16, little),
        machine: view.getUint16(18, little),
    };
}
/** Executables, position-independent executables and shared libraries. */
function isExecutableType(h) {
    return h.type === ET_EXEC || h.type === ET_DYN;
}
/** A short human name for what the file was built for: "x86-64", "AArch64", … */
function describeElf(h) {
    const le = h.endian === 'little';
    switch (h.machine) {
        case EM_X86_64:
            return h.bits === 64 ? 'x86-64' : 'x86-64 (x32 ABI)';
        case EM_386:
            return 'x86 (32-bit)';
        case EM_AARCH64:
            if (h.bits === 32)
                return 'AArch64 (ILP32)';
            return le ? 'AArch64' : 'AArch64 big-endian';
        case EM_ARM:
            return le ? '32-bit ARM' : '32-bit ARM big-endian';
        case EM_PPC64:
            return le ? 'PowerPC64 little-endian' : 'PowerPC64 big-endian';
        case EM_PPC:
            return le ? 'PowerPC (32-bit, little-endian)' : 'PowerPC (32-bit)';
        case EM_S390:
            return h.bits === 64 ? 'IBM s390x' : 'IBM s390 (31-bit)';
        case EM_RISCV:
            return h.bits === 64 ? 'RISC-V 64-bit' : 'RISC-V 32-bit';
        case EM_MIPS:
            return `${h.bits === 64 ? 'MIPS64' : 'MIPS (32-bit)'} ${le ? 'little-endian' : 'big-endian'}`;
        case EM_LOONGARCH:
            return h.bits === 64 ? 'LoongArch64' : 'LoongArch32';
        case EM_SPARCV9:
            return 'SPARC64';
        case EM_IA_64:
            return 'IA-64 (Itanium)';
        default:
            return `ELF machine 0x${h.machine.toString(16).padStart(4, '0')} (${h.bits}-bit, ${h.endian}-endian)`;
    }
}
/**
 * The one e_machine table: which Docker architecture each (machine, class,
 * byte order) is. The architecture check and the binfmt reader both use it.
 */
const MACHINES = [
    { architecture: 'amd64', machine: EM_X86_64, bits: 64, endian: 'little' },
    { architecture: '386', machine: EM_386, bits: 32, endian: 'little' },
    { architecture: 'arm64', machine: EM_AARCH64, bits: 64, endian: 'little' },
    { architecture: 'arm', machine: EM_ARM, bits: 32, endian: 'little' },
    { architecture: 'ppc64le', machine: EM_PPC64, bits: 64, endian: 'little' },
    { architecture: 'ppc64', machine: EM_PPC64, bits: 64, endian: 'big' },
    { architecture: 'ppc', machine: EM_PPC, bits: 32, endian: 'big' },
    { architecture: 's390x', machine: EM_S390, bits: 64, endian: 'big' },
    { architecture: 's390', machine: EM_S390, bits: 32, endian: 'big' },
    { architecture: 'riscv64', machine: EM_RISCV, bits: 64, endian: 'little' },
    { architecture: 'riscv32', machine: EM_RISCV, bits: 32, endian: 'little' },
    { architecture: 'mips64le', machine: EM_MIPS, bits: 64, endian: 'little' },
    { architecture: 'mips64', machine: EM_MIPS, bits: 64, endian: 'big' },
    { architecture: 'mipsle', machine: EM_MIPS, bits: 32, endian: 'little' },
    { architecture: 'mips', machine: EM_MIPS, bits: 32, endian: 'big' },
    { architecture: 'loong64', machine: EM_LOONGARCH, bits: 64, endian: 'little' },
];
/**
 * The Docker architecture of an ELF (machine, class, byte order). With
 * `anyByteOrder` (a binfmt entry whose mask leaves the byte order open), the
 * machine and class alone decide; otherwise a big-endian ARM is no `arm`.
 */
function architectureOfElf(h, anyByteOrder = false) {
    return (MACHINES.find((m) => m.machine === h.machine && m.bits === h.bits && m.endian === h.endian)
        ?.architecture ??
        (anyByteOrder
            ? MACHINES.find((m) => m.machine === h.machine && m.bits === h.bits)?.architecture
            : undefined));
}
const targetOf = (architecture) => MACHINES.filter((m) => m.architecture === architecture).map(({ machine, bits, endian }) => ({
    machine,
    bits,
    endian,
}));
// Not 32-bit MIPS: whether a 32-bit MIPS CPU runs a file is told by e_flags (o32 or n32, the
// second for 64-bit CPUs only; the ISA level), past the 20 bytes read here.
const UNCHECKED = new Set(['mips', 'mipsle']);
// Keyed by normalized Docker architecture; every variant of an architecture
// shares its entry (ELF headers do not tell arm/v6 from arm/v7, nor amd64/v2
// from amd64). Only the architectures whose containers this action checks: the
// ones of MACHINES that Docker builds for. A node runs its own kind of file; no
// AArch32 on arm64, as many arm64 servers (Graviton, Ampere) cannot run 32-bit ARM.
const EXPECTED = {
    ...Object.fromEntries(oci_platform/* KNOWN_ARCHITECTURES */.R3.filter((a) => !UNCHECKED.has(a) && MACHINES.some((m) => m.architecture === a)).map((a) => [a, { accept: targetOf(a) }])),
    // x86-64 kernels run i386 binaries natively (IA32 emulation is on in every
    // distribution kernel a container node uses).
    amd64: { accept: [...targetOf('amd64'), ...targetOf('386')] },
};
/**
 * What a node of the platform executes natively. Undefined for an operating
 * system other than Linux or an architecture this module does not know; the
 * caller then skips the check.
 */
function expectedFor(p) {
    const n = (0,oci_platform/* normalize */.S8)(p);
    if (n.os !== 'linux')
        return undefined;
    return Object.hasOwn(EXPECTED, n.architecture) ? EXPECTED[n.architecture] : undefined;
}
/**
 * Whether a node of the platform runs the file natively; undefined when the
 * platform is not one `expectedFor` knows. Looks at the machine only: callers
 * decide which e_types matter (see isExecutableType).
 */
function runsOn(h, p) {
    const expected = expectedFor(p);
    if (!expected)
        return undefined;
    return expected.accept.some((a) => a.machine === h.machine && a.bits === h.bits && a.endian === h.endian);
}
/** p_type of the program header that names the program interpreter (the dynamic loader). */
const PT_INTERP = 3;
/** e_phnum's escape value: the real count is in section header 0, which is not read here. */
const PN_XNUM = 0xffff;
/** A loader path longer than this is not a path (Linux's PATH_MAX is 4096). */
const MAX_INTERP_BYTES = 4096;
/** A 64-bit offset as a number; undefined when it cannot be a file offset. */
function offset64(view, at, little) {
    const value = view.getBigUint64(at, little);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(value);
}
/**
 * Reads the program interpreter from the first bytes of an ELF file, the way
 * the kernel's loader does: the program header table at e_phoff, the PT_INTERP
 * entry in it, and the NUL-terminated path its p_offset and p_filesz point at.
 * Pure; `buf` must start at the file's first byte.
 */
function readInterpreter(buf) {
    const h = readElfHeader(buf);
    if (!h)
        return { kind: 'invalid', why: 'not an ELF header' };
    const is64 = h.bits === 64;
    const headerBytes = is64 ? 64 : 52;
    if (buf.length < headerBytes)
        return { kind: 'need', bytes: headerBytes };
    const little = h.endian === 'little';
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const phoff = is64 ? offset64(view, 0x20, little) : view.getUint32(0x1c, little);
    const phentsize = view.getUint16(is64 ? 0x36 : 0x2a, little);
    const phnum = view.getUint16(is64 ? 0x38 : 0x2c, little);
    if (phnum === 0)
        return { kind: 'none' };
    if (phnum === PN_XNUM)
        return { kind: 'invalid', why: 'more program headers than e_phnum holds' };
    const entryBytes = is64 ? 56 : 32;
    if (phoff === undefined || phoff === 0 || phentsize < entryBytes) {
        return { kind: 'invalid', why: 'no usable program header table' };
    }
    const tableEnd = phoff + phnum * phentsize;
    if (buf.length < tableEnd)
        return { kind: 'need', bytes: tableEnd };
    for (let i = 0; i < phnum; i++) {
        const at = phoff + i * phentsize;
        if (view.getUint32(at, little) !== PT_INTERP)
            continue;
        const start = is64 ? offset64(view, at + 8, little) : view.getUint32(at + 4, little);
        const size = is64 ? offset64(view, at + 32, little) : view.getUint32(at + 16, little);
        if (start === undefined || size === undefined || size === 0 || size > MAX_INTERP_BYTES) {
            return { kind: 'invalid', why: 'PT_INTERP has no usable size' };
        }
        if (buf.length < start + size)
            return { kind: 'need', bytes: start + size };
        const bytes = buf.subarray(start, start + size);
        const nul = bytes.indexOf(0);
        const path = new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
        return path === '' ? { kind: 'invalid', why: 'PT_INTERP is empty' } : { kind: 'path', path };
    }
    return { kind: 'none' };
}
/** Whether two ELF files are built for the same machine, class and byte order. */
function sameTarget(a, b) {
    return a.machine === b.machine && a.bits === b.bits && a.endian === b.endian;
}

;// CONCATENATED MODULE: ./src/verify/emulation/binfmt.ts
/**
 * What /proc/sys/fs/binfmt_misc says the kernel can run.
 *
 * Entries are matched to platforms by their ELF magic (class, byte order and
 * e_machine), not by file name: installers name them differently
 * (`qemu-aarch64`, `aarch64`, `qemu-aarch64-static`), but the magic is what the
 * kernel acts on.
 */


/**
 * Decodes `magic` hex and returns the architecture it matches. The kernel
 * compares only the bits `mask` keeps (all of them without a mask): an entry
 * that fixes the byte order (qemu-armeb's big-endian ARM) is not one for the
 * other byte order (arm).
 */
function architectureFromMagic(magicHex, offset = 0, maskHex) {
    if (offset !== 0 || !/^[0-9a-f]+$/i.test(magicHex) || magicHex.length < 40)
        return undefined;
    const bytes = Buffer.from(magicHex, 'hex');
    if (bytes.readUInt32BE(0) !== 0x7f454c46)
        return undefined;
    const bits = bytes[4] === 2 ? 64 : 32;
    const little = bytes[5] !== 2;
    const machine = little ? bytes.readUInt16LE(18) : bytes.readUInt16BE(18);
    const mask = maskHex && /^[0-9a-f]+$/i.test(maskHex) ? Buffer.from(maskHex, 'hex') : undefined;
    const anyByteOrder = mask !== undefined && mask.length > 5 && mask[5] !== 0xff;
    return architectureOfElf({ machine, bits, endian: little ? 'little' : 'big' }, anyByteOrder);
}
/** Parses one entry file's text (`enabled`, `interpreter …`, `flags: …`, `offset …`, `magic …`). */
function parseEntry(name, text) {
    const lines = text.split('\n').map((l) => l.trim());
    const field = (key) => lines
        .find((l) => l.startsWith(`${key} `) || l.startsWith(`${key}:`))
        ?.replace(/^[^ ]+:? ?/, '');
    const magic = field('magic');
    const mask = field('mask');
    const offset = Number(field('offset') ?? '0');
    return {
        name,
        enabled: lines[0] === 'enabled',
        interpreter: field('interpreter') ?? '',
        flags: field('flags') ?? '',
        architecture: magic ? architectureFromMagic(magic, offset, mask) : undefined,
    };
}
/** Architectures a kernel of `nativeArch` runs without help. */
function nativeArchitectures(nativeArch) {
    if (nativeArch === 'amd64')
        return ['amd64', '386'];
    return [nativeArch];
}
/** Whether a platform runs on an engine of `native` only through an emulator. */
function isEmulated(native, p) {
    return !(p.os === native.os && nativeArchitectures(native.architecture).includes(p.architecture));
}
/**
 * Decides, per requested platform, whether it can run on this kernel.
 * An interpreter counts only when enabled and registered with the F flag:
 * without F the kernel opens the interpreter by path at exec time, inside the
 * container's filesystem, where it does not exist.
 */
function checkEmulation(state, native, wanted) {
    const nativeArchs = nativeArchitectures((0,oci_platform/* normalize */.S8)(native).architecture);
    const runnable = [];
    const missing = [];
    for (const p of wanted) {
        const arch = (0,oci_platform/* normalize */.S8)(p).architecture;
        if (p.os === native.os && nativeArchs.includes(arch)) {
            runnable.push(p);
            continue;
        }
        if (p.os !== native.os) {
            missing.push({ platform: p, reason: `a ${native.os} engine cannot run ${p.os} images` });
            continue;
        }
        const candidates = state.entries.filter((e) => e.architecture === arch);
        const usable = candidates.find((e) => e.enabled && e.flags.includes('F'));
        if (!state.mounted) {
            missing.push({
                platform: p,
                reason: 'binfmt_misc is not mounted at /proc/sys/fs/binfmt_misc',
            });
        }
        else if (!state.enabled) {
            missing.push({
                platform: p,
                reason: 'binfmt_misc is switched off (/proc/sys/fs/binfmt_misc/status says disabled)',
            });
        }
        else if (usable) {
            runnable.push(p);
        }
        else if (candidates.some((e) => e.enabled)) {
            const e = candidates.find((c) => c.enabled);
            missing.push({
                platform: p,
                reason: `binfmt entry ${e.name} is registered without the F flag (flags: ${e.flags || 'none'}), so containers cannot use it`,
            });
        }
        else if (candidates.length > 0) {
            missing.push({ platform: p, reason: `binfmt entry ${candidates[0]?.name} is disabled` });
        }
        else {
            missing.push({ platform: p, reason: `no emulator is registered for ${arch}` });
        }
    }
    return { runnable, missing };
}
function describeMissing(check) {
    return check.missing.map((m) => `${(0,oci_platform/* formatPlatform */.Bq)(m.platform)}: ${m.reason}`).join('\n');
}

;// CONCATENATED MODULE: ./src/verify/emulation/ensure.ts
/**
 * Makes every requested platform runnable on the local engine: read
 * binfmt_misc, install emulators only when something is missing, read again.
 */






const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
const INSTALL_TIMEOUT_MS = 180_000;
async function readBinfmt(dir = BINFMT_DIR) {
    let names;
    try {
        names = await (0,promises_.readdir)(dir);
    }
    catch {
        return { mounted: false, enabled: false, entries: [] };
    }
    // An unmounted /proc/sys/fs/binfmt_misc is an empty directory: no `status`.
    if (!names.includes('status'))
        return { mounted: false, enabled: false, entries: [] };
    const status = (await (0,promises_.readFile)(`${dir}/status`, 'utf8')).trim();
    const entries = await Promise.all(names
        .filter((n) => n !== 'status' && n !== 'register')
        .map(async (n) => parseEntry(n, await (0,promises_.readFile)(`${dir}/${n}`, 'utf8').catch(() => ''))));
    return { mounted: true, enabled: status === 'enabled', entries };
}
/**
 * Whether the engine runs on this machine's kernel, whose binfmt_misc we can
 * read. Not so for a remote DOCKER_HOST, nor on macOS or Windows, where the
 * engine lives in a VM.
 */
function engineIsLocal(env = process.env, os = process.platform) {
    const host = env.DOCKER_HOST ?? '';
    return os === 'linux' && (host === '' || host.startsWith('unix://'));
}
async function ensureEmulation(opts) {
    const dir = opts.binfmtDir ?? BINFMT_DIR;
    if (!(opts.local ?? engineIsLocal())) {
        // The engine's kernel cannot be read from here: the installer's word is all there is.
        log/* log */.Rm.info(`The Docker engine is not on this machine's kernel: installing emulators for ${opts.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')} without checking first.`);
        const res = await (0,exec/* exec */.m0)(installArgs(opts.docker, opts.qemuImage, opts.platforms), {
            timeoutMs: INSTALL_TIMEOUT_MS,
            allowFailure: true,
        });
        if (res.exitCode !== 0) {
            throw new Error(`The binfmt installer ${opts.qemuImage} failed (exit ${res.exitCode}) on the engine:\n${res.output.trim()}\nFix: allow privileged containers on the engine, or set qemu-image to an installer it can run.`);
        }
        return { check: { runnable: opts.platforms, missing: [] }, installed: true };
    }
    const first = checkEmulation(await readBinfmt(dir), opts.native, opts.platforms);
    if (first.missing.length === 0) {
        log/* log */.Rm.info(`All platforms already run here: ${first.runnable.map(oci_platform/* formatPlatform */.Bq).join(', ')}. No emulator installed.`);
        return { check: first, installed: false };
    }
    log/* log */.Rm.info(`Missing emulation:\n${describeMissing(first)}`);
    const installable = first.missing
        .filter((m) => m.platform.os === opts.native.os)
        .map((m) => m.platform);
    if (installable.length > 0) {
        const res = await (0,exec/* exec */.m0)(installArgs(opts.docker, opts.qemuImage, installable), {
            timeoutMs: INSTALL_TIMEOUT_MS,
            allowFailure: true,
        });
        if (res.exitCode !== 0)
            log/* log */.Rm.warning(`The binfmt installer ${opts.qemuImage} failed (exit ${res.exitCode}):\n${res.output.trim()}`);
    }
    const second = checkEmulation(await readBinfmt(dir), opts.native, opts.platforms);
    if (second.missing.length > 0) {
        throw new Error(`These platforms cannot run on this ${(0,oci_platform/* formatPlatform */.Bq)(opts.native)} runner:\n${describeMissing(second)}\n` +
            `Fix: make sure binfmt_misc is mounted (sudo mount -t binfmt_misc binfmt_misc ${dir}) and that ` +
            `"docker run --privileged --rm ${opts.qemuImage} --install ${installerArchitectures(second.missing.map((m) => m.platform)).join(',')}" ` +
            `succeeds; or install qemu-user-static and binfmt-support on the host; or attach a native node for them.`);
    }
    return { check: second, installed: true };
}

;// CONCATENATED MODULE: ./src/docker/made-containers.ts
/**
 * The containers a run makes (smoke runs, probes, scans), told to the saved
 * state as they come and go: when main saw every one of them removed, post
 * does not look for leftovers (`mainCleaned`, runner/state.ts).
 */



/** Before the command that makes `name` on `docker` starts: until seen removed, post looks for it. */
function making(docker, name) {
    (0,state/* made */.mI)({ container: name, docker });
}
/**
 * After a `docker run --rm` of `name`. Only an exit 0 of its own says the
 * engine ran the container to its end and removed it before the client
 * returned: a timeout kills the client, and a lost connection ends the client
 * (non-zero), not the container.
 */
function ranWithRm(docker, name, run) {
    if (run.exitCode === 0 && !run.timedOut)
        (0,state/* removed */.rq)({ container: name, docker });
}
/**
 * `docker rm --force` of a container this run made. `settled`: every command
 * that could make it returned on its own, so none can still make it (a killed
 * `docker create` may reach the engine after the remove); only then does an
 * answer of removed, or of no such container, count as seen removed.
 */
async function removeMade(docker, name, opts, settled) {
    const res = await (0,exec/* exec */.m0)(removeArgs(docker, name), opts);
    const gone = !res.timedOut && (res.exitCode === 0 || /no such container/i.test(res.output));
    if (settled && gone)
        (0,state/* removed */.rq)({ container: name, docker });
    return res;
}

;// CONCATENATED MODULE: ./src/oci/tar.ts
/**
 * A push parser for the tar streams docker writes (`docker export`, `docker
 * save`: ustar, with PAX or GNU long names). It exists for speed: the scan needs only each entry's
 * header and first bytes, so file contents are skipped where they lie in the
 * chunk, never copied, and no stream or promise is made per entry (a general
 * tar library costs about twice the export's own time on an image of
 * thousands of files). Memory is one 512-byte header plus the extended header
 * being read.
 */
const BLOCK = 512;
/** Bigger PAX or GNU long-name records than this are not names: the input is broken. */
const MAX_EXTENDED = 1024 * 1024;
class TarReader {
    visitor;
    phase = 'header';
    block = new Uint8Array(BLOCK);
    filled = 0;
    /** Bytes left of the current entry's data, extended header or padding. */
    left = 0;
    padding = 0;
    wants = true;
    extended;
    /** Values a PAX or GNU header sets for the next entry. */
    next = {};
    zeroBlocks = 0;
    /** Bytes of the stream before the current chunk. */
    consumed = 0;
    /** Where the header just read ends in the stream. */
    afterHeader = 0;
    constructor(visitor) {
        this.visitor = visitor;
    }
    /** True once the end-of-archive marker (two zero blocks) was read. */
    get ended() {
        return this.phase === 'done';
    }
    /** True when the input so far stops inside a header or an entry. */
    get midEntry() {
        return this.phase !== 'header' ? this.phase !== 'done' : this.filled > 0;
    }
    write(chunk) {
        let at = 0;
        while (at < chunk.length && this.phase !== 'done') {
            if (this.phase === 'header') {
                const take = Math.min(BLOCK - this.filled, chunk.length - at);
                this.block.set(chunk.subarray(at, at + take), this.filled);
                this.filled += take;
                at += take;
                if (this.filled === BLOCK) {
                    this.filled = 0;
                    this.afterHeader = this.consumed + at;
                    this.header();
                }
            }
            else {
                const take = Math.min(this.left, chunk.length - at);
                const bytes = chunk.subarray(at, at + take);
                at += take;
                this.left -= take;
                if (this.phase === 'data' && this.wants)
                    this.wants = this.visitor.data(bytes);
                else if (this.phase === 'extended' && this.extended) {
                    this.extended.buf.set(bytes, this.extended.at);
                    this.extended.at += take;
                }
                if (this.left === 0)
                    this.finishBody();
            }
        }
        this.consumed += chunk.length;
    }
    header() {
        const b = this.block;
        if (allZero(b)) {
            // Two zero blocks end the archive; one alone is tolerated, as tar does.
            if (++this.zeroBlocks === 2)
                this.phase = 'done';
            return;
        }
        this.zeroBlocks = 0;
        if (!checksumOk(b))
            throw new Error('invalid tar header (bad checksum)');
        const flag = String.fromCharCode(b[156] ?? 0);
        const extended = flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
        // A PAX size overrides the next entry's own, never the extended header's.
        const size = (extended ? undefined : this.next.size) ?? readNumber(b, 124, 12);
        this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
        this.left = size;
        if (extended) {
            if (size > MAX_EXTENDED)
                throw new Error(`invalid tar header (extended header of ${size} bytes)`);
            const kind = flag === 'L' ? 'gnu-name' : flag === 'K' ? 'gnu-link' : 'pax';
            // A global PAX header applies to no entry that matters here: read and drop it.
            this.extended = flag === 'g' ? undefined : { kind, buf: new Uint8Array(size), at: 0 };
            this.phase = 'extended';
            if (size === 0)
                this.finishBody();
            return;
        }
        let name = this.next.path ?? tar_text(b, 0, 100);
        if (this.next.path === undefined && tar_text(b, 257, 5) === 'ustar') {
            const prefix = tar_text(b, 345, 155);
            if (prefix)
                name = `${prefix}/${name}`;
        }
        const entry = {
            name,
            type: typeOf(flag),
            linkname: this.next.linkpath ?? tar_text(b, 157, 100),
            size,
            offset: this.afterHeader,
        };
        this.next = {};
        this.visitor.entry(entry);
        this.wants = true;
        this.phase = 'data';
        if (size === 0)
            this.finishBody();
    }
    finishBody() {
        if (this.phase === 'data')
            this.visitor.end();
        else if (this.phase === 'extended' && this.extended)
            this.readExtended(this.extended);
        if (this.phase !== 'padding' && this.padding > 0) {
            this.phase = 'padding';
            this.left = this.padding;
            this.padding = 0;
            return;
        }
        this.extended = undefined;
        this.phase = 'header';
    }
    readExtended({ kind, buf }) {
        if (kind === 'gnu-name')
            this.next.path = cString(buf);
        else if (kind === 'gnu-link')
            this.next.linkpath = cString(buf);
        else
            Object.assign(this.next, parsePax(buf));
    }
}
/** A plain loop: this runs for every entry of the image. */
function allZero(b) {
    for (let i = 0; i < b.length; i++)
        if (b[i] !== 0)
            return false;
    return true;
}
function typeOf(flag) {
    switch (flag) {
        case '0':
        case '\0':
        case '7':
            return 'file';
        case '1':
            return 'link';
        case '2':
            return 'symlink';
        case '5':
            return 'directory';
        default:
            return 'other';
    }
}
const decoder = new TextDecoder();
function cString(buf) {
    const nul = buf.indexOf(0);
    return decoder.decode(nul < 0 ? buf : buf.subarray(0, nul));
}
function tar_text(b, at, len) {
    return cString(b.subarray(at, at + len));
}
/** An octal field, or base-256 when its first byte has the high bit set (GNU, for large sizes). */
function readNumber(b, at, len) {
    const field = b.subarray(at, at + len);
    if ((field[0] ?? 0) & 0x80) {
        let n = (field[0] ?? 0) & 0x7f;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + (field[i] ?? 0);
        return n;
    }
    const digits = cString(field).trim();
    const n = digits === '' ? 0 : parseInt(digits, 8);
    if (!Number.isFinite(n) || !/^[0-7]*$/.test(digits))
        throw new Error(`invalid tar header (number field "${digits}")`);
    return n;
}
/** The header's checksum: the sum of its bytes with the checksum field read as spaces. */
function checksumOk(b) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : (b[i] ?? 0);
    const digits = tar_text(b, 148, 8).trim();
    return /^[0-7]+$/.test(digits) && parseInt(digits, 8) === sum;
}
/** PAX records ("LEN key=value\n"): the path, link target and size they override. */
function parsePax(buf) {
    const out = {};
    let at = 0;
    while (at < buf.length) {
        const space = buf.indexOf(0x20, at);
        if (space < 0)
            break;
        const len = parseInt(decoder.decode(buf.subarray(at, space)), 10);
        if (!Number.isFinite(len) || len <= 0)
            break;
        const record = decoder.decode(buf.subarray(space + 1, at + len - 1));
        at += len;
        const eq = record.indexOf('=');
        const key = record.slice(0, eq);
        const value = record.slice(eq + 1);
        if (key === 'path')
            out.path = value;
        else if (key === 'linkpath')
            out.linkpath = value;
        else if (key === 'size')
            out.size = Number(value);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/verify/arch/layers.ts
/**
 * An image's filesystem put together from its layers, as a registry or an OCI
 * layout holds them, with the whiteouts of the image spec (layer.md): each
 * layer is laid over the ones below it, and what it deletes is deleted from
 * those only. Pure bookkeeping over paths: the reading of each layer's tar
 * is scan.ts's.
 */
/** Layers read at the same time: their downloads overlap, and memory holds a few layers' paths at most. */
const LAYERS_READ_AT_ONCE = 2;
const WHITEOUT = '.wh.';
/** The name, after WHITEOUT, of the entry that makes its directory opaque. */
const OPAQUE = '.wh..opq';
/** The whiteouts of one layer, gathered as its entries are read. */
class Whiteouts {
    whiteouts = new Set();
    opaque = new Set();
    /**
     * Takes an entry's absolute path when it is a whiteout, which names a path
     * of the layers below rather than a file of this one: true then.
     */
    take(path) {
        const slash = path.lastIndexOf('/');
        if (!path.startsWith(WHITEOUT, slash + 1))
            return false;
        const dir = path.slice(0, slash);
        const name = path.slice(slash + 1 + WHITEOUT.length);
        if (name === OPAQUE)
            this.opaque.add(dir || '/');
        // Other ".wh..wh." names are the spec's reserved ones (AUFS's hardlink
        // directory): no path of the image. "." and ".." would name a parent.
        else if (!name.startsWith(WHITEOUT) && name !== '' && name !== '.' && name !== '..') {
            this.whiteouts.add(`${dir}/${name}`);
        }
        return true;
    }
}
/** The layers read so far, laid over each other: the filesystem a container of them would see. */
class LayerStack {
    /** Bottom layer's paths first; a path an upper layer replaces keeps its place. */
    nodes = new Map();
    entries = 0;
    /**
     * Every directory that has held a path, whether or not it has an entry of
     * its own (tars may leave parents out): a non-directory laid there hides
     * what is under it. Never shrunk: a stale one costs one needless pass.
     */
    parents = new Set();
    /** Lays the next layer up over the stack. */
    add(layer) {
        this.entries += layer.entries;
        const hiddenBelow = new Set(layer.opaque);
        for (const [path, node] of layer.nodes) {
            if (node.kind !== 'dir' && this.parents.has(path))
                hiddenBelow.add(path);
            this.nodes.set(path, node);
            this.addParents(path);
        }
        if (layer.whiteouts.size === 0 && hiddenBelow.size === 0)
            return;
        // One pass for all of the layer's deletions. The layer's own paths are in
        // the stack already and are spared: a deletion reaches only lower layers,
        // wherever the whiteout stands in the tar.
        for (const path of this.nodes.keys()) {
            if (!layer.nodes.has(path) && layers_hidden(path, layer.whiteouts, hiddenBelow)) {
                this.nodes.delete(path);
            }
        }
    }
    addParents(path) {
        for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
            const dir = path.slice(0, end);
            // Its parents were added with it.
            if (this.parents.has(dir))
                return;
            this.parents.add(dir);
        }
    }
}
/** Whether `path` is `gone` or lies under one, or lies under one of `below`. */
function layers_hidden(path, gone, below) {
    if (gone.has(path))
        return true;
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
        const dir = path.slice(0, end);
        if (gone.has(dir) || below.has(dir))
            return true;
    }
    return path !== '/' && below.has('/');
}
/**
 * Reads `items` at most LAYERS_READ_AT_ONCE at a time and hands each result
 * to `use` in the items' order, whatever order they finish in. The first
 * failure is thrown at once: the reads under way are told to stop through
 * the signal, and no other read starts.
 */
async function readInOrder(items, read, use) {
    const stop = new AbortController();
    const finished = new Map();
    let next = 0;
    let used = 0;
    const worker = async () => {
        while (next < items.length && !stop.signal.aborted) {
            const index = next++;
            const result = await read(items[index], stop.signal);
            if (stop.signal.aborted)
                return;
            finished.set(index, result);
            while (finished.has(used)) {
                const ready = finished.get(used);
                finished.delete(used++);
                use(ready);
            }
        }
    };
    const workers = Array.from({ length: Math.min(LAYERS_READ_AT_ONCE, items.length) }, () => worker().catch((err) => {
        stop.abort(err);
        throw err;
    }));
    await Promise.all(workers);
}

;// CONCATENATED MODULE: ./src/verify/arch/scan.ts





const MAX_FOREIGN_LISTED = 20;
const MAX_LOADER_LISTED = 20;
/**
 * How far into an ELF file the scan reads to find its loader. The program
 * headers follow the ELF header, and linkers put the path right after them;
 * Go's linker puts it near the end of the first 4 KiB page. A file whose
 * path lies further in is not checked.
 */
const MAX_INTERP_READ = 64 * 1024;
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
/** Bytes read from the start of each file: an ELF header needs 20, a `#!` line up to 256. */
const HEAD_BYTES = 256;
/** Symlinks followed while resolving one path before giving up (Linux allows 40). */
const MAX_LINK_HOPS = 40;
const LOADER_HINT = 'A dynamically linked executable starts through its loader (the PT_INTERP path in its ' +
    'ELF header, such as /lib64/ld-linux-x86-64.so.2 for glibc or /lib/ld-musl-aarch64.so.1 ' +
    'for musl). When the image lacks it, running the file fails with a puzzling "no such file ' +
    'or directory". It usually comes from a glibc binary in a musl (Alpine) image, or a binary ' +
    'copied into scratch or a distroless/static image without its C library. Link it statically ' +
    '(CGO_ENABLED=0 for Go; musl or -static for C and Rust), or base the stage on an image ' +
    'with that C library (for glibc on Alpine: apk add gcompat).';
/** One loader problem, without the platform: "/app/server needs loader /lib64/…, which the image lacks". */
function loaderMessage(p) {
    return `${p.path} needs loader ${p.loader}, ${p.problem}`;
}
const FOREIGN_HINT = 'An executable built for another architecture usually comes from one of two places: ' +
    'a prebuilt binary downloaded or COPY’d for a hard-coded amd64/x86_64 (or arm64/aarch64) ' +
    'instead of choosing it with `ARG TARGETARCH` (or TARGETPLATFORM) in the Dockerfile; or a ' +
    '`FROM --platform=$BUILDPLATFORM` build stage whose output is not cross-compiled for ' +
    'TARGETARCH (for Go, set GOOS=$TARGETOS GOARCH=$TARGETARCH; for Rust or C, use the target ' +
    'triple and cross toolchain) before it is copied into the final stage.';
/** One foreign file, without the platform: "/bin/busybox is an x86-64 executable; …". */
function foreignMessage(platform, file) {
    const n = (0,oci_platform/* normalize */.S8)(platform);
    const arch = n.variant ? `${n.architecture}/${n.variant}` : n.architecture;
    return (`${file.path} is ${article(file.found)} ${file.found} executable; ` +
        `a real ${arch} node would fail with exec format error`);
}
/** The same line with its platform: "linux/arm64: /bin/busybox is an x86-64 executable; …". */
function formatForeign(platform, file) {
    return `${formatPlatform(platform)}: ${foreignMessage(platform, file)}`;
}
function article(word) {
    // "an x86-64", "an AArch64", "an IBM s390x", "an ELF machine …"; "a 32-bit ARM", "a RISC-V".
    return /^[aeiox]/i.test(word) ? 'an' : 'a';
}
const PLAIN = { kind: 'plain' };
const DIR = { kind: 'dir' };
async function scanRootfs(tar, platform, 
/** May arrive while the tree is read: it is needed only at the end. */
options) {
    const began = Date.now();
    // A flattened export has no whiteouts: a ".wh." name there is a file like any other.
    const tree = await readTree(tar, "the image's filesystem", new Map());
    return summarize(tree.nodes, tree.entries, platform, options, began);
}
/**
 * The same scan over an image's layers (bottom first, as its manifest lists
 * them) instead of its flattened filesystem: each layer is laid over the ones
 * below with the whiteouts of the OCI image spec, and the result is what
 * scanRootfs gives for the filesystem they make.
 */
async function scanLayers(layers, platform, 
/** May arrive while the layers are read: it is needed only at the end. */
options) {
    const began = Date.now();
    // One node per kind of ELF file across all layers, as within one.
    const headers = new Map();
    const stack = new LayerStack();
    await readInOrder(layers, (layer, signal) => readLayer(layer, headers, signal), (record) => stack.add(record));
    // Listed in the order docker export walks the tree, as scanRootfs lists them.
    return summarize(stack.nodes, stack.entries, platform, options, began, walkOrder);
}
/** The order of a tree walk that reads each directory sorted by name, as docker export does. */
function walkOrder(a, b) {
    const x = a.split('/');
    const y = b.split('/');
    for (let i = 0; i < x.length && i < y.length; i++) {
        const [p, q] = [x[i], y[i]];
        if (p !== q)
            return p < q ? -1 : 1;
    }
    return x.length - y.length;
}
async function readLayer(layer, headers, signal) {
    let input;
    try {
        input = await layer.open();
    }
    catch (err) {
        throw new Error(`could not read ${layer.name} as a tar stream: ${message(err)}`, {
            cause: err,
        });
    }
    const found = new Whiteouts();
    const tree = await readTree(input, layer.name, headers, (path) => found.take(path), signal);
    return { ...tree, whiteouts: found.whiteouts, opaque: found.opaque };
}
/**
 * Reads one tar stream into its paths (Map order is tar order), keeping of
 * each file only the node its first bytes make. `headers` is shared by all
 * the streams of one image. `aside` takes the entries that are no path of
 * the tree (whiteouts), returning true for those. `what` names the stream in
 * errors.
 */
async function readTree(input, what, headers, aside, signal) {
    const nodes = new Map();
    let entries = 0;
    let file;
    const reader = new TarReader({
        entry(e) {
            entries++;
            const path = absolute(e.name);
            file = undefined;
            if (aside?.(path))
                return;
            if (e.type === 'file')
                file = { path, start: new StartReader() };
            else if (e.type === 'directory')
                nodes.set(path, DIR);
            else if (e.type === 'symlink')
                nodes.set(path, { kind: 'symlink', target: e.linkname });
            else if (e.type === 'link')
                nodes.set(path, { kind: 'hardlink', target: absolute(e.linkname) });
            else
                nodes.set(path, PLAIN);
        },
        data: (bytes) => file?.start.push(bytes) ?? false,
        end() {
            if (file)
                nodes.set(file.path, fileNode(file.start.result(), headers));
            file = undefined;
        },
    });
    let chunks;
    // A stop asked for while a chunk is awaited must not wait for that chunk.
    const release = () => releaseInput(input, chunks);
    signal?.addEventListener('abort', release, { once: true });
    try {
        signal?.throwIfAborted();
        chunks = input[Symbol.asyncIterator]();
        // Read to the end even past the end-of-archive marker: docker export must
        // not see a closed pipe, nor a decompressor upstream an unread tail.
        for (;;) {
            const next = await chunks.next();
            signal?.throwIfAborted();
            if (next.done)
                break;
            if (typeof next.value === 'string') {
                throw new Error('the tar stream was decoded as text; it must be read as bytes');
            }
            reader.write(next.value);
        }
        if (reader.midEntry)
            throw new Error('Unexpected end of data: the stream stops inside an entry');
    }
    catch (err) {
        release();
        throw new Error(`could not read ${what} as a tar stream: ${message(err)}`, { cause: err });
    }
    finally {
        signal?.removeEventListener('abort', release);
    }
    if (!reader.ended) {
        throw new Error(`could not read ${what} as a tar stream: it ended before the end-of-archive marker (truncated or empty)`);
    }
    return { nodes, entries };
}
/** The node of a file, from its first bytes. */
function fileNode({ head, interp }, headers) {
    const elf = readElfHeader(head);
    if (elf) {
        // Files share a handful of (header, loader) pairs: one node each.
        const key = `${elf.bits}/${elf.endian}/${elf.type}/${elf.machine}/${interp ?? ''}`;
        let node = headers.get(key);
        if (!node) {
            node =
                interp === undefined ? { kind: 'elf', header: elf } : { kind: 'elf', header: elf, interp };
            headers.set(key, node);
        }
        return node;
    }
    if (head[0] === 0x23 && head[1] === 0x21) {
        return { kind: 'script', interpreter: shebangInterpreter(head) };
    }
    return PLAIN;
}
/**
 * The result for the final tree. ELF files are counted here, not as they are
 * read: a path an upper layer replaces or deletes must not count, and a
 * hardlink is no 'elf' node, so linked copies count once.
 */
async function summarize(nodes, entries, platform, options, began, 
/** Lists in this order of paths instead of the map's; everything is kept until it is sorted. */
order) {
    let foreignSeen = [];
    let foreignCount = 0;
    let elfFiles = 0;
    for (const [path, node] of nodes) {
        if (node.kind !== 'elf' || !isExecutableType(node.header))
            continue;
        elfFiles++;
        if (runsOn(node.header, platform) === false) {
            foreignCount++;
            if (order || foreignSeen.length <= MAX_FOREIGN_LISTED) {
                foreignSeen.push({ path, found: describeElf(node.header) });
            }
        }
    }
    if (order)
        foreignSeen = foreignSeen.sort((a, b) => order(a.path, b.path));
    const opts = await options;
    const fs = new Tree(nodes);
    const entrypoint = opts.command.length > 0 && opts.command[0]
        ? checkEntrypoint(fs, platform, opts.command[0], opts.path ?? DEFAULT_PATH, opts.workdir)
        : undefined;
    let foreign = foreignSeen;
    if (entrypoint && !entrypoint.ok && entrypoint.resolved && entrypoint.found) {
        const first = { path: entrypoint.resolved, found: entrypoint.found };
        foreign = [first, ...foreignSeen.filter((f) => f.path !== first.path)];
    }
    const loaders = checkLoaders(fs, nodes, platform, entrypoint?.resolved, order);
    return {
        elfFiles,
        entries,
        foreign: foreign.slice(0, MAX_FOREIGN_LISTED),
        foreignCount,
        ...(entrypoint ? { entrypoint } : {}),
        loaderProblems: loaders.listed,
        loaderProblemCount: loaders.count,
        durationMs: Date.now() - began,
    };
}
/**
 * Checks the loader of every dynamically linked executable that runs on the
 * platform (a foreign one is reported as foreign already): it must be in the
 * image, after symlinks, and be an ELF file for the same machine, class and
 * byte order as the program. Each (loader, program target) is looked up once.
 */
function checkLoaders(fs, nodes, platform, entrypoint, order) {
    const verdicts = new Map();
    const listed = [];
    let count = 0;
    let first;
    for (const [path, node] of nodes) {
        if (node.kind !== 'elf' || node.interp === undefined)
            continue;
        if (!isExecutableType(node.header) || runsOn(node.header, platform) === false)
            continue;
        if (!verdicts.has(node))
            verdicts.set(node, loaderProblem(fs, node.interp, node.header));
        const problem = verdicts.get(node);
        if (problem === undefined)
            continue;
        count++;
        const found = { path, loader: node.interp, problem };
        if (path === entrypoint)
            first = found;
        else if (order || listed.length < MAX_LOADER_LISTED)
            listed.push(found);
    }
    if (order)
        listed.sort((a, b) => order(a.path, b.path));
    if (first)
        listed.unshift(first);
    return { listed: listed.slice(0, MAX_LOADER_LISTED), count };
}
/** What keeps `loader` from loading a program built for `program`; undefined when nothing does. */
function loaderProblem(fs, loader, program) {
    // The kernel opens a relative PT_INTERP from the process's working directory,
    // which the scan does not know; linkers never write one.
    if (!loader.startsWith('/'))
        return undefined;
    const found = fs.lookup(loader);
    if (!found.ok) {
        if (found.reason === 'is not in the image')
            return 'which the image lacks';
        if (found.reason.startsWith('leads to ')) {
            return `which the image lacks (${loader} ${found.reason})`;
        }
        return `which cannot be found (${loader} ${found.reason})`;
    }
    const node = found.node;
    const at = found.path === absolute(loader) ? '' : ` (${loader} leads to ${found.path})`;
    if (node.kind === 'dir')
        return `which is a directory${at}`;
    if (node.kind !== 'elf')
        return `which is not an ELF file${at}`;
    if (!sameTarget(node.header, program)) {
        const built = describeElf(node.header);
        return `which is ${article(built)} ${built} file, not ${describeElf(program)} like the program${at}`;
    }
    return undefined;
}
/** Stops an input left unread: a Node stream is destroyed, any other iterator returned. */
function releaseInput(input, chunks) {
    const destroy = input.destroy;
    if (typeof destroy === 'function')
        destroy.call(input);
    // An iterator's return may throw or reject, once its input has failed: nothing to do then.
    Promise.resolve()
        .then(() => chunks?.return?.())
        .catch(() => undefined);
}
/**
 * Keeps the first HEAD_BYTES of a file and, for an ELF executable, the bytes
 * up to the end of its program headers and of the PT_INTERP path, never more
 * than MAX_INTERP_READ. The rest of the file is never copied.
 */
class StartReader {
    buf = new Uint8Array(HEAD_BYTES);
    filled = 0;
    want = HEAD_BYTES;
    /** Takes the file's next bytes; false once it has all it needs. */
    push(chunk) {
        let at = 0;
        while (at < chunk.length) {
            const take = Math.min(this.want - this.filled, chunk.length - at);
            if (this.filled + take > this.buf.length) {
                const bigger = new Uint8Array(this.want);
                bigger.set(this.buf.subarray(0, this.filled));
                this.buf = bigger;
            }
            this.buf.set(chunk.subarray(at, at + take), this.filled);
            this.filled += take;
            at += take;
            if (this.filled === this.want) {
                const more = bytesForLoader(this.buf.subarray(0, this.filled));
                if (more <= this.want)
                    return false;
                this.want = more;
            }
        }
        return true;
    }
    result() {
        const start = this.buf.subarray(0, this.filled);
        const read = readElfHeader(start) ? readInterpreter(start) : undefined;
        return {
            head: start.subarray(0, Math.min(this.filled, HEAD_BYTES)),
            ...(read?.kind === 'path' ? { interp: read.path } : {}),
        };
    }
}
/** How many bytes from the start the loader of an ELF executable needs; `start.length` when no more. */
function bytesForLoader(start) {
    const elf = readElfHeader(start);
    if (!elf || !isExecutableType(elf))
        return start.length;
    const read = readInterpreter(start);
    return read.kind === 'need' && read.bytes <= MAX_INTERP_READ ? read.bytes : start.length;
}
/**
 * The interpreter of a `#!` line, as the kernel splits it (the first word after
 * "#!", ended by a space, tab or newline). Undefined when the line is longer
 * than what was read.
 */
function shebangInterpreter(head) {
    let i = 2;
    while (i < head.length && (head[i] === 0x20 || head[i] === 0x09))
        i++;
    const start = i;
    while (i < head.length &&
        head[i] !== 0x20 &&
        head[i] !== 0x09 &&
        head[i] !== 0x0a &&
        head[i] !== 0) {
        i++;
    }
    if (i === head.length && head.length >= HEAD_BYTES)
        return undefined;
    return new TextDecoder().decode(head.subarray(start, i));
}
/**
 * A tar name as an absolute path: "./usr/bin/", "usr/bin" and "/usr/bin" all
 * become "/usr/bin". ".." is applied by name, never above the root.
 */
function absolute(name) {
    const out = [];
    for (const part of names(name)) {
        if (part === '..')
            out.pop();
        else
            out.push(part);
    }
    return '/' + out.join('/');
}
/** The image's tree as recorded from the tar, with symlinks and hardlinks followed. */
class Tree {
    nodes;
    constructor(nodes) {
        this.nodes = nodes;
    }
    /**
     * Resolves every symlink along the path (directories too, like /bin -> usr/bin),
     * then hardlinks, to the entry that holds the file's contents.
     */
    lookup(path, depth = 0) {
        // ".." is applied as the walk goes, after the links before it are
        // followed, as the kernel does: with /bin -> usr/bin, /bin/../lib is /usr/lib.
        let pending = names(path);
        let done = [];
        let hops = 0;
        while (pending.length > 0) {
            const [name, ...rest] = pending;
            pending = rest;
            if (name === '..') {
                done.pop();
                continue;
            }
            const node = this.nodes.get('/' + [...done, name].join('/'));
            if (node?.kind === 'symlink') {
                if (++hops > MAX_LINK_HOPS) {
                    return { ok: false, path, reason: 'has too many levels of symbolic links' };
                }
                // A relative target is taken from the link's own directory.
                if (node.target.startsWith('/'))
                    done = [];
                pending = [...names(node.target), ...pending];
                continue;
            }
            done.push(name);
        }
        let resolved = '/' + done.join('/');
        let node = this.nodes.get(resolved);
        // Tar writers point a hardlink at the first copy of the file, a regular
        // entry; follow a few steps anyway for archives that chain them.
        for (let i = 0; node?.kind === 'hardlink' && i < MAX_LINK_HOPS; i++) {
            resolved = node.target;
            node = this.nodes.get(resolved);
        }
        if (node?.kind === 'symlink' && depth < 2)
            return this.lookup(resolved, depth + 1);
        if (node === undefined) {
            const reason = resolved === absolute(path)
                ? 'is not in the image'
                : `leads to ${resolved}, which is not in the image`;
            return { ok: false, path: resolved, reason };
        }
        if (node.kind === 'symlink' || node.kind === 'hardlink') {
            return { ok: false, path: resolved, reason: `leads to ${resolved}, a link too many` };
        }
        return { ok: true, path: resolved, node };
    }
}
/** The names of a path, without empty ones and "."; ".." is kept. */
function names(path) {
    return path.split('/').filter((n) => n !== '' && n !== '.');
}
function checkEntrypoint(fs, platform, command, pathEnv, workdir = '/') {
    // Docker looks a command without a slash up on the image's PATH; a relative
    // one with a slash is taken from the working directory.
    let path;
    let found;
    if (command.includes('/')) {
        // Keep "..": it is resolved after any symlink before it.
        path = '/' + names(command.startsWith('/') ? command : `${workdir}/${command}`).join('/');
        found = fs.lookup(path);
    }
    else {
        path = command;
        for (const dir of pathEnv.split(':')) {
            if (!dir.startsWith('/'))
                continue;
            const candidate = `${dir.replace(/\/+$/, '')}/${command}`;
            const hit = fs.lookup(candidate);
            if (hit.ok && hit.node.kind !== 'dir') {
                path = candidate;
                found = hit;
                break;
            }
        }
    }
    if (!found) {
        return {
            path,
            ok: true,
            note: `the entrypoint ${command} is not on the image's PATH (${pathEnv})`,
        };
    }
    if (!found.ok)
        return { path, ok: true, note: `the entrypoint ${path} ${found.reason}` };
    let target = found;
    if (target.node.kind === 'script') {
        const interpreter = target.node.interpreter;
        if (interpreter === undefined) {
            return {
                path,
                resolved: target.path,
                ok: true,
                note: `the #! line of ${target.path} is too long to read`,
            };
        }
        if (!interpreter.startsWith('/')) {
            return {
                path,
                resolved: target.path,
                ok: true,
                note: `the #! line of ${target.path} names "${interpreter}", not an absolute path`,
            };
        }
        const interp = fs.lookup(interpreter);
        if (!interp.ok) {
            return {
                path,
                resolved: target.path,
                ok: true,
                note: `the interpreter of ${target.path}, ${interpreter}, ${interp.reason}`,
            };
        }
        if (interp.node.kind === 'script') {
            return {
                path,
                resolved: interp.path,
                ok: true,
                note: `the interpreter of ${target.path}, ${interp.path}, is itself a script; not followed further`,
            };
        }
        target = interp;
    }
    const node = target.node;
    if (node.kind === 'dir')
        return {
            path,
            resolved: target.path,
            ok: true,
            note: `the entrypoint ${target.path} is a directory`,
        };
    if (node.kind !== 'elf') {
        return {
            path,
            resolved: target.path,
            ok: true,
            note: `${target.path} is neither an ELF executable nor a #! script`,
        };
    }
    if (!isExecutableType(node.header)) {
        return {
            path,
            resolved: target.path,
            ok: true,
            note: `${target.path} is an ELF file but not an executable (e_type ${node.header.type})`,
        };
    }
    const runs = runsOn(node.header, platform);
    const result = {
        path,
        resolved: target.path,
        found: describeElf(node.header),
        ok: runs !== false,
    };
    if (runs === undefined && !expectedFor(platform)) {
        result.note = `no architecture check for ${(0,oci_platform/* formatPlatform */.Bq)(platform)}`;
    }
    return result;
}
function message(err) {
    return (0,runner_errors/* errorMessage */.gJ)(err);
}

;// CONCATENATED MODULE: ./src/verify/arch/verify.ts
/**
 * Checks that the executables inside one platform's image are built for that
 * platform, and that the dynamically linked ones have their loader. The
 * image's layers are read where they already are (a registry, a saved
 * image) when the caller knows where; otherwise the container's filesystem
 * is streamed out of the engine with `docker export`. Either way it is read
 * as it arrives; nothing is written to disk.
 */








const STEP_TIMEOUT_MS = 60_000;
const EXPORT_TIMEOUT_MS = 10 * 60_000;
function scanOptionsOf(config, usesImageCommand) {
    return {
        command: usesImageCommand ? [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])] : [],
        path: (config.Env ?? []).find((e) => e.startsWith('PATH='))?.slice(5),
        workdir: config.WorkingDir || undefined,
    };
}
/** The scan of the layers where they are; undefined when they cannot be read there. */
async function fromLayers(platform, source) {
    if (!source.layers)
        return undefined;
    const p = (0,oci_platform/* formatPlatform */.Bq)(platform);
    try {
        const image = await source.layers();
        if (!image)
            return undefined;
        const began = Date.now();
        const scan = await scanLayers(image.layers, platform, scanOptionsOf(image.config, true));
        const layers = image.layers.length === 1 ? '1 layer' : `${image.layers.length} layers`;
        log/* log */.Rm.info(`${p}: the architecture check read ${layers} from ${image.from} in ${((Date.now() - began) / 1000).toFixed(2)} s`);
        return scan;
    }
    catch (err) {
        log/* log */.Rm.info(`${p}: the architecture check could not read the image's layers (${(0,runner_errors/* errorMessage */.gJ)(err)}); it exports a container of the image instead`);
        return undefined;
    }
}
async function verifyArchitecture(docker, platform, ref, name, source = {}) {
    const began = Date.now();
    const unchecked = (note, errors = []) => ({
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
        return unchecked(`no architecture check for ${platform.architecture}: its ELF machine is not known to this action`);
    }
    const layered = await fromLayers(platform, source);
    if (layered)
        return verdictOf(platform, layered, began);
    await source.ready?.();
    // Whether every `docker create` returned on its own: a killed one may still make the container.
    let settled = false;
    try {
        let usesImageCommand = true;
        making(docker, name);
        let created = await (0,exec/* exec */.m0)(createArgs(docker, name, platform, ref), {
            timeoutMs: STEP_TIMEOUT_MS,
            allowFailure: true,
        });
        settled = !created.timedOut;
        if (created.exitCode !== 0 && /no command specified/i.test(created.output)) {
            // An image without CMD or ENTRYPOINT cannot be created as it is; any
            // command will do, since the container is never started.
            usesImageCommand = false;
            created = await (0,exec/* exec */.m0)(createArgs(docker, name, platform, ref, ['/']), {
                timeoutMs: STEP_TIMEOUT_MS,
                allowFailure: true,
            });
            settled &&= !created.timedOut;
        }
        if (created.exitCode !== 0) {
            // A check that could not look must not pass: with smoke off it is the only test.
            return unchecked(undefined, [
                `the architecture check could not read the image: ${(0,exec/* tail */.RT)(created.output, 3)}`,
            ]);
        }
        // The export starts at once: the config is needed only once the whole tree is read.
        const exported = (0,exec/* execStream */.U1)(exportArgs(docker, name), { timeoutMs: EXPORT_TIMEOUT_MS });
        const options = (0,exec/* exec */.m0)(configArgs(docker, name), {
            timeoutMs: STEP_TIMEOUT_MS,
            quiet: true,
        }).then((inspected) => scanOptionsOf(JSON.parse(inspected.stdout), usesImageCommand));
        // Marks a failed inspect as handled until the scan awaits it.
        options.catch(() => undefined);
        const [scanned, exportDone] = await Promise.allSettled([
            scanRootfs(exported.stdout, platform, options),
            exported.result,
        ]);
        // When docker export fails, its own error says why; the scan only sees a cut-off tar.
        if (exportDone.status === 'rejected')
            throw exportDone.reason;
        if (scanned.status === 'rejected')
            throw scanned.reason;
        return verdictOf(platform, scanned.value, began);
    }
    finally {
        await removeMade(docker, name, { allowFailure: true, quiet: true, timeoutMs: STEP_TIMEOUT_MS }, settled);
    }
}
function verdictOf(platform, scan, began) {
    const errors = scan.foreign.map((f) => foreignMessage(platform, f));
    if (scan.foreignCount > scan.foreign.length) {
        errors.push(`… and ${scan.foreignCount - scan.foreign.length} more executables for another architecture`);
    }
    const hints = scan.foreignCount > 0 ? [FOREIGN_HINT] : [];
    errors.push(...scan.loaderProblems.map(loaderMessage));
    if (scan.loaderProblemCount > scan.loaderProblems.length) {
        errors.push(`… and ${scan.loaderProblemCount - scan.loaderProblems.length} more executables whose loader is missing or wrong`);
    }
    if (scan.loaderProblemCount > 0)
        hints.push(LOADER_HINT);
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

// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/oci/reference.ts
var oci_reference = __webpack_require__(2148);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/oci/errors.ts
var errors = __webpack_require__(8630);
;// CONCATENATED MODULE: ./src/oci/referrers.ts
/**
 * OCI 1.1 referrers: artifacts that name an image in their `subject`, and the
 * index that lists them. Built and merged here, as plain data, so that what we
 * push to a registry can be tested without one.
 */


const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const IN_TOTO_ARTIFACT = 'application/vnd.in-toto+json';
/** The blob behind EMPTY_CONFIG: an artifact has no image config, and the spec asks for this one. */
const EMPTY_JSON = '{}';
const EMPTY_CONFIG = Object.freeze({
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    size: 2,
});
/** The digest of some bytes, as registries name content. */
function sha256Digest(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function sorted(value) {
    if (Array.isArray(value))
        return value.map(sorted);
    if (value === null || typeof value !== 'object')
        return value;
    const obj = value;
    return Object.fromEntries(Object.keys(obj)
        .sort()
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k, sorted(obj[k])]));
}
/**
 * One byte form per value (sorted keys, no spaces): the same artifact built
 * twice has the same digest, so attaching it again replaces, not duplicates.
 */
function canonicalJson(value) {
    return new TextEncoder().encode(JSON.stringify(sorted(value)));
}
/** A descriptor of bytes about to be pushed. */
function describe(mediaType, bytes) {
    return { mediaType, digest: sha256Digest(bytes), size: bytes.byteLength };
}
function artifactManifest(a) {
    const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: a.artifactType,
        config: { ...EMPTY_CONFIG },
        layers: [a.layer],
        // Only what identifies the subject: its platform or annotations would change our digest, not the link.
        subject: { mediaType: a.subject.mediaType, digest: a.subject.digest, size: a.subject.size },
    };
    if (a.annotations && Object.keys(a.annotations).length > 0)
        manifest.annotations = { ...a.annotations };
    return manifest;
}
/** The entry a referrers list holds for a pushed artifact manifest. */
function referrerDescriptor(manifest, bytes) {
    const d = {
        ...describe(manifest.mediaType, bytes),
        artifactType: manifest.artifactType || manifest.config.mediaType,
    };
    if (manifest.annotations)
        d.annotations = { ...manifest.annotations };
    return d;
}
/**
 * The tag a registry without the referrers API keeps a subject's referrers
 * under (OCI distribution 1.1, referrers tag schema): `<alg>-<hex>`, made a
 * valid tag and cut to a tag's 128 characters.
 */
function referrersTag(digest) {
    const colon = digest.indexOf(':');
    if (colon <= 0 || colon === digest.length - 1)
        throw new errors/* MultiarchError */._('invalid', `"${digest}" is not a digest (algorithm:hex)`);
    const tag = `${digest.slice(0, colon)}-${digest.slice(colon + 1)}`;
    return tag.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 128);
}
function isDescriptor(value) {
    const d = value;
    return (typeof d === 'object' &&
        d !== null &&
        typeof d.mediaType === 'string' &&
        typeof d.digest === 'string' &&
        typeof d.size === 'number');
}
/**
 * Reads a referrers index (the API's answer, or what the fallback tag holds).
 * Entries that are not descriptors are dropped: no client can follow them.
 * Throws an 'invalid' error for anything that is not an index.
 */
function parseReferrersIndex(json, where) {
    const obj = json;
    if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.manifests))
        throw new errors/* MultiarchError */._('invalid', `${where} is not an image index: it has no manifests list`);
    if (obj.mediaType !== undefined && obj.mediaType !== OCI_INDEX)
        throw new errors/* MultiarchError */._('invalid', `${where} is a ${String(obj.mediaType)}, not an OCI image index (${OCI_INDEX})`);
    const index = {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: obj.manifests.filter(isDescriptor),
    };
    if (obj.annotations && typeof obj.annotations === 'object')
        index.annotations = obj.annotations;
    return index;
}
/**
 * The referrers index with `descriptor` in it: every other entry is kept
 * (another tool's signature, an earlier run's statement), and one with the
 * same digest is replaced where it stands rather than listed twice.
 */
function withReferrer(index, descriptor) {
    const manifests = [...(index?.manifests ?? [])];
    const at = manifests.findIndex((m) => m.digest === descriptor.digest);
    if (at >= 0)
        manifests[at] = descriptor;
    else
        manifests.push(descriptor);
    return { ...index, schemaVersion: 2, mediaType: OCI_INDEX, manifests };
}
/** The referrers of one artifact type, or all of them. */
function filterReferrers(manifests, artifactType) {
    return artifactType ? manifests.filter((m) => m.artifactType === artifactType) : [...manifests];
}

;// CONCATENATED MODULE: ./src/oci/layout.ts
/**
 * An OCI image layout as `docker save` writes it (containerd image store):
 * `index.json` names the saved images, `blobs/sha256/<hex>` holds every
 * index, manifest, config and layer. Pure: what refers to what.
 */


const BLOB_PATH = /^blobs\/(sha256)\/([a-f0-9]{64})$/;
/** The digest a layout's blob path names (`blobs/sha256/<hex>` → `sha256:<hex>`); undefined for other paths. */
function blobDigestOf(path) {
    const m = BLOB_PATH.exec(path.replace(/^\.\//, ''));
    return m ? `${m[1]}:${m[2]}` : undefined;
}
function descriptorsOf(list, where) {
    if (list === undefined)
        return [];
    if (!Array.isArray(list))
        throw new Error(`${where} is not a list`);
    return list.map((d, i) => descriptorOf(d, `${where}[${i}]`));
}
function descriptorOf(d, where) {
    const o = (d ?? {});
    if (typeof o.mediaType !== 'string' ||
        typeof o.digest !== 'string' ||
        !oci_reference/* DIGEST */.Dh.test(o.digest) ||
        typeof o.size !== 'number' ||
        !Number.isSafeInteger(o.size) ||
        o.size < 0)
        throw new Error(`${where} is not a descriptor (mediaType, digest, size)`);
    return o;
}
/** The images a layout's `index.json` names. */
function layoutImages(indexJson) {
    return descriptorsOf(indexJson?.manifests, 'index.json manifests');
}
const isIndexType = (mediaType) => mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
/**
 * What a manifest or index needs in the registry before it can be put there:
 * an index its manifests; a manifest its config and layers. A subject is not
 * needed (a referrer may come before what it refers to).
 */
function referencedBy(mediaType, json) {
    const doc = (json ?? {});
    if (isIndexType(mediaType))
        return { manifests: descriptorsOf(doc.manifests, 'manifests'), blobs: [] };
    return {
        manifests: [],
        blobs: [
            ...(doc.config === undefined ? [] : [descriptorOf(doc.config, 'config')]),
            ...descriptorsOf(doc.layers, 'layers'),
        ],
    };
}
/** What an image manifest is made of: its config, and its layers bottom first. */
function imageParts(json) {
    const doc = (json ?? {});
    return {
        config: descriptorOf(doc.config, 'config'),
        layers: descriptorsOf(doc.layers, 'layers'),
    };
}

;// CONCATENATED MODULE: ./src/oci/manifest.ts
/**
 * Reading what buildx wrote and what the registry holds: the metadata file and
 * the pushed index. Pure parsing only.
 */


function parseMetadata(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`buildx metadata file is not JSON: ${String(err)}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new Error('buildx metadata file is not a JSON object');
    }
    const obj = raw;
    const digest = obj['containerimage.digest'];
    const name = obj['image.name'];
    return {
        digest: typeof digest === 'string' && oci_reference/* DIGEST */.Dh.test(digest) ? digest : undefined,
        imageName: typeof name === 'string' ? name : undefined,
        raw: obj,
    };
}
const INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
]);
/**
 * Parses the raw JSON of what a tag or digest points at. For an index, returns
 * one entry per image platform; buildx's `unknown/unknown` attestation entries
 * are counted, not returned.
 */
function parseManifest(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`registry answer is not JSON: ${String(err)}`);
    }
    const obj = (doc ?? {});
    const isIndex = (typeof obj.mediaType === 'string' && INDEX_TYPES.has(obj.mediaType)) ||
        (obj.mediaType === undefined && Array.isArray(obj.manifests));
    if (!isIndex)
        return { kind: 'image' };
    if (!Array.isArray(obj.manifests))
        throw new Error('index has no manifests array');
    const manifests = [];
    let attestations = 0;
    for (const m of obj.manifests) {
        const p = m.platform;
        if (typeof m.digest !== 'string' ||
            !p ||
            typeof p.os !== 'string' ||
            typeof p.architecture !== 'string') {
            continue;
        }
        const platform = {
            os: p.os,
            architecture: p.architecture,
            variant: typeof p.variant === 'string' ? p.variant : undefined,
        };
        if ((0,oci_platform/* isUnknownPlatform */._H)(platform)) {
            attestations++;
            continue;
        }
        manifests.push({ platform: (0,oci_platform/* normalize */.S8)(platform), digest: m.digest });
    }
    return { kind: 'index', manifests, attestations };
}
/**
 * Picks the manifest for each wanted platform. Throws naming the platforms the
 * index lacks, and what it has instead.
 */
function digestsFor(manifests, wanted) {
    const byPlatform = new Map(manifests.map((m) => [(0,oci_platform/* formatPlatform */.Bq)(m.platform), m.digest]));
    const out = new Map();
    const lacking = [];
    for (const p of wanted) {
        const key = (0,oci_platform/* formatPlatform */.Bq)(p);
        const d = byPlatform.get(key);
        if (d)
            out.set(key, d);
        else
            lacking.push(key);
    }
    if (lacking.length > 0) {
        throw new Error(`the pushed index has no image for ${lacking.join(', ')}; it lists ${[...byPlatform.keys()].join(', ') || 'no platforms'}`);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/docker/registry-phase.ts
/**
 * A talk with a registry that runs outside BuildKit's progress stream (`docker
 * push`, `docker pull`, `buildx imagetools`, `docker manifest`): one phase,
 * bounded as a whole by registry-timeout, retried while the bound allows, and
 * stopped with an error naming the registry, the phase and the fix.
 *
 * A bound on the whole phase, not on silence: these commands say nothing
 * useful while they wait (`docker push` repeats "Waiting" every 100 ms to a
 * registry that never answers), and a registry that answers one byte at a
 * time would keep any progress watch fed forever.
 */


/** registry-timeout's default: a registry silent for this long is not coming back. */
const DEFAULT_REGISTRY_TIMEOUT_MS = 120_000;
/** The registry a reference lives in, host[:port]; docker.io when it names none. Pure. */
function registryOf(ref) {
    try {
        return (0,oci_reference/* parseImageRef */.Q)(ref.replace(/^docker-image:\/\//, '')).domain ?? 'docker.io';
    }
    catch {
        return undefined;
    }
}
/** A phase about one reference: its registry is the reference's. Pure. */
function phaseOf(phase, ref, timeoutMs) {
    return { registry: registryOf(ref), phase, timeoutMs };
}
const seconds = (ms) => Math.round(ms / 1000);
/**
 * The one wording of a registry that stopped a run, for a BuildKit exchange
 * that went quiet (`idleMs`, the vertex) and for a phase that did not finish
 * within registry-timeout. Pure.
 */
function registryTimeoutMessage(f) {
    const registry = f.registry ?? 'the registry';
    const subject = f.registry ? `The registry ${f.registry}` : 'The registry';
    const what = f.idleMs !== undefined
        ? `made no progress for ${seconds(f.idleMs)} s while ${f.phase}${f.vertex ? ` ("${f.vertex}")` : ''}`
        : `did not finish ${f.phase} within ${seconds(f.timeoutMs)} s (registry-timeout)`;
    return (`${subject} ${what}, so ${f.stopped ?? 'it'} was stopped. ` +
        `Fix: check that ${registry} is up and reachable from ${f.from ?? 'the runner'}, or give registry-timeout more than ${seconds(f.timeoutMs)} s for a slow one.`);
}
/** A registry phase that ran out of registry-timeout. */
class RegistryTimeoutError extends exec/* CommandError */.Qd {
    phase;
    constructor(phase, result) {
        super(registryTimeoutMessage(phase), result, 'timeout');
        this.phase = phase;
    }
}
const ATTEMPTS = 3;
/** Errors worth another try: the network or the registry hiccuped, not a missing image or a refused login. Pure. */
function isTransient(output) {
    if (/not found|unknown manifest|unauthorized|denied|forbidden|invalid reference/i.test(output))
        return false;
    return /timeout|timed out|connection reset|connection refused|EOF|TLS handshake|temporar|\b50[0234]\b|too many requests|\b429\b/i.test(output);
}
/**
 * The time each attempt of a phase gets: what is left of the phase's bound.
 * Undefined when nothing is left (no further attempt). Pure.
 */
function attemptTimeout(phase, began, now) {
    const left = phase.timeoutMs - (now - began);
    return left >= 1000 ? left : undefined;
}
/**
 * Runs one registry phase. Transient failures get another try after 1 s and
 * 2 s, within the phase's bound; when the bound runs out, throws a
 * RegistryTimeoutError naming the registry and the phase. Any other failure
 * is returned, not thrown: the caller says what could not be done.
 */
async function registryCall(argv, phase, opts = {}) {
    const sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const began = Date.now();
    const attempts = opts.attempts ?? ATTEMPTS;
    let last;
    for (let attempt = 1; attempt <= attempts; attempt++) {
        const timeoutMs = attemptTimeout(phase, began, Date.now());
        if (timeoutMs === undefined)
            break;
        last = await (0,exec/* exec */.m0)(argv, { timeoutMs, allowFailure: true, quiet: opts.quiet || attempt > 1 });
        if (last.timedOut)
            throw new RegistryTimeoutError(phase, last);
        if (last.exitCode === 0)
            return last;
        if (!isTransient(last.output))
            return last;
        if (attempt < attempts)
            await sleep(1000 * 2 ** (attempt - 1));
    }
    // registry-timeout is at least 1 s: the first attempt always runs.
    return last;
}

;// CONCATENATED MODULE: ./src/docker/registry/endpoint.ts
/**
 * Where a repository's distribution API lives, from an image reference the
 * way docker reads it: no registry means Docker Hub, whose API is
 * registry-1.docker.io and whose one-part names are `library/` images. Pure.
 */

const HUB_DOMAINS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const HUB_API = 'registry-1.docker.io';
/**
 * Loopback registries speak plain http: docker treats 127.0.0.0/8 and ::1 as
 * insecure by default, and a test registry on 127.0.0.1 has no certificate.
 */
function isLoopback(hostPort) {
    const host = hostPort.startsWith('[')
        ? hostPort.slice(0, hostPort.indexOf(']') + 1)
        : (hostPort.split(':')[0] ?? '');
    const h = host.toLowerCase();
    return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
function resolveRepository(ref) {
    const parsed = (0,oci_reference/* parseImageRef */.Q)(ref);
    const domain = parsed.domain?.toLowerCase();
    const hub = domain === undefined || HUB_DOMAINS.has(domain);
    const registry = hub ? 'docker.io' : parsed.domain;
    const name = hub && !parsed.path.includes('/') ? `library/${parsed.path}` : parsed.path;
    const host = hub ? HUB_API : registry;
    return {
        registry,
        origin: `${isLoopback(host) ? 'http' : 'https'}://${host}`,
        name,
        reference: parsed.digest ?? parsed.tag,
    };
}
/**
 * Whether the environment sends this origin's traffic through a proxy
 * (HTTPS_PROXY / HTTP_PROXY, less NO_PROXY), as the docker CLI and buildx
 * do. Our client speaks to registries directly, so where a proxy is set the
 * CLI is the way there. Pure.
 */
function behindProxy(origin, env = process.env) {
    const url = new URL(origin);
    const proxy = url.protocol === 'https:'
        ? (env.HTTPS_PROXY ?? env.https_proxy)
        : (env.HTTP_PROXY ?? env.http_proxy);
    if (!proxy)
        return false;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const skipped = (env.NO_PROXY ?? env.no_proxy ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase().replace(/:\d+$/, ''))
        .filter(Boolean);
    return !skipped.some((e) => e === '*' || host === e.replace(/^\./, '') || host.endsWith(e.startsWith('.') ? e : `.${e}`));
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/docker/registry/challenge.ts
/**
 * `WWW-Authenticate` challenges (RFC 7235), as a registry answers a 401:
 * `Bearer realm="https://auth.example/token",service="x",scope="repository:a:pull"`
 * or `Basic realm="Registry"`, possibly several in one header. A scope holds
 * commas (`pull,push`), so the header cannot be split on them. Pure.
 */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;
function parseChallenges(header) {
    const challenges = [];
    let rest = header;
    const skip = (chars) => {
        const m = rest.match(chars);
        if (m)
            rest = rest.slice(m[0].length);
    };
    skip(/^[\s,]*/);
    while (rest.length > 0) {
        const scheme = rest.match(TOKEN)?.[0];
        if (!scheme)
            break;
        rest = rest.slice(scheme.length);
        const params = {};
        // A token68 (`Negotiate abc==`) stands alone after its scheme; registries do not use one.
        skip(/^\s+[A-Za-z0-9._~+/-]+=*\s*(?=,|$)/);
        for (;;) {
            skip(/^[\s,]*/);
            const param = rest.match(/^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/);
            if (!param)
                break;
            const after = rest.slice(param[0].length);
            const quoted = after.match(/^"((?:[^"\\]|\\.)*)"/);
            // Unquoted values should be tokens; a realm URL sent bare is taken up to the next comma.
            const bare = after.match(/^[^\s,]+/);
            const raw = quoted?.[0] ?? bare?.[0] ?? '';
            params[(param[1] ?? '').toLowerCase()] = quoted
                ? (quoted[1] ?? '').replace(/\\(.)/g, '$1')
                : raw;
            rest = after.slice(raw.length);
        }
        challenges.push({ scheme: scheme.toLowerCase(), params });
        skip(/^[\s,]*/);
    }
    return challenges;
}
/** The challenge to answer: Bearer when offered (what docker does), else Basic; undefined for neither. */
function pickChallenge(challenges) {
    return (challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ??
        challenges.find((c) => c.scheme === 'basic'));
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/docker/config-dir.ts
var config_dir = __webpack_require__(9133);
;// CONCATENATED MODULE: ./src/docker/registry/credentials.ts
/**
 * A registry's login, found where the docker CLI finds it: the docker config
 * dir's config.json, read when asked (a run points DOCKER_CONFIG at its own
 * dir), then a credential helper for the registry (credHelpers), else the
 * default store (credsStore), else the file's `auths`. An empty credHelpers
 * entry means "the file", as it does for docker. Secrets never reach a log
 * or an error message.
 */




/** The helper's way of naming an identity token instead of a user. */
const TOKEN_USER = '<token>';
const HELPER_TIMEOUT_MS = 30_000;
/** The key the docker CLI stores a registry's login under, and asks a helper about. */
function authKey(registry) {
    return registry === 'docker.io' || registry === 'index.docker.io'
        ? 'https://index.docker.io/v1/'
        : registry;
}
/** `https://host:5000/v1/` → `host:5000`: how old config files spelled a key. */
function hostOf(key) {
    return key.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
}
function fromEntry(entry) {
    if (!entry)
        return undefined;
    if (entry.identitytoken)
        return { kind: 'identity-token', token: entry.identitytoken };
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0)
            return {
                kind: 'basic',
                username: decoded.slice(0, colon),
                password: decoded.slice(colon + 1),
            };
        return undefined;
    }
    if (entry.username && entry.password)
        return { kind: 'basic', username: entry.username, password: entry.password };
    return undefined;
}
/**
 * Where a registry's login is in a config, without running anything: a
 * helper to ask, the file's entry, or none. Pure.
 */
function lookup(config, registry) {
    const key = authKey(registry);
    const helper = config.credHelpers?.[key] ?? config.credsStore;
    if (helper)
        return { helper, key };
    const auths = config.auths ?? {};
    const keys = [key, ...(0,config_dir/* registryKeys */.qb)(registry)];
    for (const k of keys) {
        const found = fromEntry(auths[k]);
        if (found)
            return { credentials: found };
    }
    const host = hostOf(key);
    for (const [k, entry] of Object.entries(auths)) {
        const found = hostOf(k) === host ? fromEntry(entry) : undefined;
        if (found)
            return { credentials: found };
    }
    return undefined;
}
/** Asks `docker-credential-<helper> get`, the server on stdin, as docker does. */
async function askHelper(helper, key, registry, signal) {
    const program = `docker-credential-${helper}`;
    let result;
    try {
        result = await (0,exec/* exec */.m0)([program, 'get'], {
            input: key,
            timeoutMs: HELPER_TIMEOUT_MS,
            allowFailure: true,
            quiet: true,
            signal,
        });
    }
    catch (err) {
        throw new runner_errors/* MultiarchError */._G('command', `the docker config names the credential helper "${helper}" for ${registry}, but ${program} could not be run: ${String(err)}`, { cause: err });
    }
    // The helper protocol's one way of saying "no login here": docker goes on anonymously.
    if (/credentials not found/i.test(result.stdout + result.stderr))
        return undefined;
    if (result.exitCode !== 0 || result.timedOut) {
        // The output may hold what the helper read; only its first line, which names the failure, is shown.
        const why = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        throw new runner_errors/* MultiarchError */._G(result.timedOut ? 'timeout' : 'command', `${program} get (the login for ${registry}) ${result.timedOut ? `did not answer within ${HELPER_TIMEOUT_MS / 1000} s` : `failed with exit code ${result.exitCode}: ${why.slice(0, 200)}`}`);
    }
    let answer;
    try {
        answer = JSON.parse(result.stdout);
    }
    catch {
        throw new runner_errors/* MultiarchError */._G('command', `${program} get (the login for ${registry}) did not answer with JSON`);
    }
    if (typeof answer.Secret !== 'string' || answer.Secret === '')
        return undefined;
    if (answer.Username === TOKEN_USER)
        return { kind: 'identity-token', token: answer.Secret };
    return { kind: 'basic', username: String(answer.Username ?? ''), password: answer.Secret };
}
/** The login for `registry` (host[:port], docker.io for Docker Hub), or undefined for anonymous. */
async function findCredentials(registry, opts = {}) {
    const file = (0,external_node_path_.join)(opts.configDir ?? (0,config_dir/* userDockerConfig */.O8)(), 'config.json');
    const config = await (0,config_dir/* readConfigJson */.DZ)(file, 'no registry login can be read from it');
    const found = lookup(config, registry);
    if (!found)
        return undefined;
    if ('credentials' in found)
        return found.credentials;
    return askHelper(found.helper, found.key, registry, opts.signal);
}

;// CONCATENATED MODULE: ./src/docker/registry/wire.ts
/**
 * The plain parts of talking to a registry, shared by the transport and the
 * token service: what a request is, how it is named in messages, bodies read
 * within a limit, and what a refusal said.
 */

/** A registry's refusal: the registry, the request and its HTTP status, named. */
class RegistryError extends runner_errors/* MultiarchError */._G {
    registry;
    request;
    status;
    constructor(registry, request, status, message) {
        super('command', message);
        this.registry = registry;
        this.request = request;
        this.status = status;
    }
}
/** What is read of a refusal's body: its words, not a page. */
const ERROR_BODY_MAX = 64 * 1024;
/** What a request is called in messages: its method and path, never the query (upload state, tokens). */
function requestName(method, url) {
    return `${method} ${new URL(url).pathname}`;
}
/** Lets go of an answer's body we do not read, so the connection can be reused. */
async function discard(res) {
    await res.body?.cancel().catch(() => undefined);
}
/** An answer's body, at most `max` bytes: a registry gone wrong cannot fill the memory. */
async function readBytes(res, max, what) {
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > max) {
        await discard(res);
        throw new runner_errors/* MultiarchError */._G('command', `${what} is ${declared} bytes, more than the ${max} read`);
    }
    if (!res.body)
        return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.byteLength;
        if (total > max) {
            await reader.cancel().catch(() => undefined);
            throw new runner_errors/* MultiarchError */._G('command', `${what} is more than the ${max} bytes read`);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks);
}
/** What a registry said in a refusal: its first error code and message, or the tail of its text. */
function refusalDetail(text) {
    try {
        const body = JSON.parse(text);
        const first = body.errors?.[0];
        if (first) {
            const code = typeof first.code === 'string' ? first.code : '';
            const message = typeof first.message === 'string' ? first.message : '';
            const said = [code, message].filter(Boolean).join(': ');
            if (said)
                return said;
        }
    }
    catch {
        // not JSON: its text is shown
    }
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 200 ? `…${flat.slice(-200)}` : flat;
}
function basic(username, password) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
/** The body of a refusal as text, for its message; nothing when it cannot be read. */
async function refusalText(res) {
    const bytes = await readBytes(res, ERROR_BODY_MAX, 'the error').catch(() => new Uint8Array(0));
    return new TextDecoder().decode(bytes);
}
/**
 * The error for an answer that refused `req`: `say` words it from the
 * request's name and what the registry said, if anything. The answer is
 * used up: its text read, or on a HEAD, which has none, let go of.
 */
async function refusalError(registry, req, res, say) {
    let detail = '';
    if (req.method === 'HEAD')
        await discard(res);
    else
        detail = refusalDetail(await refusalText(res));
    const name = requestName(req.method, req.url);
    return new RegistryError(registry, name, res.status, say({ name, detail }));
}

;// CONCATENATED MODULE: ./src/docker/registry/token.ts
/**
 * A token for one repository from the token service a registry's Bearer
 * challenge names (the distribution token spec): a GET with the login as
 * Basic, or, for an identity token, the OAuth refresh-token POST. What the
 * token service refused is named with the login's source, never the login.
 */


async function bearerToken(a) {
    const { repo, creds } = a;
    const { realm = '', service } = a.challenge.params;
    let url;
    try {
        url = new URL(realm);
    }
    catch {
        throw new runner_errors/* MultiarchError */._G('command', `registry ${repo.registry} asked for a token from "${realm}", which is not a URL`);
    }
    // Push only with a login: an anonymous token service would refuse the whole request.
    const scope = `repository:${repo.name}:${creds ? 'pull,push' : 'pull'}`;
    let req;
    if (creds?.kind === 'identity-token') {
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: creds.token,
            service: service ?? '',
            scope,
            client_id: 'multiarch-action',
        });
        req = {
            method: 'POST',
            url: url.href,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new TextEncoder().encode(form.toString()),
        };
    }
    else {
        if (service)
            url.searchParams.set('service', service);
        url.searchParams.set('scope', scope);
        req = {
            method: 'GET',
            url: url.href,
            headers: creds ? { authorization: basic(creds.username, creds.password) } : {},
        };
    }
    const res = await a.send(req);
    const where = `the token service ${url.origin}${url.pathname} of registry ${repo.registry}`;
    if (!res.ok) {
        const login = creds
            ? `the login for ${repo.registry} from the docker config was refused; run docker login ${repo.registry} again`
            : `no login for ${repo.registry} was found in the docker config (docker login ${repo.registry})`;
        throw await refusalError(repo.registry, req, res, ({ detail }) => `${where} refused a token for ${scope}: HTTP ${res.status}${detail ? `: ${detail}` : ''}; ${login}`);
    }
    const text = new TextDecoder().decode(await readBytes(res, ERROR_BODY_MAX, `the answer of ${where}`));
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        throw new runner_errors/* MultiarchError */._G('command', `${where} did not answer with JSON`);
    }
    const token = typeof body?.token === 'string' ? body.token : body?.access_token;
    if (typeof token !== 'string' || token === '')
        throw new runner_errors/* MultiarchError */._G('command', `${where} answered without a token`);
    return token;
}

;// CONCATENATED MODULE: ./src/docker/registry/http.ts
/**
 * Talking to one repository's distribution API over HTTP: the login dance a
 * 401 starts (Bearer token or Basic), retries of what the network or a busy
 * registry dropped, redirects that never carry our login to another host, and
 * refusals turned into errors that say which registry refused what, and why.
 *
 * Bounds are the caller's: every request takes the signal of its operation
 * (`bounded`), so one registry that stops answering cannot hold a run.
 */







const http_ATTEMPTS = 3;
const MAX_REDIRECTS = 5;
/** Answers worth another try: the registry is busy or a proxy lost it, not a refusal. */
const TRANSIENT = new Set([429, 502, 503, 504]);
/**
 * A 500 is worth another read too: distribution 2.8 answers one ("invalid
 * checksum digest format") while another client is rewriting the tag read,
 * which is what concurrent writers of one referrers tag do.
 */
function http_transient(method, status) {
    return TRANSIENT.has(status) || (status === 500 && (method === 'GET' || method === 'HEAD'));
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/**
 * Runs one operation within `timeoutMs` and the caller's own signal: past
 * the bound, a 'timeout' error naming the registry and what was being done
 * (`what` is read then, so it can name the step reached).
 */
async function bounded(op, work) {
    const own = AbortSignal.timeout(op.timeoutMs);
    const signal = op.signal ? AbortSignal.any([own, op.signal]) : own;
    try {
        return await work(signal);
    }
    catch (err) {
        if (own.aborted && !(err instanceof runner_errors/* MultiarchError */._G && err.kind === 'timeout')) {
            const phase = typeof op.what === 'string' ? op.what : op.what();
            throw new runner_errors/* MultiarchError */._G('timeout', registryTimeoutMessage({ registry: op.registry, phase, timeoutMs: op.timeoutMs }), { cause: err });
        }
        throw err;
    }
}
/** fetch's types take bytes over a plain ArrayBuffer only; a copy is one (byte bodies are small, layers come as Blobs). */
function bodyOf(body) {
    return body instanceof Blob ? body : body && new Uint8Array(body);
}
class Transport {
    repo;
    opts;
    /** What we send the registry once it asked: a token for this repository, or basic. */
    authorization;
    /** The login under way, for every request that met a 401 while it runs. */
    login;
    credentials;
    retryDelayMs;
    attempts;
    constructor(repo, opts = {}) {
        this.repo = repo;
        this.opts = opts;
        this.retryDelayMs = opts.retryDelayMs ?? 1000;
        this.attempts = opts.attempts ?? http_ATTEMPTS;
    }
    url(path) {
        return `${this.repo.origin}/v2/${this.repo.name}/${path}`;
    }
    /** Sends a request, logging in when the registry asks; any answer but a 401 it could get past is returned. */
    async send(req, signal) {
        const sentWith = this.authorization;
        const res = await this.follow(req, signal);
        if (res.status !== 401)
            return res;
        // Requests sent side by side meet the same 401: one login serves them all.
        if (this.authorization && this.authorization !== sentWith) {
            await discard(res);
            return this.follow(req, signal);
        }
        const challenge = pickChallenge(parseChallenges(res.headers.get('www-authenticate') ?? ''));
        if (!challenge)
            return res;
        this.login ??= this.authorize(challenge, signal).finally(() => {
            this.login = undefined;
        });
        const authorization = await this.login;
        if (!authorization)
            return res;
        await discard(res);
        this.authorization = authorization;
        return this.follow(req, signal);
    }
    /** The error for an answer the caller did not expect. */
    refusal(req, res, doing) {
        const login = res.status === 401 || res.status === 403
            ? `. Check the login for ${this.repo.registry} (docker login ${this.repo.registry}), and that it may ${req.method === 'GET' || req.method === 'HEAD' ? 'pull from' : 'push to'} ${this.repo.name}`
            : '';
        return refusalError(this.repo.registry, req, res, ({ name, detail }) => `registry ${this.repo.registry} refused ${name}${doing ? ` (${doing})` : ''}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail ? `: ${detail}` : ''}${login}`);
    }
    async follow(req, signal) {
        let url = new URL(req.url);
        for (let hop = 0;; hop++) {
            const headers = { ...req.headers };
            // Only the registry gets our login: a storage host it redirects to has its own (a signed URL).
            if (this.authorization && url.origin === this.repo.origin)
                headers.authorization = this.authorization;
            const res = await this.attempt(url, { method: req.method, headers, body: bodyOf(req.body), redirect: 'manual', signal }, req);
            const location = res.headers.get('location');
            if (!req.followRedirects || !REDIRECTS.has(res.status) || !location)
                return res;
            await discard(res);
            if (hop >= MAX_REDIRECTS)
                throw new runner_errors/* MultiarchError */._G('command', `registry ${this.repo.registry} redirected ${requestName(req.method, req.url)} more than ${MAX_REDIRECTS} times`);
            url = new URL(location, url);
        }
    }
    /** One request, tried again after 1 s and 2 s when the network or a busy registry dropped it. */
    async attempt(url, init, req) {
        for (let n = 1;; n++) {
            let res;
            let failure;
            try {
                res = await fetch(url, init);
            }
            catch (err) {
                if (init.signal?.aborted)
                    throw err;
                failure = err;
            }
            if (res && (!http_transient(req.method, res.status) || n >= this.attempts))
                return res;
            if (!res && n >= this.attempts) {
                const cause = failure.cause?.message;
                throw new runner_errors/* MultiarchError */._G('command', `could not reach registry ${this.repo.registry} (${requestName(req.method, url.href)}): ${cause ?? String(failure)}`, { cause: failure });
            }
            if (res)
                await discard(res);
            await (0,external_node_timers_promises_.setTimeout)(this.retryDelayMs * 2 ** (n - 1), undefined, {
                signal: init.signal ?? undefined,
            });
        }
    }
    loadCredentials(signal) {
        if (this.opts.credentials !== undefined)
            return Promise.resolve(this.opts.credentials ?? undefined);
        // Looked up once per client; a lookup that failed (a helper that timed out) is tried again next time.
        this.credentials ??= findCredentials(this.repo.registry, { signal }).catch((err) => {
            this.credentials = undefined;
            throw err;
        });
        return this.credentials;
    }
    async authorize(challenge, signal) {
        const creds = await this.loadCredentials(signal);
        if (challenge.scheme === 'basic')
            return creds?.kind === 'basic' ? basic(creds.username, creds.password) : undefined;
        return `Bearer ${await bearerToken({
            challenge,
            creds,
            repo: this.repo,
            send: (req) => this.attempt(new URL(req.url), { method: req.method, headers: req.headers, body: bodyOf(req.body), signal }, req),
        })}`;
    }
}

;// CONCATENATED MODULE: ./src/docker/registry/client.ts
/**
 * A client of one repository's distribution API, for what the docker CLI
 * cannot do: push an arbitrary artifact (a test-result statement) and read
 * the referrers of an image. Every method is one operation, bounded as a
 * whole by the client's timeout (every retry, login and redirect in it).
 */








const ACCEPT = [OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST].join(', ');
/** distribution's own limit on a manifest. */
const MANIFEST_MAX = 4 * 1024 * 1024;
/** Artifacts we read are statements, not layers. */
const BLOB_MAX = 64 * 1024 * 1024;
const TAG = /^[\w][\w.-]{0,127}$/;
/** A tag or digest goes into a URL path as it is: nothing else may. */
function checked(reference, digestOnly = false) {
    if (oci_reference/* DIGEST */.Dh.test(reference) || (!digestOnly && TAG.test(reference)))
        return reference;
    throw new runner_errors/* MultiarchError */._G('invalid', `"${reference}" is not a ${digestOnly ? 'digest (sha256:<64 hex>)' : 'tag or digest'}`);
}
/** The hash of bytes under a digest's own algorithm. */
function digestLike(digest, bytes) {
    const algorithm = digest.slice(0, digest.indexOf(':'));
    return `${algorithm}:${(0,external_node_crypto_.createHash)(algorithm).update(bytes).digest('hex')}`;
}
function mediaTypeOf(res) {
    return res.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
}
class RegistryClient {
    registry;
    name;
    timeoutMs;
    http;
    /** Blobs pushed, or being pushed, by this client: each is pushed once. */
    blobs = new Map();
    /** `repository`: `127.0.0.1:5000/team/app`, `ghcr.io/o/r`, `alpine`; a tag or digest on it is ignored. */
    constructor(repository, opts = {}) {
        const repo = typeof repository === 'string' ? resolveRepository(repository) : repository;
        this.registry = repo.registry;
        this.name = repo.name;
        this.timeoutMs = opts.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
        this.http = new Transport(repo, opts);
    }
    /**
     * Opens a connection to the registry, and nothing more: called while other
     * work runs, so that the requests that follow find it open. Never fails.
     */
    warm() {
        fetch(`${this.http.repo.origin}/v2/`, { signal: AbortSignal.timeout(this.timeoutMs) })
            .then((res) => res.body?.cancel())
            .catch(() => undefined);
    }
    /** What a tag or digest points at, without its content; undefined when the registry has none. */
    manifestHead(reference, opts = {}) {
        return this.operation(`reading manifest ${reference} of ${this.name}`, opts, (signal) => this.head(reference, signal));
    }
    /** A manifest or index, checked against its digest; undefined when the registry has none. */
    getManifest(reference, opts = {}) {
        return this.operation(`reading manifest ${reference} of ${this.name}`, opts, (signal) => this.read(reference, signal));
    }
    /**
     * Puts a manifest under a tag or its digest. `subject`: the registry
     * answered OCI-Subject, so it keeps the referrers list of the manifest's
     * subject itself.
     */
    putManifest(reference, mediaType, bytes, opts = {}) {
        return this.operation(`pushing manifest ${reference} to ${this.name}`, opts, async (signal) => {
            const req = {
                method: 'PUT',
                url: this.http.url(`manifests/${checked(reference)}`),
                headers: { 'content-type': mediaType },
                body: bytes,
            };
            const res = await this.http.send(req, signal);
            if (!res.ok)
                throw await this.http.refusal(req, res);
            await discard(res);
            return { digest: sha256Digest(bytes), subject: res.headers.has('oci-subject') };
        });
    }
    /**
     * Pushes a blob in one piece, unless the repository has it already. The
     * same blob asked for again (one statement attached to several digests at
     * once) waits for the first push instead of racing it; a failed one is tried again.
     */
    pushBlob(bytes, mediaType, opts = {}) {
        return this.pushBlobFrom(describe(mediaType, bytes), bytes, opts);
    }
    /**
     * Pushes a blob whose descriptor is known (a layer of a saved image, sent
     * from its file): the registry checks the content against the digest.
     */
    pushBlobFrom(blob, body, opts = {}) {
        const earlier = this.blobs.get(blob.digest);
        if (earlier)
            return earlier.then(() => blob, () => this.uploadBlob(blob, body, opts));
        return this.uploadBlob(blob, body, opts);
    }
    uploadBlob(blob, body, opts) {
        const pushed = this.operation(`pushing blob ${blob.digest} to ${this.name}`, opts, async (signal) => {
            const head = {
                method: 'HEAD',
                url: this.http.url(`blobs/${blob.digest}`),
            };
            const there = await this.http.send(head, signal);
            await discard(there);
            if (there.ok)
                return blob;
            if (there.status !== 404)
                throw await this.http.refusal(head, there);
            const start = {
                method: 'POST',
                url: this.http.url('blobs/uploads/'),
                body: new Uint8Array(0),
            };
            const started = await this.http.send(start, signal);
            const location = started.headers.get('location');
            if (started.status !== 202)
                throw await this.http.refusal(start, started);
            await discard(started);
            if (!location)
                throw new runner_errors/* MultiarchError */._G('command', `registry ${this.registry} started an upload to ${this.name} (POST) without saying where to send it (no Location header)`);
            // The location may be relative, and may carry a query (upload state) that must be kept as it is.
            const target = new URL(location, start.url).href;
            const put = {
                method: 'PUT',
                url: `${target}${target.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob.digest)}`,
                headers: { 'content-type': 'application/octet-stream' },
                body,
            };
            const done = await this.http.send(put, signal);
            if (!done.ok)
                throw await this.http.refusal(put, done, `uploading blob ${blob.digest}`);
            await discard(done);
            return blob;
        });
        this.blobs.set(blob.digest, pushed);
        pushed.catch(() => {
            if (this.blobs.get(blob.digest) === pushed)
                this.blobs.delete(blob.digest);
        });
        return pushed;
    }
    /** A blob's content, checked against its digest: a registry or a storage host may hand back something else. */
    getBlob(digest, opts = {}) {
        return this.operation(`reading blob ${digest} of ${this.name}`, opts, async (signal) => {
            const req = {
                method: 'GET',
                url: this.http.url(`blobs/${checked(digest, true)}`),
                followRedirects: true,
            };
            const res = await this.http.send(req, signal);
            if (!res.ok)
                throw await this.http.refusal(req, res);
            const bytes = await readBytes(res, BLOB_MAX, `blob ${digest} of ${this.name}`);
            const actual = digestLike(digest, bytes);
            if (actual !== digest)
                throw new runner_errors/* MultiarchError */._G('command', `registry ${this.registry} answered with other content for blob ${digest} of ${this.name}: it hashes to ${actual}, so it is not used`);
            return bytes;
        });
    }
    /**
     * A blob too big to hold (a layer), as a stream checked as it is read: it
     * fails at its end when the content is not `size` bytes or hashes to
     * something else. The registry's answer is bounded by the client's timeout;
     * reading the body only by the caller's signal, since a layer may take long.
     */
    openBlob(blob, opts = {}) {
        const body = new AbortController();
        const signal = opts.signal ? AbortSignal.any([body.signal, opts.signal]) : body.signal;
        return this.operation(`reading blob ${blob.digest} of ${this.name}`, {}, async (head) => {
            const req = {
                method: 'GET',
                url: this.http.url(`blobs/${checked(blob.digest, true)}`),
                followRedirects: true,
            };
            const abort = () => body.abort(head.reason);
            head.addEventListener('abort', abort);
            let res;
            try {
                res = await this.http.send(req, signal);
            }
            finally {
                head.removeEventListener('abort', abort);
            }
            if (!res.ok)
                throw await this.http.refusal(req, res);
            return this.checkedStream(res, blob);
        });
    }
    async *checkedStream(res, blob) {
        const algorithm = blob.digest.slice(0, blob.digest.indexOf(':'));
        const hash = (0,external_node_crypto_.createHash)(algorithm);
        let size = 0;
        if (!res.body)
            throw new Error(`registry ${this.registry} sent no body for blob ${blob.digest}`);
        for await (const chunk of res.body) {
            size += chunk.byteLength;
            if (size > blob.size)
                break;
            hash.update(chunk);
            yield chunk;
        }
        const actual = `${algorithm}:${hash.digest('hex')}`;
        if (size !== blob.size || actual !== blob.digest)
            throw new runner_errors/* MultiarchError */._G('command', `registry ${this.registry} answered with other content for blob ${blob.digest} of ${this.name}: ${size === blob.size ? `it hashes to ${actual}` : size > blob.size ? `more than its ${blob.size} bytes came` : `only ${size} of its ${blob.size} bytes came`}, so it is not used`);
    }
    /**
     * The manifests whose subject is `digest`, of one artifact type or all: from
     * the referrers API, or where a registry without it (a 404) has them, the
     * referrers tag (none when that is missing too).
     */
    referrers(digest, artifactType, opts = {}) {
        return this.operation(`listing the referrers of ${digest} in ${this.name}`, opts, async (signal) => {
            const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
            const req = {
                method: 'GET',
                url: this.http.url(`referrers/${checked(digest, true)}${query}`),
                headers: { accept: OCI_INDEX },
            };
            const res = await this.http.send(req, signal);
            if (res.status === 404) {
                await discard(res);
                const tag = referrersTag(digest);
                const held = await this.read(tag, signal);
                const manifests = held ? parseReferrersIndex(held.json, this.tagName(tag)).manifests : [];
                return { via: 'tag', manifests: filterReferrers(manifests, artifactType) };
            }
            if (!res.ok)
                throw await this.http.refusal(req, res);
            const json = this.parse(await readBytes(res, MANIFEST_MAX, `the referrers of ${digest}`), `the referrers list of ${digest}`);
            const index = parseReferrersIndex(json, `the referrers list of ${digest} from registry ${this.registry}`);
            // A registry may ignore the filter (it says which it applied): ours is applied either way.
            return { via: 'api', manifests: filterReferrers(index.manifests, artifactType) };
        });
    }
    /** How messages name the referrers tag of a subject. */
    tagName(tag) {
        return `the referrers tag ${tag} of ${this.name} on registry ${this.registry}`;
    }
    operation(what, opts, work) {
        return bounded({ registry: this.registry, what, timeoutMs: this.timeoutMs, signal: opts.signal }, work);
    }
    /** The registry's answer about a manifest, past any refusal; undefined when it has none. */
    async askManifest(method, reference, signal) {
        const req = {
            method,
            url: this.http.url(`manifests/${checked(reference)}`),
            headers: { accept: ACCEPT },
        };
        const res = await this.http.send(req, signal);
        if (res.status === 404) {
            await discard(res);
            return undefined;
        }
        if (!res.ok)
            throw await this.http.refusal(req, res);
        return res;
    }
    async head(reference, signal) {
        const res = await this.askManifest('HEAD', reference, signal);
        if (!res)
            return undefined;
        await discard(res);
        const digest = oci_reference/* DIGEST */.Dh.test(reference) ? reference : res.headers.get('docker-content-digest');
        const mediaType = mediaTypeOf(res);
        const size = Number(res.headers.get('content-length') ?? NaN);
        // Not every registry says all three on a HEAD: the content says them itself.
        if (!digest || !oci_reference/* DIGEST */.Dh.test(digest) || !mediaType || !Number.isInteger(size)) {
            const full = await this.read(reference, signal);
            return full && { digest: full.digest, mediaType: full.mediaType, size: full.size };
        }
        return { digest, mediaType, size };
    }
    async read(reference, signal) {
        const res = await this.askManifest('GET', reference, signal);
        if (!res)
            return undefined;
        const what = `manifest ${reference} of ${this.name}`;
        const bytes = await readBytes(res, MANIFEST_MAX, what);
        const digest = oci_reference/* DIGEST */.Dh.test(reference) ? reference : sha256Digest(bytes);
        if (digestLike(digest, bytes) !== digest)
            throw new runner_errors/* MultiarchError */._G('command', `registry ${this.registry} answered with other content for ${what}: it hashes to ${digestLike(digest, bytes)}, so it is not used`);
        const json = this.parse(bytes, what);
        const doc = (json ?? {});
        // The manifest's own word first: some registries serve every manifest as application/json.
        const mediaType = typeof doc.mediaType === 'string'
            ? doc.mediaType
            : (mediaTypeOf(res) ?? (Array.isArray(doc.manifests) ? OCI_INDEX : OCI_MANIFEST));
        return { digest, mediaType, size: bytes.byteLength, bytes, json };
    }
    parse(bytes, what) {
        try {
            return JSON.parse(new TextDecoder().decode(bytes));
        }
        catch {
            throw new runner_errors/* MultiarchError */._G('command', `registry ${this.registry} answered ${what} with something that is not JSON`);
        }
    }
}

;// CONCATENATED MODULE: ./src/docker/image-layers.ts
/**
 * An image's layers, read where they already are for the architecture scan:
 * in the registry (a pushed image needs no pull and no container to be
 * read) or in the file a `docker save` wrote (the docker driver's
 * candidate). Each layer is decompressed as it streams. What cannot be read
 * this way (a proxy the API client does not go through, a registry it cannot
 * reach, zstd on a Node without it) is the caller's to read another way.
 */







/**
 * Inflating runs on libuv's threads, one hand-off per chunk written: the
 * network's 16 to 64 KiB chunks are gathered to this size first, which
 * inflates a large layer about a tenth faster; a chunk out this big keeps
 * the tar reader's calls few.
 */
const CHUNK = 1024 * 1024;
/** The same bytes in chunks of at least `size` (the last may be smaller). */
async function* gathered(source, size) {
    let parts = [];
    let held = 0;
    for await (const chunk of source) {
        parts.push(chunk);
        held += chunk.byteLength;
        if (held >= size) {
            yield parts.length === 1 ? parts[0] : Buffer.concat(parts);
            parts = [];
            held = 0;
        }
    }
    if (held > 0)
        yield Buffer.concat(parts);
}
const zstdDecompress = external_node_zlib_.createZstdDecompress;
function inflaterFor(head) {
    if (head[0] === 0x1f && head[1] === 0x8b)
        return external_node_zlib_.createGunzip({ chunkSize: CHUNK });
    if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
        if (!zstdDecompress)
            throw new Error(`zstd layers need Node 22.15 or later (${process.version} runs)`);
        return zstdDecompress();
    }
    return undefined;
}
/**
 * A layer's tar from its stored bytes, whatever its media type says: gzip
 * and zstd are told by their first bytes (an uncompressed tar starts with a
 * file name), so a mislabelled layer is read as what it is.
 */
async function* decompressed(source) {
    const it = source[Symbol.asyncIterator]();
    let head = new Uint8Array(0);
    while (head.length < 4) {
        const next = await it.next();
        if (next.done)
            break;
        head = head.length === 0 ? next.value : Buffer.concat([head, next.value]);
    }
    async function* all() {
        if (head.length > 0)
            yield head;
        for (;;) {
            const next = await it.next();
            if (next.done)
                return;
            yield next.value;
        }
    }
    const inflater = inflaterFor(head);
    if (!inflater) {
        yield* all();
        return;
    }
    // pipeline destroys the inflater with the source's error, so reading it fails too.
    yield* (0,external_node_stream_.pipeline)(external_node_stream_.Readable.from(gathered(all(), CHUNK)), inflater, () => undefined);
}
const image_layers_short = (digest) => digest.slice(0, 'sha256:'.length + 12);
async function layersFrom(store, manifestDigest, platform, from) {
    let manifest = await store.manifest(manifestDigest);
    const listed = parseManifest(JSON.stringify(manifest));
    if (listed.kind === 'index') {
        const wanted = (0,oci_platform/* formatPlatform */.Bq)(platform);
        const entry = listed.manifests.find((m) => (0,oci_platform/* formatPlatform */.Bq)(m.platform) === wanted);
        if (!entry)
            throw new Error(`${manifestDigest} lists no ${wanted} image`);
        manifest = await store.manifest(entry.digest);
    }
    const parts = imageParts(manifest);
    const config = (await store.json(parts.config));
    const n = parts.layers.length;
    return {
        from,
        config: config?.config ?? {},
        layers: parts.layers.map((d, i) => ({
            name: `layer ${i + 1} of ${n} (${image_layers_short(d.digest)})`,
            open: async () => decompressed(await store.open(d)),
        })),
    };
}
/**
 * A pushed image's layers, streamed from its registry; undefined where the
 * API client does not go (a proxy carries the registry). What the registry
 * refuses, or does not answer in time, is thrown.
 */
async function registryLayers(ref, platform, timeoutMs, signal) {
    const repo = resolveRepository(ref);
    if (behindProxy(repo.origin) || !repo.reference)
        return undefined;
    // One try: exporting a container is the way on.
    const client = new RegistryClient(repo, { timeoutMs, attempts: 1 });
    const store = {
        manifest: async (digest) => {
            const m = await client.getManifest(digest, { signal });
            if (!m)
                throw new Error(`registry ${repo.registry} has no manifest ${digest} in ${repo.name}`);
            return m.json;
        },
        json: async (blob) => JSON.parse(new TextDecoder().decode(await client.getBlob(blob.digest, { signal }))),
        open: (blob) => client.openBlob(blob, { signal }),
    };
    return layersFrom(store, repo.reference, platform, `registry ${repo.registry}`);
}
/** The layers of one platform of an image `docker save` wrote, read from its file. */
async function savedLayers(saved, digest, platform) {
    const blob = (d) => {
        const b = saved.blob(d);
        if (!b)
            throw new Error(`the saved image has no blob ${d}`);
        return b;
    };
    const parsed = async (d) => JSON.parse(await blob(d).text());
    const store = {
        manifest: parsed,
        json: (d) => parsed(d.digest),
        open: (d) => Promise.resolve(external_node_stream_.Readable.fromWeb(blob(d.digest).stream())),
    };
    return layersFrom(store, digest, platform, 'the saved image');
}

;// CONCATENATED MODULE: ./src/verify/verdict.ts
/** The verdict on a smoke run's outcome. Pure. */

const EXEC_FORMAT_HINT = 'The image holds a binary built for another architecture. Build it for TARGETARCH (ARG TARGETARCH in the Dockerfile), ' +
    'cross-compile in FROM --platform=$BUILDPLATFORM stages for $TARGETARCH, and never download or COPY a hard-coded amd64/x86_64 binary.';
function judge(outcome, ctx) {
    const p = (0,oci_platform/* formatPlatform */.Bq)(ctx.platform);
    if (outcome.timedOut) {
        return {
            ok: false,
            reason: `timed out after ${ctx.timeoutSeconds} s`,
            hint: 'The smoke command did not finish. A server image needs a smoke-command that exits, like "/app --version"; or raise smoke-timeout.',
        };
    }
    if (/exec format error/i.test(outcome.output)) {
        const arch = ctx.platform.architecture;
        return {
            ok: false,
            execFormatError: true,
            reason: `exec format error: the ${p} image holds an executable that ${arch} machines cannot run${ctx.emulated ? ` (or no emulator for ${arch} is registered)` : ''}`,
            hint: EXEC_FORMAT_HINT,
        };
    }
    if (outcome.exitCode === 139 && ctx.emulated) {
        return {
            ok: false,
            reason: 'segmentation fault (exit 139) under QEMU emulation',
            hint: 'QEMU user-mode emulation is known to crash some programs (QEMU 9.2 in particular). Pin another qemu-image, such as the default, or smoke-test on a native node.',
        };
    }
    if (outcome.exitCode !== 0) {
        return { ok: false, reason: `exited with code ${outcome.exitCode}` };
    }
    if (ctx.expect && !ctx.expect.test(outcome.output)) {
        return {
            ok: false,
            reason: `output did not match smoke-expect /${ctx.expect.source}/`,
            hint: 'Check the output below against the regular expression in smoke-expect.',
        };
    }
    return { ok: true };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: ./src/verify/probe.ts
var verify_probe = __webpack_require__(4119);
;// CONCATENATED MODULE: ./src/verify/probe-run.ts
/**
 * Runs a server the way a cluster does and waits until it is ready: detached,
 * real entrypoint, the probed port published on the engine's loopback, probed
 * until it answers or the platform's time runs out. Always removes it.
 */






const probe_run_STEP_TIMEOUT_MS = 30_000;
const POLL_MS = 250;
const ATTEMPT_MS = 2_000;
// docker-proxy accepts every connection to a published port and closes it when
// nothing listens behind: a connection that stays open this long reached the server.
const TCP_SETTLE_MS = 300;
const reachLocal = async (port) => ({
    host: '127.0.0.1',
    port,
    close: async () => undefined,
});
async function httpOnce(reach, path) {
    try {
        const res = await fetch(`http://${reach.host}:${reach.port}${path}`, {
            redirect: 'manual',
            signal: AbortSignal.timeout(ATTEMPT_MS),
        });
        const body = await res.text().catch(() => '');
        return (0,verify_probe/* judgeHttp */.i2)(res.status, body);
    }
    catch (err) {
        const cause = err.cause;
        const why = cause?.code === 'ECONNREFUSED'
            ? 'connection refused'
            : cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET'
                ? 'connection closed without an answer'
                : (cause?.message ?? (0,runner_errors/* errorMessage */.gJ)(err));
        return { state: 'waiting', why };
    }
}
function tcpOnce(reach) {
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.connect)({ host: reach.host, port: reach.port });
        const done = (answer) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(answer);
        };
        let timer = setTimeout(() => done({ state: 'waiting', why: 'connect timed out' }), ATTEMPT_MS);
        socket.on('connect', () => {
            clearTimeout(timer);
            timer = setTimeout(() => done({ state: 'ready' }), TCP_SETTLE_MS);
        });
        socket.on('data', () => done({ state: 'ready' }));
        socket.on('end', () => done({ state: 'waiting', why: 'connection closed at once: nothing listens on the port yet' }));
        socket.on('error', (err) => done({
            state: 'waiting',
            why: err.code === 'ECONNREFUSED' ? 'connection refused' : err.message,
        }));
    });
}
async function runWithProbe(opts) {
    const { docker, name, probe } = opts;
    const began = Date.now();
    const what = (0,verify_probe/* describeProbe */.WH)(probe);
    const port = (0,verify_probe/* probePort */.Kd)(probe);
    const quiet = { allowFailure: true, quiet: true, timeoutMs: probe_run_STEP_TIMEOUT_MS };
    let reach;
    // Whether `docker run --detach` returned on its own: a killed one may still make the container.
    let settled = false;
    const finish = async (run) => {
        const logs = await (0,exec/* exec */.m0)(logsArgs(docker, name, 40), quiet);
        await reach?.close().catch(() => undefined);
        await removeMade(docker, name, quiet, settled);
        return { ...run, durationMs: Date.now() - began, output: (0,exec/* tail */.RT)(logs.output, 20) };
    };
    try {
        making(docker, name);
        const started = await (0,exec/* exec */.m0)(runDetachedArgs(docker, name, opts.platform, opts.ref, {
            command: opts.command,
            env: opts.env,
            port,
        }), { allowFailure: true, timeoutMs: probe_run_STEP_TIMEOUT_MS });
        settled = !started.timedOut;
        if (started.exitCode !== 0 || started.timedOut) {
            return await finish({
                ok: false,
                reason: `could not start: ${(0,exec/* tail */.RT)(started.output, 3) || `exit ${started.exitCode}`}`,
            });
        }
        const startedAt = Date.now();
        if (port) {
            const published = parsePublishedPort((await (0,exec/* exec */.m0)(portArgs(docker, name, port), quiet)).stdout);
            // A container that exits at once has no port: the loop below says how it ended.
            if (published)
                reach = await (opts.reachPort ?? reachLocal)(published);
        }
        const deadline = startedAt + opts.timeoutSeconds * 1000;
        let last = 'no answer yet';
        for (;;) {
            const stateRes = await (0,exec/* exec */.m0)(stateArgs(docker, name), quiet);
            let state = {};
            try {
                state = JSON.parse(stateRes.stdout);
            }
            catch {
                // A container that vanished reads as exited below.
            }
            const answer = port && !reach
                ? state.Running
                    ? { state: 'failed', why: `was not published: the engine gave no port for ${port}` }
                    : { state: 'waiting', why: 'the container stopped before its port was published' }
                : await once(state);
            if (answer.state === 'ready')
                return await finish({ ok: true, readyMs: Date.now() - startedAt });
            if (answer.state === 'failed')
                return await finish({ ok: false, reason: `${what} ${answer.why}` });
            last = answer.why;
            if (state.Running === false) {
                const secs = ((Date.now() - startedAt) / 1000).toFixed(1);
                return await finish({
                    ok: false,
                    exitCode: state.ExitCode,
                    reason: `exited with code ${state.ExitCode ?? '?'} after ${secs} s, before answering ${what}`,
                });
            }
            if (Date.now() >= deadline) {
                return await finish({
                    ok: false,
                    reason: `not ready after ${opts.timeoutSeconds} s (last probe of ${what}: ${last})`,
                });
            }
            await new Promise((r) => setTimeout(r, POLL_MS));
        }
    }
    catch (err) {
        return await finish({ ok: false, reason: `probing failed: ${(0,runner_errors/* errorMessage */.gJ)(err)}` });
    }
    async function once(state) {
        switch (probe.kind) {
            case 'http':
                return httpOnce(reach, probe.path);
            case 'tcp':
                return tcpOnce(reach);
            case 'healthcheck':
                return (0,verify_probe/* judgeHealth */.u7)(state);
            case 'log': {
                const logs = await (0,exec/* exec */.m0)(logsArgs(docker, name), quiet);
                return probe.pattern.test(logs.output)
                    ? { state: 'ready' }
                    : { state: 'waiting', why: 'no matching line in the output yet' };
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/runner/progress.ts
const listeners = new Set();
/** Listens until the returned function is called. */
function onProgress(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}
function emit(event) {
    // A listener that throws must never break a build.
    for (const l of listeners) {
        try {
            l(event);
        }
        catch {
            /* presentation only */
        }
    }
}
/** Announces `phase` for these platforms while `work` runs, and passes its result through. */
function during(platforms, phase, work) {
    const all = typeof platforms === 'string' ? [platforms] : platforms;
    for (const platform of all)
        emit({ platform, kind: 'start', phase, at: Date.now() });
    const end = () => {
        for (const platform of all)
            emit({ platform, kind: 'end', phase, at: Date.now() });
    };
    work.then(end, end);
    return work;
}
/** A platform's verdict is known. */
function finished(platform, ok) {
    emit({ platform, kind: 'done', ok, at: Date.now() });
}

;// CONCATENATED MODULE: ./src/verify/smoke.ts
/**
 * Tests one platform of a built image: pull exactly what was pushed, run it
 * under a timeout, and check the architecture of what is inside.
 */











const PULL_TIMEOUT_MS = 10 * 60_000;
/** Reading an image's layers from its registry: as long as a pull may take. */
const LAYERS_TIMEOUT_MS = PULL_TIMEOUT_MS;
const OUTPUT_TAIL_LINES = 20;
/** The options of one run of the smoke tests. */
function smokeOptions(
/** registryTimeoutMs bounds each request for an image's layers (not the layer's bytes). */
inputs, containerPrefix, pull) {
    return {
        containerPrefix,
        smoke: inputs.smoke,
        command: inputs.smokeCommand,
        expect: inputs.smokeExpect,
        timeoutSeconds: inputs.smokeTimeoutSeconds,
        verifyArch: inputs.verifyArch,
        pull,
        probe: inputs.smokeProbe,
        env: inputs.smokeEnv,
        // A pushed image's layers are read from its registry: no pull, no container.
        layers: pull
            ? (t) => registryLayers(t.ref, t.platform, inputs.registryTimeoutMs, AbortSignal.timeout(LAYERS_TIMEOUT_MS))
            : undefined,
    };
}
async function testPlatform(target, opts, index = 0) {
    const p = (0,oci_platform/* formatPlatform */.Bq)(target.platform);
    const result = {
        platform: p,
        digest: target.digest,
        ref: target.ref,
        emulated: target.emulated,
        node: target.node,
        buildDurationMs: target.buildDurationMs,
        smoke: 'skipped',
        ok: true,
        errors: [],
        hints: [],
    };
    const fail = (reason, hint) => {
        result.ok = false;
        result.errors.push(reason);
        if (hint && !result.hints.includes(hint))
            result.hints.push(hint);
    };
    // Pulled once, when the smoke test asks; the architecture check waits for
    // it only when it must read a container (the layers were not readable).
    let pulling;
    const pulled = () => {
        if (!opts.pull)
            return Promise.resolve(true);
        pulling ??= during(p, 'pulling', (0,exec/* exec */.m0)(pullArgs(target.docker, target.platform, target.ref), {
            timeoutMs: PULL_TIMEOUT_MS,
            allowFailure: true,
        })).then((res) => {
            if (res.exitCode === 0 && !res.timedOut)
                return true;
            fail(`could not pull ${target.ref}: ${(0,exec/* tail */.RT)(res.output, 3) || `exit ${res.exitCode}`}`);
            return false;
        });
        return pulling;
    };
    // The index keeps names apart when several images share a platform (check).
    const name = `${opts.containerPrefix}-${index}-${(0,oci_platform/* platformSlug */.DN)(target.platform)}`;
    await Promise.all([
        opts.smoke ? during(p, 'smoke test', smoke()) : Promise.resolve(),
        opts.verifyArch ? during(p, 'arch check', archCheck()) : Promise.resolve(),
    ]);
    return result;
    async function smoke() {
        if (!(await pulled()))
            return;
        if (opts.probe)
            return serve(opts.probe);
        making(target.docker, name);
        const res = await (0,exec/* exec */.m0)(runArgs(target.docker, name, target.platform, target.ref, opts.command, opts.env), {
            timeoutMs: opts.timeoutSeconds * 1000,
            // Killing the docker client leaves the container running: remove it.
            // (Post still looks for it: the client is not dead yet.)
            onTimeout: () => (0,exec/* exec */.m0)(removeArgs(target.docker, name), {
                allowFailure: true,
                quiet: true,
                timeoutMs: 30_000,
            }),
            allowFailure: true,
        });
        ranWithRm(target.docker, name, res);
        result.exitCode = res.timedOut ? undefined : res.exitCode;
        result.durationMs = res.durationMs;
        result.output = (0,exec/* tail */.RT)(res.output, OUTPUT_TAIL_LINES);
        const verdict = judge(res, {
            platform: target.platform,
            emulated: target.emulated,
            timeoutSeconds: opts.timeoutSeconds,
            expect: opts.expect,
        });
        result.smoke = verdict.ok ? 'passed' : 'failed';
        if (!verdict.ok)
            fail(verdict.reason ?? 'failed', verdict.hint);
    }
    async function serve(probe) {
        const run = await runWithProbe({
            docker: target.docker,
            name,
            platform: target.platform,
            ref: target.ref,
            command: opts.command,
            env: opts.env,
            probe,
            timeoutSeconds: opts.timeoutSeconds,
            reachPort: target.reachPort,
        });
        result.exitCode = run.exitCode;
        result.durationMs = run.durationMs;
        result.readyMs = run.readyMs;
        result.output = run.output;
        result.smoke = run.ok ? 'passed' : 'failed';
        if (!run.ok) {
            const execFormat = /exec format error/i.test(run.output);
            fail(execFormat
                ? `exec format error: the ${p} image holds an executable that ${target.platform.architecture} machines cannot run`
                : (run.reason ?? 'not ready'), execFormat ? EXEC_FORMAT_HINT : undefined);
        }
    }
    async function archCheck() {
        const layersOf = opts.layers;
        try {
            const arch = await verifyArchitecture(target.docker, target.platform, target.ref, `${name}-scan`, {
                layers: layersOf && (() => layersOf(target)),
                ready: async () => {
                    if (!(await pulled()))
                        throw new PullFailed();
                },
            });
            result.arch = arch.report;
            for (const e of arch.errors)
                fail(e);
            for (const h of arch.hints)
                if (!result.hints.includes(h))
                    result.hints.push(h);
        }
        catch (err) {
            // The pull's failure is said once, by the pull.
            if (err instanceof PullFailed)
                return;
            // A check that could not read the image must not pass silently.
            fail(`the architecture check could not read the image: ${(0,runner_errors/* errorMessage */.gJ)(err)}`);
        }
    }
}
/** The image could not be pulled, which the pull has said already. */
class PullFailed extends Error {
}
/** Tests every platform side by side; a platform that throws fails alone. */
async function testAll(targets, opts) {
    const results = await Promise.all(targets.map((t, i) => testPlatform(t, opts, i).catch((err) => ({
        platform: (0,oci_platform/* formatPlatform */.Bq)(t.platform),
        digest: t.digest,
        ref: t.ref,
        emulated: t.emulated,
        node: t.node,
        buildDurationMs: t.buildDurationMs,
        smoke: 'failed',
        ok: false,
        errors: [(0,runner_errors/* errorMessage */.gJ)(err)],
        hints: [],
    }))));
    for (const r of results)
        finished(r.platform, r.ok);
    // The runs overlap, so their output is printed per platform afterwards.
    // An image under test may print anything: its output is shown as text only.
    for (const r of results.filter((x) => x.output !== undefined)) {
        const exit = r.exitCode !== undefined ? `, exit ${r.exitCode}` : '';
        log/* log */.Rm.info(`── ${r.platform} (${r.smoke}${exit}) ──`);
        log/* log */.Rm.verbatim(r.output);
    }
    return results;
}

;// CONCATENATED MODULE: ./src/verify/emulate-and-test.ts
/**
 * The flow of every action that runs images: set up the emulators the
 * emulated platforms need on the runner's engine, then test every platform.
 * The build action builds in between, so the two steps are apart.
 */





function ensure(need, platforms) {
    return ensureEmulation({
        docker: ['docker'],
        native: need.native,
        platforms,
        qemuImage: need.qemuImage,
    });
}
/**
 * Every emulated platform at once, in the `QEMU emulation` group; a platform
 * left without an emulator fails the run. Nothing, and no group, when none is
 * emulated.
 */
async function setUpEmulation(need) {
    if (need.emulated.length === 0)
        return;
    await log/* log */.Rm.group('QEMU emulation', () => ensure(need, need.emulated));
}
/**
 * Each emulated platform's emulator on its own, so that a platform that
 * cannot run here fails alone: what is left without one, by platform, and why.
 */
async function setUpEachEmulator(need) {
    const noEmulator = new Map();
    for (const p of need.emulated) {
        try {
            await ensure(need, [p]);
        }
        catch (err) {
            noEmulator.set((0,oci_platform/* formatPlatform */.Bq)(p), (0,runner_errors/* errorMessage */.gJ)(err));
        }
    }
    return noEmulator;
}
/** Every platform side by side, in the `Smoke test every platform` group. */
function testEveryPlatform(targets, options) {
    return log/* log */.Rm.group('Smoke test every platform', () => testAll(targets, options));
}

;// CONCATENATED MODULE: ./src/engine/digests.ts


/**
 * Records a pushed digest as an empty file named after it, the layout the
 * matrix recipe uploads as an artifact and the merge sub-action reads back.
 */
async function writeDigestFile(dir, digest) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, digest.replace(/^sha256:/, ''));
    await (0,promises_.writeFile)(file, '');
    return file;
}

// EXTERNAL MODULE: ./src/docker/endpoint.ts
var docker_endpoint = __webpack_require__(7815);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/docker/ssh.ts
/**
 * A private ssh setup for reaching nodes, that leaves ~/.ssh alone.
 *
 * The docker CLI runs `ssh` from PATH for ssh:// endpoints, and OpenSSH reads
 * ~/.ssh from the passwd entry, not from $HOME. So the action writes its own
 * config, key and known_hosts under RUNNER_TEMP (mode 0600) and puts a
 * two-line `ssh` wrapper that adds `-F <config>` first on PATH for the docker
 * commands it starts.
 */



// Paths end up inside the wrapper script and the ssh config: allow only
// characters that need no quoting in either.
const SAFE_PATH = /^\/[\w./-]+$/;
function sshPaths(dir, controlDir) {
    return {
        dir,
        controlDir,
        config: (0,external_node_path_.join)(dir, 'ssh_config'),
        key: (0,external_node_path_.join)(dir, 'id_node'),
        knownHosts: (0,external_node_path_.join)(dir, 'known_hosts'),
        binDir: (0,external_node_path_.join)(dir, 'bin'),
    };
}
// A unix socket path has at most 107 bytes. %C expands to 40 characters, and
// ssh adds a 17-character suffix while it creates the socket.
const MAX_CONTROL_PATH = 107;
const CONTROL_PATH_GROWTH = 40 - 2 + 17;
const CONNECT_TIMEOUT_SECONDS = 15;
function sshConfigText(files, acceptNewHostKeys) {
    const controlPath = `${files.controlDir}/%C`;
    const shared = controlPath.length + CONTROL_PATH_GROWTH <= MAX_CONTROL_PATH;
    return [
        'Host *',
        `  IdentityFile ${files.key}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${files.knownHosts}`,
        '  GlobalKnownHostsFile /dev/null',
        // Checked strictly unless the user asked to trust new hosts on first use.
        `  StrictHostKeyChecking ${acceptNewHostKeys ? 'accept-new' : 'yes'}`,
        '  BatchMode yes',
        '  ServerAliveInterval 15',
        '  ServerAliveCountMax 4',
        // The docker CLI opens a new ssh connection per command (a build opens
        // about ten); sharing one per node halves each command's time.
        ...(shared
            ? ['  ControlMaster auto', `  ControlPath ${controlPath}`, '  ControlPersist 60']
            : []),
        '',
    ].join('\n');
}
/**
 * The docker CLI passes its own `-o ConnectTimeout=30`, which beats the config
 * file; ssh keeps the first value of an option, so ours goes before "$@".
 */
function wrapperScript(realSsh, config) {
    return `#!/bin/sh\nexec ${realSsh} -F ${config} -o ConnectTimeout=${CONNECT_TIMEOUT_SECONDS} "$@"\n`;
}
/** Finds the real ssh on PATH, skipping our own wrapper directory. */
function findSsh(pathEnv, exists, skip) {
    for (const dir of pathEnv.split(external_node_path_.delimiter)) {
        if (!dir || dir === skip)
            continue;
        const candidate = (0,external_node_path_.join)(dir, 'ssh');
        if (exists(candidate))
            return candidate;
    }
    return undefined;
}
async function writeSshFiles(dir, opts) {
    // RUNNER_TEMP paths can be too long for a socket: the sockets get a short dir.
    const files = sshPaths(dir, await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'mcm-')));
    for (const p of [files.config, opts.realSsh]) {
        if (!SAFE_PATH.test(p)) {
            throw new Error(`cannot set up ssh: the path ${JSON.stringify(p)} has characters the ssh wrapper cannot carry; set RUNNER_TEMP to a plain path`);
        }
    }
    await (0,promises_.mkdir)(files.binDir, { recursive: true, mode: 0o700 });
    const secret = { mode: 0o600 };
    // OpenSSH refuses a key without its final newline, which secrets often lose.
    await (0,promises_.writeFile)(files.key, `${(opts.privateKey ?? '').trim()}\n`, secret);
    await (0,promises_.writeFile)(files.knownHosts, opts.knownHosts ? `${opts.knownHosts.trim()}\n` : '', secret);
    await (0,promises_.writeFile)(files.config, sshConfigText(files, opts.acceptNewHostKeys), secret);
    const wrapper = (0,external_node_path_.join)(files.binDir, 'ssh');
    await (0,promises_.writeFile)(wrapper, wrapperScript(opts.realSsh, files.config), { mode: 0o700 });
    await (0,promises_.chmod)(wrapper, 0o700);
    return files;
}
function targetArgs(t) {
    return [...(t.port ? ['-p', String(t.port)] : []), ...(t.user ? ['-l', t.user] : []), t.host];
}
/**
 * Asks the node's shared connection (ControlMaster) to forward a port of this
 * machine's loopback to a port on the node's loopback, or to stop doing so.
 */
function sshForwardArgs(ssh, target, op, localPort, remotePort) {
    return [
        ssh.realSsh,
        '-F',
        ssh.config,
        '-O',
        op,
        '-L',
        `127.0.0.1:${localPort}:127.0.0.1:${remotePort}`,
        ...targetArgs(target),
    ];
}
/** Opens (or reuses) the node's shared connection: a no-op command through it. */
function sshMasterArgs(ssh, target) {
    return [ssh.realSsh, '-F', ssh.config, ...targetArgs(target), 'true'];
}

;// CONCATENATED MODULE: ./src/engine/nodes/reach.ts
/**
 * How a probe reaches a port a node's container published on the node's own
 * loopback: an ssh node through the action's shared ssh connection (a local
 * forward), a unix:// node directly (it is this machine), a tcp:// node not at
 * all (its loopback is out of reach), said clearly.
 */





const SSH_TIMEOUT_MS = 30_000;
function freeLocalPort() {
    return new Promise((resolve, reject) => {
        const srv = (0,external_node_net_.createServer)();
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
        });
    });
}
function sshReach(ssh, target, node) {
    return async (remotePort) => {
        const local = await freeLocalPort();
        const opts = { timeoutMs: SSH_TIMEOUT_MS, allowFailure: true, quiet: true };
        let res = await (0,exec/* exec */.m0)(sshForwardArgs(ssh, target, 'forward', local, remotePort), opts);
        if (res.exitCode !== 0) {
            // The shared connection may have timed out (ControlPersist): open it again.
            await (0,exec/* exec */.m0)(sshMasterArgs(ssh, target), opts);
            res = await (0,exec/* exec */.m0)(sshForwardArgs(ssh, target, 'forward', local, remotePort), opts);
        }
        if (res.exitCode !== 0) {
            throw new Error(`could not forward a local port to port ${remotePort} on node ${node} over ssh: ${(0,exec/* tail */.RT)(res.output, 3)}`);
        }
        return {
            host: '127.0.0.1',
            port: local,
            close: async () => {
                await (0,exec/* exec */.m0)(sshForwardArgs(ssh, target, 'cancel', local, remotePort), opts);
            },
        };
    };
}
/** The way to reach each node's published ports, by node name (its endpoint). */
function reachByNode(nodes, ssh) {
    return (node) => {
        const spec = nodes.find((n) => (0,docker_endpoint/* formatEndpoint */.T0)(n.endpoint) === node);
        if (!spec)
            return undefined; // the runner's own engine
        const e = spec.endpoint;
        if (e.scheme === 'unix')
            return reachLocal;
        if (e.scheme === 'ssh') {
            if (!ssh) {
                return () => Promise.reject(new Error(`smoke-probe on ssh node ${node} needs the action's own ssh connection: give ssh-private-key (and ssh-known-hosts)`));
            }
            return sshReach(ssh, { user: e.user, host: e.host, port: e.port }, node);
        }
        return () => Promise.reject(new Error(`a port published on tcp:// node ${node} is on that machine's loopback, out of the runner's reach. Use an ssh:// node to probe a server, or drop smoke-probe`));
    };
}

// EXTERNAL MODULE: ./src/runner/inputs.ts
var runner_inputs = __webpack_require__(9205);
// EXTERNAL MODULE: ./src/docker/buildx.ts
var buildx = __webpack_require__(7890);
;// CONCATENATED MODULE: ./src/engine/plan/shapes.ts
/** The shapes of a plan, and the small pure helpers every planner uses. */



/** Tag for images loaded without a registry when the user gave none. */
function defaultLocalTag(context) {
    const base = external_node_path_default().basename(external_node_path_default().resolve(context))
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-');
    const name = base.replace(/^[._-]+|[._-]+$/g, '') || 'image';
    return `multiarch-local/${name}:latest`;
}
/**
 * A tag for some platforms of an image: `api:1.5` → `api:1.5-linux-arm64`.
 * Per-platform loads use it so they don't overwrite each other, and fanout
 * pushes each engine's part under it.
 */
function partTag(tag, platforms) {
    const ref = (0,oci_reference/* parseImageRef */.Q)(tag);
    const suffixed = `${ref.tag ?? 'latest'}-${platforms.map(oci_platform/* platformSlug */.DN).join('-')}`;
    return `${(0,oci_reference/* repository */.Jk)(ref)}:${suffixed.slice(0, 128)}`;
}
/** The runner's own engine, building every platform no node claims. */
function localWorker(engine, platforms) {
    return {
        ...engine,
        name: 'local',
        docker: ['docker'],
        context: 'default',
        platforms,
        remote: false,
    };
}
/**
 * A builder on buildx's docker driver builds several platforms into one
 * image only with the containerd image store; with the classic store buildx
 * refuses ("Multi-platform build is not supported for the docker driver").
 */
function checkMultiPlatform(w, driver) {
    if (w.platforms.length < 2 || w.containerdStore || (driver !== undefined && driver !== 'docker'))
        return;
    const where = w.remote ? `Node ${w.name}` : "The runner's engine";
    throw new Error(`${where} cannot build ${w.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')} in one build: its builder uses buildx's docker driver and the engine keeps one platform per image (no containerd image store). ` +
        'Fix: add docker/setup-buildx-action before this step (a docker-container builder), or turn on the containerd image store ({"features":{"containerd-snapshotter":true}} in /etc/docker/daemon.json).');
}
/**
 * Annotations for a part of an image (some platforms of a fanout, or one
 * platform loaded alone) and for the index merged from the parts. buildx
 * refuses index-level annotations on a single-platform export, so those wait
 * for the merge, where `imagetools create` sets the index and
 * manifest-descriptor ones; manifest annotations stay with each part.
 */
function splitAnnotations(annotations) {
    const out = { part: [], merged: [], dropped: [] };
    for (const a of annotations) {
        const m = /^([a-z-]+(?:,[a-z-]+)*)(\[[^\]]*\])?:([\w.-]+=[\s\S]*)$/.exec(a);
        if (!m) {
            out.part.push(a);
            continue;
        }
        const [, list = '', filter = '', rest = ''] = m;
        const types = list.split(',');
        const manifest = types.filter((t) => t === 'manifest');
        if (manifest.length > 0)
            out.part.push(`manifest${filter}:${rest}`);
        if (types.includes('index'))
            out.merged.push(`index:${rest}`);
        if (types.includes('manifest-descriptor'))
            out.merged.push(`manifest-descriptor${filter}:${rest}`);
        if (types.includes('index-descriptor'))
            out.dropped.push(a);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/plan/context.ts
/** What every planner shares: the request, the workers, and how to make a build step. Pure. */






/** The push target of a request; the input parser guarantees a tag whenever push is on. */
function pushTargetOf(inputs) {
    if (!inputs.push)
        return undefined;
    const [tag] = inputs.tags;
    if (!tag)
        throw new Error('a push needs at least one tag');
    return { tag, repository: (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(tag)) };
}
function planContext(inputs, workers, opts) {
    const notes = [];
    const workerOf = (p) => {
        const w = workers.find((x) => x.platforms.some((q) => (0,oci_platform/* formatPlatform */.Bq)(q) === (0,oci_platform/* formatPlatform */.Bq)(p)));
        if (!w)
            throw new Error(`no engine builds ${(0,oci_platform/* formatPlatform */.Bq)(p)}`);
        return w;
    };
    const local = workers.find((w) => !w.remote);
    for (const w of workers.filter((x) => x.remote)) {
        const foreign = w.platforms.filter((p) => isEmulated(w.native, p));
        if (foreign.length > 0) {
            notes.push(`Node ${w.name} is ${(0,oci_platform/* formatPlatform */.Bq)(w.native)}: ${foreign.map(oci_platform/* formatPlatform */.Bq).join(', ')} will be emulated there, not native.`);
        }
    }
    const push = pushTargetOf(inputs);
    const [firstTag, ...moreTags] = inputs.tags;
    // A part of the image (some of its platforms) takes only its manifests' annotations.
    const partAnnotations = splitAnnotations(inputs.annotations ?? []).part;
    let counter = 0;
    return {
        inputs,
        workers,
        opts,
        push,
        emulated: local ? local.platforms.filter((p) => isEmulated(local.native, p)) : [],
        localTags: firstTag ? [firstTag, ...moreTags] : [defaultLocalTag(inputs.context)],
        notes,
        step(on, platforms, tags, output, builder = inputs.builder) {
            const metadataFile = external_node_path_default().join(opts.tempDir, `metadata-${++counter}.json`);
            const name = output === 'push-by-digest' ? push?.repository : undefined;
            const part = platforms.length < inputs.platforms.length;
            const argv = (0,buildx/* buildArgs */.CH)({ ...inputs, builder, annotations: part ? partAnnotations : inputs.annotations }, { docker: on.docker, platforms, tags, output, name, metadataFile, progress: opts.progress });
            return { worker: on.name, platforms, tags, metadataFile, argv };
        },
        target(p, ref) {
            const w = workerOf(p);
            return {
                platform: p,
                emulated: isEmulated(w.native, p),
                ref,
                docker: w.docker,
                node: w.name,
            };
        },
    };
}
/** Load steps for one engine: one multi-platform image, or one tag per platform on the classic store. */
function loadSteps(ctx, w) {
    const tags = ctx.localTags;
    if (w.containerdStore || w.platforms.length === 1) {
        return {
            builds: [ctx.step(w, w.platforms, tags, 'load')],
            targets: w.platforms.map((p) => ctx.target(p, tags[0])),
            perPlatform: false,
        };
    }
    return {
        builds: w.platforms.map((p) => ctx.step(w, [p], tags.map((t) => partTag(t, [p])), 'load')),
        targets: w.platforms.map((p) => ctx.target(p, partTag(tags[0], [p]))),
        perPlatform: true,
    };
}

;// CONCATENATED MODULE: ./src/engine/plan/local.ts
/** The plan when the runner's own engine builds every platform: push, push by digest, or load. Pure. */



function planLocal(ctx, w) {
    if (ctx.push)
        return planLocalPush(ctx, w, ctx.push);
    const all = ctx.inputs.platforms;
    const load = loadSteps(ctx, w);
    ctx.notes.push(load.perPlatform
        ? 'The engine keeps one platform per tag (no containerd image store): loading each platform under its own tag.'
        : all.length === 1
            ? `Loading ${ctx.localTags[0]} locally.`
            : `The engine uses the containerd image store: loading one multi-platform image ${ctx.localTags[0]}.`);
    return {
        mode: load.perPlatform ? 'load-per-platform' : 'load',
        emulated: ctx.emulated,
        builds: load.builds,
        targets: load.targets,
        notes: ctx.notes,
    };
}
function planLocalPush(ctx, w, push) {
    const { inputs, opts, notes } = ctx;
    const all = inputs.platforms;
    const names = all.map(oci_platform/* formatPlatform */.Bq).join(', ');
    checkMultiPlatform(w, opts.builderDriver);
    const base = {
        repository: push.repository,
        emulated: ctx.emulated,
        targets: all.map((p) => ctx.target(p)),
        notes,
    };
    // buildx's docker driver refuses push-by-digest; every other driver takes it.
    const byDigest = opts.builderDriver !== undefined && opts.builderDriver !== 'docker';
    if (inputs.pushByDigest) {
        // There the platform tag stands in, and the digest is what the step
        // reports either way.
        notes.push(byDigest
            ? `Pushing ${names} to ${push.repository} by digest, without a tag.`
            : `The ${opts.builderDriver ?? 'current'} builder cannot push by digest: pushing ${names} as ${partTag(push.tag, all)} and reporting its digest.`);
        const build = byDigest
            ? ctx.step(w, all, [], 'push-by-digest')
            : ctx.step(w, all, [partTag(push.tag, all)], 'push');
        return { mode: 'push', builds: [build], ...base };
    }
    if (inputs.publish === 'always') {
        notes.push(`Pushing ${names} as ${inputs.tags.join(', ')} before testing (publish: always).`);
        return { mode: 'push', builds: [ctx.step(w, all, inputs.tags, 'push')], ...base };
    }
    if (byDigest) {
        notes.push(`Pushing ${names} to ${push.repository} by digest; ${inputs.tags.join(', ')} will be written only once every platform passed.`);
        return {
            mode: 'push',
            builds: [ctx.step(w, all, [], 'push-by-digest')],
            gate: { kind: 'registry', tags: inputs.tags },
            ...base,
        };
    }
    const candidate = candidateTag(push, opts.runId);
    notes.push(`The ${opts.builderDriver ?? 'current'} builder (buildx's docker driver) cannot push by digest: loading ${names} as ${candidate}, then pushing ${inputs.tags.join(', ')} only once every platform passed.`);
    return {
        mode: 'load-then-push',
        repository: push.repository,
        emulated: ctx.emulated,
        builds: [ctx.step(w, all, [candidate], 'load')],
        targets: all.map((p) => ctx.target(p, candidate)),
        notes,
        gate: { kind: 'engine', candidate, tags: inputs.tags, classic: !w.containerdStore },
    };
}
/** The local name a gated docker-driver build is loaded under: in the user's repository, unique to the run. */
function candidateTag(push, runId = 'run') {
    return `${push.repository}:${runId}-candidate`;
}

;// CONCATENATED MODULE: ./src/engine/plan/nodes.ts
/**
 * The plan with nodes: `append` (one builder spanning every engine, one push)
 * or `fanout` (each engine builds its own platforms, pushed or loaded). Pure.
 */



function describeWorkers(ctx) {
    return ctx.workers
        .map((w) => `${w.name}: ${w.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')}`)
        .join('; ');
}
function planNodes(ctx) {
    const { inputs, opts, notes, push } = ctx;
    const all = inputs.platforms;
    if (opts.strategy === 'append') {
        if (!opts.builder)
            throw new Error('append needs a builder name');
        if (!push)
            throw new Error('append only pushes');
        notes.push(`One builder (${opts.builder}) spans ${describeWorkers(ctx)}.`);
        // The builder reaches every node itself; the build runs from the runner's CLI.
        const runner = { name: opts.builder, docker: ['docker'] };
        // Its docker-container driver pushes by digest: the tags wait for the tests.
        const gated = inputs.publish === 'on-success';
        return {
            mode: 'push',
            repository: push.repository,
            emulated: ctx.emulated,
            builds: [
                gated
                    ? ctx.step(runner, all, [], 'push-by-digest', opts.builder)
                    : ctx.step(runner, all, inputs.tags, 'push', opts.builder),
            ],
            gate: gated ? { kind: 'registry', tags: inputs.tags } : undefined,
            targets: all.map((p) => ctx.target(p)),
            notes,
        };
    }
    notes.push(`Each engine builds its own platforms: ${describeWorkers(ctx)}.`);
    if (push) {
        const annotations = splitAnnotations(inputs.annotations ?? []);
        const merged = annotations.merged.length > 0 ? { annotations: annotations.merged } : {};
        if (annotations.dropped.length > 0)
            notes.push(`annotations: ${annotations.dropped.join(', ')} left out: an index descriptor exists only in an OCI layout, not in the merged index.`);
        // Nodes build with their own default (docker-driver) builders.
        for (const w of ctx.workers)
            checkMultiPlatform(w, w.remote ? 'docker' : opts.builderDriver);
        return {
            mode: 'fanout-push',
            repository: push.repository,
            emulated: ctx.emulated,
            // buildx's docker driver cannot push by digest, so each engine pushes
            // under its platforms' tag (the same every run: nothing piles up), and
            // the merge then names every part by digest.
            builds: ctx.workers.map((w) => ctx.step(w, w.platforms, [partTag(push.tag, w.platforms)], 'push')),
            targets: all.map((p) => ctx.target(p)),
            notes,
            // The parts are tested first; the index under the tags is made from them after.
            gate: inputs.publish === 'on-success'
                ? { kind: 'fanout', tags: inputs.tags, ...merged }
                : undefined,
            mergeAnnotations: merged.annotations,
        };
    }
    const loads = ctx.workers.map((w) => loadSteps(ctx, w));
    const byPlatform = new Map(loads.flatMap((l) => l.targets).map((t) => [(0,oci_platform/* formatPlatform */.Bq)(t.platform), t]));
    return {
        mode: 'fanout-load',
        emulated: ctx.emulated,
        builds: loads.flatMap((l) => l.builds),
        targets: all.map((p) => {
            const t = byPlatform.get((0,oci_platform/* formatPlatform */.Bq)(p));
            if (!t)
                throw new Error(`no engine loads ${(0,oci_platform/* formatPlatform */.Bq)(p)}`);
            return t;
        }),
        notes,
    };
}

;// CONCATENATED MODULE: ./src/engine/plan/index.ts
/**
 * Decides what a run will do, from the request and what the engines can do.
 * Pure: everything here is unit-tested; execution lives elsewhere.
 */





/**
 * The plan for a run: one local engine (push, push by digest, or load), or
 * nodes (append or fanout). Each shape is planned in its own module.
 */
function planRun(inputs, workers, opts) {
    const ctx = planContext(inputs, workers, opts);
    const only = workers[0];
    const plan = workers.length === 1 && only && !only.remote ? planLocal(ctx, only) : planNodes(ctx);
    const outputs = inputs.outputs ?? [];
    if (outputs.length > 0 && plan.builds.length > 1) {
        throw new runner_inputs/* InputError */.dz('outputs', outputs.join('\n'), `would be written by ${plan.builds.length} builds at once: this run builds the image in parts (${plan.mode})`, plan.mode === 'load-per-platform'
            ? 'Turn on the containerd image store, push, or use a docker-container builder (docker/setup-buildx-action), so one build makes every platform; or drop outputs.'
            : 'Build without nodes for outputs, or drop outputs.');
    }
    return plan;
}

// EXTERNAL MODULE: ./src/engine/session/index.ts + 11 modules
var engine_session = __webpack_require__(8968);
;// CONCATENATED MODULE: ./src/engine/nodes/builder.ts
/** The `append` strategy's builder: one buildx builder spanning every worker. */


const CREATE_TIMEOUT_MS = 60_000;
const BOOTSTRAP_TIMEOUT_MS = 180_000;
/**
 * Creates the builder on the first worker's context, appends the others, and
 * starts every node's BuildKit. Returns why it could not, instead of throwing,
 * so `auto` can fall back to fanout.
 */
async function createBuilder(name, workers, settings) {
    const [first, ...rest] = workers;
    if (!first)
        return { ok: false, reason: 'no engines to build on' };
    const steps = [
        (0,buildx/* builderCreateArgs */.RW)(name, first.context, first.platforms, settings),
        ...rest.map((w) => (0,buildx/* builderAppendArgs */.jr)(name, w.context, w.platforms, settings)),
    ];
    for (const argv of steps) {
        const res = await (0,exec/* exec */.m0)(argv, { timeoutMs: CREATE_TIMEOUT_MS, allowFailure: true });
        if (res.exitCode !== 0 || res.timedOut)
            return { ok: false, reason: (0,exec/* tail */.RT)(res.output, 5) || `exit ${res.exitCode}` };
    }
    const boot = await (0,exec/* exec */.m0)((0,buildx/* builderBootstrapArgs */.fe)(name), {
        timeoutMs: BOOTSTRAP_TIMEOUT_MS,
        allowFailure: true,
        stream: true,
    });
    if (boot.exitCode !== 0 || boot.timedOut) {
        return {
            ok: false,
            reason: boot.timedOut ? 'BuildKit did not start within 180 s' : (0,exec/* tail */.RT)(boot.output, 5),
        };
    }
    const down = (0,buildx/* parseBuilderNodes */.kn)(boot.stdout).filter((n) => n.status !== 'running');
    if (down.length > 0) {
        // The node's own error is in the boot log (e.g. it could not pull BuildKit).
        const errors = boot.output
            .split('\n')
            .filter((l) => /ERROR/.test(l))
            .slice(-3)
            .join('\n');
        return {
            ok: false,
            reason: `${down.map((n) => `node ${n.name}${n.endpoint ? ` (${n.endpoint})` : ''} is ${n.status}${n.error ? `: ${n.error}` : ''}`).join('; ')}${errors ? `\n${errors}` : ''}`,
        };
    }
    return { ok: true };
}
async function removeBuilder(name) {
    await (0,exec/* exec */.m0)((0,buildx/* builderRemoveArgs */.LV)(name), { timeoutMs: CREATE_TIMEOUT_MS, allowFailure: true });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/docker/contexts.ts
var docker_contexts = __webpack_require__(2890);
;// CONCATENATED MODULE: ./src/engine/nodes/dial.ts
/**
 * What a plain TCP connection to a tcp:// node says. The docker CLI reports
 * every failure there as "Cannot connect to the Docker daemon … Is the docker
 * daemon running?"; the socket error names the real cause (refused, no route,
 * unknown host).
 */

const DIAL_TIMEOUT_MS = 5_000;
/** The socket error of connecting to host:port, as text; undefined when it connects. */
function dialError(host, port) {
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.connect)({ host, port });
        const done = (why) => {
            socket.destroy();
            resolve(why);
        };
        socket.setTimeout(DIAL_TIMEOUT_MS, () => done(`dial tcp ${host}:${port}: i/o timeout`));
        socket.once('connect', () => done(undefined));
        socket.once('error', (err) => {
            const words = {
                ECONNREFUSED: 'connect: connection refused',
                ENOTFOUND: 'no such host',
                EHOSTUNREACH: 'No route to host',
            };
            done(`dial tcp ${host}:${port}: ${(err.code && words[err.code]) ?? err.message}`);
        });
    });
}

;// CONCATENATED MODULE: ./src/docker/ssh-diagnosis.ts
/** Printed by the remote shell before anything else: proof that the shell started and answers. */
const SHELL_MARK = 'multiarch-node-shell-ok';
/** Printed when `docker` is not on the remote PATH. */
const NO_DOCKER_MARK = 'multiarch-node-no-docker';
/** Printed before the engine's own answer. */
const ENGINE_MARK = 'multiarch-node-engine';
/**
 * A mark as the probe writes it: an empty '' inside, so that the command text
 * itself (which `ssh -v` echoes as "Sending command: …") never contains the
 * mark; only the shell's output does.
 */
const spoken = (mark) => mark.replace('-', "-''");
/**
 * The command the node's login shell runs. A fixed text with no input in it:
 * ssh hands the remote side one string whatever the client does, and this
 * one is plain POSIX sh, which every login shell that can run docker's
 * `dial-stdio` also understands.
 */
const PROBE_COMMAND = [
    `echo ${spoken(SHELL_MARK)}`,
    `command -v docker >/dev/null 2>&1 || { echo ${spoken(NO_DOCKER_MARK)}; exit 127; }`,
    `echo ${spoken(ENGINE_MARK)} "$(docker version --format '{{.Server.Os}}/{{.Server.Arch}}' 2>&1)"`,
].join('; ');
/** How long the probe waits for the node's shell, and then for its docker, before calling it silent. */
const SILENT_SECONDS = 15;
/**
 * ssh with the action's config (when it wrote one), verbose, on a connection
 * of its own: a shared ControlMaster would skip the very phases being looked at.
 */
function sshProbeArgs(ssh, target, connectTimeoutSeconds) {
    return [
        ssh.realSsh,
        ...(ssh.config ? ['-F', ssh.config] : []),
        '-v',
        '-T',
        '-o',
        'BatchMode=yes',
        '-o',
        'ControlMaster=no',
        '-o',
        'ControlPath=none',
        '-o',
        `ConnectTimeout=${connectTimeoutSeconds}`,
        ...(target.port ? ['-p', String(target.port)] : []),
        ...(target.user ? ['-l', target.user] : []),
        target.host,
        PROBE_COMMAND,
    ];
}
function target(t) {
    return `${t.user ? `${t.user}@` : ''}${t.host}${t.port ? ` -p ${t.port}` : ''}`;
}
/** ssh's own lines, without its debug chatter: what a person would have seen. */
function sshWords(stderr) {
    return (stderr
        .split('\n')
        .map((l) => l.trimEnd())
        // Our own stop of a silent probe is no evidence of anything.
        .filter((l) => l && !/^debug\d:|^OpenSSH_|^Killed by signal/.test(l)));
}
const HOST_KEY = /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key is known|Host key for .* has changed/i;
const AUTH = /Permission denied|Too many authentication failures|Authentication failed/i;
const DNS = /Could not resolve hostname|Name or service not known|Temporary failure in name resolution/i;
const REFUSED = /Connection refused/i;
const CONNECT_TIMEOUT = /connect to host .* (timed out|No route to host)|Connection timed out/i;
// OpenSSH 8+ prints it at -v without the debug1 prefix; older ones with it.
const AUTHENTICATED = /^(debug1: )?Authenticated to /m;
const ENGINE_DOWN = /Cannot connect to the Docker daemon|Is the docker daemon running|permission denied while trying to connect|error during connect/i;
/** Reads one `ssh -v` run of PROBE_COMMAND. */
function readSshProbe(t, probe) {
    const words = sshWords(probe.stderr);
    const evidence = words.slice(-4);
    const out = probe.stdout;
    const n = probe.waitedSeconds;
    const by = target(t);
    if (HOST_KEY.test(probe.stderr)) {
        return {
            phase: 'host key',
            what: 'ssh reached the node, but its host key is not the one in ssh-known-hosts',
            fix: 'Check the key with ssh-keyscan and update ssh-known-hosts (or, to trust on first use, set ssh-accept-new-host-keys: true).',
            evidence,
        };
    }
    if (DNS.test(probe.stderr) || REFUSED.test(probe.stderr) || CONNECT_TIMEOUT.test(probe.stderr)) {
        return {
            phase: 'tcp',
            what: 'ssh could not open a TCP connection to the node',
            fix: 'Check the host and port in "nodes", and that sshd runs there and the firewall lets the port through.',
            evidence,
        };
    }
    if (AUTH.test(probe.stderr) && !AUTHENTICATED.test(probe.stderr)) {
        return {
            phase: 'auth',
            what: 'the node refused the key (authentication failed)',
            fix: `Check ssh-private-key and the user in "nodes", and that the public key is in that user's authorized_keys on the node (try: ssh ${by} true).`,
            evidence,
        };
    }
    if (!out.includes(SHELL_MARK)) {
        if (AUTHENTICATED.test(probe.stderr) && probe.timedOut) {
            return {
                phase: 'silent shell',
                what: `ssh authenticated, but the remote command stayed silent for ${n} s: the node's login shell never got to run it`,
                fix: "The usual causes are a slow login shell on the node (the ssh user's ~/.bashrc or profile runs something slow or waits on a lock: pyenv, conda or nvm init, a network mount) " +
                    `or a ForceCommand there. Time it by hand (time ssh ${by} true), and make that user's shell start fast: e.g. a build user whose shell is /bin/sh, or start-up files that return early when not interactive.`,
                evidence,
            };
        }
        if (probe.timedOut) {
            return {
                phase: 'tcp',
                what: `ssh got no further than the connection within ${n} s: the node accepted TCP but never completed the ssh handshake`,
                fix: 'Check that the port in "nodes" is sshd\'s (not another service), and that nothing between runner and node holds the connection open.',
                evidence,
            };
        }
        return {
            phase: AUTHENTICATED.test(probe.stderr) ? 'silent shell' : 'auth',
            what: AUTHENTICATED.test(probe.stderr)
                ? `ssh authenticated, but the node's login shell exited (${probe.exitCode}) without running the command`
                : `ssh exited (${probe.exitCode}) before the node ran any command`,
            fix: `Run ssh ${by} true by hand to see why; the user's shell on the node must be able to run commands (not nologin).`,
            evidence,
        };
    }
    if (out.includes(NO_DOCKER_MARK)) {
        return {
            phase: 'no docker',
            what: "ssh and the node's shell work, but docker is not on the PATH of ssh sessions there",
            fix: 'Install the docker CLI on the node, or put its directory on the PATH that non-interactive ssh sessions get (sshd SetEnv PATH=…, or /etc/environment).',
            evidence: [],
        };
    }
    const at = out.indexOf(ENGINE_MARK);
    if (at < 0) {
        return {
            phase: 'silent docker',
            what: `ssh and the node's shell work, but the node's docker CLI did not answer within ${n} s`,
            fix: "Check the node's engine (docker version, as that user): a hung dockerd, or a DOCKER_HOST or docker context there that points at an engine that does not answer.",
            evidence: [],
        };
    }
    // Everything docker said: on failure its template line comes out empty and the error follows.
    const answer = out
        .slice(at + ENGINE_MARK.length)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n');
    if (/^[a-z0-9]+\/[a-z0-9]+$/.test(answer)) {
        return {
            phase: 'ok',
            what: `the node answers over ssh now (its engine is ${answer})`,
            fix: "The docker CLI's own connection failed nonetheless; run the step again, and if it fails again, check the node's sshd logs.",
            evidence: [],
        };
    }
    return {
        phase: 'engine',
        what: "ssh and docker on the node work, but the node's Docker engine does not answer",
        fix: ENGINE_DOWN.test(answer)
            ? 'Start dockerd on the node, and check that the ssh user may use its socket (the docker group) and that DOCKER_HOST there, if set, is right.'
            : "Check the node's engine: docker version, run there as the ssh user, must answer.",
        evidence: answer ? answer.split('\n').slice(-4) : [],
    };
}

;// CONCATENATED MODULE: ./src/engine/nodes/diagnose.ts
/**
 * Finds out how far a connection to an ssh node gets, when the docker CLI
 * could not use it: a TCP dial first (the CLI hides socket errors), then one
 * verbose ssh run of a fixed probe, read phase by phase.
 */




const CONNECT_SECONDS = 10;
const SSH_PORT = 22;
async function diagnoseSshNode(endpoint, ssh, 
/** Stops the probe: the engine answered after all. */
cancel) {
    const target = { user: endpoint.user, host: endpoint.host, port: endpoint.port };
    const dialed = await dialError(endpoint.host, endpoint.port ?? SSH_PORT);
    if (dialed) {
        const { cause, fix } = (0,docker_contexts/* classifyFailure */.XE)(dialed);
        return {
            phase: 'tcp',
            cause,
            what: 'the TCP connection to the node failed',
            fix,
            evidence: [dialed],
        };
    }
    // The shell gets SILENT_SECONDS after the connection, and docker as long
    // again once the shell has answered: each silence is measured on its own.
    const stop = new AbortController();
    cancel?.addEventListener('abort', () => stop.abort(), { once: true });
    let timedOut = false;
    let timer;
    /** (Re)starts the one silence timer: when it fires, the probe is stopped as timed out. */
    const allow = (seconds) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            timedOut = true;
            stop.abort();
        }, seconds * 1000);
    };
    allow(CONNECT_SECONDS + SILENT_SECONDS);
    let shellAnswered = false;
    const res = await (0,exec/* exec */.m0)(sshProbeArgs(ssh, target, CONNECT_SECONDS), {
        allowFailure: true,
        quiet: true,
        signal: stop.signal,
        onOutput: (chunk) => {
            if (shellAnswered || !chunk.includes(SHELL_MARK))
                return;
            shellAnswered = true;
            allow(SILENT_SECONDS);
        },
    }).finally(() => clearTimeout(timer));
    return readSshProbe(target, {
        exitCode: res.exitCode,
        stdout: res.stdout,
        stderr: res.stderr,
        timedOut,
        // From the first connection attempt: the handshake itself takes well under a second.
        waitedSeconds: shellAnswered ? SILENT_SECONDS : Math.round(res.durationMs / 1000),
    });
}

;// CONCATENATED MODULE: ./src/engine/nodes/connect.ts
/**
 * Turns the `nodes` input into reachable engines: private ssh and TLS files,
 * one docker context per node, and a check that every node answers and says
 * what it is, before anything is built.
 */












const CONTEXT_TIMEOUT_MS = 30_000;
/**
 * A healthy node answers the engine probe within a few seconds. One that has
 * not by then gets its ssh diagnosed alongside, so a failure is explained
 * without adding the diagnosis's own wait to the probe's.
 */
const DIAGNOSE_AFTER_MS = 8_000;
async function writeTls(dir, tls) {
    if (!tls.ca && !tls.cert)
        return undefined;
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    const files = {};
    for (const [name, value] of [
        ['ca', tls.ca],
        ['cert', tls.cert],
        ['key', tls.key],
    ]) {
        if (!value)
            continue;
        files[name] = (0,external_node_path_.join)(dir, `${name}.pem`);
        await (0,promises_.writeFile)(files[name], `${value.trim()}\n`, { mode: 0o600 });
    }
    return files;
}
async function connectNodes(inputs, tempDir, prefix, hooks) {
    const schemes = new Set(inputs.nodes.map((n) => n.endpoint.scheme));
    let ssh;
    let probeSsh;
    if (schemes.has('ssh')) {
        const realSsh = findSsh(process.env.PATH ?? '', external_node_fs_.existsSync);
        if (realSsh)
            probeSsh = { realSsh };
        if (inputs.ssh.privateKey) {
            if (!realSsh)
                throw new Error('ssh nodes need the ssh client on the runner, and none is on PATH. Install openssh-client.');
            ssh = await writeSshFiles((0,external_node_path_.join)(tempDir, 'ssh'), { ...inputs.ssh, realSsh });
            probeSsh = { realSsh, config: ssh.config };
            const targets = inputs.nodes.flatMap((n) => n.endpoint.scheme === 'ssh'
                ? [{ user: n.endpoint.user, host: n.endpoint.host, port: n.endpoint.port }]
                : []);
            hooks.created({
                ssh: {
                    config: ssh.config,
                    realSsh,
                    binDir: ssh.binDir,
                    controlDir: ssh.controlDir,
                    targets,
                },
            });
            // Only the docker commands this action starts see the wrapper.
            process.env.PATH = `${ssh.binDir}${external_node_path_.delimiter}${process.env.PATH ?? ''}`;
            if (inputs.ssh.acceptNewHostKeys) {
                log/* log */.Rm.warning('ssh-accept-new-host-keys is true: node host keys are trusted on first use, so an impostor on this first connection would not be noticed. Pin them with ssh-known-hosts.');
            }
        }
        else {
            log/* log */.Rm.info("No ssh-private-key given: ssh uses this machine's own ssh configuration for the nodes.");
        }
    }
    const tls = schemes.has('tcp') ? await writeTls((0,external_node_path_.join)(tempDir, 'tls'), inputs.tls) : undefined;
    if (schemes.has('tcp') && !tls) {
        log/* log */.Rm.warning('A tcp:// node is used without TLS: anyone on the network between runner and node can control its Docker engine. Set tls-ca, tls-cert and tls-key.');
    }
    const contexts = [];
    for (const [i, node] of inputs.nodes.entries()) {
        const name = `${prefix}-node${i + 1}`;
        await (0,exec/* exec */.m0)((0,docker_contexts/* contextCreateArgs */.dc)(name, node.endpoint, tls), { timeoutMs: CONTEXT_TIMEOUT_MS });
        contexts.push(name);
        hooks.created({ context: name });
    }
    const inspections = await Promise.all(contexts.map(async (c, i) => {
        const endpoint = inputs.nodes[i].endpoint;
        if (endpoint.scheme === 'ssh' && probeSsh) {
            const inspecting = (0,docker_engine/* inspectEngine */.P7)((0,docker_contexts/* dockerFor */._2)(c));
            const diagnosis = diagnoseWhenSlow(inspecting, endpoint, probeSsh);
            const inspection = await inspecting;
            return inspection.ok ? inspection : { ...inspection, diagnosis: await diagnosis() };
        }
        const inspection = await (0,docker_engine/* inspectEngine */.P7)((0,docker_contexts/* dockerFor */._2)(c));
        if (inspection.ok || endpoint.scheme !== 'tcp')
            return inspection;
        // The CLI says only "Cannot connect"; the socket says why.
        const dialed = await dialError(endpoint.host, endpoint.port);
        return dialed ? { ...inspection, output: `${dialed}\n${inspection.output}` } : inspection;
    }));
    const problems = [];
    const workers = [];
    inspections.forEach((inspection, i) => {
        const node = inputs.nodes[i];
        const endpoint = (0,docker_endpoint/* formatEndpoint */.T0)(node.endpoint);
        const platforms = node.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ');
        if (!inspection.ok) {
            // Nothing ran there, and nothing can be removed there: post only drops the context.
            hooks.created({ unreachable: contexts[i] });
            // A timed-out probe's only words are our own kill's exit code: say what happened instead.
            const said = inspection.timedOut && /^exit \d+$/.test(inspection.output.trim())
                ? 'docker: no answer from the node in time (stopped)'
                : `docker: ${(0,exec/* tail */.RT)(inspection.output, 4)}${inspection.timedOut ? ' (no answer in time)' : ''}`;
            const diagnosis = 'diagnosis' in inspection ? inspection.diagnosis : undefined;
            if (diagnosis) {
                problems.push(`Node ${endpoint} (${platforms}) cannot be reached: ${sshProblem(diagnosis, said)}`);
                return;
            }
            const { cause, fix } = (0,docker_contexts/* classifyFailure */.XE)(inspection.output, node.endpoint.scheme, inspection.timedOut);
            problems.push(`Node ${endpoint} (${platforms}) cannot be reached: ${cause}: ${fix}\n  ${said.replace(/\n/g, '\n  ')}`);
            return;
        }
        log/* log */.Rm.info(`Node ${endpoint}: ${(0,oci_platform/* formatPlatform */.Bq)(inspection.info.native)} engine ${inspection.info.version}, builds ${platforms}`);
        workers.push({
            ...inspection.info,
            name: endpoint,
            docker: (0,docker_contexts/* dockerFor */._2)(contexts[i]),
            context: contexts[i],
            platforms: node.platforms,
            remote: true,
        });
    });
    if (problems.length > 0)
        throw new Error(`${problems.join('\n')}\nNothing was built or pushed.`);
    return { workers, ssh };
}
/**
 * Starts the ssh diagnosis once the engine probe has been slow for
 * DIAGNOSE_AFTER_MS, or when it fails sooner; never for a node that answers.
 */
function diagnoseWhenSlow(inspecting, endpoint, ssh) {
    let started;
    const answered = new AbortController();
    const start = () => (started ??= diagnoseSshNode(endpoint, ssh, answered.signal));
    const early = setTimeout(start, DIAGNOSE_AFTER_MS);
    void inspecting.then((i) => {
        clearTimeout(early);
        // A node that answered needs no diagnosis: stop one that was started early.
        if (i.ok)
            answered.abort();
    });
    return start;
}
/** The phase label the message starts with: the TCP cause (refused, dns, timeout) or the phase. */
function sshProblem(d, said) {
    const label = d.cause ?? d.phase;
    const lines = [`${label}: ${d.what}. ${d.fix}`];
    for (const e of d.evidence)
        lines.push(`  ssh: ${e}`);
    lines.push(`  ${said.replace(/\n/g, '\n  ')}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/engine/nodes/strategy.ts
function chooseStrategy(requested, push) {
    if (requested === 'append' && !push) {
        throw new Error('node-strategy: append builds on one builder spanning the nodes, which can only push its result. Set push: true, or use node-strategy: fanout (each node loads and tests its own platforms).');
    }
    if (requested !== 'auto')
        return { strategy: requested, tentative: false, reason: `node-strategy: ${requested}` };
    if (!push) {
        return {
            strategy: 'fanout',
            tentative: false,
            reason: 'without push, each node builds, loads and tests its own platforms (fanout)',
        };
    }
    return {
        strategy: 'append',
        tentative: true,
        reason: 'append when every node can start a docker-container BuildKit, fanout otherwise',
    };
}

;// CONCATENATED MODULE: ./src/engine/nodes/workers.ts
/**
 * Which engines build which platforms: the runner's own for every platform no
 * node claims, plus the nodes; and, with nodes, whether they build as one
 * builder (append) or each on its own (fanout).
 */










/** The runner's engine for unclaimed platforms, plus one worker per node. */
async function setUpWorkers(inputs, engine, session) {
    const claimed = new Set(inputs.nodes.flatMap((n) => n.platforms.map(oci_platform/* formatPlatform */.Bq)));
    const unclaimed = inputs.platforms.filter((p) => !claimed.has((0,oci_platform/* formatPlatform */.Bq)(p)));
    const local = unclaimed.length > 0 ? [localWorker(engine, unclaimed)] : [];
    if (inputs.nodes.length === 0)
        return local;
    const connected = await log/* log */.Rm.group('Nodes', () => connectNodes(inputs, session.tempDir, session.prefix, {
        created(what) {
            if (what.context)
                (0,engine_session/* remember */.kY)(session, { contexts: [...(session.state.contexts ?? []), what.context] });
            if (what.unreachable)
                (0,engine_session/* remember */.kY)(session, {
                    unreachable: [...(session.state.unreachable ?? []), what.unreachable],
                });
            if (what.ssh)
                (0,engine_session/* remember */.kY)(session, { ssh: what.ssh });
        },
    }));
    return [...local, ...connected.workers];
}
/** With nodes, picks append or fanout; for append, starts the builder (auto falls back to fanout when it cannot). */
async function chooseBuild(inputs, workers, session) {
    const tempDir = session.tempDir;
    if (inputs.nodes.length === 0)
        return { tempDir };
    const choice = chooseStrategy(inputs.nodeStrategy, inputs.push);
    log/* log */.Rm.info(`Strategy: ${choice.strategy}${choice.tentative ? ' (tentative)' : ''}: ${choice.reason}.`);
    if (choice.strategy === 'append') {
        const builder = `${session.prefix}-builder`;
        (0,engine_session/* remember */.kY)(session, { builder });
        let configFile;
        if (inputs.buildkitdConfigInline) {
            configFile = (0,external_node_path_.join)(tempDir, 'buildkitd.toml');
            await (0,promises_.writeFile)(configFile, `${inputs.buildkitdConfigInline}\n`, { mode: 0o600 });
        }
        const started = await log/* log */.Rm.group('Builder (append)', () => createBuilder(builder, workers, {
            buildkitImage: inputs.buildkitImage,
            driverOpts: inputs.driverOpts,
            buildkitdFlags: inputs.buildkitdFlags,
            configFile,
        }));
        if (started.ok)
            return { tempDir, strategy: 'append', builder };
        if (!choice.tentative)
            throw new Error(`The append builder could not start:\n${started.reason}`);
        log/* log */.Rm.info(`The append builder could not start, so each node builds its own platforms (fanout). Why:\n${started.reason}`);
        await removeBuilder(builder);
    }
    const old = workers.filter((w) => w.remote && (0,docker_engine/* majorVersion */.iR)(w.version) < 23);
    if (old.length > 0) {
        throw new Error(`fanout builds with each node's own BuildKit, which needs Docker 23 or newer; ${old.map((w) => `${w.name} runs ${w.version || 'an unknown version'}`).join(', ')}. Upgrade Docker there, or use node-strategy: append.`);
    }
    return { tempDir, strategy: 'fanout' };
}

;// CONCATENATED MODULE: ./src/docker/imagetools.ts
/**
 * Reading image indexes from a registry with `docker buildx imagetools`, which
 * understands indexes and attestations, uses the engine's registry logins and
 * reaches plain-http registries on 127.0.0.1. Each call is one registry phase
 * (registry-phase.ts): transient failures are retried, all of it within
 * registry-timeout.
 */





/** One index from several sources; imagetools keeps each source's attestations. */
function imagetoolsCreateArgs(tags, refs, annotations = []) {
    return [
        'docker',
        'buildx',
        'imagetools',
        'create',
        ...annotations.flatMap((a) => ['--annotation', a]),
        ...tags.flatMap((t) => ['--tag', t]),
        ...refs,
    ];
}
/** Every registry the references name, once, for an error about them all. Pure. */
function registriesOf(refs) {
    const found = [...new Set(refs.flatMap((r) => registryOf(r) ?? []))];
    return found.length > 0 ? found.join(', ') : undefined;
}
/**
 * Pushes one index made of `refs` under `tags`, within registry-timeout.
 * Retrying is safe: the same sources make the same index, and a tag written
 * twice points at the same digest.
 */
async function createIndex(tags, refs, annotations, timeoutMs) {
    const res = await registryCall(imagetoolsCreateArgs(tags, refs, annotations), {
        registry: registriesOf(tags),
        phase: `writing the index ${tags.join(', ')}`,
        timeoutMs,
    });
    if (res.exitCode !== 0) {
        throw new exec/* CommandError */.Qd(`could not push the index ${tags.join(', ')}: ${(0,exec/* tail */.RT)(res.output, 3) || `exit ${res.exitCode}`}`, res);
    }
}
/** A registry read of `ref`, the last argument, within registry-timeout. */
async function read(argv, timeoutMs, phase) {
    const what = argv[argv.length - 1];
    const res = await registryCall(argv, phaseOf(phase ?? `reading ${what}`, what, timeoutMs));
    if (res.exitCode !== 0) {
        throw new exec/* CommandError */.Qd(`cannot read ${what}: ${(0,exec/* tail */.RT)(res.output, 3) || `exit ${res.exitCode}`}`, res);
    }
    return res.stdout;
}
/** The config digest of a single image's manifest (the local image ID of what was pushed). */
async function configDigestOf(ref, timeoutMs, phase) {
    const doc = JSON.parse(await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], timeoutMs, phase));
    return typeof doc.config?.digest === 'string' ? doc.config.digest : undefined;
}
/** The raw manifest or index a reference points at, parsed. */
async function inspectRaw(ref, timeoutMs, phase) {
    return parseManifest(await read(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], timeoutMs, phase));
}
/** What a single image's config says its platform is, and its manifest digest. */
async function imageConfig(ref, timeoutMs) {
    const format = '{"manifest":{{json .Manifest}},"image":{{json .Image}}}';
    const doc = JSON.parse(await read(['docker', 'buildx', 'imagetools', 'inspect', '--format', format, ref], timeoutMs));
    return { ...doc.image, digest: doc.manifest?.digest };
}
/**
 * The image platforms a reference holds: an index's entries, or for a single
 * image the platform its config names (its manifest does not say).
 */
async function imagePlatforms(ref, timeoutMs) {
    const parsed = await inspectRaw(ref, timeoutMs);
    if (parsed.kind === 'index')
        return { kind: 'index', platforms: parsed.manifests };
    const c = await imageConfig(ref, timeoutMs);
    if (!c.digest || !c.os || !c.architecture)
        throw new Error(`could not read the platform of ${ref}`);
    return {
        kind: 'image',
        platforms: [
            {
                platform: (0,oci_platform/* normalize */.S8)({ os: c.os, architecture: c.architecture, variant: c.variant }),
                digest: c.digest,
            },
        ],
    };
}
/** The digest a tag points at in its registry. */
async function digestOf(ref, timeoutMs, phase) {
    const out = await read(['docker', 'buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', ref], timeoutMs, phase);
    const digest = JSON.parse(out).digest;
    if (typeof digest !== 'string')
        throw new Error(`could not read the digest of ${ref}: ${out.slice(0, 200)}`);
    return digest;
}

;// CONCATENATED MODULE: ./src/docker/registry/read-image.ts
/**
 * Reading what an image holds through the registry API: its platforms, and
 * what a platform image's config says. The same answers as `imagetools
 * inspect` (imagetools.ts), for a few milliseconds where a buildx process
 * costs a tenth of a second or more. Anything the API client does not
 * handle is left to imagetools, which also words the errors users know;
 * a registry that does not answer in time is not asked twice.
 */








/** A config blob is small; anything bigger is not one. */
const CONFIG_MAX = 4 * 1024 * 1024;
async function apiConfig(client, reference) {
    const manifest = await client.getManifest(reference);
    const config = manifest?.json
        ?.config;
    if (!manifest || typeof config?.digest !== 'string' || Number(config.size) > CONFIG_MAX)
        throw new Error(`no image config at ${reference}`);
    const image = JSON.parse(new TextDecoder().decode(await client.getBlob(config.digest)));
    const text = (v) => (typeof v === 'string' ? v : undefined);
    return {
        os: text(image.os),
        architecture: text(image.architecture),
        variant: text(image.variant),
        digest: manifest.digest,
    };
}
/** What the registry answered for a reference; none is a reason to ask imagetools. */
function found(answer, reference) {
    if (answer === undefined)
        throw new Error(`no manifest at ${reference}`);
    return answer;
}
/** The manifest or index at a reference, and what it lists. */
async function apiIndex(client, reference) {
    const manifest = found(await client.getManifest(reference), reference);
    return {
        digest: manifest.digest,
        parsed: parseManifest(new TextDecoder().decode(manifest.bytes)),
    };
}
async function apiPlatforms(client, reference) {
    const { digest, parsed } = await apiIndex(client, reference);
    if (parsed.kind === 'index')
        return { kind: 'index', platforms: parsed.manifests };
    const c = await apiConfig(client, digest);
    if (!c.os || !c.architecture)
        throw new Error(`no platform in the config of ${reference}`);
    return {
        kind: 'image',
        platforms: [
            {
                platform: (0,oci_platform/* normalize */.S8)({ os: c.os, architecture: c.architecture, variant: c.variant }),
                digest,
            },
        ],
    };
}
/**
 * The API's answer, or imagetools' where the API could not give one. A
 * registry that did not answer in time is not asked again: the bound is
 * registry-timeout for the read as a whole.
 */
async function eitherWay(ref, timeoutMs, api, imagetools) {
    let repo;
    try {
        repo = resolveRepository(ref);
    }
    catch {
        return imagetools();
    }
    if (behindProxy(repo.origin))
        return imagetools();
    log/* log */.Rm.debug(`Reading ${ref} through the registry API`);
    try {
        // One try: imagetools, which retries by itself, is the way on.
        const client = new RegistryClient(repo, { timeoutMs, attempts: 1 });
        return await api(client, repo.reference ?? 'latest');
    }
    catch (err) {
        if (err instanceof runner_errors/* MultiarchError */._G && err.kind === 'timeout')
            throw new runner_errors/* MultiarchError */._G('timeout', registryTimeoutMessage({ registry: repo.registry, phase: `reading ${ref}`, timeoutMs }), { cause: err });
        return imagetools();
    }
}
/** The image platforms a reference holds: an index's entries, or a single image's own. */
function readPlatforms(ref, timeoutMs) {
    return eitherWay(ref, timeoutMs, apiPlatforms, () => imagePlatforms(ref, timeoutMs));
}
/** What a single image's config says its platform is, and its manifest digest. */
function readConfig(ref, timeoutMs) {
    return eitherWay(ref, timeoutMs, apiConfig, () => imageConfig(ref, timeoutMs));
}
/** The raw manifest or index a reference points at, parsed. */
function readIndex(ref, timeoutMs, phase) {
    const api = async (client, reference) => (await apiIndex(client, reference)).parsed;
    return eitherWay(ref, timeoutMs, api, () => inspectRaw(ref, timeoutMs, phase));
}
/** The digest a tag points at in its registry. */
function readDigest(ref, timeoutMs, phase) {
    const api = async (client, reference) => found(await client.manifestHead(reference), reference).digest;
    return eitherWay(ref, timeoutMs, api, () => digestOf(ref, timeoutMs, phase));
}
/** Reads the pushed index back from the registry and picks each platform's manifest. */
async function resolvePlatformDigests(repository, digest, platforms, timeoutMs) {
    const ref = `${repository}@${digest}`;
    const parsed = await readIndex(ref, timeoutMs, `reading back ${ref}`);
    if (parsed.kind === 'image') {
        // A single-platform push without attestations is a plain manifest.
        if (platforms.length !== 1)
            throw new Error(`${ref} is a single image, not an index of ${platforms.length} platforms`);
        return new Map([[(0,oci_platform/* formatPlatform */.Bq)(platforms[0]), digest]]);
    }
    log/* log */.Rm.info(`${ref}: ${parsed.manifests.map((m) => `${(0,oci_platform/* formatPlatform */.Bq)(m.platform)} ${m.digest}`).join(', ')}` +
        (parsed.attestations ? ` (+${parsed.attestations} attestation manifests, skipped)` : ''));
    return digestsFor(parsed.manifests, platforms);
}

// EXTERNAL MODULE: ./src/docker/images.ts
var docker_images = __webpack_require__(3456);
;// CONCATENATED MODULE: ./src/engine/tag-lock.ts
/**
 * Two runs on one machine that write the same tag at once would each read
 * back the other's digest, and a docker-driver run, which names the candidate
 * with the user's tag in the engine, could push the other's image. This lock,
 * one per tag and scope (the engine, for the docker driver; the registry tag
 * for the others), makes each run's write-and-read-back whole; the last run
 * to finish owns the tag, and every run reports its own digest.
 *
 * A lock is a directory (mkdir is atomic) holding its owner's pid and start
 * time: one left by a killed run is taken over once that process is gone, or
 * when the pid now names another process. A run killed between mkdir and
 * writing its pid leaves an empty lock, taken over once it is a few seconds
 * old.
 */





const tag_lock_POLL_MS = 250;
/** Longer than any mkdir-then-write takes: an empty lock this old was left by a killed run. */
const EMPTY_LOCK_STALE_MS = 5_000;
function lockDir(scope, tag) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(`${scope}\n${tag}`).digest('hex').slice(0, 24);
    return (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `multiarch-tag-lock-${key}`);
}
/** When a process started (field 22 of /proc/PID/stat); undefined where there is no /proc. */
function processStart(pid) {
    try {
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) may hold spaces and parentheses: count from its end.
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    catch {
        return undefined;
    }
}
/** The lock's owner, as `pid start`: true while that very process lives. */
function ownerAlive(owner, now = processStart) {
    const [p, started] = (owner ?? '').trim().split(' ');
    const pid = Number(p);
    if (!Number.isInteger(pid) || pid <= 0)
        return false;
    try {
        process.kill(pid, 0);
    }
    catch (err) {
        if (err.code !== 'EPERM')
            return false;
    }
    const current = now(pid);
    return !started || current === undefined || current === started;
}
function lockHeld(dir) {
    let owner;
    try {
        owner = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'pid'), 'utf8');
    }
    catch {
        // Being written right now, or left empty by a run killed in between.
        try {
            return Date.now() - (0,external_node_fs_.statSync)(dir).mtimeMs < EMPTY_LOCK_STALE_MS;
        }
        catch {
            return false;
        }
    }
    return ownerAlive(owner);
}
function tryTake(dir) {
    try {
        (0,external_node_fs_.mkdirSync)(dir);
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
        if (lockHeld(dir))
            return false;
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }); // its run was killed
        return tryTake(dir);
    }
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, 'pid'), `${process.pid} ${processStart(process.pid) ?? ''}`.trim());
    return true;
}
/**
 * Runs `fn` holding the lock of every tag (taken in sorted order, so two runs
 * with overlapping tags never wait on each other in a circle).
 */
async function withTagLocks(scope, tags, timeoutMs, fn) {
    const dirs = [...new Set(tags)].sort().map((t) => [t, lockDir(scope, t)]);
    const held = [];
    try {
        for (const [tag, dir] of dirs) {
            const deadline = Date.now() + timeoutMs;
            let told = false;
            while (!tryTake(dir)) {
                if (!told)
                    log/* log */.Rm.info(`Another run on this machine is writing ${tag}: waiting for it.`);
                told = true;
                if (Date.now() > deadline)
                    throw new Error(`Another run on this machine held ${tag} for over ${Math.round(timeoutMs / 1000)} s; the tag was not written. Run again once it has finished, or remove ${dir} if no run is writing it.`);
                await new Promise((r) => setTimeout(r, tag_lock_POLL_MS));
            }
            held.push(dir);
        }
        return await fn();
    }
    finally {
        for (const dir of held)
            (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/engine/put-tags.ts


/** Where a reference's repository lives, the way docker reads it (`alpine` is `docker.io/library/alpine`). */
function home(ref) {
    const r = resolveRepository(ref);
    return `${r.registry}/${r.name}`;
}
/** The tags in `repo` (a reference: `127.0.0.1:5000/team/app`), and the rest. Pure. */
function splitByRepository(tags, repo) {
    const here = tags.filter((t) => home(t) === home(repo));
    return { here, elsewhere: tags.filter((t) => !here.includes(t)) };
}
/** Puts `manifest` under each tag (all in the client's repository). */
async function putTags(client, manifest, tags) {
    await Promise.all(tags.map((t) => client.putManifest(tagOf(t), manifest.mediaType, manifest.bytes)));
}
/** Fails, naming the tag, unless every tag (all in the client's repository) points at `digest`. */
async function readTagsBack(client, tags, digest) {
    const found = await Promise.all(tags.map(async (t) => [t, (await client.manifestHead(tagOf(t)))?.digest]));
    const wrong = found.filter(([, d]) => d !== digest);
    if (wrong.length > 0)
        throw tagsMovedError(wrong, digest);
}
/** The tags that point elsewhere after they were written: a race with another run, said so. */
function tagsMovedError(wrong, digest) {
    return new Error(`After writing the tags, ${wrong.map(([t, d]) => `${t} points at ${d ?? 'nothing'}`).join(', ')}, not at the tested ${digest}. Another run may have written the same tag at the same time.`);
}
const tagOf = (ref) => (0,oci_reference/* parseImageRef */.Q)(ref).tag ?? 'latest';

;// CONCATENATED MODULE: ./src/engine/promote.ts
/**
 * The gate's second half: once every platform passed, write the user's tags so
 * that each points at exactly the tested content, and prove it by reading each
 * tag back. Nothing here runs when a platform failed.
 */













// How long a run waits for another run's hold on the same tag (tag-lock.ts).
const LOCK_TIMEOUT_MS = 5 * 60_000;
const LOCAL_TIMEOUT_MS = 60_000;
/** Tags grouped by repository, in first-seen order: one `imagetools create` per repository. */
function byRepository(tags) {
    const groups = new Map();
    for (const t of tags) {
        const repo = (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(t));
        groups.set(repo, [...(groups.get(repo) ?? []), t]);
    }
    return [...groups.values()];
}
/** The argv that point every tag at `source`, one call per repository. Pure. */
function promoteArgs(tags, sources, annotations = []) {
    return byRepository(tags).map((group) => imagetoolsCreateArgs(group, sources, annotations));
}
/**
 * Each registry phase of publishing, with the bound it gets: every one that
 * talks to a registry gets registry-timeout, as a whole. Pure.
 */
const publishPhases = {
    push: (tag, timeoutMs) => phaseOf(`pushing ${tag}`, tag, timeoutMs),
    /** The read-backs' phase (imagetools.ts makes the RegistryPhase of a read). */
    readBack: (tag) => `reading back ${tag}`,
    writeTags: (tags, timeoutMs) => ({
        registry: registriesOf(tags),
        phase: `writing the tags ${tags.join(', ')}`,
        timeoutMs,
    }),
};
/** Fails, naming the tag, unless every tag now points at `digest`. */
async function verifyTags(tags, digest, timeoutMs) {
    const found = await Promise.all(tags.map(async (t) => [t, await readDigest(t, timeoutMs, publishPhases.readBack(t))]));
    const wrong = found.filter(([, d]) => d !== digest);
    if (wrong.length > 0)
        throw tagsMovedError(wrong, digest);
}
/**
 * Writes the tags. `tested` is the tested index (`repo@digest`) for a
 * registry gate, or the fanout parts. Returns the digest every tag points at.
 * Every registry phase gets `registryTimeoutMs` (registry-timeout).
 */
async function promote(gate, tested, registryTimeoutMs, 
/** Work on the pushed tested digest, run while the tags are read back (engine gate). */
whilePushed, 
/** Engine gate: the candidate, already pushed by digest while the tests ran. */
prepushed) {
    const run = (argv) => (0,exec/* exec */.m0)(argv, { timeoutMs: LOCAL_TIMEOUT_MS });
    // Every way writes the tags, then reads them back: another run on this
    // machine writing the same tag in between would make this one fail, or
    // report the other's digest. So the tags are written under their locks:
    // the engine gate's per engine (it names the candidate in the engine too),
    // the others' per registry tag. Runs on other machines are out of reach;
    // the read-back still tells of them.
    const scope = gate.kind === 'engine'
        ? (process.env.DOCKER_HOST ?? process.env.DOCKER_CONTEXT ?? 'default')
        : 'registry';
    return withTagLocks(scope, gate.tags, LOCK_TIMEOUT_MS, async () => {
        if (gate.kind !== 'engine')
            return promoteInRegistry(gate, tested, registryTimeoutMs);
        if (prepushed) {
            const written = await promotePrepushed(gate, prepushed, registryTimeoutMs);
            if (written)
                return written;
        }
        return promoteLocal(gate, tested.digest, registryTimeoutMs, run, whilePushed);
    });
}
/** The registry and fanout gates: the tested content is in a registry, by digest. */
async function promoteInRegistry(gate, tested, registryTimeoutMs) {
    // The registry holds the tested index by digest: its own tags take a PUT each.
    let rest = gate.tags;
    const source = tested.sources[0];
    if (gate.kind === 'registry' && tested.digest && source)
        rest = await putInPlace(source, tested.digest, gate.tags, registryTimeoutMs);
    const annotations = gate.kind === 'fanout' ? gate.annotations : undefined;
    await writeByImagetools(rest, tested.sources, annotations, registryTimeoutMs);
    const first = gate.tags[0];
    const digest = gate.kind === 'registry'
        ? tested.digest
        : await readDigest(first, registryTimeoutMs, publishPhases.readBack(first));
    if (rest.length > 0)
        await verifyTags(rest, digest, registryTimeoutMs);
    log/* log */.Rm.info(`${gate.tags.join(', ')} → ${digest}`);
    return digest;
}
/**
 * Points the tags at what `sources` hold with `imagetools create`, which
 * copies blobs across repositories. Writing a tag is idempotent: a registry
 * that hiccups (a 500, a reset) gets another try. One repository after the
 * other: the first call is a plain tag write, the rest copy from it.
 */
async function writeByImagetools(tags, sources, annotations, registryTimeoutMs) {
    for (const argv of tags.length > 0 ? promoteArgs(tags, sources, annotations) : []) {
        const written = argv.filter((_, i) => argv[i - 1] === '--tag');
        const res = await registryCall(argv, publishPhases.writeTags(written, registryTimeoutMs));
        if (res.exitCode !== 0)
            throw new Error(`Could not write ${written.join(', ')}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
    }
}
/**
 * Writes the tags that live in the tested image's own repository through the
 * registry API, and reads them back; returns the tags left to write (other
 * repositories, or all of them when the API could not be used).
 */
async function putInPlace(source, digest, tags, timeoutMs) {
    const { here, elsewhere } = splitByRepository(tags, source);
    if (here.length === 0 || behindProxy(resolveRepository(source).origin))
        return tags;
    // One try: imagetools, which retries by itself, is the way on.
    const client = new RegistryClient(source, { timeoutMs, attempts: 1 });
    try {
        const manifest = await client.getManifest(digest);
        if (!manifest)
            throw new Error(`the registry has no ${source}`);
        await putTags(client, manifest, here);
    }
    catch (err) {
        log/* log */.Rm.info(`Writing ${here.join(', ')} with buildx instead: ${(0,runner_errors/* errorMessage */.gJ)(err)}`);
        return tags;
    }
    // Read back with retries: the tags are written, a hiccup now is not a reason to write them again.
    await readTagsBack(new RegistryClient(source, { timeoutMs }), here, digest);
    return elsewhere;
}
/**
 * The engine gate when the candidate was pushed by digest during the tests
 * (under the tags' locks, like promoteLocal):
 * the tags are a PUT each (other repositories get it copied), and the
 * engine's own names are written beside them, as a push would leave them.
 * Undefined when the registry API refused: the caller pushes as before.
 */
async function promotePrepushed(gate, p, registryTimeoutMs) {
    const { digest } = p.manifest;
    const { here, elsewhere } = splitByRepository(gate.tags, p.repository);
    const named = [];
    const naming = (async () => {
        for (const t of gate.tags) {
            await tagOnce(gate.candidate, t);
            named.push(t);
        }
    })();
    const unname = async () => {
        await naming.catch(() => undefined);
        if (named.length > 0)
            await untag(named);
    };
    try {
        await putTags(p.client, p.manifest, here);
    }
    catch (err) {
        log/* log */.Rm.info(`Pushing ${gate.tags.join(', ')} instead: ${(0,runner_errors/* errorMessage */.gJ)(err)}`);
        await unname();
        return undefined;
    }
    try {
        await Promise.all([
            naming,
            readTagsBack(p.client, here, digest),
            writeByImagetools(elsewhere, [`${p.repository}@${digest}`], undefined, registryTimeoutMs).then(() => elsewhere.length > 0 ? verifyTags(elsewhere, digest, registryTimeoutMs) : undefined),
        ]);
    }
    catch (err) {
        // Nothing stays named after a tag the registry does not hold as tested.
        await unname();
        throw err;
    }
    log/* log */.Rm.info(`${gate.tags.join(', ')} → ${digest}`);
    return digest;
}
/**
 * The engine gate: the tags are the engine's own names for the candidate,
 * pushed. Runs under the tags' locks (tag-lock.ts).
 */
async function promoteLocal(gate, digest, registryTimeoutMs, run, whilePushed) {
    const named = [];
    try {
        for (const t of gate.tags) {
            await tagOnce(gate.candidate, t);
            named.push(t);
        }
        // One push uploads the blobs; the others then only add their manifest. A
        // push is idempotent: a registry hiccup (a 500 while another run's write of
        // the same tag settles) gets another try, like the registry gate's writes.
        for (const t of gate.tags) {
            const res = await registryCall((0,docker_images/* pushArgs */.kJ)(t), publishPhases.push(t, registryTimeoutMs));
            if (res.exitCode !== 0)
                throw new Error(`Could not push ${t}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
        }
    }
    catch (err) {
        // Nothing stays named after a tag whose push failed: the engine's tags
        // would otherwise say that image is what the registry holds.
        if (named.length > 0)
            await untag(named);
        throw err;
    }
    if (!gate.classic) {
        // The tested digest is what was pushed: reading it needs no wait for the tags' check.
        await Promise.all([verifyTags(gate.tags, digest, registryTimeoutMs), whilePushed?.(digest)]);
        return digest;
    }
    // The classic store rebuilds the manifest on push: the tags must agree with
    // each other, and the pushed image be the tested one, by its config.
    const first = gate.tags[0];
    const readBack = publishPhases.readBack(first);
    const pushed = await digestOf(first, registryTimeoutMs, readBack);
    await verifyTags(gate.tags, pushed, registryTimeoutMs);
    const id = (await run((0,docker_images/* imageIdArgs */.cw)(gate.candidate))).stdout.trim();
    const config = await configDigestOf(first, registryTimeoutMs, readBack);
    if (config !== id)
        throw new Error(`${gate.tags[0]} holds the image ${config ?? '(unreadable)'}, not the tested ${id}. Another run may have written the same tag at the same time.`);
    await whilePushed?.(pushed);
    return pushed;
}
/**
 * `docker tag`, once more when the containerd store reports the name as
 * created by someone else in the same instant (a run on another engine
 * sharing this containerd, out of the lock's reach).
 */
async function tagOnce(source, tag) {
    for (let attempt = 1;; attempt++) {
        const res = await (0,exec/* exec */.m0)((0,docker_images/* tagArgs */.Cj)(source, tag), {
            timeoutMs: LOCAL_TIMEOUT_MS,
            allowFailure: true,
        });
        if (res.exitCode === 0)
            return;
        if (!/already exists/i.test(res.output) || attempt === 3)
            throw new Error(`Could not name the tested image ${tag}: ${(0,exec/* tail */.RT)(res.output, 3)}${/already exists/i.test(res.output) ? ' Another run kept writing the same tag at the same time; run again.' : ''}`);
        await new Promise((r) => setTimeout(r, 500 * attempt));
    }
}
/** Removes local names (the image stays under its other names); a failure only warns. Says whether they are gone. */
async function untag(names) {
    const res = await (0,exec/* exec */.m0)((0,docker_images/* imageRemoveArgs */.b2)(names), {
        timeoutMs: LOCAL_TIMEOUT_MS,
        allowFailure: true,
        quiet: true,
        // A push stopped by cancellation leaves its tags too.
        whenCancelled: true,
    });
    if (res.exitCode === 0)
        return true;
    log/* log */.Rm.warning(`Could not remove ${names.join(', ')}: ${res.output.trim()}`);
    return false;
}
/** Removes the gated docker-driver build's local candidate; a failure only warns, and leaves it to post. */
async function dropCandidate(candidate) {
    if (await untag([candidate]))
        (0,state/* removed */.rq)({ image: candidate });
}
/**
 * The one tag a failed docker-driver run writes, so its image can be pulled by
 * digest: the same for every run (nothing piles up), named so nobody deploys it.
 */
function untestedTag(repo) {
    return `${repo}:multiarch-untested`;
}
/** Pushes the failed candidate under the untested tag and removes both local names; only warns. */
async function pushUntested(candidate, untested, registryTimeoutMs) {
    try {
        await (0,exec/* exec */.m0)((0,docker_images/* tagArgs */.Cj)(candidate, untested), { timeoutMs: LOCAL_TIMEOUT_MS });
        const res = await registryCall((0,docker_images/* pushArgs */.kJ)(untested), publishPhases.push(untested, registryTimeoutMs));
        if (res.exitCode !== 0)
            throw new Error((0,exec/* tail */.RT)(res.output, 3));
    }
    catch (err) {
        log/* log */.Rm.warning(`Could not push the failed image for inspection: ${(0,runner_errors/* errorMessage */.gJ)(err)}`);
    }
    finally {
        await dropCandidate(untested);
    }
}

;// CONCATENATED MODULE: ./src/engine/gate.ts
/**
 * The gate after the tests: every platform passed, so the tags are written
 * (promote.ts); or one failed, so every tag is left where it was and the
 * report says so. A gated docker-driver candidate never outlives main.
 */






async function passGate(run) {
    // docker save may still be reading the candidate: it goes once that is done.
    const drop = async () => {
        await run.prepushing;
        if (run.gate.kind === 'engine')
            await dropCandidate(run.gate.candidate);
    };
    let attesting;
    try {
        attesting = await openGate(run);
    }
    catch (err) {
        await drop();
        throw err;
    }
    // Both end before the step goes on, whichever fails.
    const [dropped, attested] = await Promise.allSettled([drop(), attesting?.()]);
    for (const r of [attested, dropped])
        if (r.status === 'rejected')
            throw r.reason;
}
/** The head start, said in the log; the pushed candidate when it worked. */
async function prepushed(run) {
    const p = await run.prepushing;
    if (!p)
        return undefined;
    if (!p.ok) {
        log/* log */.Rm.info(`The candidate was not pushed while the tests ran (${p.reason}): pushing it now.`);
        return undefined;
    }
    log/* log */.Rm.info(`${p.repository}@${p.manifest.digest} was pushed by digest while the tests ran (${p.blobs} blobs, ${p.durationMs} ms), under no tag.`);
    return p;
}
/**
 * Writes the tags when every platform passed; otherwise leaves every one of
 * them alone, and says so. Returns what shows an attestation still running
 * beside the tags (GateRun.attest).
 */
async function openGate(run) {
    const { plan, gate, outcome, report, registryTimeoutMs } = run;
    const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
    if (failed.length > 0) {
        report.published = false;
        report.held = { failed, tags: gate.tags };
        log/* log */.Rm.info(`Not published: ${failed.join(', ')} failed. ${gate.tags.join(', ')} left where they were.`);
        if (gate.kind === 'engine' && plan.repository && outcome.digest) {
            // Loaded only, the failed image could not be pulled to look at it: push
            // it under one fixed tag that no user tag follows, then drop the local name.
            const repo = plan.repository;
            const untested = untestedTag(repo);
            const pushed = await prepushed(run);
            await log/* log */.Rm.group(`Push the failed image as ${untested}, for inspection`, () => pushed
                ? pushed.client
                    .putManifest('multiarch-untested', pushed.manifest.mediaType, pushed.manifest.bytes)
                    .then(() => log/* log */.Rm.info(`${untested} → ${outcome.digest}`), (err) => log/* log */.Rm.warning(`Could not tag the failed image for inspection: ${(0,runner_errors/* errorMessage */.gJ)(err)}`))
                : pushUntested(gate.candidate, untested, registryTimeoutMs));
            report.image = `${repo}@${outcome.digest}`;
            const naming = pushed
                ? Promise.resolve(namePlatformsFrom(pushed.manifest, repo, report))
                : namePushedPlatforms(repo, outcome.digest, report, registryTimeoutMs);
            await naming.catch((err) => log/* log */.Rm.warning(`Could not read the pushed platforms back: ${(0,runner_errors/* errorMessage */.gJ)(err)}`));
        }
        return undefined;
    }
    const tested = {
        digest: outcome.digest,
        sources: outcome.parts ?? (outcome.digest ? [`${plan.repository}@${outcome.digest}`] : []),
    };
    const repo = plan.repository;
    const pushed = gate.kind === 'engine' ? await prepushed(run) : undefined;
    const inRegistry = gate.kind === 'engine' ? pushed?.manifest.digest : outcome.digest;
    const attest = inRegistry ? run.attest : undefined;
    let attesting;
    if (attest && inRegistry) {
        if (pushed && repo)
            namePlatformsFrom(pushed.manifest, repo, report);
        attest.ran = true;
        // The statement names only tested digests, so it need not wait for the
        // tags; required, a refusal must leave them all where they were.
        if (attest.required)
            await attest.run(inRegistry);
        else
            attesting = (0,log/* aside */.HU)(() => attest.run(inRegistry));
    }
    let digest;
    try {
        digest = await log/* log */.Rm.group('Publish the tested image', async () => {
            const written = await promote(gate, tested, registryTimeoutMs, gate.kind === 'engine' && repo
                ? (d) => namePushedPlatforms(repo, d, report, registryTimeoutMs)
                : undefined, pushed);
            // The pushed index is in hand: its platforms need no read-back.
            if (pushed?.manifest.digest === written && repo)
                namePlatformsFrom(pushed.manifest, repo, report);
            return written;
        });
    }
    catch (err) {
        // The tags' failure is the step's; the attestation's log is still shown.
        await attesting?.().catch(() => undefined);
        throw err;
    }
    report.published = true;
    report.digest = digest;
    report.image = `${plan.repository}@${digest}`;
    return attesting;
}
/** Each platform's manifest digest and reference, from the pushed index's own bytes. */
function namePlatformsFrom(pushed, repo, report) {
    const parsed = parseManifest(new TextDecoder().decode(pushed.bytes));
    const only = report.platforms.length === 1 ? report.platforms[0]?.platform : undefined;
    nameReport(report, repo, parsed.kind === 'index'
        ? digestsFor(parsed.manifests, report.platforms.map((p) => (0,oci_platform/* parsePlatform */.FL)(p.platform)))
        : // A single platform without attestations is a plain manifest.
            new Map(only ? [[only, pushed.digest]] : []));
}
/** After a loaded candidate was pushed: each platform's manifest digest and reference in the registry. */
async function namePushedPlatforms(repo, digest, report, registryTimeoutMs) {
    const pushed = await resolvePlatformDigests(repo, digest, report.platforms.map((p) => (0,oci_platform/* parsePlatform */.FL)(p.platform)), registryTimeoutMs);
    nameReport(report, repo, pushed);
}
function nameReport(report, repo, pushed) {
    for (const p of report.platforms) {
        p.digest = pushed.get(p.platform);
        // The same manifest that ran as the candidate, now where users pull it.
        if (p.digest)
            p.ref = `${repo}@${p.digest}`;
    }
}

;// CONCATENATED MODULE: ./src/docker/registry/push-layout.ts
/**
 * Pushes one image of an OCI layout (a `docker save` of the containerd image
 * store) to a repository by digest, no tag: every blob, then every manifest,
 * then the index, each under its own digest. The bytes are the layout's
 * own, so the registry ends up holding exactly the digest that was saved.
 */



/** distribution's own limit on a manifest. */
const push_layout_MANIFEST_MAX = 4 * 1024 * 1024;
/** Layers sent at once: enough to fill a link, few enough not to starve the tests beside it. */
const PARALLEL_BLOBS = 4;
async function pushLayoutImage(client, layout, image) {
    const queue = limiter(PARALLEL_BLOBS);
    let sent = 0;
    const need = (digest) => {
        const blob = layout.blob(digest);
        if (!blob)
            throw new runner_errors/* MultiarchError */._G('command', `the saved image lacks blob ${digest}: it was not sent`);
        return blob;
    };
    const pushManifest = async (desc) => {
        if (desc.size > push_layout_MANIFEST_MAX)
            throw new runner_errors/* MultiarchError */._G('command', `manifest ${desc.digest} is larger than a registry takes`);
        const bytes = new Uint8Array(await need(desc.digest).arrayBuffer());
        if (sha256Digest(bytes) !== desc.digest)
            throw new runner_errors/* MultiarchError */._G('command', `the saved manifest ${desc.digest} does not match its digest`);
        const json = JSON.parse(new TextDecoder().decode(bytes));
        const { manifests, blobs } = referencedBy(desc.mediaType, json);
        await Promise.all([
            ...blobs.map((b) => queue(async () => {
                await client.pushBlobFrom(b, need(b.digest));
                sent++;
            })),
            ...manifests.map(pushManifest),
        ]);
        await client.putManifest(desc.digest, desc.mediaType, bytes);
        return { digest: desc.digest, mediaType: desc.mediaType, size: bytes.byteLength, bytes, json };
    };
    const top = await pushManifest(image);
    return { ...top, blobs: sent };
}
/** Runs at most `n` of the tasks given to it at once. */
function limiter(n) {
    let running = 0;
    const waiting = [];
    return async (task) => {
        if (running >= n)
            await new Promise((r) => waiting.push(r));
        running++;
        try {
            return await task();
        }
        finally {
            running--;
            waiting.shift()?.();
        }
    };
}

// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/docker/saved-image.ts
/**
 * `docker save` of an image of the containerd image store, written to a file
 * and indexed as it streams: where each blob lies in the file, and which
 * images its `index.json` names. A blob is then read from the file only when
 * it is sent (a slice of the file, never the whole image in memory).
 */






/** index.json names a few images: more than this is not one. */
const INDEX_JSON_MAX = 1024 * 1024;
function saveArgs(image) {
    return ['docker', 'save', image];
}
async function saveImage(image, file, timeoutMs) {
    const blobs = new Map();
    let indexJson = '';
    let current;
    const reader = new TarReader({
        entry: (e) => {
            current = undefined;
            const digest = blobDigestOf(e.name);
            if (digest && e.type === 'file')
                blobs.set(digest, { offset: e.offset, size: e.size });
            else if (e.name.replace(/^\.\//, '') === 'index.json' && e.size <= INDEX_JSON_MAX)
                current = 'index';
        },
        data: (bytes) => {
            if (current !== 'index')
                return false;
            indexJson += Buffer.from(bytes).toString('utf8');
            return true;
        },
        end: () => {
            current = undefined;
        },
    });
    const saving = (0,exec/* execStream */.U1)(saveArgs(image), { timeoutMs, quiet: true });
    const index = new external_node_stream_.Transform({
        transform(chunk, _enc, done) {
            try {
                reader.write(chunk);
                done(null, chunk);
            }
            catch (err) {
                done(err);
            }
        },
    });
    const [written, result] = await Promise.allSettled([
        (0,external_node_stream_promises_.pipeline)(saving.stdout, index, (0,external_node_fs_.createWriteStream)(file, { mode: 0o600 })),
        saving.result,
    ]);
    // When docker save fails, its own error says why; the file only sees a cut-off tar.
    if (result.status === 'rejected')
        throw result.reason;
    if (result.value.exitCode !== 0)
        throw new Error(`docker save ${image} failed: ${(0,exec/* tail */.RT)(result.value.output, 3)}`);
    if (written.status === 'rejected')
        throw written.reason;
    if (!reader.ended && reader.midEntry)
        throw new Error(`docker save ${image} was cut off`);
    if (!indexJson)
        throw new Error(`docker save ${image} wrote no OCI layout (no index.json)`);
    const images = layoutImages(JSON.parse(indexJson));
    const whole = await (0,external_node_fs_.openAsBlob)(file);
    return {
        file,
        images,
        blob: (digest) => {
            const at = blobs.get(digest);
            return at && whole.slice(at.offset, at.offset + at.size);
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/prepush.ts
/**
 * buildx's docker driver cannot push by digest, so a gated build is loaded
 * as a candidate, tested, and pushed only then: the push sat between the last
 * test and the tags. Here it runs beside the tests instead. The candidate is
 * saved (`docker save`: the containerd store's own bytes) and pushed by
 * digest through the registry API, under no tag, so nothing a user pulls can
 * reach it; once every platform passed, the gate only writes the tags.
 *
 * It is a head start, not a step of its own: whatever keeps it from working
 * (a registry the API client cannot reach, a CLI that saves no OCI layout)
 * is said in the log, and the gate pushes the candidate itself, as before.
 */








async function prepushCandidate(c) {
    const began = Date.now();
    const file = (0,external_node_path_.join)(c.tempDir, 'candidate.tar');
    let told = false;
    const tell = (saved) => {
        if (!told)
            c.onSaved?.(saved);
        told = true;
    };
    try {
        if (behindProxy(resolveRepository(c.repository).origin))
            throw new Error('a proxy is set, and only the docker CLI goes through it');
        await roomFor(c.candidate, c.tempDir);
        const saved = await saveImage(c.candidate, file, c.timeoutMs);
        const image = saved.images.find((d) => d.digest === c.digest);
        if (!image)
            throw new Error(`docker save ${c.candidate} gave ${saved.images.map((d) => d.digest).join(', ') || 'no image'}, not the built ${c.digest}`);
        tell(saved);
        const client = new RegistryClient(c.repository, { timeoutMs: c.timeoutMs });
        const pushed = await pushLayoutImage(client, saved, image);
        return {
            ok: true,
            repository: c.repository,
            client,
            manifest: pushed,
            blobs: pushed.blobs,
            durationMs: Date.now() - began,
        };
    }
    catch (err) {
        return { ok: false, reason: (0,runner_errors/* errorMessage */.gJ)(err) };
    }
    finally {
        tell(undefined);
        await c.keepUntil?.catch(() => undefined);
        await (0,promises_.rm)(file, { force: true }).catch(() => undefined);
    }
}
/** Disk the tests may still need beside the saved image. */
const RESERVE_BYTES = 2 * 1024 ** 3;
/**
 * The saved image must not fill the runner's disk under the tests: it is
 * written only when the temp dir's disk has room for the whole image (its
 * unpacked size, more than its blobs) and a reserve.
 */
async function roomFor(image, dir) {
    const [inspected, disk] = await Promise.all([
        (0,exec/* exec */.m0)(['docker', 'image', 'inspect', '--format', '{{.Size}}', image], {
            timeoutMs: 30_000,
            quiet: true,
        }),
        (0,promises_.statfs)(dir),
    ]);
    const size = Number(inspected.stdout.trim());
    const free = disk.bavail * disk.bsize;
    if (!Number.isFinite(size) || free < size + RESERVE_BYTES)
        throw new Error(`${dir} has ${gib(free)} free, too little to save a ${gib(size)} image beside the tests`);
}
const gib = (bytes) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

;// CONCATENATED MODULE: ./src/engine/load.ts
/**
 * load: true with push: true. build-push-action then both pushes and loads
 * (`--push --load`); here the tags are written only after the tests, so the
 * image comes into the runner's engine under them once they are: the docker
 * driver's build already put it there; any other builder's image is pulled
 * by the digest the tags point at. Says which in the log.
 */



const load_PULL_TIMEOUT_MS = 10 * 60_000;
/** Whether the build itself left the image in the runner's engine under the tags. */
function loadedByBuild(plan, builderDriver) {
    return plan.mode === 'load-then-push' || (plan.mode === 'push' && builderDriver === 'docker');
}
async function loadPushed(plan, builderDriver, tags, report) {
    if (!report.published) {
        log/* log */.Rm.info('load: true: not loaded, because the tags were not written (the same image stays pullable by digest).');
        return;
    }
    if (loadedByBuild(plan, builderDriver)) {
        log/* log */.Rm.info(`load: true: ${tags.join(', ')} are in the runner's engine already (docker driver).`);
        return;
    }
    const image = report.image;
    if (!image?.includes('@'))
        return;
    await log/* log */.Rm.group(`Load ${tags.join(', ')} into the runner's engine (load: true)`, async () => {
        log/* log */.Rm.info(`load: true: the tags are written, so ${image} is pulled (the runner's own platform) and tagged ${tags.join(', ')}.`);
        await (0,exec/* exec */.m0)((0,docker_images/* pullArgs */.bw)(image), { timeoutMs: load_PULL_TIMEOUT_MS });
        for (const t of tags)
            await (0,exec/* exec */.m0)((0,docker_images/* tagArgs */.Cj)(image, t), { timeoutMs: 60_000 });
    });
}

;// CONCATENATED MODULE: ./src/engine/secrets.ts
/**
 * Build secrets as `--secret` specs. A value (secrets, github-token) is
 * written to a file of its own, mode 0600, in the run's private temp dir
 * under RUNNER_TEMP, which the post step removes; a secret file is copied
 * there the same way, so buildx never reads a path it would have to quote.
 * Only paths and variable names reach the command line.
 */


/** The host of a git context on which BuildKit would use `GIT_AUTH_TOKEN.<host>`; undefined when not a git URL. */
function gitHost(context) {
    const scp = /^git@([^:/]+):/.exec(context);
    if (scp)
        return scp[1]?.toLowerCase();
    if (/^github\.com\//.test(context))
        return 'github.com';
    if (!/^(https?|git|ssh):\/\//.test(context))
        return undefined;
    try {
        return new URL(context).hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
}
/**
 * build-push-action's github-token: a BuildKit secret `GIT_AUTH_TOKEN.<host>`
 * for the GitHub server's host, when the context (or a named context) is a
 * git URL on it and the user gave no GIT_AUTH_TOKEN secret of their own. The
 * token is never offered to another host.
 */
function gitAuthSecret(token, contexts, sources, serverUrl = 'https://github.com') {
    if (!token)
        return undefined;
    let host;
    try {
        host = new URL(serverUrl).hostname.toLowerCase();
    }
    catch {
        return undefined;
    }
    const id = `GIT_AUTH_TOKEN.${host}`;
    if (sources.some((s) => s.id === 'GIT_AUTH_TOKEN' || s.id === id))
        return undefined;
    if (!contexts.some((c) => gitHost(c) === host))
        return undefined;
    return { kind: 'value', id, value: token };
}
async function resolveSecrets(sources, dir, env = process.env) {
    const out = { specs: [], warnings: [], values: [] };
    let n = 0;
    for (const s of sources) {
        if (s.kind === 'env') {
            const value = env[s.value];
            if (value === undefined || value === '') {
                out.warnings.push(`Input "secret-envs": ${s.id}=${s.value}: the variable ${s.value} is not set, so the secret ${s.id} will be missing in the build. Fix: set it in the step's env.`);
            }
            else
                out.values.push(value);
            out.specs.push(`id=${s.id},env=${s.value}`);
            continue;
        }
        const file = external_node_path_default().join(dir, `secret-${++n}`);
        if (s.kind === 'value') {
            await (0,promises_.writeFile)(file, s.value, { mode: 0o600, flag: 'wx' });
        }
        else {
            const found = await (0,promises_.stat)(s.value).catch(() => undefined);
            if (!found?.isFile()) {
                // build-push-action warns and builds on without it.
                out.warnings.push(`Input "secret-files": ${s.id}=${s.value}: ${found ? 'is not a file' : 'no such file'}, so the secret ${s.id} is left out (as build-push-action does). Fix: check the path (relative to the workspace), or create the file in an earlier step.`);
                continue;
            }
            // Written, not copied: the copy is 0600 from its first byte.
            await (0,promises_.writeFile)(file, await (0,promises_.readFile)(s.value), { mode: 0o600, flag: 'wx' });
        }
        out.specs.push(`id=${s.id},src=${file}`);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/prepare.ts
/**
 * What the request needs from the runner before anything builds: the log
 * hears what reading the inputs decided, secrets become files under the
 * run's temp dir, and what buildx will read from the environment (the ssh
 * agent, the runner's cache service) is checked to be there.
 */



/** The variables buildx's type=gha cache reads: the token, and the cache service (v1 or v2). */
function ghaCacheProblem(specs, env) {
    const gha = specs.find((s) => /(^|,)\s*type\s*=\s*gha\s*(,|$)/.test(s));
    if (!gha)
        return undefined;
    const given = (key) => new RegExp(`(^|,)\\s*${key}\\s*=`).test(gha);
    const missing = [
        !given('token') && !env.ACTIONS_RUNTIME_TOKEN ? 'ACTIONS_RUNTIME_TOKEN' : undefined,
        !given('url') && !env.ACTIONS_CACHE_URL && !env.ACTIONS_RESULTS_URL
            ? 'ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL'
            : undefined,
    ].filter(Boolean);
    if (missing.length === 0)
        return undefined;
    return `${gha}: buildx reads ${missing.join(' and ')} from the environment for type=gha, and they are not set (a GitHub job sets them for JavaScript actions like this one). Outside a job the cache is not used; fix: use type=registry or type=local there.`;
}
/** The request with its `--secret` specs; throws when buildx would fail for want of something. */
async function prepareBuild(inputs, tempDir, env = process.env) {
    for (const n of inputs.notes ?? [])
        log/* log */.Rm.info(n);
    for (const w of inputs.warnings ?? [])
        log/* log */.Rm.warning(w);
    if ((inputs.sshMounts ?? []).some((s) => s === 'default') && !env.SSH_AUTH_SOCK) {
        throw new Error('Input "ssh": "default" needs an ssh agent, and SSH_AUTH_SOCK is not set. Fix: start one in an earlier step (webfactory/ssh-agent, or ssh-agent -a "$SSH_AUTH_SOCK" with SSH_AUTH_SOCK in the job env), or give default=/path/to/agent.sock.');
    }
    const cache = ghaCacheProblem([...inputs.cacheFrom, ...inputs.cacheTo], env);
    if (cache)
        log/* log */.Rm.warning(cache);
    const sources = [...(inputs.secretSources ?? [])];
    const git = gitAuthSecret(inputs.githubToken, [inputs.context, ...(inputs.buildContexts ?? []).map((c) => c.slice(c.indexOf('=') + 1))], sources, env.GITHUB_SERVER_URL || undefined);
    if (git) {
        sources.push(git);
        log/* log */.Rm.info(`github-token: offered to BuildKit as the secret ${git.id}, for the git context.`);
    }
    if (sources.length === 0)
        return inputs;
    const resolved = await resolveSecrets(sources, tempDir, env);
    for (const v of resolved.values)
        (0,runner_inputs/* maskSecret */.$l)(v, log/* setSecret */.Pq);
    for (const w of resolved.warnings)
        log/* log */.Rm.warning(w);
    return { ...inputs, secrets: [...(inputs.secrets ?? []), ...resolved.specs] };
}

;// CONCATENATED MODULE: ./src/engine/engine-lost.ts
/**
 * A build that fails may have failed because its engine went away (dockerd
 * died, a node's sshd stopped). BuildKit then reports only a broken stream
 * ("error reading from server: EOF"); asking the engine again names the real
 * cause and which engine it was.
 */


/** The docker CLI part of a build argv: `docker [--context X]`, before `buildx`. */
function dockerOf(argv) {
    const at = argv.indexOf('buildx');
    return at > 0 ? argv.slice(0, at) : ['docker'];
}
/** How a person finds the engine a command ran on. */
function engineName(worker) {
    if (worker !== 'local')
        return `node ${worker}`;
    const host = process.env.DOCKER_HOST;
    return host ? `the runner's Docker engine (DOCKER_HOST=${host})` : "the runner's Docker engine";
}
/** A sentence saying the engine is gone and why, or undefined when it still answers. */
async function engineLost(argv, worker) {
    const inspection = await (0,docker_engine/* inspectEngine */.P7)(dockerOf(argv)).catch(() => undefined);
    if (!inspection || inspection.ok)
        return undefined;
    const why = inspection.timedOut ? 'it did not answer in time' : (0,exec/* tail */.RT)(inspection.output, 3);
    return `The build stopped because ${engineName(worker)} stopped answering during it: ${why}\nFix: check that the engine${worker === 'local' ? ' (dockerd)' : ' and its ssh or TLS endpoint'} is still running (its log says why it stopped), then run again. Nothing was tagged.`;
}

;// CONCATENATED MODULE: ./src/docker/progress.ts
/**
 * BuildKit's progress, as `docker buildx build --progress=rawjson` writes it
 * to stderr: a stream of JSON objects (often pretty-printed over many lines),
 * each with `vertexes` (digest, inputs, name, started, completed, cached,
 * error), `statuses` (id, vertex, current, total, completed) and `logs`
 * (vertex, base64 data). Plain text lines (buildx's own `ERROR:` and
 * warnings) can come between them. Pure: the caller feeds chunks and the
 * clock.
 *
 * Three things are read from it:
 * - lines for the step log, in the spirit of `--progress=plain`;
 * - each platform's build time;
 * - whether a registry exchange has stopped making progress.
 */

// ---------------------------------------------------------------- the stream
/**
 * Splits a stream of concatenated JSON objects, and text lines between them,
 * at object and line boundaries, across chunks.
 */
class JsonObjectSplitter {
    buffer = '';
    depth = 0;
    inString = false;
    escaped = false;
    text = '';
    /** Feeds a chunk; returns the complete objects (parsed) and text lines it finished. */
    push(chunk) {
        const out = [];
        for (const c of chunk) {
            if (this.depth === 0) {
                if (c === '{' && this.text.trim() === '') {
                    this.text = '';
                    this.depth = 1;
                    this.buffer = c;
                }
                else if (c === '\n') {
                    if (this.text.trim())
                        out.push(this.text.trimEnd());
                    this.text = '';
                }
                else {
                    this.text += c;
                }
                continue;
            }
            this.buffer += c;
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (c === '\\')
                    this.escaped = true;
                else if (c === '"')
                    this.inString = false;
            }
            else if (c === '"')
                this.inString = true;
            else if (c === '{')
                this.depth++;
            else if (c === '}' && --this.depth === 0)
                out.push(parseObject(this.buffer));
        }
        return out;
    }
    /** What is left at the end of the stream: a last text line without its newline. */
    end() {
        const rest = (this.depth === 0 ? this.text : this.buffer).trim();
        this.text = '';
        this.buffer = '';
        this.depth = 0;
        return rest ? [rest] : [];
    }
}
function parseObject(text) {
    try {
        const v = JSON.parse(text);
        return v && typeof v === 'object' && !Array.isArray(v) ? v : text;
    }
    catch {
        return text;
    }
}
function time(v) {
    if (typeof v !== 'string')
        return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
}
function progress_seconds(ms) {
    return `${(ms / 1000).toFixed(1)}s`;
}
/**
 * Follows a build's progress: `apply` takes one object of the stream (and
 * the local clock) and returns the log lines it makes.
 */
class ProgressTracker {
    vertices = new Map();
    partialLogs = new Map();
    doneStatuses = new Set();
    apply(obj, now) {
        const lines = [];
        for (const raw of asArray(obj.vertexes))
            this.vertex(raw, now, lines);
        for (const raw of asArray(obj.statuses))
            this.status(raw, now, lines);
        for (const raw of asArray(obj.logs))
            this.log(raw, now, lines);
        return lines;
    }
    /** The rest of every log line not yet ended by a newline (end of stream). */
    flush() {
        const lines = [...this.partialLogs].flatMap(([digest, rest]) => {
            const v = this.vertices.get(digest);
            return rest && v ? [`#${v.index} ${rest}`] : [];
        });
        this.partialLogs.clear();
        return lines;
    }
    vertex(raw, now, lines) {
        if (typeof raw.digest !== 'string')
            return;
        let v = this.vertices.get(raw.digest);
        if (!v) {
            v = {
                digest: raw.digest,
                index: this.vertices.size + 1,
                name: typeof raw.name === 'string' ? raw.name : raw.digest,
                inputs: [],
                cached: false,
                intervals: [],
                lastActivity: now,
                pushing: false,
            };
            this.vertices.set(raw.digest, v);
        }
        v.lastActivity = now;
        if (Array.isArray(raw.inputs))
            v.inputs = raw.inputs.filter((i) => typeof i === 'string');
        const started = time(raw.started);
        const completed = time(raw.completed);
        if (started !== undefined && started !== v.started) {
            if (v.started === undefined)
                lines.push(`#${v.index} ${v.name}`);
            v.started = started;
            v.completed = undefined;
        }
        if (raw.cached === true && !v.cached) {
            v.cached = true;
            lines.push(`#${v.index} CACHED`);
        }
        if (typeof raw.error === 'string' && raw.error && raw.error !== v.error) {
            v.error = raw.error;
            lines.push(`#${v.index} ERROR: ${raw.error}`);
        }
        if (completed !== undefined && v.completed === undefined) {
            v.completed = completed;
            const begin = v.started ?? completed;
            v.intervals.push([begin, completed]);
            if (!v.cached && !v.error)
                lines.push(`#${v.index} DONE ${progress_seconds(completed - begin)}`);
        }
    }
    status(raw, now, lines) {
        if (typeof raw.vertex !== 'string' || typeof raw.id !== 'string')
            return;
        const v = this.vertices.get(raw.vertex);
        if (!v)
            return;
        v.lastActivity = now;
        if (/^pushing\b/.test(raw.id))
            v.pushing = true;
        const named = /^pushing manifest for (\S+)/.exec(raw.id);
        if (named)
            v.statusRegistry = progress_registryOf(named[1]);
        const key = `${raw.vertex} ${raw.id}`;
        if (raw.completed !== undefined && !this.doneStatuses.has(key)) {
            this.doneStatuses.add(key);
            lines.push(`#${v.index} ${raw.id} done`);
        }
    }
    log(raw, now, lines) {
        if (typeof raw.vertex !== 'string' || typeof raw.data !== 'string')
            return;
        const v = this.vertices.get(raw.vertex);
        if (!v)
            return;
        v.lastActivity = now;
        const text = (this.partialLogs.get(v.digest) ?? '') + Buffer.from(raw.data, 'base64').toString('utf8');
        const parts = text.split(/\r?\n/);
        this.partialLogs.set(v.digest, parts.pop() ?? '');
        for (const p of parts)
            lines.push(`#${v.index} ${p}`);
    }
}
function asArray(v) {
    return Array.isArray(v) ? v : [];
}
// ---------------------------------------------------------------- platforms
const PLATFORM_PREFIX = /^\[([a-z]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?)[ \]]/;
/**
 * Which target platform a vertex is built for. What BuildKit 0.13 writes,
 * checked on real multi-stage and `FROM --platform=$BUILDPLATFORM` builds:
 * - only the first vertex of a stage names its platform (`[linux/arm64 1/3]
 *   FROM …`, `[linux/arm64 builder 1/2] COPY …`, `[linux/arm64 internal] load
 *   metadata for …`), and it names the *target* platform, also for a stage
 *   that runs on the build platform;
 * - the vertices after it (`[2/3] RUN …`) name none, and take it through
 *   their `inputs`;
 * - a vertex whose inputs lead to several platforms, or to none (the build
 *   context, the export), is shared and belongs to no one platform.
 * A single-platform build names no platform at all.
 */
function platformOf(vertices, digest, memo = new Map()) {
    const known = memo.get(digest);
    if (known !== undefined)
        return known ?? undefined;
    memo.set(digest, null); // a cycle cannot happen in a DAG, but must not recurse forever
    const v = vertices.get(digest);
    let found = null;
    const own = v ? PLATFORM_PREFIX.exec(v.name) : null;
    if (own) {
        found = own[1];
    }
    else if (v) {
        const fromInputs = new Set(v.inputs.map((i) => platformOf(vertices, i, memo)).filter((p) => !!p));
        if (fromInputs.size === 1)
            found = [...fromInputs][0];
    }
    memo.set(digest, found);
    return found ?? undefined;
}
/** Total length of a union of intervals: time during which at least one of them ran. */
function unionMs(intervals) {
    const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
    let total = 0;
    let end = -Infinity;
    for (const [s, e] of sorted) {
        if (e <= end)
            continue;
        total += e - Math.max(s, end);
        end = e;
    }
    return total;
}
/**
 * Each platform's build time: the wall time during which at least one of its
 * own steps ran. Steps shared by all platforms (sending the context, the
 * export and push) are in no platform's figure.
 */
function platformDurations(vertices) {
    const memo = new Map();
    const byPlatform = new Map();
    for (const v of vertices.values()) {
        const p = platformOf(vertices, v.digest, memo);
        if (!p)
            continue;
        byPlatform.set(p, [...(byPlatform.get(p) ?? []), ...v.intervals]);
    }
    return new Map([...byPlatform].map(([p, iv]) => [p, unionMs(iv)]));
}
function progress_registryOf(ref) {
    try {
        return (0,oci_reference/* parseImageRef */.Q)(ref.replace(/^docker-image:\/\//, '')).domain ?? 'docker.io';
    }
    catch {
        return undefined;
    }
}
/**
 * Whether a vertex is a talk with a registry, and which. Only these can
 * stall: a `RUN` step may be silent for as long as it likes.
 */
function registryExchange(v) {
    const name = v.name.replace(/^\[[^\]]*\]\s*/, '');
    const ref = (re) => {
        const m = re.exec(name);
        return m ? progress_registryOf(m[1]) : undefined;
    };
    if (/^load metadata for /.test(name))
        return { phase: 'resolving the base image', registry: ref(/^load metadata for (\S+)/) };
    if (/^resolve image config for /.test(name))
        return { phase: 'resolving the Dockerfile frontend', registry: ref(/for (\S+)/) };
    if (/^FROM /.test(name))
        return { phase: 'pulling the base image', registry: ref(/^FROM (\S+)/) };
    if (/^importing cache manifest from /.test(name))
        return { phase: 'importing the cache', registry: ref(/from (\S+)/) };
    if (/^exporting cache to registry/.test(name))
        return { phase: 'exporting the cache' };
    // The docker driver pushes in a vertex of its own.
    if (/^pushing \S+ with docker/.test(name))
        return { phase: 'pushing', registry: ref(/^pushing (\S+) with docker/) };
    if (/^exporting to image/.test(name) && v.pushing)
        return { phase: 'pushing', registry: v.statusRegistry };
    return undefined;
}
/** The first running registry exchange that has made no progress for `idleMs` or longer. */
function findStall(vertices, now, idleMs) {
    for (const v of vertices.values()) {
        if (v.started === undefined || v.completed !== undefined)
            continue;
        if (now - v.lastActivity < idleMs)
            continue;
        const exchange = registryExchange(v);
        if (exchange)
            return { ...exchange, vertex: v.name, idleMs: now - v.lastActivity };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/engine/emulation-advice.ts
/** Whether QEMU made a platform's build much slower than the native one, and what to do about it. Pure. */
/** Emulation is worth a word when it costs more than this many times the native build, and this long. */
const EMULATION_RATIO = 3;
const EMULATION_MIN_MS = 30_000;
const DEFAULT_ADVICE_THRESHOLDS = {
    ratio: EMULATION_RATIO,
    minMs: EMULATION_MIN_MS,
};
/**
 * One warning for the slowest emulated platform whose build took more than
 * `ratio` × the slowest native one and more than `minMs`; undefined when
 * emulation costs little, or when nothing was built natively to compare with.
 */
function emulationAdvice(times, ratio = EMULATION_RATIO, minMs = EMULATION_MIN_MS) {
    const native = times.filter((t) => !t.emulated);
    if (native.length === 0)
        return undefined;
    const base = native.reduce((a, b) => (b.buildMs > a.buildMs ? b : a));
    const slow = times
        .filter((t) => t.emulated && t.buildMs > minMs && t.buildMs > ratio * base.buildMs)
        .sort((a, b) => b.buildMs - a.buildMs);
    const worst = slow[0];
    if (!worst)
        return undefined;
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const others = slow.slice(1).map((t) => `${t.platform} ${s(t.buildMs)}`);
    return (`Emulation is slow here: ${worst.platform} took ${s(worst.buildMs)} to build under QEMU, ` +
        `${(worst.buildMs / Math.max(base.buildMs, 1)).toFixed(1)}× the ${s(base.buildMs)} of native ${base.platform}` +
        `${others.length > 0 ? ` (also ${others.join(', ')})` : ''}. ` +
        `Build it natively instead: a node of that architecture (the nodes input, with node-strategy append or fanout), ` +
        'or a Dockerfile that cross-compiles (FROM --platform=$BUILDPLATFORM, then build for $TARGETARCH).');
}

;// CONCATENATED MODULE: ./src/engine/request.ts
/** registry-timeout's default: a registry silent for this long is not coming back. */


;// CONCATENATED MODULE: ./src/engine/run-builds.ts
/** Runs the planned builds and learns what they produced. */















// The rendered log kept for the error message: its tail is what a person reads.
const RENDERED_CAP = 2000;
// How often the stall watch looks: often enough to stop a hung registry near its deadline.
const WATCH_EVERY_MS = 1000;
/** Where a stalled exchange is, for the error: the registry the vertex names, or the one pushed to. */
function stallMessage(stall, fallbackRegistry, timeoutMs) {
    return registryTimeoutMessage({
        registry: stall.registry ?? fallbackRegistry,
        phase: stall.phase,
        timeoutMs,
        idleMs: stall.idleMs,
        vertex: stall.vertex,
        stopped: 'the build',
        from: 'the builder',
    });
}
function registryOfTag(tag) {
    return tag ? registryOf(tag) : undefined;
}
/**
 * A registry's 5xx to a request of the push inside a build. Debian's
 * distribution 2.8 answers 500 to a HEAD of a tag whose link file is being
 * rewritten, which dockerd's own multi-platform push runs into at times.
 */
// The reason ends at the line's end, or where the progress stream's JSON quotes it.
const REGISTRY_HICCUP = /unexpected status from (?:HEAD|GET|PUT|POST) request to \S+: 50[0234]\b[^\n"\\]*/;
/** What the registry answered, when a build's output says its push met a 5xx. Pure. */
function registryHiccup(output) {
    return REGISTRY_HICCUP.exec(output)?.[0].trim();
}
/** One build; once more when the registry hiccuped during its push (the layers are cached by then). */
async function runStep(step, stream, registryTimeoutMs, pushRegistry) {
    const first = await attemptStep(step, stream, registryTimeoutMs, pushRegistry, true);
    if (first !== 'again')
        return first;
    return (await attemptStep(step, stream, registryTimeoutMs, pushRegistry, false));
}
async function attemptStep(step, stream, registryTimeoutMs, pushRegistry, mayRetry) {
    const rawjson = step.argv.includes('rawjson');
    const prefix = typeof stream === 'string' ? `[${stream}] ` : '';
    const splitter = new JsonObjectSplitter();
    const tracker = new ProgressTracker();
    const rendered = [];
    const show = (lines) => {
        for (const l of lines) {
            log/* log */.Rm.info(prefix + l);
            rendered.push(l);
        }
        if (rendered.length > RENDERED_CAP)
            rendered.splice(0, rendered.length - RENDERED_CAP);
    };
    const feed = (chunk) => {
        const now = Date.now();
        for (const item of splitter.push(chunk))
            show(typeof item === 'string' ? [item] : tracker.apply(item, now));
    };
    const abort = new AbortController();
    let stall;
    const watch = rawjson
        ? setInterval(() => {
            stall = findStall(tracker.vertices, Date.now(), registryTimeoutMs);
            if (stall)
                abort.abort();
        }, WATCH_EVERY_MS)
        : undefined;
    const res = await (0,exec/* exec */.m0)(step.argv, rawjson
        ? { onOutput: feed, signal: abort.signal, allowFailure: true }
        : { stream, allowFailure: true }).finally(() => clearInterval(watch));
    if (rawjson)
        show([...splitter.end(), ...tracker.flush()]);
    const text = rawjson ? rendered.join('\n') : res.output;
    const where = step.worker === 'local' ? '' : ` on ${step.worker}`;
    const what = `The build of ${step.platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')}${where}`;
    if (stall)
        throw new Error(`${what} was stopped: ${stallMessage(stall, pushRegistry, registryTimeoutMs)}`);
    const hiccup = res.exitCode !== 0 && mayRetry ? registryHiccup(res.output) : undefined;
    if (hiccup) {
        log/* log */.Rm.info(`${what} met a registry error while pushing (${hiccup}): building once more.`);
        return 'again';
    }
    if (res.exitCode !== 0) {
        const last = text
            .trimEnd()
            .split('\n')
            .filter((l) => /error|failed/i.test(l))
            .slice(-3)
            .join('\n');
        const lost = await engineLost(step.argv, step.worker);
        if (lost)
            throw new Error(`${lost}\nBuild output:\n${last || (0,exec/* tail */.RT)(text, 3)}`);
        const hint = (0,buildx/* buildFailureHint */.QY)(text);
        throw new Error(`${what} failed (exit ${res.exitCode})${last ? `:\n${last}` : '. See the log above.'}${hint ? `\n${hint}` : ''}`);
    }
    return {
        step,
        meta: parseMetadata(await (0,promises_.readFile)(step.metadataFile, 'utf8')),
        durationMs: res.durationMs,
        platformMs: platformDurations(tracker.vertices),
    };
}
/**
 * Each platform's build time. One build of one platform: all of it. One
 * build of several: each platform's own steps, read from the progress stream
 * (docker/progress.ts says how), or the whole build when the stream said
 * nothing of that platform (plain progress, an old buildx).
 */
function durationsOf(results) {
    return new Map(results.flatMap((r) => r.step.platforms.map((p) => {
        const key = (0,oci_platform/* formatPlatform */.Bq)(p);
        const own = r.step.platforms.length > 1 ? r.platformMs.get(key) : undefined;
        return [key, own ?? r.durationMs];
    })));
}
/** Says once when QEMU made a platform's build much slower than a native one. */
function adviseOnEmulation(plan, durations, thresholds) {
    const times = plan.targets.flatMap((t) => {
        const platform = (0,oci_platform/* formatPlatform */.Bq)(t.platform);
        const buildMs = durations.get(platform);
        return buildMs === undefined ? [] : [{ platform, emulated: t.emulated, buildMs }];
    });
    const advice = emulationAdvice(times, thresholds.ratio, thresholds.minMs);
    if (advice)
        log/* log */.Rm.warning(advice);
}
function requireDigest(r) {
    if (!r.meta.digest) {
        throw new Error(`buildx pushed but did not report the image digest in its metadata file (${JSON.stringify(r.meta.raw)}), so the pushed platforms cannot be tested by digest. Check the buildx version (0.10 or newer).`);
    }
    return r.meta.digest;
}
async function build(plan, platforms, tags, registryTimeoutMs = DEFAULT_REGISTRY_TIMEOUT_MS, adviceThresholds = DEFAULT_ADVICE_THRESHOLDS) {
    const pushRegistry = registryOfTag(plan.repository ?? tags[0]);
    // Several builds run side by side (one per node or platform): prefix their lines.
    const parallel = plan.builds.length > 1;
    // Every build is awaited: one failing must neither orphan the others nor hide their errors.
    const settled = await Promise.allSettled(plan.builds.map((s) => during(s.platforms.map(oci_platform/* formatPlatform */.Bq), 'building', runStep(s, parallel ? `${s.platforms.map(oci_platform/* formatPlatform */.Bq).join(',')}@${s.worker}` : true, registryTimeoutMs, pushRegistry))));
    const failures = settled.flatMap((r) => r.status === 'rejected' ? [(0,runner_errors/* errorMessage */.gJ)(r.reason)] : []);
    if (failures.length > 0)
        throw new Error(failures.join('\n'));
    const results = settled.map((r) => r.value);
    const durations = durationsOf(results);
    adviseOnEmulation(plan, durations, adviceThresholds);
    const metadata = results.length === 1
        ? results[0].meta.raw
        : Object.fromEntries(results.map((r) => [
            `${r.step.platforms.map(oci_platform/* formatPlatform */.Bq).join(',')}@${r.step.worker}`,
            r.meta.raw,
        ]));
    const shape = outcomeShape(plan);
    switch (shape.kind) {
        case 'pushed': {
            const digest = requireDigest(results[0]);
            const platformDigests = await resolvePlatformDigests(shape.repository, digest, platforms, registryTimeoutMs);
            return { digest, metadata, platformDigests, durations };
        }
        case 'loaded-index':
            // The loaded index: what is pushed, unchanged, once every platform passed.
            return {
                digest: requireDigest(results[0]),
                metadata,
                platformDigests: new Map(),
                durations,
            };
        case 'parts': {
            const repo = shape.repository;
            const parts = results.map((r) => `${repo}@${requireDigest(r)}`);
            const found = await Promise.all(results.map((r) => resolvePlatformDigests(repo, requireDigest(r), r.step.platforms, registryTimeoutMs)));
            const platformDigests = new Map(found.flatMap((m) => [...m]));
            return { metadata, platformDigests, durations, parts };
        }
        case 'merged': {
            const repo = shape.repository;
            const sources = results.map((r) => `${repo}@${requireDigest(r)}`);
            await createIndex(tags, sources, plan.mergeAnnotations ?? [], registryTimeoutMs);
            const digest = await readDigest(tags[0], registryTimeoutMs);
            const platformDigests = await resolvePlatformDigests(repo, digest, platforms, registryTimeoutMs);
            return { digest, metadata, platformDigests, durations };
        }
        case 'local':
            return { metadata, platformDigests: new Map(), durations };
    }
}
/** Pure; a new build mode is a compile error here until it says what its outcome is. */
function outcomeShape(plan) {
    const repository = plan.repository;
    switch (plan.mode) {
        case 'push':
            return repository ? { kind: 'pushed', repository } : { kind: 'local' };
        case 'load-then-push':
            return { kind: 'loaded-index' };
        case 'fanout-push':
            if (!repository)
                return { kind: 'local' };
            return plan.gate ? { kind: 'parts', repository } : { kind: 'merged', repository };
        case 'load':
        case 'load-per-platform':
        case 'fanout-load':
            return { kind: 'local' };
        default:
            return unknownMode(plan.mode);
    }
}
function unknownMode(mode) {
    throw new Error(`No outcome is defined for build mode ${String(mode)}`);
}
/**
 * build-push-action's imageid: what buildx writes to --iidfile, the image
 * config digest, or the digest of what was exported when there is none (an
 * index). A build made in parts has no one image id.
 */
function imageIdOf(metadata, steps) {
    if (steps !== 1)
        return undefined;
    const id = metadata['containerimage.config.digest'] ?? metadata['containerimage.digest'];
    return typeof id === 'string' ? id : undefined;
}

;// CONCATENATED MODULE: ./src/engine/call.ts
/**
 * build-push-action's `call` with a method other than build (check, outline,
 * targets): buildx evaluates the build and prints its answer, and makes no
 * image, so there is nothing to push, load or smoke-test. One command, on the
 * runner's builder, streamed to the log.
 */





function callArgs(inputs, tempDir) {
    return (0,buildx/* buildArgs */.CH)(inputs, {
        docker: ['docker'],
        platforms: inputs.platforms,
        tags: [],
        output: 'none',
        metadataFile: external_node_path_default().join(tempDir, 'metadata-call.json'),
    });
}
async function runCall(inputs, tempDir, report) {
    report.mode = `call ${inputs.call}`;
    log/* log */.Rm.info(`call: ${inputs.call}: buildx evaluates the build and makes no image, so nothing is pushed, loaded or smoke-tested.`);
    const argv = callArgs(inputs, tempDir);
    const res = await log/* log */.Rm.group(`buildx --call ${inputs.call}`, () => (0,exec/* exec */.m0)(argv, { stream: true, allowFailure: true }));
    const metadata = await (0,promises_.readFile)(external_node_path_default().join(tempDir, 'metadata-call.json'), 'utf8').catch(() => undefined);
    if (metadata) {
        try {
            report.metadata = JSON.parse(metadata);
        }
        catch {
            // buildx wrote something else: the log above has its answer.
        }
    }
    if (res.exitCode !== 0) {
        const hint = (0,buildx/* buildFailureHint */.QY)(res.output);
        throw new Error(`buildx --call ${inputs.call} failed (exit ${res.exitCode}):\n${(0,exec/* tail */.RT)(res.output, 5)}${hint ? `\n${hint}` : ''}`);
    }
}

;// CONCATENATED MODULE: ./src/docker/registry/referrers-tag.ts
/**
 * Keeping a subject's referrers list under its referrers tag, for a registry
 * without the referrers API. A tag has no compare-and-swap, so another writer
 * (a second run attaching to the same image) may put a list it read before
 * our put over ours. Each try reads, merges and puts, then reads again after
 * a while, because such a writer's put lands about as long after ours as our
 * own read-to-put took. Writers in this process take turns per tag, so only
 * other processes can race us.
 */



/**
 * The race for a tag: how many tries, the pause between them, and how long
 * our put must stay before it counts (our own read-to-put, which a writer
 * that read before our put needs too, within these bounds).
 */
const RACE = { attempts: 5, retryMs: 100, settleMinMs: 25, settleMaxMs: 2000 };
/** The update of each tag this process is making, to queue behind. */
const updating = new Map();
/** Runs `work` once every earlier update of the same tag in this process is done. */
async function inTurn(key, work) {
    const before = updating.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    updating.set(key, mine);
    try {
        return await mine;
    }
    finally {
        if (updating.get(key) === mine)
            updating.delete(key);
    }
}
function addToReferrersTag(client, subject, entry, signal) {
    const tag = referrersTag(subject);
    return inTurn(`${client.registry}/${client.name}:${tag}`, () => update(client, tag, entry, signal));
}
async function update(client, tag, entry, signal) {
    const where = client.tagName(tag);
    const read = async () => {
        const current = await client.getManifest(tag, { signal });
        const index = current && parseReferrersIndex(current.json, where);
        return { held: !!index?.manifests.some((m) => m.digest === entry.digest), index };
    };
    for (let attempt = 1; attempt <= RACE.attempts; attempt++) {
        const began = Date.now();
        const before = await read();
        if (before.held)
            return;
        const merged = canonicalJson(withReferrer(before.index, entry));
        await client.putManifest(tag, OCI_INDEX, merged, { signal });
        // A writer that read before our put lands its own within about our read-to-put time.
        const settle = Math.min(RACE.settleMaxMs, Math.max(RACE.settleMinMs, Date.now() - began));
        await (0,external_node_timers_promises_.setTimeout)(settle, undefined, { signal });
        if ((await read()).held)
            return;
        // Apart in time, so two writers that collided do not collide again in step.
        await (0,external_node_timers_promises_.setTimeout)(RACE.retryMs * attempt * (0.5 + Math.random()), undefined, { signal });
    }
    throw new runner_errors/* MultiarchError */._G('command', `${where} lost the entry of artifact ${entry.digest} ${RACE.attempts} times in a row: other writers keep replacing it. Attach again when they are done.`);
}

;// CONCATENATED MODULE: ./src/docker/registry/attach.ts
/**
 * Attaches an artifact (a test-result statement) to an image as an OCI 1.1
 * referrer: its own manifest, pushed by digest, whose `subject` is the image,
 * so no tag of the image moves. A registry with the referrers API lists it
 * itself; for one without (distribution 2.8, Debian's docker-registry), the
 * client keeps the list under the referrers tag, as the spec asks.
 */






/** The tag or digest `subject` names in the client's repository. */
function subjectReference(client, subject) {
    if (oci_reference/* DIGEST */.Dh.test(subject))
        return subject;
    const repo = resolveRepository(subject);
    if (repo.registry !== client.registry || repo.name !== client.name)
        throw new runner_errors/* MultiarchError */._G('input', `cannot attach to ${subject}: it is not in ${client.registry}/${client.name}, the repository the artifact goes to`);
    if (!repo.reference)
        throw new runner_errors/* MultiarchError */._G('input', `cannot attach to ${subject}: it names no tag or digest`);
    return repo.reference;
}
async function attachArtifact(client, req) {
    let step = 'reading the subject and pushing the artifact content';
    const what = () => `attaching a ${req.artifactType} artifact to ${client.name}@${req.subject} (${step})`;
    return bounded({
        registry: client.registry,
        what,
        timeoutMs: req.timeoutMs ?? client.timeoutMs,
        signal: req.signal,
    }, async (signal) => {
        const reference = subjectReference(client, req.subject);
        // The subject is read while the blobs go up: none of the three waits for another.
        const [head, , layer] = await Promise.all([
            client.manifestHead(reference, { signal }),
            client.pushBlob(new TextEncoder().encode(EMPTY_JSON), EMPTY_CONFIG.mediaType, { signal }),
            client.pushBlob(req.layerBytes, req.layerMediaType, { signal }),
        ]);
        if (!head)
            throw new runner_errors/* MultiarchError */._G('command', `registry ${client.registry} has no manifest ${reference} in ${client.name}, so there is nothing to attach the ${req.artifactType} artifact to`);
        const subject = {
            mediaType: head.mediaType,
            digest: head.digest,
            size: head.size,
        };
        const manifest = artifactManifest({
            artifactType: req.artifactType,
            layer,
            subject,
            annotations: req.annotations,
        });
        const bytes = canonicalJson(manifest);
        const entry = referrerDescriptor(manifest, bytes);
        step = 'pushing the artifact manifest';
        const put = await client.putManifest(entry.digest, OCI_MANIFEST, bytes, { signal });
        if (put.subject)
            return { digest: entry.digest, via: 'api', subject };
        step = `updating ${client.tagName(referrersTag(subject.digest))}`;
        await addToReferrersTag(client, subject.digest, entry, signal);
        return { digest: entry.digest, via: 'tag', subject };
    });
}

;// CONCATENATED MODULE: ./src/verify/attestation/statement.ts
/**
 * The tests of a run as an in-toto Statement v1 with the test-result predicate v0.1: what
 * travels with the image, so that a registry, a PR check or an admission policy can ask
 * "was this digest tested, and did it pass" long after the run's log is gone. Pure: the
 * registry side pushes what this makes.
 *
 * Subject: the index, named by its repository (`ghcr.io/acme/app`), then each tested
 * platform's manifest, named by its platform (`linux/arm64`). Tests: `<platform>/<kind>`,
 * kind one of TEST_KINDS.
 */





const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1';
/**
 * What a platform can be tested for: `smoke` (a command ran and passed), `probe` (a server
 * answered ready, instead of a command), `arch-scan` (no executable for another architecture)
 * and `loader` (every dynamically linked executable has its loader).
 */
const TEST_KINDS = ['smoke', 'probe', 'arch-scan', 'loader'];
/** `linux/arm64/smoke`. */
function testName(platform, kind) {
    return `${platform}/${kind}`;
}
/** in-toto wants at least one subject: a run that pushed nothing has nothing to attest. */
class NothingToAttestError extends runner_errors/* MultiarchError */._G {
    constructor() {
        super('invalid', 'nothing to attest: the run has no index digest and no tested platform with a digest');
    }
}
/** Throws NothingToAttestError when neither the index nor any platform has a digest. */
function testResultStatement(input) {
    // One spelling everywhere (linux/arm64, never linux/arm64/v8), so that names match.
    const platforms = input.platforms
        .map((p) => ({ ...p, platform: platformName(p.platform) }))
        .sort((a, b) => compare(a.platform, b.platform));
    const tests = {
        passed: new Set(),
        warned: new Set(),
        failed: new Set(),
    };
    for (const p of platforms) {
        for (const [kind, status] of platformTests(p, input.settings)) {
            tests[status].add(testName(p.platform, kind));
        }
    }
    // A platform listed twice keeps its worst: a test is in one list only, and a failure wins.
    const failedTests = statement_sorted(tests.failed);
    const warnedTests = statement_sorted(tests.warned).filter((t) => !tests.failed.has(t));
    const passedTests = statement_sorted(tests.passed).filter((t) => !tests.failed.has(t) && !tests.warned.has(t));
    const subject = subjects(input, platforms);
    if (subject.length === 0)
        throw new NothingToAttestError();
    const url = runUrl(input.env ?? {});
    return {
        _type: STATEMENT_TYPE,
        subject,
        predicateType: TEST_RESULT_PREDICATE,
        predicate: {
            // Never PASSED without a passed test: a run with no platform proves nothing.
            result: failedTests.length > 0
                ? 'FAILED'
                : warnedTests.length > 0 || passedTests.length === 0
                    ? 'WARNED'
                    : 'PASSED',
            configuration: configuration(input.settings, platforms),
            ...(url ? { url } : {}),
            passedTests,
            warnedTests,
            failedTests,
        },
    };
}
/** The predicate alone: what actions/attest takes as predicate-path. */
function predicateOnly(statement) {
    return statement.predicate;
}
/** The statement as it is pushed and hashed: canonical JSON in UTF-8, one line, no newline. */
function statementBytes(statement) {
    return Buffer.from(canonicalJson(statement));
}
/**
 * Each test that applies to one platform, with its status. A failure is never lost: a platform
 * the run failed, whose own tests show no failure (it could not be pulled, or run at all),
 * turns its first warned test, or else its smoke test, into a failed one.
 */
function platformTests(p, s) {
    const smokeKind = s.smokeProbe ? 'probe' : 'smoke';
    const tests = new Map();
    if (s.smoke || p.smoke !== 'skipped') {
        // Smoke on but skipped: the platform never got as far as its test.
        tests.set(smokeKind, p.smoke === 'skipped' ? 'warned' : p.smoke);
    }
    if (s.verifyArch || p.arch) {
        if (p.arch?.checked) {
            tests.set('arch-scan', p.arch.foreignCount === 0 ? 'passed' : 'failed');
            const loader = p.arch.loaderProblemCount;
            tests.set('loader', loader === undefined ? 'warned' : loader === 0 ? 'passed' : 'failed');
        }
        else {
            // A check that could not look (an architecture it does not know) proves nothing either way.
            tests.set('arch-scan', 'warned');
            tests.set('loader', 'warned');
        }
    }
    // Nothing was asked of this platform: say so rather than list nothing.
    if (tests.size === 0)
        tests.set(smokeKind, 'warned');
    if (!p.ok && ![...tests.values()].includes('failed')) {
        const carrier = [...tests].find(([, status]) => status === 'warned')?.[0] ?? smokeKind;
        tests.set(carrier, 'failed');
    }
    return tests;
}
function subjects(input, platforms) {
    const out = [];
    const index = input.indexDigest && digestSet(input.indexDigest);
    if (index)
        out.push({ name: (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(input.repository)), digest: index });
    const seen = new Set();
    for (const p of platforms) {
        const digest = p.digest && digestSet(p.digest);
        const key = `${p.platform}@${p.digest}`;
        if (!digest || seen.has(key))
            continue;
        seen.add(key);
        out.push({ name: p.platform, digest });
    }
    return out;
}
/** `sha256:<hex>` as `{ sha256: "<hex>" }`; undefined for anything that is not a digest. */
function digestSet(digest) {
    if (!oci_reference/* DIGEST */.Dh.test(digest))
        return undefined;
    const [algorithm = '', hex = ''] = digest.split(':');
    return { [algorithm]: hex };
}
/**
 * What defined the tests, one descriptor each: the smoke test, the architecture check, and
 * where each platform ran. The same fields go twice: as annotations, which a policy engine
 * reads as they are (Kyverno's JMESPath cannot decode base64), and as base64 content, which
 * in-toto asks of a descriptor that has neither uri nor digest.
 */
function configuration(s, platforms) {
    const smoke = { enabled: s.smoke };
    if (s.smoke) {
        if (s.smokeProbe) {
            smoke.kind = 'probe';
            smoke.probe = (0,verify_probe/* probeText */.Qc)(s.smokeProbe);
        }
        else {
            smoke.kind = 'command';
        }
        smoke.command = [...s.smokeCommand];
        // A probe waits for an answer, not for output: smoke-expect plays no part in it.
        if (s.smokeExpect && !s.smokeProbe)
            smoke.expect = String(s.smokeExpect);
        smoke.timeoutSeconds = s.smokeTimeoutSeconds;
        // The values may be secrets; the names say what the test depended on.
        const envKeys = [...new Set((s.smokeEnv ?? []).map((kv) => kv.split('=', 1)[0] ?? ''))]
            .filter((k) => k !== '')
            .sort(compare);
        if (envKeys.length > 0)
            smoke.envKeys = envKeys;
    }
    const arch = s.verifyArch
        ? { enabled: true, tests: ['arch-scan', 'loader'] }
        : { enabled: false };
    const seen = new Set();
    const where = [];
    for (const p of platforms) {
        if (seen.has(p.platform))
            continue;
        seen.add(p.platform);
        where.push(described(p.platform, p.emulated
            ? { platform: p.platform, emulated: true, emulator: 'qemu', node: p.node }
            : { platform: p.platform, emulated: false, node: p.node }));
    }
    return [described('smoke-test', smoke), described('verify-arch', arch), ...where];
}
function described(name, fields) {
    return {
        name,
        mediaType: 'application/json',
        content: Buffer.from(canonicalJson(fields)).toString('base64'),
        annotations: fields,
    };
}
/** The run's page, when the environment is a GitHub Actions run; undefined otherwise. */
function runUrl(env) {
    const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
    const repo = env.GITHUB_REPOSITORY;
    const id = env.GITHUB_RUN_ID;
    if (!server || !repo || !id)
        return undefined;
    // These land in a URL that policies may follow: anything odd leaves the url out.
    if (!/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[\w.~-]+)*$/.test(server))
        return undefined;
    if (!/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^\d+$/.test(id))
        return undefined;
    const attempt = env.GITHUB_RUN_ATTEMPT;
    const suffix = attempt && /^\d+$/.test(attempt) ? `/attempts/${attempt}` : '';
    return `${server}/${repo}/actions/runs/${id}${suffix}`;
}
/** A platform as it is written in subjects and test names, so that spellings match. */
function platformName(text) {
    try {
        return (0,oci_platform/* formatPlatform */.Bq)((0,oci_platform/* parsePlatform */.FL)(text));
    }
    catch {
        return text;
    }
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function statement_sorted(set) {
    return [...set].sort(compare);
}

;// CONCATENATED MODULE: ./src/verify/attestation/attest.ts
/**
 * The proof travels with the image: the tests' result is written as an
 * in-toto statement, then attached as an OCI 1.1 artifact to every digest it
 * names, in every repository they live in. Attaching never changes a digest:
 * the artifact points at the image, the image does not point at it.
 */








const STATEMENT_FILE = 'test-result.intoto.json';
const PREDICATE_FILE = 'test-result.predicate.json';
/**
 * Opens the connections attaching will use, while the tags are still being
 * written: the first request to a registry pays for its connection.
 */
function warmAttestation(mode, repositories) {
    if (mode === 'false')
        return;
    for (const r of new Set(repositories))
        new RegistryClient(r).warm();
}
/**
 * Writes the statement and its predicate, then attaches the statement to
 * every target side by side. A registry that refuses is named in `warning`;
 * it is the caller's to fail on (attest-tests: required). Undefined when
 * nothing was pushed: a statement needs a digest to be about.
 */
async function attestTests(req) {
    if (req.targets.length === 0)
        return undefined;
    const statement = testResultStatement({
        repository: req.repository,
        indexDigest: req.indexDigest,
        platforms: req.platforms,
        settings: req.settings,
        env: process.env,
    });
    const bytes = statementBytes(statement);
    await (0,promises_.mkdir)(req.dir, { recursive: true });
    const file = external_node_path_default().join(req.dir, STATEMENT_FILE);
    const predicate = external_node_path_default().join(req.dir, PREDICATE_FILE);
    await Promise.all([
        (0,promises_.writeFile)(file, bytes),
        (0,promises_.writeFile)(predicate, `${JSON.stringify(predicateOnly(statement), null, 2)}\n`),
    ]);
    const report = {
        statement: file,
        predicate,
        result: statement.predicate.result,
        attached: [],
    };
    if (req.mode === 'false')
        return report;
    const clients = new Map();
    const clientOf = (repository) => {
        let c = clients.get(repository);
        if (!c) {
            c = new RegistryClient(repository, { timeoutMs: req.timeoutMs });
            clients.set(repository, c);
        }
        return c;
    };
    const settled = await Promise.allSettled(req.targets.map((t) => attachArtifact(clientOf(t.repository), {
        subject: t.digest,
        artifactType: IN_TOTO_ARTIFACT,
        layerBytes: bytes,
        layerMediaType: IN_TOTO_ARTIFACT,
        annotations: {
            'in-toto.io/predicate-type': TEST_RESULT_PREDICATE,
            'dev.multiarch.test-result': statement.predicate.result,
        },
        timeoutMs: req.timeoutMs,
    })));
    const refused = [];
    settled.forEach((s, i) => {
        const t = req.targets[i];
        if (s.status === 'fulfilled') {
            report.attached.push(`${t.repository}@${t.digest}`);
            if (i === 0)
                report.digest = s.value.digest;
            log/* log */.Rm.info(`Attached the ${statement.predicate.result} test result to ${t.repository}@${t.digest} as ${s.value.digest} (${s.value.via === 'api' ? "the registry's referrers API" : 'the referrers tag'})`);
        }
        else
            refused.push((0,runner_errors/* errorMessage */.gJ)(s.reason));
    });
    if (refused.length > 0) {
        report.warning = `the test result could not be attached to ${refused.length} of ${req.targets.length} digests: ${[...new Set(refused)].join('; ')}`;
    }
    return report;
}
/**
 * What a refusal to attach means: a warning under attest-tests: true, a
 * failure under required. Called once the report holds the attestation, so
 * its outputs are written either way.
 */
function settleRefusal(mode, report) {
    if (!report?.warning)
        return;
    if (mode === 'required')
        throw new Error(`attest-tests is required, but ${report.warning}. Fix: let the login push to that repository, or use a registry that takes OCI artifacts (attest-tests: true only warns).`);
    log/* log */.Rm.warning(`Test attestation: ${report.warning}`);
}

;// CONCATENATED MODULE: ./src/verify/attestation/targets.ts
/** Where a run's statement is attached. Pure. */

/**
 * Every tested digest, in each repository that holds it; the index first.
 * Published, that is home and every tag's repository. Not published, a
 * platform is where it was run from (a merge's source), and the index at home.
 */
function attestTargets(run) {
    const published = [...new Set([run.home, ...(run.published ? run.tags.map(repositoryOf) : [])])];
    const everywhere = (digest) => published.map((r) => ({ repository: r, digest }));
    const targets = run.index ? everywhere(run.index) : [];
    for (const p of run.platforms) {
        if (!p.digest)
            continue;
        if (run.published || !p.ref)
            targets.push(...everywhere(p.digest));
        else
            targets.push({ repository: repositoryOf(p.ref), digest: p.digest });
    }
    const seen = new Set();
    return targets.filter((t) => {
        const key = `${t.repository}@${t.digest}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function repositoryOf(ref) {
    return (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(ref));
}

;// CONCATENATED MODULE: ./src/engine/attest.ts
/** The build's test result, attached where the image lives (verify/attestation). */



/** Writes the statement and attaches it, unless nothing was pushed. */
async function attestBuild(request, plan, report, dir, 
/**
 * The tested index, in the registry by digest, before or while the gate
 * writes its tags: the statement goes to every repository the tags will be
 * in (a referrer may come before what it refers to), so that under
 * attest-tests: required a refusal can leave every tag where it was.
 */
inRegistry) {
    const home = plan.repository;
    if (!home)
        return;
    // The index counts once it is in the registry: a loaded candidate is pushed by the gate.
    const index = inRegistry ??
        (report.digest !== undefined && report.image === `${home}@${report.digest}`
            ? report.digest
            : undefined);
    const targets = attestTargets({
        home,
        tags: request.tags,
        published: inRegistry !== undefined || report.published === true,
        index,
        platforms: report.platforms,
    });
    if (targets.length === 0)
        return;
    report.attestation = await log/* log */.Rm.group('Attest the test result', () => attestTests({
        mode: request.attestTests,
        dir,
        repository: home,
        indexDigest: index,
        platforms: report.platforms,
        settings: request,
        targets,
        timeoutMs: request.registryTimeoutMs,
    }));
    settleRefusal(request.attestTests, report.attestation);
}

// EXTERNAL MODULE: ./src/runner/cancel.ts
var cancel = __webpack_require__(4990);
;// CONCATENATED MODULE: ./src/engine/execute.ts
/**
 * The build engine's one entry: connect nodes, set up emulation, build, then
 * smoke-test every platform on its own engine. The build and check actions
 * both call it with a typed request; decisions live in plan/ and
 * nodes/strategy.ts, work in the modules they name.
 */






















/** How long a cancelled run's report waits for the tests it stopped: their commands get 3 s, then are killed. */
const RESULTS_WAIT_MS = 5_000;
/**
 * The build engine: builds and tests as the request says, filling `report` as it goes, so that
 * whatever was learnt before a failure is still reported. Throws on failure.
 */
async function execute(request, session, report) {
    const { engine, tempDir, prefix } = session;
    if (!engine || !tempDir)
        throw new Error('execute needs a session with an engine and a temp dir');
    const inputs = await prepareBuild(request, tempDir);
    if (inputs.call)
        return runCall(inputs, tempDir, report);
    const workers = await setUpWorkers(inputs, engine, session);
    const planOptions = await chooseBuild(inputs, workers, session);
    // The driver decides how a push waits for the tests (by digest, or loaded
    // first), and whether buildx refuses a multi-platform push on the classic
    // image store. Nodes bring their own builders.
    if (inputs.push && (inputs.nodes.length === 0 || !engine.containerdStore)) {
        planOptions.builderDriver = await (inputs.builder
            ? (0,docker_engine/* builderDriver */.kW)(inputs.builder)
            : (session.currentBuilderDriver ?? (0,docker_engine/* builderDriver */.kW)()));
    }
    planOptions.runId = prefix;
    // rawjson carries each step's platform and times, and lets a stalled registry be seen.
    if (session.buildxVersion && (0,buildx_version/* compareVersions */.Zy)(session.buildxVersion, '0.13.0') >= 0)
        planOptions.progress = 'rawjson';
    const plan = planRun(inputs, workers, planOptions);
    // Main may be killed before it removes the candidate: post removes it then.
    if (plan.gate?.kind === 'engine') {
        (0,engine_session/* remember */.kY)(session, { images: [plan.gate.candidate] });
        (0,state/* made */.mI)({ image: plan.gate.candidate });
    }
    report.mode = plan.mode;
    plan.notes.forEach((n) => log/* log */.Rm.info(n));
    await setUpEmulation({
        native: engine.native,
        emulated: plan.emulated,
        qemuImage: inputs.qemuImage,
    });
    const outcome = await log/* log */.Rm.group(`Build (${plan.mode})`, () => build(plan, inputs.platforms, inputs.tags, inputs.registryTimeoutMs, inputs.emulationAdvice));
    report.digest = outcome.digest;
    report.metadata = outcome.metadata;
    report.imageId = imageIdOf(outcome.metadata, plan.builds.length);
    if (inputs.digestsDir && outcome.digest) {
        log/* log */.Rm.info(`Wrote ${await writeDigestFile(inputs.digestsDir, outcome.digest)}`);
    }
    report.image =
        plan.repository && outcome.digest && plan.mode !== 'load-then-push'
            ? `${plan.repository}@${outcome.digest}`
            : plan.targets[0]?.ref;
    // Without a gate the tags were written by the build itself.
    report.published = inputs.push && !inputs.pushByDigest && !plan.gate;
    const reachOf = reachByNode(inputs.nodes, session.state.ssh);
    const targets = plan.targets.map((t) => {
        const key = (0,oci_platform/* formatPlatform */.Bq)(t.platform);
        const digest = outcome.platformDigests.get(key);
        return {
            ...t,
            digest,
            ref: t.ref ?? `${plan.repository}@${digest}`,
            buildDurationMs: outcome.durations.get(key),
            reachPort: reachOf(t.node),
        };
    });
    // The docker driver's candidate goes up by digest while it is tested
    // (prepush.ts); the architecture check reads its layers from the saved file.
    const gate = plan.gate;
    const options = smokeOptions(inputs, prefix, plan.mode === 'push' || plan.mode === 'fanout-push');
    let testsEnded = () => undefined;
    const afterTests = new Promise((resolve) => (testsEnded = resolve));
    let prepushing;
    if (gate?.kind === 'engine' && !gate.classic && plan.repository && outcome.digest) {
        const index = outcome.digest;
        let savedIs = () => undefined;
        const saved = new Promise((resolve) => (savedIs = resolve));
        prepushing = prepushCandidate({
            candidate: gate.candidate,
            repository: plan.repository,
            digest: index,
            tempDir,
            timeoutMs: inputs.registryTimeoutMs,
            onSaved: savedIs,
            keepUntil: afterTests,
        });
        options.layers = async (t) => {
            const image = await saved;
            return image && savedLayers(image, index, t.platform);
        };
    }
    const testing = testEveryPlatform(targets, options).finally(testsEnded);
    // Cancelled mid-test, the report waits (bounded) for the stopped runs'
    // results, so that it names every platform it had started.
    const unhook = (0,cancel/* onCancel */.Ao)('stop', () => Promise.race([
        testing.then((results) => {
            report.platforms = results;
        }),
        new Promise((r) => setTimeout(r, RESULTS_WAIT_MS).unref()),
    ]));
    report.platforms = await testing.finally(unhook);
    if (inputs.push && plan.repository)
        warmAttestation(inputs.attestTests, [plan.repository]);
    // Once every platform passed, the proof is attached as the tags are
    // written; required, before them, so that a refusal leaves them all.
    const attest = inputs.push
        ? {
            run: (index) => attestBuild(inputs, plan, report, tempDir, index),
            required: inputs.attestTests === 'required',
        }
        : undefined;
    if (gate) {
        const { registryTimeoutMs } = inputs;
        await passGate({ plan, gate, outcome, report, registryTimeoutMs, prepushing, attest });
    }
    if (inputs.load && inputs.push)
        await loadPushed(plan, planOptions.builderDriver, inputs.tags, report);
    if (inputs.push && !attest?.ran)
        await attestBuild(inputs, plan, report, tempDir);
}

;// CONCATENATED MODULE: ./src/runner/markdown.ts
/**
 * Text from images, Dockerfiles and manifests in a pull request goes into the
 * job summary: as Markdown table cells it must neither break the table nor
 * inject HTML. One escaper for every report.
 */
function markdownCell(s) {
    return s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|')
        .replace(/\r?\n/g, '<br>');
}

;// CONCATENATED MODULE: ./src/actions/shared/render-run.ts
/** The per-platform report as Markdown (job summary) and plain text (log, CLI). Pure. */

function render_run_seconds(ms) {
    return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}
function shortDigest(d) {
    return d ? d.replace(/^sha256:/, '').slice(0, 12) : '–';
}
function archCell(r) {
    if (!r.arch)
        return '–';
    if (!r.arch.checked)
        return `not checked${r.arch.note ? ` (${r.arch.note})` : ''}`;
    const scanned = `${r.arch.elfFiles} ELF file${r.arch.elfFiles === 1 ? '' : 's'} in ${render_run_seconds(r.arch.durationMs)}`;
    return r.arch.foreignCount > 0
        ? `${r.arch.foreignCount} foreign (${scanned})`
        : `ok (${scanned})`;
}
/** passed (exit 0), or for a server: passed (ready in 1.2 s). */
function smokeCell(r) {
    if (r.smoke === 'skipped')
        return 'skipped';
    if (r.readyMs !== undefined)
        return `${r.smoke} (ready in ${render_run_seconds(r.readyMs)})`;
    return `${r.smoke}${r.exitCode !== undefined ? ` (exit ${r.exitCode})` : ''}`;
}
/** One line on the tests' attestation: what it says, and where it is attached. */
function attestationLine(report) {
    const a = report.attestation;
    if (!a)
        return undefined;
    const where = a.attached.length > 0
        ? `attached to ${a.attached.length} digest${a.attached.length === 1 ? '' : 's'}${a.digest ? ` (${shortDigest(a.digest)} on the index)` : ''}`
        : 'not attached';
    return `Test attestation: ${a.result}, ${where}${a.warning ? `; ${a.warning}` : ''}`;
}
function renderMarkdown(report) {
    const lines = [];
    const failed = report.platforms.filter((p) => !p.ok);
    // A buildx --call other than build makes no image: nothing is tested.
    const called = report.mode.startsWith('call ') ? report.mode.slice(5) : undefined;
    const verdict = report.error
        ? called
            ? `❌ buildx --call ${called} failed`
            : '❌ failed before testing'
        : called
            ? `✅ buildx --call ${called} passed (no image: nothing pushed or tested)`
            : failed.length === 0
                ? `✅ all ${report.platforms.length} platforms passed`
                : `❌ ${failed.length} of ${report.platforms.length} platforms failed`;
    lines.push(`### multiarch: ${verdict}`, '');
    if (report.held) {
        lines.push(`**Not published: ${report.held.failed.join(', ')} failed.** These tags were left where they were: ${report.held.tags.map((t) => `\`${markdownCell(t)}\``).join(', ')}. ${report.image?.includes('@') ? 'The tested image below can be pulled by digest.' : 'The tested image stays in the engine under the name below until the post step.'}`, '');
    }
    if (report.image)
        lines.push(`Image: \`${report.image}\``, '');
    const attestation = attestationLine(report);
    if (attestation)
        lines.push(markdownCell(attestation), '');
    if (report.error)
        lines.push('```', report.error, '```', '');
    if (report.platforms.length > 0) {
        lines.push('| | Platform | Node | Digest | Build | Smoke | Smoke time | Emulated | Architecture check |');
        lines.push('|---|---|---|---|---|---|---|---|---|');
        for (const r of report.platforms) {
            const smoke = smokeCell(r);
            lines.push(`| ${r.ok ? '✅' : '❌'} | \`${r.platform}\` | ${markdownCell(r.node)} | \`${shortDigest(r.digest)}\` | ${render_run_seconds(r.buildDurationMs)} | ${smoke} | ${render_run_seconds(r.durationMs)} | ${r.emulated ? 'yes (QEMU)' : 'no (native)'} | ${markdownCell(archCell(r))} |`);
        }
        lines.push('');
    }
    for (const r of failed) {
        lines.push(`#### ❌ ${r.platform}`, '');
        for (const e of r.errors)
            lines.push(`- ${markdownCell(e)}`);
        for (const h of r.hints)
            lines.push(`- Hint: ${markdownCell(h)}`);
        if (r.output)
            lines.push('', '<details><summary>Output (tail)</summary>', '', '```', r.output, '```', '', '</details>');
        lines.push('');
    }
    return lines.join('\n');
}
/** A fixed-width table for the log and the CLI. */
function renderText(report) {
    const header = [
        '',
        'PLATFORM',
        'NODE',
        'DIGEST',
        'BUILD',
        'SMOKE',
        'SMOKE TIME',
        'EMULATED',
        'ARCH CHECK',
    ];
    const rows = report.platforms.map((r) => [
        r.ok ? 'ok' : 'FAIL',
        r.platform,
        r.node,
        shortDigest(r.digest),
        render_run_seconds(r.buildDurationMs),
        r.readyMs !== undefined ? smokeCell(r) : r.smoke,
        render_run_seconds(r.durationMs),
        r.emulated ? 'yes' : 'no',
        archCell(r),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const fmt = (cells) => cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    const out = [fmt(header), ...rows.map(fmt)];
    for (const r of report.platforms.filter((p) => !p.ok)) {
        for (const e of r.errors)
            out.push(`${r.platform}: ${e}`);
        for (const h of r.hints)
            out.push(`  hint: ${h}`);
    }
    if (report.held)
        out.push(`Not published: ${report.held.failed.join(', ')} failed; left alone: ${report.held.tags.join(', ')}`);
    const attestation = attestationLine(report);
    if (attestation)
        out.push(attestation);
    if (report.error)
        out.push(`error: ${report.error}`);
    return out.join('\n');
}
/** The `platforms` output: platform → what happened to it. */
function platformsOutput(report) {
    return Object.fromEntries(report.platforms.map((r) => [
        r.platform,
        {
            digest: r.digest ?? null,
            ref: r.ref ?? null,
            smoke: r.smoke,
            readyMs: r.readyMs ?? null,
            exitCode: r.exitCode ?? null,
            durationMs: r.durationMs ?? null,
            emulated: r.emulated,
            node: r.node,
            buildDurationMs: r.buildDurationMs ?? null,
            arch: r.arch ?? null,
            output: r.output ?? '',
            ok: r.ok,
            errors: r.errors,
        },
    ]));
}

;// CONCATENATED MODULE: ./src/actions/shared/publish-run.ts

async function publish(report, host) {
    // Outputs go first so that later steps (`if: always()`) can read them even
    // when this step fails.
    // Only the build action reports one (merge makes no image of its own).
    if (report.imageId !== undefined)
        host.setOutput('imageid', report.imageId);
    host.setOutput('digest', report.digest ?? '');
    host.setOutput('image', report.image ?? '');
    host.setOutput('platforms', JSON.stringify(platformsOutput(report)));
    host.setOutput('metadata', JSON.stringify(report.metadata ?? {}));
    host.setOutput('published', String(report.published === true));
    host.setOutput('test-attestation', report.attestation?.statement ?? '');
    host.setOutput('test-attestation-predicate', report.attestation?.predicate ?? '');
    host.setOutput('test-attestation-digest', report.attestation?.digest ?? '');
    host.log.info(renderText(report));
    await host.summary(renderMarkdown(report));
    for (const r of report.platforms) {
        for (const e of r.errors)
            host.log.error(`${r.platform}: ${e}`, { title: `multiarch: ${r.platform} failed` });
    }
}
/** Why the run fails: its own error, or the platforms that failed. */
function runVerdict(report) {
    if (report.error)
        return report.error;
    const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
    if (failed.length === 0)
        return undefined;
    return (`${failed.length} of ${report.platforms.length} platforms failed: ${failed.join(', ')}` +
        (report.held ? `. Not published: ${report.held.tags.join(', ')} left where they were.` : ''));
}

;// CONCATENATED MODULE: ./src/actions/shared/registry-login.ts

const lines = (raw) => raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
// A registry host: DNS labels or an IPv4 address, or [IPv6], and an optional port. No scheme or path.
const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::[0-9]{1,5})?$/;
// Basic auth joins user:password, so a colon cannot be part of the user name.
const USERNAME = /^[^\s:\p{Cc}]+$/u;
const PASSWORD = /^[^\p{Cc}]+$/u;
const EXAMPLE = 'For example registry: ghcr.io, username: ${{ github.actor }}, password: ${{ secrets.GITHUB_TOKEN }}; for several registries, one line each in all three inputs, in the same order.';
function checkRegistry(value) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
        throw new runner_inputs/* InputError */.dz('registry', value, 'is not a registry host', 'Give the host (and port) only, like ghcr.io or registry.example.com:5000: no scheme and no image path. Docker Hub is docker.io.');
    }
    const port = /:([0-9]+)$/.exec(value)?.[1];
    if (!REGISTRY.test(value.toLowerCase()) || (port && Number(port) > 65535)) {
        throw new runner_inputs/* InputError */.dz('registry', value, 'is not a registry host', 'Write host or host:port, like ghcr.io or 127.0.0.1:5000.');
    }
    return value.toLowerCase();
}
/**
 * Why no login is made although a registry is named: a fork's pull request
 * runs without the repository's secrets, so the password is empty. The step
 * goes on with the runner's existing login, if any.
 */
function skippedLogin(get) {
    const registries = lines(get('registry'));
    if (registries.length === 0 || lines(get('password')).length > 0)
        return undefined;
    if (lines(get('username')).length !== registries.length)
        return undefined;
    return `Input "password" is empty, so there is no login to ${registries.join(', ')} (a pull request from a fork cannot see the repository's secrets). Pulls and pushes there use the runner's existing login, if any.`;
}
/** The validated logins; none when all three inputs are empty, or the password is (see skippedLogin). */
function registryLogins(get) {
    const registries = lines(get('registry'));
    const usernames = lines(get('username'));
    const passwords = lines(get('password'));
    if (registries.length + usernames.length + passwords.length === 0)
        return [];
    if (registries.length === 0) {
        throw new runner_inputs/* InputError */.dz('registry', '', 'is empty, but username or password is given', `Name the registry to log in to. ${EXAMPLE}`);
    }
    if (skippedLogin(get))
        return [];
    for (const [name, given] of [
        ['username', usernames.length],
        ['password', passwords.length],
    ]) {
        if (given !== registries.length) {
            throw new runner_inputs/* InputError */.dz(name, name === 'password' ? `(${given} line${given === 1 ? '' : 's'})` : usernames.join('\n'), `has ${given} line${given === 1 ? '' : 's'}, but registry has ${registries.length}`, `Give one ${name} line per registry line, in the same order. ${EXAMPLE}`);
        }
    }
    const seen = new Set();
    return registries.map((raw, i) => {
        const registry = checkRegistry(raw);
        if (seen.has(registry)) {
            throw new runner_inputs/* InputError */.dz('registry', raw, 'is listed twice', 'Log in to each registry once: one line per registry.');
        }
        seen.add(registry);
        const username = usernames[i];
        if (!USERNAME.test(username) || username.startsWith('-')) {
            throw new runner_inputs/* InputError */.dz('username', username, 'is not a user name (no spaces, colons or control characters, and no leading -)', EXAMPLE);
        }
        const password = passwords[i];
        if (!PASSWORD.test(password)) {
            throw new runner_inputs/* InputError */.dz('password', `(line ${i + 1})`, 'holds a control character', 'Pass the token exactly as the registry issued it, one per line.');
        }
        return { registry, username, password };
    });
}
/** What a registry password turns into on its way: itself, and the `user:password` base64 of basic auth and config.json. */
function loginSecrets(login) {
    return [login.password, Buffer.from(`${login.username}:${login.password}`).toString('base64')];
}
/**
 * Masks every password line before anything is validated (an error must not
 * print one), then each login's base64 form.
 */
function maskRegistryLogins(get, mask) {
    const usernames = lines(get('username'));
    lines(get('password')).forEach((password, i) => {
        mask(password);
        const username = usernames[i];
        if (username)
            mask(loginSecrets({ registry: '', username, password })[1]);
    });
}
/** Before the inputs are parsed: every secret masked, and a login left out said so. */
function announceLogins(get, mask, warn) {
    maskRegistryLogins(get, mask);
    const skipped = skippedLogin(get);
    if (skipped)
        warn(skipped);
}
/** announceLogins for a host: its inputs, its masking, its log. */
function announceHostLogins(host) {
    announceLogins((name) => host.input(name), (value) => host.setSecret(value), (warning) => host.log.warning(warning));
}
// How the engine, buildx and the registry say a request had no login, or one that may not do this.
const registry_login_REFUSED = /no basic auth credentials|401 Unauthorized|unauthorized: authentication required|denied: requested access to the resource is denied|insufficient_scope/i;
/** A registry's refusal, with the fix: the raw engine text alone does not say what to do. */
function explainRefusal(message) {
    if (!registry_login_REFUSED.test(message) || message.startsWith('Could not log in'))
        return message;
    return `${message}\nThe registry refused the request: no login, or one without the right to do this. Fix: give registry, username and password (a token that may read and push that repository), or log in with docker/login-action before this step.`;
}

;// CONCATENATED MODULE: ./src/actions/shared/run-action.ts
/**
 * The skeleton every action runs in: open the engine session, do the work,
 * and publish whatever was learnt, on success and on failure alike. An error
 * is folded into the report before publishing, so outputs and the summary
 * are always written before the step fails, cancelled runs included.
 */





/** Runs the action; the host is told the verdict last, after everything is published. */
async function runAction(host, spec) {
    let inputs;
    // Main's own unwinding and a cancellation race to report: the first one does.
    let published;
    const publishOnce = () => (published ??= spec.publish(spec.report, inputs).then(() => {
        const failed = spec.verdict(spec.report, inputs);
        if (failed !== undefined)
            host.fail(failed);
        return { failed };
    }));
    const unregister = (0,cancel/* onCancel */.Ao)('report', (signal) => {
        if (!published)
            spec.fail(spec.report, (0,cancel/* cancelledMessage */.$6)(signal));
        return publishOnce();
    });
    try {
        inputs = spec.inputs();
        const options = typeof spec.session === 'function' ? spec.session(inputs) : spec.session;
        const session = await (0,engine_session/* openSession */.fA)(options);
        await spec.main(inputs, session, spec.report);
    }
    catch (err) {
        // A command stopped by the cancellation fails too; the cancellation is the cause.
        const signal = (0,cancel/* cancellation */.WN)();
        spec.fail(spec.report, signal
            ? `${(0,cancel/* cancelledMessage */.$6)(signal)}\n${(0,runner_errors/* errorMessage */.gJ)(err)}`
            : explainRefusal((0,runner_errors/* errorMessage */.gJ)(err)));
    }
    // Ended on its own: post need not look again for what main saw removed.
    if (!(0,cancel/* cancellation */.WN)())
        (0,state/* mainEnded */.ig)();
    try {
        return await publishOnce();
    }
    finally {
        unregister();
    }
}

;// CONCATENATED MODULE: ./src/runner/workspace.ts
/**
 * Paths from inputs stay in the workspace.
 *
 * On a runner, the files of the workspace may come from a pull request: a Dockerfile, a
 * secret file or a context that is a symbolic link to ~/.docker/config.json or / would make
 * the build read (and maybe bake into an image) what the pull request should never see. So a
 * path that is written relative, or under GITHUB_WORKSPACE, must resolve inside it, `..` and
 * symbolic links included. An absolute path elsewhere (`${{ runner.temp }}/npmrc`,
 * `/tmp/digests`) is the workflow's own explicit choice and is taken as written. Outside a
 * runner (the CLI, no GITHUB_WORKSPACE) no rule applies.
 */



/** The workspace paths must stay in, or undefined outside a runner. */
function workspaceRoot(env = process.env) {
    const ws = env.GITHUB_WORKSPACE?.trim();
    return ws ? external_node_path_default().resolve(ws) : undefined;
}
/** A remote build context (buildx's rule): a URL, git@…, or github.com/…; never a local path. */
function isRemoteContext(value) {
    return (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^git@/.test(value) || /^github\.com\//.test(value));
}
function inside(root, target) {
    const rel = external_node_path_default().relative(root, target);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
/** The real path of `target`: its longest existing prefix resolved (symlinks followed), plus the rest. */
function realPath(target) {
    const rest = [];
    let current = target;
    for (;;) {
        try {
            return external_node_path_default().join((0,external_node_fs_.realpathSync)(current), ...rest);
        }
        catch {
            const parent = external_node_path_default().dirname(current);
            if (parent === current)
                return target;
            rest.unshift(external_node_path_default().basename(current));
            current = parent;
        }
    }
}
const FIX = 'Keep it inside the workspace (GITHUB_WORKSPACE); for a file outside it, give an absolute path the workflow controls, like ${{ runner.temp }}/file.';
/**
 * Where a value written as a path in the workspace (relative, or absolute under it) points,
 * refused when `..` takes it out; undefined outside a runner, and for an absolute path
 * elsewhere, taken as written.
 */
function lexicalTarget(name, value, workspace, cwd) {
    if (workspace === undefined)
        return undefined;
    const root = external_node_path_default().resolve(workspace);
    // As written, not normalised: `${{ github.workspace }}/../x` is written in the workspace.
    const writtenInside = !external_node_path_default().isAbsolute(value) || value === root || value.startsWith(root + (external_node_path_default()).sep);
    if (!writtenInside)
        return undefined;
    const target = external_node_path_default().resolve(cwd, value);
    if (!inside(root, target)) {
        throw new runner_inputs/* InputError */.dz(name, value, `leads out of the workspace ${root}, to ${target}`, FIX);
    }
    return { root, target };
}
/**
 * Refuses a path input that leaves the workspace: written relative (or under the workspace)
 * and resolving outside it, by `..` or by a symbolic link. Returns the value unchanged. `cwd`
 * is where a relative path is read from (the step's working directory).
 */
function confinePath(name, value, workspace, cwd = process.cwd()) {
    const written = lexicalTarget(name, value, workspace, cwd);
    if (written === undefined)
        return value;
    const real = realPath(written.target);
    if (!inside(realPath(written.root), real)) {
        throw new runner_inputs/* InputError */.dz(name, value, `is, or lies under, a symbolic link that leads out of the workspace ${written.root}, to ${real}`, FIX);
    }
    return value;
}
/**
 * A glob of workspace files: it may not climb out with `..` (symbolic links met while
 * matching are the matcher's to refuse). Returns the pattern unchanged.
 */
function confineGlob(name, pattern, workspace, cwd = process.cwd()) {
    const body = pattern.startsWith('!') ? pattern.slice(1).trim() : pattern;
    lexicalTarget(name, body, workspace, cwd);
    return pattern;
}

// EXTERNAL MODULE: ./src/runner/list.ts
var list = __webpack_require__(2812);
;// CONCATENATED MODULE: ./src/actions/shared/publish-input.ts

/** The `publish` input of the build and merge actions, its declared default applied. */
function publishInput(raw) {
    return (0,runner_inputs/* oneOf */.yL)('publish', raw, ['on-success', 'always']);
}

;// CONCATENATED MODULE: ./src/actions/shared/attest-input.ts

/** attest-tests, with YAML's spellings of true and false read as the booleans they are. */
function attestTestsInput(raw) {
    const v = raw.trim();
    const spelled = ['True', 'TRUE'].includes(v)
        ? 'true'
        : ['False', 'FALSE'].includes(v)
            ? 'false'
            : v;
    return (0,runner_inputs/* oneOf */.yL)('attest-tests', spelled, ['true', 'false', 'required'], 'true');
}

// EXTERNAL MODULE: ./src/actions/shared/smoke-inputs.ts + 1 modules
var smoke_inputs = __webpack_require__(975);
;// CONCATENATED MODULE: ./src/runner/duration.ts
/** Durations as inputs take them: `90`, `90s`, `2m`, `1m30s`. Pure. */

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** The milliseconds a duration's text says, or undefined when it is not a duration. */
function readDuration(v) {
    if (/^\d+$/.test(v))
        return Number(v) * 1000;
    if (!/^(\d+(ms|s|m|h))+$/.test(v))
        return undefined;
    let ms = 0;
    for (const [, n, unit] of v.matchAll(/(\d+)(ms|s|m|h)/g))
        ms += Number(n) * (UNIT_MS[unit] ?? 0);
    return ms;
}
/** A duration in milliseconds, between `minMs` and `maxMs`; a bare number is seconds. */
function durationMs(name, raw, fallbackMs, minMs, maxMs) {
    return (0,runner_inputs/* boundedNumber */.Xo)(name, raw, { fallback: fallbackMs, min: minMs, max: maxMs }, readDuration, {
        notANumber: 'is not a duration',
        outOfRange: 'is out of range',
        fix: `Give a duration from ${minMs / 1000} s to ${maxMs / 1000} s, like 120s, 2m or 1m30s (a bare number is seconds).`,
    });
}

;// CONCATENATED MODULE: ./src/actions/shared/registry-timeout.ts
/** The registry-timeout input, the same in the build, merge and check actions. */


/** registry-timeout in milliseconds: from 1 s to 1 h, 2m when empty. */
function registryTimeoutInput(raw) {
    return durationMs('registry-timeout', raw, DEFAULT_REGISTRY_TIMEOUT_MS, 1000, 3_600_000);
}

;// CONCATENATED MODULE: ./src/actions/build/emulation-warning.ts
/** The emulation-warning input: when the build says that QEMU made a platform's build slow. */


/** `RATIO,SECONDS`, like 3,30 (the default, also when empty). */
function emulationWarningInput(raw) {
    const value = raw.trim();
    if (value === '')
        return DEFAULT_ADVICE_THRESHOLDS;
    const m = /^(\d+(?:\.\d+)?) *, *(\d+(?:\.\d+)?)$/.exec(value);
    if (!m)
        throw new runner_inputs/* InputError */.dz('emulation-warning', raw, 'is not RATIO,SECONDS', 'Use two numbers, like 3,30: warn when an emulated build takes more than 3 times the slowest native one and more than 30 s.');
    return { ratio: Number(m[1]), minMs: Math.round(Number(m[2]) * 1000) };
}

// EXTERNAL MODULE: ./src/actions/shared/input-spec.ts
var input_spec = __webpack_require__(9653);
// EXTERNAL MODULE: ./src/actions/shared/specs.ts
var specs = __webpack_require__(6945);
;// CONCATENATED MODULE: ./src/actions/build/outputs.ts
/**
 * build-push-action's `outputs`: buildx exporters. This action makes the
 * image itself (it pushes or loads it, tests it, then writes the tags), so an
 * image output becomes the input that means the same here, and says so;
 * every other exporter (local files, tarballs) is added beside the image. Pure.
 */


const refuse = (value, problem, fix) => {
    throw new runner_inputs/* InputError */.dz('outputs', value, problem, fix);
};
/** An exporter's attributes, as buildx reads `--output` (CSV, keys lower-cased). */
function exporterAttributes(spec) {
    const attrs = new Map();
    let fields = [];
    try {
        fields = (0,list/* csvRecords */.Xc)(spec)[0] ?? [];
    }
    catch {
        refuse(spec, 'opens a quote that is never closed', 'Close it, like type=local,"dest=a b".');
    }
    for (const field of fields) {
        const eq = field.indexOf('=');
        if (eq < 0)
            attrs.set(field.trim().toLowerCase(), '');
        else
            attrs.set(field.slice(0, eq).trim().toLowerCase(), field.slice(eq + 1).trim());
    }
    return attrs;
}
/** What one image output asks for, as this action's inputs. */
function imageOutput(value, attrs, out) {
    const type = attrs.get('type');
    const extras = (allowed) => [...attrs.keys()].filter((k) => !allowed.includes(k));
    if (type === 'registry' && extras(['type']).length === 0) {
        out.push = true;
        out.notes.push('outputs: type=registry is push: true here.');
        return;
    }
    if (type === 'docker' && extras(['type']).length === 0) {
        out.load = true;
        out.notes.push('outputs: type=docker is load: true here.');
        return;
    }
    const name = attrs.get('name') ?? '';
    const byDigest = type === 'image' &&
        attrs.get('push') === 'true' &&
        attrs.get('push-by-digest') === 'true' &&
        extras(['type', 'name', 'push', 'push-by-digest', 'name-canonical']).length === 0 &&
        ['true', undefined].includes(attrs.get('name-canonical'));
    if (byDigest && name && !name.includes(',')) {
        out.pushByDigest = { name };
        out.notes.push(`outputs: ${value} is push-by-digest: true with tags: ${name} here; the digest output names what was pushed.`);
        return;
    }
    refuse(value, 'is an image output, which this action makes itself (it pushes or loads the image, tests it, then writes the tags)', byDigest
        ? 'Name one repository: push-by-digest: true with tags: REPOSITORY.'
        : type === 'image' && attrs.get('push') === 'true' && name
            ? `Use tags: ${name} with push: true instead.`
            : 'Use push: true (tags), load: true, or push-by-digest: true (tags: REPOSITORY) instead.');
}
function outputsInput(raw) {
    // buildx quotes inside an exporter itself ("name=a,b"): lines are kept as written.
    const items = (0,runner_inputs/* listInput */.dt)('outputs', raw, { commas: 'keep', quotes: false });
    const out = { extra: [], notes: [] };
    for (const value of items) {
        const attrs = exporterAttributes(value);
        // `-o DIR` is type=local,dest=DIR; `-o -` is a tarball on stdout.
        const shorthand = !value.includes('=') && !value.includes(',');
        const type = shorthand ? (value === '-' ? 'tar' : 'local') : attrs.get('type');
        if (value === '-' || attrs.get('dest') === '-') {
            refuse(value, "writes to the step's stdout, which is its log", 'Give a file: type=tar,dest=image.tar.');
        }
        if (value.startsWith('-')) {
            // A path shorthand that starts with "-" is a flag to buildx, not a directory.
            refuse(value, 'starts with "-"', 'Write type=local,dest=./-dir for a directory named so.');
        }
        if (type === undefined) {
            refuse(value, 'names no exporter type', 'Start with type=…, like type=local,dest=out.');
        }
        const image = type === 'image' ||
            type === 'registry' ||
            type === 'moby' ||
            (type === 'docker' && !attrs.has('dest'));
        if (image)
            imageOutput(value, attrs, out);
        else
            out.extra.push(value);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/actions/shared/annotations.ts
/**
 * Annotations, in buildx's syntax: `[level,level[platform]:]KEY=VALUE`. The
 * build action passes them to `buildx build`; merge to `imagetools create`,
 * which sets only index-level ones. Pure.
 */

/** No control characters: each value reaches buildx as one argv word. */
const PRINTABLE = /^[^\p{Cc}]*$/u;
/** The annotation levels buildx knows. */
const ANNOTATION_TYPES = new Set(['index', 'manifest', 'index-descriptor', 'manifest-descriptor']);
/** `[type,type[platform]:]key=value` (buildx's annotation syntax). */
const ANNOTATION = /^(?:([a-z-]+(?:,[a-z-]+)*)(?:\[[\w/.,-]+\])?:)?[A-Za-z0-9][\w.-]*=/;
/** An annotation's levels, or undefined when it names none (buildx then means manifest). */
function annotationTypes(a) {
    const m = ANNOTATION.exec(a);
    return m?.[1]?.split(',');
}
/** One annotation per line (commas kept, quotes as in every list), each checked. */
function annotationsInput(name, raw) {
    const items = (0,runner_inputs/* listInput */.dt)(name, raw, { commas: 'keep' });
    for (const a of items) {
        if (!ANNOTATION.test(a) || !PRINTABLE.test(a)) {
            throw new runner_inputs/* InputError */.dz(name, a, 'is not an annotation', 'Write KEY=VALUE, optionally with a level first, like index:org.opencontainers.image.description=…, one per line.');
        }
        const unknown = annotationTypes(a)?.find((t) => !ANNOTATION_TYPES.has(t));
        if (unknown) {
            throw new runner_inputs/* InputError */.dz(name, a, `names the level "${unknown}", which buildx does not know`, `Use ${[...ANNOTATION_TYPES].join(', ')}.`);
        }
    }
    return items;
}
/**
 * merge's annotations: what `imagetools create` can set. A bare KEY=VALUE is
 * an index annotation (buildx would refuse it untyped); manifest annotations
 * are refused here, with the fix, instead of by buildx without one.
 */
function mergeAnnotationsInput(raw) {
    return annotationsInput('annotations', raw).map((a) => {
        const types = annotationTypes(a);
        if (!types)
            return `index:${a}`;
        if (types.includes('manifest')) {
            throw new runner_inputs/* InputError */.dz('annotations', a, 'is a manifest annotation, which imagetools create cannot set (the platform manifests exist already; changing one would change its digest)', "Set it where the image is built (the build action's or build-push-action's annotations input), or write index:… or manifest-descriptor:… here.");
        }
        if (types.includes('index-descriptor')) {
            throw new runner_inputs/* InputError */.dz('annotations', a, 'is an index-descriptor annotation, which exists only in an OCI layout; imagetools create refuses it', 'Write index:… to annotate the index itself.');
        }
        return a;
    });
}

;// CONCATENATED MODULE: ./src/actions/build/passthrough.ts



/** No control characters: each value reaches buildx as one argv word. */
const passthrough_PRINTABLE = /^[^\p{Cc}]*$/u;
/** The key=value attributes of a buildx spec (cache, attest), read as buildx reads them: CSV. */
function attributes(spec) {
    return (0,list/* csvRecords */.Xc)(spec)[0] ?? [];
}
/** `type=…` attestations; provenance and sbom entries give way to those inputs. */
function attestsInput(get, notes) {
    const items = (0,runner_inputs/* listInput */.dt)('attests', get('attests'), { commas: 'keep' });
    return items.filter((a) => {
        const bad = attributes(a).find((f) => !/^\s*[a-z][\w.-]*\s*=/.test(f));
        if (bad !== undefined) {
            throw new runner_inputs/* InputError */.dz('attests', a, `has ${JSON.stringify(bad)}, which is not key=value`, 'Write type=NAME then key=value options, like type=sbom,generator=docker/buildkit-syft-scanner, one per line.');
        }
        const type = attributes(a)
            .map((f) => /^\s*type\s*=\s*(.*?)\s*$/.exec(f)?.[1])
            .find((t) => t !== undefined);
        if (!type || !passthrough_PRINTABLE.test(a)) {
            throw new runner_inputs/* InputError */.dz('attests', a, 'names no attestation type', 'Write type=NAME then its options, like type=sbom,generator=docker/buildkit-syft-scanner, one per line.');
        }
        for (const input of ['provenance', 'sbom']) {
            if (type === input && get(input).trim()) {
                notes.push(`attests: ${a} is left out because the ${input} input is set, and wins (as in build-push-action).`);
                return false;
            }
        }
        return true;
    });
}
/** `name=value` entries: a non-empty name without spaces, not a flag, and a value. */
function namedInput(name, items, fix) {
    return (0,runner_inputs/* eachMatching */.v)(name, items, /^[^\s=-][^\s=]*=[^\p{Cc}]+$/u, 'is not NAME=VALUE', fix);
}
function passThroughInputs(get, notes) {
    const call = (0,runner_inputs/* checked */.KD)('call', (0,runner_inputs/* optional */.lq)(get('call')), /^[a-z][a-z.]*(?:,[a-z-]+=[\w.-]+)*$/, 'a buildx --call method, like check or outline');
    return {
        buildContexts: namedInput('build-contexts', (0,runner_inputs/* listInput */.dt)('build-contexts', get('build-contexts'), { commas: 'keep' }), 'Write one NAME=PATH_OR_URL per line, like src=../shared or alpine=docker-image://alpine:3.20.'),
        annotations: annotationsInput('annotations', get('annotations')),
        attests: attestsInput(get, notes),
        sshMounts: (0,runner_inputs/* eachMatching */.v)('ssh', (0,runner_inputs/* listInput */.dt)('ssh', get('ssh'), { commas: 'split' }), /^\w[\w.-]*(?:=[^\s\p{Cc}]+)?$/u, 'is not an ssh agent or key', 'Write default (the agent at SSH_AUTH_SOCK), or ID=PATH to a socket or key, comma or newline separated.'),
        network: (0,runner_inputs/* checked */.KD)('network', (0,runner_inputs/* optional */.lq)(get('network')), /^\w[\w.-]*$/, 'a network mode like host, none or default'),
        addHosts: (0,runner_inputs/* eachMatching */.v)('add-hosts', (0,runner_inputs/* listInput */.dt)('add-hosts', get('add-hosts'), { commas: 'split' }), /^[^\s:=-][^\s:=]*[:=][^\s\p{Cc}]+$/u, 'is not HOST:IP', 'Write HOST:IP entries, like docker:10.180.0.1, comma or newline separated.'),
        allow: (0,runner_inputs/* eachMatching */.v)('allow', (0,runner_inputs/* listInput */.dt)('allow', get('allow'), { commas: 'split' }), /^[a-z][a-z.-]*(?:=[^\s\p{Cc}]+)?$/u, 'is not an entitlement', 'Write entitlements like network.host or security.insecure, comma or newline separated.'),
        shmSize: (0,runner_inputs/* checked */.KD)('shm-size', (0,runner_inputs/* optional */.lq)(get('shm-size')), /^\d+(?:\.\d+)?[A-Za-z]{0,3}$/, 'a size like 2g or 512m'),
        ulimits: (0,runner_inputs/* eachMatching */.v)('ulimit', (0,runner_inputs/* listInput */.dt)('ulimit', get('ulimit'), { commas: 'keep' }), /^[a-z]+=-?\d+(?::-?\d+)?$/, 'is not a ulimit', 'Write TYPE=SOFT[:HARD], like nofile=1024:1024, one per line.'),
        cgroupParent: (0,runner_inputs/* checked */.KD)('cgroup-parent', (0,runner_inputs/* optional */.lq)(get('cgroup-parent')), /^[^-\s\p{Cc}][^\s\p{Cc}]*$/u, 'a cgroup path, like /actions_job'),
        noCacheFilters: (0,runner_inputs/* eachMatching */.v)('no-cache-filters', (0,runner_inputs/* listInput */.dt)('no-cache-filters', get('no-cache-filters'), { commas: 'split' }), /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'is not a stage name', 'Name build stages, like builder, comma or newline separated.'),
        // build is buildx's default: leaving the flag out works with every buildx.
        call: call === 'build' ? undefined : call,
    };
}

;// CONCATENATED MODULE: ./src/actions/build/secrets.ts

/**
 * A secret's id reaches buildx inside `id=…,src=…` and names /run/secrets/ID in the build:
 * ASCII letters, digits, `_`, `.`, `-` and `/`, starting with a letter, digit or `_`.
 */
const SECRET_ID = /^\w[\w./-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INPUTS = [
    ['secrets', 'value', 'keep'],
    ['secret-files', 'file', 'keep'],
    ['secret-envs', 'env', 'split'],
];
const secrets_EXAMPLE = {
    value: 'NPM_TOKEN=${{ secrets.NPM_TOKEN }}',
    file: 'npmrc=.npmrc',
    env: 'NPM_TOKEN=NPM_TOKEN',
};
/** Every secret entry; `warnings` gets the ones left out, as build-push-action leaves them out. */
function secretSources(get, warnings) {
    const sources = [];
    for (const [name, kind, commas] of INPUTS) {
        const redact = kind === 'value';
        for (const item of (0,runner_inputs/* listInput */.dt)(name, get(name), { commas }, { redact })) {
            const eq = item.indexOf('=');
            const id = eq > 0 ? item.slice(0, eq) : '';
            const value = eq > 0 ? item.slice(eq + 1) : '';
            const shown = redact ? `${id || '?'}=***` : item;
            if (!id || !SECRET_ID.test(id)) {
                throw new runner_inputs/* InputError */.dz(name, redact ? (id ? shown : '***') : item, 'is not ID=' + { value: 'VALUE', file: 'PATH', env: 'VARIABLE' }[kind], `Write one entry per ${commas === 'keep' ? 'line' : 'line or comma'}, like ${secrets_EXAMPLE[kind]}; the ID is made of letters, digits, _, ., - and /, and starts with a letter, digit or _.`);
            }
            if (value.trim() === '') {
                // build-push-action warns and builds on: a secret a fork's pull request cannot see is empty.
                warnings.push(`Input "${name}": ${JSON.stringify(shown)} has an empty value, so the secret ${id} is left out (as build-push-action does). If the build needs it, check that the secret is available to this run.`);
                continue;
            }
            if (kind === 'env' && !ENV_NAME.test(value)) {
                throw new runner_inputs/* InputError */.dz(name, item, 'does not name an environment variable', `Write ID=VARIABLE, like ${secrets_EXAMPLE.env}, and set the variable in the step's env.`);
            }
            sources.push({ kind, id, value });
        }
    }
    return sources;
}
/** The texts to mask: each `secrets` value, and each of its lines (the runner masks line by line). */
function secretValues(sources) {
    return sources.filter((s) => s.kind === 'value').map((s) => s.value);
}

;// CONCATENATED MODULE: ./src/actions/build/inputs.ts















/** Every input action.yml declares, in its order; the CLI accepts the same names as flags. */
const INPUT_NAMES = (0,specs/* inputNames */.vj)(specs/* BUILD_ACTION */.OF);
/** The true/false inputs of every action: the CLI takes them as --flag and --no-flag. */
const BOOLEAN_INPUTS = (0,specs/* booleanInputs */.up)();
/** Inputs whose values are masked in the log as soon as they are read. */
const SECRET_INPUTS = ['ssh-private-key', 'tls-key', 'github-token'];
/** Reads the inputs from the host (the runner's INPUT_* variables, the CLI's flags). */
function getInputs(host) {
    const input = (name) => host.input(name);
    const mask = (value) => host.setSecret(value);
    for (const name of SECRET_INPUTS)
        (0,runner_inputs/* maskSecret */.$l)(input(name), mask);
    announceHostLogins(host);
    // Before anything can fail and print: each secret's value, however the list reads.
    for (const value of secretInputValues(input('secrets')))
        (0,runner_inputs/* maskSecret */.$l)(value, mask);
    return confineBuildPaths(parseInputs((name) => host.input(name)), workspaceRoot());
}
/**
 * The build's local paths, kept inside the workspace (see runner/workspace.ts): context,
 * file, digests-dir, secret-files, local build-contexts and ssh key or socket paths. Remote
 * contexts (Git URLs, docker-image://, target:) are not paths.
 */
function confineBuildPaths(request, workspace) {
    const confine = (name, value) => {
        if (!isRemoteContext(value) && !value.startsWith('target:'))
            confinePath(name, value, workspace);
    };
    confine('context', request.context);
    if (request.file)
        confine('file', request.file);
    if (request.digestsDir)
        confine('digests-dir', request.digestsDir);
    for (const s of request.secretSources ?? [])
        if (s.kind === 'file')
            confine('secret-files', s.value);
    for (const c of request.buildContexts ?? [])
        confine('build-contexts', c.slice(c.indexOf('=') + 1));
    for (const m of request.sshMounts ?? [])
        if (m.includes('='))
            confine('ssh', m.slice(m.indexOf('=') + 1));
    return request;
}
/** The values in a `secrets` input, to mask; a list that does not parse is masked line by line. */
function secretInputValues(raw) {
    let items;
    try {
        items = (0,list/* splitList */.ry)(raw, { commas: 'keep' });
    }
    catch {
        items = raw.split(/\r?\n/);
    }
    return items.map((i) => i.slice(i.indexOf('=') + 1)).filter((v) => v.trim() !== '');
}
/** `${{ github.token }}` unexpanded: the action runs outside a runner, with the action.yml default. */
function githubToken(raw) {
    const v = raw.trim();
    return v === '' || /^\$\{\{.*\}\}$/.test(v) ? undefined : v;
}
/** Pure: turns raw input strings into a validated BuildRequest. */
function parseInputs(read) {
    const { get, given } = (0,input_spec/* inputReader */.cN)(specs/* BUILD_ACTION */.OF.inputs, (0,runner_inputs/* textInputs */.re)(read, [...SECRET_INPUTS, 'secrets', 'password']));
    const notes = [];
    const warnings = [];
    const outputs = outputsInput(get('outputs'));
    notes.push(...outputs.notes);
    const listed = (0,runner_inputs/* listInput */.dt)('tags', get('tags'), { commas: 'split' }).map((t) => (0,runner_inputs/* checkTag */.Bs)(t));
    if (outputs.pushByDigest && listed.length > 0) {
        throw new runner_inputs/* InputError */.dz('tags', listed.join(','), `is given as well as a repository in outputs (name=${outputs.pushByDigest.name})`, 'Name the repository once: push-by-digest: true with tags: REPOSITORY, and drop outputs.');
    }
    const tags = outputs.pushByDigest ? [(0,runner_inputs/* checkTag */.Bs)(outputs.pushByDigest.name)] : listed;
    // Only a push-by-digest the workflow wrote can contradict outputs.
    const byDigestRaw = given('push-by-digest').trim();
    if (outputs.pushByDigest)
        refuseFalse('push-by-digest', byDigestRaw, {
            contradicts: 'outputs (push-by-digest=true)',
            fix: 'Drop one of them: that image output is push-by-digest: true.',
        });
    const pushByDigest = (0,runner_inputs/* bool */.lc)('push-by-digest', get('push-by-digest')) || outputs.pushByDigest !== undefined;
    const pushRaw = get('push').trim();
    if (outputs.push)
        refuseFalse('push', pushRaw, {
            contradicts: 'outputs: type=registry',
            fix: 'Drop one of them: type=registry is push: true.',
        });
    const passThrough = passThroughInputs(get, notes);
    const building = passThrough.call === undefined;
    const push = pushByDigest ||
        outputs.push === true ||
        (pushRaw === '' ? tags.length > 0 && building : (0,runner_inputs/* bool */.lc)('push', pushRaw));
    if (!building && (push || pushByDigest || get('nodes').trim())) {
        throw new runner_inputs/* InputError */.dz('call', passThrough.call ?? '', `builds no image, so it cannot be combined with ${push || pushByDigest ? 'a push' : 'nodes'}`, 'Run it in a step of its own, without push, push-by-digest and nodes; or drop call to build.');
    }
    if (!building) {
        const unused = [
            ...(tags.length > 0 ? ['tags'] : []),
            ...(outputs.extra.length > 0 ? ['outputs'] : []),
            ...(get('load').trim() ? ['load'] : []),
        ];
        if (unused.length > 0)
            warnings.push(`call: ${passThrough.call} makes no image, so ${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} not used. Drop ${unused.length === 1 ? 'it' : 'them'} for this step, or drop call to build.`);
    }
    const load = loadInput(get('load'), outputs.load, push, pushByDigest, notes);
    if (pushByDigest && tags.length !== 1) {
        throw new runner_inputs/* InputError */.dz('tags', tags.join(','), `names ${tags.length} images`, 'With push-by-digest, give exactly one: the repository to push to, like ghcr.io/acme/api.');
    }
    if (pushByDigest)
        refuseFalse('push', pushRaw, {
            contradicts: 'push-by-digest: true',
            fix: 'Drop push, or set push-by-digest: false.',
        });
    if (get('builder').trim() && get('nodes').trim()) {
        throw new runner_inputs/* InputError */.dz('builder', get('builder').trim(), 'cannot be combined with nodes', 'Nodes build on their own engines (fanout) or on a builder this action creates (append); drop builder.');
    }
    if (pushByDigest && get('nodes').trim()) {
        throw new runner_inputs/* InputError */.dz('push-by-digest', 'true', 'cannot be combined with nodes', 'Nodes already push one merged index; drop push-by-digest, or build each platform in its own job.');
    }
    if (push && tags.length === 0) {
        throw new runner_inputs/* InputError */.dz('push', pushRaw, 'needs at least one tag', 'Set "tags" to the image to push, like ghcr.io/acme/api:1.5, or set push: false.');
    }
    const platformList = (0,runner_inputs/* platformsInput */.fv)(get('platforms'));
    const nodes = nodeSpecs(get('nodes'), platformList);
    const secrets = secretSources(get, warnings);
    return {
        context: (0,runner_inputs/* pathInput */.gm)('context', get('context').trim()),
        file: (0,runner_inputs/* optional */.lq)(get('file')) && (0,runner_inputs/* pathInput */.gm)('file', get('file').trim()),
        platforms: platformList,
        tags,
        labels: (0,runner_inputs/* listInput */.dt)('labels', get('labels'), { commas: 'keep' }).map((l) => (0,runner_inputs/* keyValue */.Hv)('labels', l, LABEL_KEY)),
        buildArgs: (0,runner_inputs/* buildArgList */.Zo)(get('build-args')),
        target: (0,runner_inputs/* checked */.KD)('target', (0,runner_inputs/* optional */.lq)(get('target')), /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a build stage name like "runtime"'),
        push,
        cacheFrom: (0,runner_inputs/* listInput */.dt)('cache-from', get('cache-from'), { commas: 'keep' }).map((c) => cacheSpec('cache-from', c)),
        cacheTo: (0,runner_inputs/* listInput */.dt)('cache-to', get('cache-to'), { commas: 'keep' }).map((c) => cacheSpec('cache-to', c)),
        provenance: attestation('provenance', get('provenance')),
        sbom: attestation('sbom', get('sbom')),
        noCache: (0,runner_inputs/* bool */.lc)('no-cache', get('no-cache')),
        pull: (0,runner_inputs/* bool */.lc)('pull', get('pull')),
        builder: (0,runner_inputs/* checked */.KD)('builder', (0,runner_inputs/* optional */.lq)(get('builder')), /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'the name of an existing buildx builder'),
        ...(0,smoke_inputs/* smokeInputs */.Nh)(get),
        registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
        emulationAdvice: emulationWarningInput(get('emulation-warning')),
        nodes,
        nodeStrategy: (0,runner_inputs/* oneOf */.yL)('node-strategy', get('node-strategy'), [
            'auto',
            'append',
            'fanout',
        ]),
        buildkitImage: (0,runner_inputs/* optional */.lq)(get('buildkit-image')) && (0,runner_inputs/* checkRef */.__)('buildkit-image', get('buildkit-image').trim()),
        driverOpts: (0,runner_inputs/* eachMatching */.v)('driver-opts', (0,runner_inputs/* list */.p_)(get('driver-opts'), false), /^[a-z][a-z0-9._-]*=[^\p{Cc}]*$/u, 'is not a driver option', 'Write one key=value per line, like network=host or image=moby/buildkit:v0.25.0.'),
        buildkitdFlags: buildkitdFlags(get('buildkitd-flags')),
        buildkitdConfigInline: (0,runner_inputs/* optional */.lq)(get('buildkitd-config-inline')),
        ssh: sshInputs(get, nodes),
        tls: tlsInputs(get),
        pushByDigest,
        digestsDir: (0,runner_inputs/* optional */.lq)(get('digests-dir')) && (0,runner_inputs/* pathInput */.gm)('digests-dir', get('digests-dir').trim()),
        publish: publishInput(get('publish')),
        attestTests: attestTestsInput(get('attest-tests')),
        buildx: {
            version: (0,runner_inputs/* checked */.KD)('buildx-version', (0,runner_inputs/* optional */.lq)(get('buildx-version')), /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/, 'a buildx release like v0.13.1'),
            downloadUrl: (0,runner_inputs/* checked */.KD)('buildx-download-url', get('buildx-download-url').trim(), /^https?:\/\/[^\s"'<>\\]+$/, 'an http(s) URL of a folder of buildx releases, like https://github.com/docker/buildx/releases/download'),
        },
        logins: registryLogins(get),
        ...passThrough,
        outputs: outputs.extra,
        secretSources: secrets,
        githubToken: githubToken(get('github-token')),
        load,
        notes,
        warnings,
    };
}
/**
 * Refuses a true/false input the workflow wrote as false (`raw`, trimmed; empty is not
 * written) where another input already makes it true.
 */
function refuseFalse(name, raw, conflict) {
    if (raw && !(0,runner_inputs/* bool */.lc)(name, raw))
        throw new runner_inputs/* InputError */.dz(name, raw, `contradicts ${conflict.contradicts}`, conflict.fix);
}
/** load, with build-push-action's meaning where this action can give it, and a note where not. */
function loadInput(raw, fromOutputs, push, pushByDigest, notes) {
    const given = raw.trim() === '' ? undefined : (0,runner_inputs/* bool */.lc)('load', raw);
    if (fromOutputs && given === false) {
        throw new runner_inputs/* InputError */.dz('load', raw, 'contradicts outputs: type=docker', 'Drop one of them: type=docker is load: true.');
    }
    const load = fromOutputs ?? given;
    if (load && pushByDigest) {
        throw new runner_inputs/* InputError */.dz('load', 'true', 'cannot be combined with push-by-digest', 'A push by digest writes no tag to load the image under: drop load, or pull NAME@DIGEST (the digest output) in a later step.');
    }
    if (load === false && !push) {
        notes.push("load: false, but the image is loaded all the same: the smoke test and the architecture check run it in the runner's engine (build-push-action would leave it in the build cache).");
    }
    return load;
}
function nodeSpecs(raw, requested) {
    const lines = (0,runner_inputs/* list */.p_)(raw, true);
    try {
        return (0,docker_endpoint/* parseNodes */.L9)(lines, requested);
    }
    catch (err) {
        if (err instanceof docker_endpoint/* NodeError */.Dv) {
            throw new runner_inputs/* InputError */.dz('nodes', err.line ?? '***', 'is not valid', `${err.message}.`, {
                cause: err,
            });
        }
        throw err;
    }
}
function sshInputs(get, nodes) {
    const key = get('ssh-private-key').trim();
    const knownHosts = get('ssh-known-hosts').trim();
    const acceptNewHostKeys = (0,runner_inputs/* bool */.lc)('ssh-accept-new-host-keys', get('ssh-accept-new-host-keys'));
    if (key &&
        !/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(key)) {
        // Never echo a key back, not even a malformed one.
        throw new runner_inputs/* InputError */.dz('ssh-private-key', '***', 'is not a private key', 'Give the whole key file, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----, e.g. from a secret.');
    }
    for (const line of knownHosts.split('\n').map((l) => l.trim())) {
        if (line && !line.startsWith('#') && line.split(/\s+/).length < 3) {
            throw new runner_inputs/* InputError */.dz('ssh-known-hosts', line, 'is not a known_hosts line', 'Give lines like "[arm1.example.com]:22 ssh-ed25519 AAAA…", as ssh-keyscan prints them.');
        }
    }
    const sshNodes = nodes.filter((n) => n.endpoint.scheme === 'ssh');
    if (sshNodes.length > 0 && key && !knownHosts && !acceptNewHostKeys) {
        throw new runner_inputs/* InputError */.dz('ssh-known-hosts', '', 'is required for ssh nodes', "Give the nodes' host keys (ssh-keyscan -p PORT HOST), or set ssh-accept-new-host-keys: true to trust them on first use.");
    }
    return { privateKey: key || undefined, knownHosts: knownHosts || undefined, acceptNewHostKeys };
}
function tlsInputs(get) {
    const tls = {
        ca: (0,runner_inputs/* optional */.lq)(get('tls-ca')),
        cert: (0,runner_inputs/* optional */.lq)(get('tls-cert')),
        key: (0,runner_inputs/* optional */.lq)(get('tls-key')),
    };
    if (Boolean(tls.cert) !== Boolean(tls.key)) {
        throw new runner_inputs/* InputError */.dz(tls.cert ? 'tls-key' : 'tls-cert', '', 'is missing', 'A client certificate needs its key: give both tls-cert and tls-key, or neither.');
    }
    for (const [name, value] of [
        ['tls-ca', tls.ca],
        ['tls-cert', tls.cert],
    ]) {
        if (value && !value.includes('-----BEGIN CERTIFICATE-----')) {
            throw new runner_inputs/* InputError */.dz(name, value.slice(0, 40), 'is not a PEM certificate', 'Give the PEM text, from -----BEGIN CERTIFICATE----- on.');
        }
    }
    return tls;
}
/** A label key as Docker and OCI write them (org.opencontainers.image.source): never a flag. */
const LABEL_KEY = /^[A-Za-z0-9][\w./-]*$/;
/** `key=value,key=value` with values that can only be refs, paths, modes and URLs. */
const KEY_VALUES = /^[a-z-]+=[\w.:/@+=-]+(?:,[a-z-]+=[\w.:/@+=-]*)*$/;
/** A cache attribute's key, as buildx's backends name them (endpoint_url, account_url, …). */
const CACHE_KEY = /^[a-z][a-z0-9_.-]*$/;
/**
 * `type=registry,ref=…` style specs, read as buildx reads them (CSV
 * attributes, values may hold spaces), or a bare image reference (the
 * cache-from shorthand). A `ref` must be an image reference.
 */
function cacheSpec(name, value) {
    if (!/^[a-z][a-z0-9_]*=/.test(value))
        return (0,runner_inputs/* checkRef */.__)(name, value);
    const problem = (what) => {
        throw new runner_inputs/* InputError */.dz(name, value, `is not a cache spec (${what})`, 'Write key=value pairs separated by commas, like type=registry,ref=ghcr.io/acme/api:cache or type=gha,scope=CI build, one per line.');
    };
    let fields = [];
    try {
        fields = (0,list/* csvRecords */.Xc)(value)[0] ?? [];
    }
    catch {
        problem('a quote is never closed');
    }
    for (const field of fields) {
        const eq = field.indexOf('=');
        const key = eq < 0 ? field : field.slice(0, eq);
        if (eq < 0 || !CACHE_KEY.test(key))
            problem(`${JSON.stringify(field)} is not key=value`);
        if (/\p{Cc}/u.test(field))
            problem('it has a control character');
        if (key === 'ref')
            (0,runner_inputs/* checkRef */.__)(name, field.slice(eq + 1));
    }
    return value;
}
function attestation(name, raw) {
    const v = raw.trim();
    if (v === '')
        return undefined;
    if (/^(true|false)$/i.test(v) || KEY_VALUES.test(v))
        return v;
    throw new runner_inputs/* InputError */.dz(name, raw, 'is not a valid attestation setting', 'Use true, false, or key=value pairs such as mode=max.');
}
/** buildkitd's flags: one line of --flags, which buildx splits into words itself. */
function buildkitdFlags(raw) {
    const v = raw.trim();
    if (v === '')
        return undefined;
    // It reaches buildx as one argv word, which buildx hands to buildkitd.
    if (/\p{Cc}/u.test(v) || !v.startsWith('--')) {
        throw new runner_inputs/* InputError */.dz('buildkitd-flags', raw, 'is not one line of buildkitd flags', 'Write flags on one line, like --allow-insecure-entitlement network.host --debug.');
    }
    return v;
}

;// CONCATENATED MODULE: ./src/actions/build/run.ts
/** The build action: read the inputs, run the build engine, publish the report. */




/** Runs the build action; `parsed` is inputs the caller read already (the CLI). */
function runBuild(host, parsed) {
    return runAction(host, {
        inputs: () => parsed ?? getInputs(host),
        report: { mode: 'not started', platforms: [], imageId: '' },
        session: (inputs) => ({
            tempDir: true,
            needs: 'buildx',
            buildx: inputs.buildx,
            logins: inputs.logins,
        }),
        main: execute,
        fail: (report, message) => {
            report.error = message;
        },
        publish: (report) => publish(report, host),
        verdict: runVerdict,
    });
}

;// CONCATENATED MODULE: ./src/actions/check/cells.ts

/** An error cell, with its finding: by default `subject: platform: reason`. */
function errorCell(ctx, row, platform, reason, message = `${row.subject}: ${platform}: ${reason}`) {
    row.cells[platform] = { status: 'error', reason };
    ctx.report.findings.push({ level: 'error', message, file: row.file, line: row.line });
}
/** The platforms each image must have: platforms, and every one require-tested asks proof of. */
function cells_imagePlatforms(inputs) {
    const all = new Map(inputs.platforms.map((p) => [(0,oci_platform/* formatPlatform */.Bq)(p), p]));
    for (const p of inputs.requireTested)
        if (!all.has((0,oci_platform/* formatPlatform */.Bq)(p)))
            all.set((0,oci_platform/* formatPlatform */.Bq)(p), p);
    return [...all.values()];
}
/** What the registry says about one platform of an image. */
const factOf = (facts, p) => facts.platforms.find((f) => (0,oci_platform/* formatPlatform */.Bq)(f.platform) === (0,oci_platform/* formatPlatform */.Bq)(p));
/**
 * The registry's verdict on one platform as a cell. An image that could not be
 * read fails every platform with its error; `missing` is the reason when the
 * platform was not judged at all.
 */
function factCell(facts, fact, missing = 'not inspected') {
    if (facts.error || !fact)
        return { status: 'error', reason: facts.error ?? missing };
    return { status: fact.ok ? 'ok' : 'error', reason: fact.reason };
}
/** Cells for the platforms a registry lists; the ones it lacks are errors. Returns the present ones. */
function indexCells(ctx, row, facts, platforms) {
    const present = [];
    for (const p of platforms) {
        const key = (0,oci_platform/* formatPlatform */.Bq)(p);
        const cell = factCell(facts, factOf(facts, p));
        if (cell.status === 'error')
            errorCell(ctx, row, key, cell.reason);
        else {
            row.cells[key] = cell;
            present.push(p);
        }
    }
    return present;
}
/**
 * require-tested on an image's row: each asked-for platform whose cell is ok
 * must carry a PASSED test-result attestation on its manifest digest, or its
 * cell becomes an error that says what is missing.
 */
async function testedCells(ctx, row, image, facts) {
    await Promise.all(ctx.inputs.requireTested.map(async (p) => {
        const key = (0,oci_platform/* formatPlatform */.Bq)(p);
        const digest = factOf(facts, p)?.digest;
        if (row.cells[key]?.status !== 'ok' || !digest)
            return;
        const verdict = await ctx.cache.tested(image, p, digest);
        if (!verdict.ok)
            errorCell(ctx, row, key, `not tested: ${verdict.reason}`);
    }));
}
/**
 * The cell of a platform that was run (smoke-tested or built): `ok` says what
 * passed; a failure's finding lists every error, then `hint` when there is one.
 */
function resultCell(ctx, row, result, ok, hint = '') {
    if (result.ok) {
        row.cells[result.platform] = { status: 'ok', reason: ok };
        return;
    }
    errorCell(ctx, row, result.platform, result.errors[0] ?? 'failed', `${row.subject}: ${result.platform}: ${result.errors.join('; ')}${hint}`);
}

;// CONCATENATED MODULE: ./src/verify/attestation/schema.ts
/**
 * The structure of an in-toto Statement v1 carrying a test-result v0.1 predicate, checked
 * field by field. Two readings: strict, for what this action makes (no field it does not
 * know), and lenient, for what a registry hands back, where in-toto's parsing rules say a
 * consumer ignores fields it does not know and reads null as unset.
 */

const STRICT = { strict: true };
const STATEMENT_FIELDS = ['_type', 'subject', 'predicateType', 'predicate'];
const DESCRIPTOR_FIELDS = [
    'name',
    'uri',
    'digest',
    'content',
    'downloadLocation',
    'mediaType',
    'annotations',
];
const PREDICATE_FIELDS = [
    'result',
    'configuration',
    'url',
    'passedTests',
    'warnedTests',
    'failedTests',
];
const RESULTS = ['PASSED', 'WARNED', 'FAILED'];
/** The digests whose length is known; any other algorithm only needs a value. */
const HEX_LENGTH = { sha256: 64, sha384: 96, sha512: 128, sha1: 40 };
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Every way `value` is not a Statement v1, one line each, naming the field; empty when it is. */
function statementProblems(value, opts = STRICT) {
    if (!isObject(value))
        return ['the statement is not a JSON object'];
    const problems = unknownFields(value, STATEMENT_FIELDS, '', opts);
    if (value._type !== STATEMENT_TYPE) {
        problems.push(`_type is ${shown(value._type)}, not ${STATEMENT_TYPE}`);
    }
    const subject = value.subject;
    if (!Array.isArray(subject) || subject.length === 0) {
        problems.push('subject is not a non-empty array');
    }
    else {
        subject.forEach((s, i) => problems.push(...subjectProblems(s, `subject[${i}]`, opts)));
    }
    if (typeof value.predicateType !== 'string' || value.predicateType === '') {
        problems.push('predicateType is not a non-empty string');
    }
    if (!isObject(value.predicate))
        problems.push('predicate is not a JSON object');
    return problems;
}
/** statementProblems, and every way its predicate is not a test-result v0.1. */
function testResultProblems(value, opts = STRICT) {
    const problems = statementProblems(value, opts);
    if (!isObject(value))
        return problems;
    const type = value.predicateType;
    if (typeof type === 'string' && type !== '' && type !== TEST_RESULT_PREDICATE) {
        problems.push(`predicateType is ${shown(type)}, not ${TEST_RESULT_PREDICATE}`);
    }
    if (isObject(value.predicate))
        problems.push(...predicateProblems(value.predicate, opts));
    return problems;
}
/** The problems of a test-result v0.1 predicate, its fields named `predicate.<field>`. */
function predicateProblems(p, opts = STRICT) {
    const problems = unknownFields(p, PREDICATE_FIELDS, 'predicate.', opts);
    if (typeof p.result !== 'string' || !RESULTS.includes(p.result)) {
        problems.push(`predicate.result is ${shown(p.result)}, not one of ${RESULTS.join(', ')}`);
    }
    const configuration = p.configuration;
    if (!Array.isArray(configuration)) {
        problems.push('predicate.configuration is not an array');
    }
    else {
        configuration.forEach((d, i) => problems.push(...descriptorProblems(d, `predicate.configuration[${i}]`, opts)));
    }
    const url = optional(p, 'url', opts);
    if (url !== undefined && !isUri(url))
        problems.push('predicate.url is not a URI');
    const lists = {};
    for (const field of ['passedTests', 'warnedTests', 'failedTests']) {
        const list = optional(p, field, opts);
        if (list === undefined) {
            lists[field] = [];
        }
        else if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) {
            problems.push(`predicate.${field} is not an array of strings`);
        }
        else {
            lists[field] = list;
        }
    }
    // A result that its own lists contradict cannot be trusted either way.
    const failed = lists.failedTests?.length ?? 0;
    const warned = lists.warnedTests?.length ?? 0;
    if (p.result === 'PASSED' && failed + warned > 0) {
        problems.push('predicate.result is PASSED, yet failedTests or warnedTests is not empty');
    }
    if (p.result === 'WARNED' && failed > 0) {
        problems.push('predicate.result is WARNED, yet failedTests is not empty');
    }
    return problems;
}
/** A subject: a ResourceDescriptor with a name and a digest. */
function subjectProblems(value, at, opts) {
    const problems = descriptorProblems(value, at, opts);
    if (!isObject(value))
        return problems;
    if (typeof value.name !== 'string' || value.name === '') {
        problems.push(`${at}.name is not a non-empty string`);
    }
    if (isObject(value.digest))
        return problems;
    // A subject needs its digest in particular: say that, not "none of uri, digest or content".
    const none = `${at} has none of uri, digest or content`;
    return [...problems.filter((p) => p !== none), `${at}.digest is missing`];
}
/** A ResourceDescriptor: typed fields, and at least one of uri, digest or content. */
function descriptorProblems(value, at, opts = STRICT) {
    if (!isObject(value))
        return [`${at} is not a JSON object`];
    const problems = unknownFields(value, DESCRIPTOR_FIELDS, `${at}.`, opts);
    for (const field of ['name', 'mediaType']) {
        const v = optional(value, field, opts);
        if (v !== undefined && typeof v !== 'string')
            problems.push(`${at}.${field} is not a string`);
    }
    for (const field of ['uri', 'downloadLocation']) {
        const v = optional(value, field, opts);
        if (v !== undefined && !isUri(v))
            problems.push(`${at}.${field} is not a URI`);
    }
    const digest = optional(value, 'digest', opts);
    if (digest !== undefined)
        problems.push(...digestProblems(digest, `${at}.digest`));
    const content = optional(value, 'content', opts);
    if (content !== undefined && (typeof content !== 'string' || !BASE64.test(content))) {
        problems.push(`${at}.content is not base64`);
    }
    const annotations = optional(value, 'annotations', opts);
    if (annotations !== undefined && !isObject(annotations)) {
        problems.push(`${at}.annotations is not a JSON object`);
    }
    const set = (v) => v !== undefined && v !== '' && !(isObject(v) && Object.keys(v).length === 0);
    if (!set(optional(value, 'uri', opts)) && !set(digest) && !set(content)) {
        problems.push(`${at} has none of uri, digest or content`);
    }
    return problems;
}
function digestProblems(value, at) {
    if (!isObject(value))
        return [`${at} is not a JSON object`];
    const problems = [];
    for (const [algorithm, hex] of Object.entries(value)) {
        const length = HEX_LENGTH[algorithm];
        const ok = typeof hex === 'string' &&
            hex !== '' &&
            (length === undefined || (hex.length === length && /^[0-9a-f]+$/.test(hex)));
        if (!ok) {
            problems.push(`${at}.${shown(algorithm)} is not ${length ? `${length} lowercase hex digits` : 'a digest'}`);
        }
    }
    return problems;
}
function unknownFields(value, known, at, opts) {
    if (!opts.strict)
        return [];
    return Object.keys(value)
        .filter((k) => !known.includes(k))
        .map((k) => `${at}${shown(k)} is not a field of the spec`);
}
/** A field that may be left out; a lenient reading takes null for unset. */
function optional(value, field, opts) {
    const v = value[field];
    return v === null && !opts.strict ? undefined : v;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isUri(value) {
    return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value);
}
/**
 * A value from a registry as it may appear in a message: quoted, escaped and cut short, so
 * that no newline or workflow command inside it reaches a log line of its own.
 */
function shown(value) {
    if (value === undefined)
        return 'unset';
    const cut = (text) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);
    // JSON text holds no raw newline: strings are escaped inside it.
    if (typeof value !== 'string')
        return cut(JSON.stringify(value) ?? String(value));
    return JSON.stringify(cut(value));
}

;// CONCATENATED MODULE: ./src/verify/attestation/judge.ts
/**
 * "Was this platform's manifest tested, and did it pass?", asked of the test-result statements
 * a registry holds for one digest. Pure: the caller fetches and parses them. Anything may be in
 * a registry, so each statement is checked before it is believed, and every value quoted from
 * one is escaped before it reaches a message.
 */




/** How many names a reason lists before it counts the rest. */
const LISTED = 10;
/**
 * ok when at least one statement is a well-formed test-result, names `digest` as `platform` in
 * its subject, reports PASSED and lists a passed test of that platform. Otherwise the reason
 * names what is missing, from the closest miss: a failure of this platform first, an
 * attestation of another kind last.
 */
function judgeTested(statements, platform, digest) {
    let wanted;
    try {
        wanted = (0,oci_platform/* formatPlatform */.Bq)((0,oci_platform/* parsePlatform */.FL)(platform));
    }
    catch {
        return no(`${shown(platform)} is not a platform like linux/arm64`);
    }
    if (!oci_reference/* DIGEST */.Dh.test(digest)) {
        return no(`${shown(digest)} is not a digest like sha256:<64 lowercase hex digits>`);
    }
    const [algorithm = '', hex = ''] = digest.split(':');
    const at = `${wanted} (${digest})`;
    const otherTypes = new Set();
    const malformed = [];
    const unnamed = [];
    const named = [];
    for (const s of Array.isArray(statements) ? statements : []) {
        const type = judge_isObject(s) ? s.predicateType : undefined;
        if (typeof type === 'string' && type !== TEST_RESULT_PREDICATE) {
            otherTypes.add(type);
            continue;
        }
        const problems = testResultProblems(s, { strict: false });
        if (problems.length > 0) {
            malformed.push(problems[0] ?? 'malformed');
            continue;
        }
        const statement = s;
        const holding = statement.subject.filter((e) => e.digest[algorithm]?.toLowerCase() === hex);
        if (!holding.some((e) => platformName(e.name) === wanted)) {
            unnamed.push(holding.map((e) => e.name));
            continue;
        }
        named.push(judge_read(statement.predicate, wanted));
    }
    if (named.some((n) => n.result === 'PASSED' && n.passed.length > 0))
        return { ok: true };
    const closest = named.sort((a, b) => rank(a) - rank(b))[0];
    if (closest)
        return no(namedReason(closest, at, wanted));
    if (unnamed.length === 1) {
        const names = unnamed[0] ?? [];
        const as = names.length > 0 ? `; it names that digest as ${listed(names.map(shown))}` : '';
        return no(`the test-result attestation attached to ${digest} does not name ${at} in its subject${as}`);
    }
    if (unnamed.length > 1) {
        return no(`none of the ${unnamed.length} test-result attestations attached to ${digest} names ${at} in its subject`);
    }
    const found = [];
    if (otherTypes.size > 0) {
        const types = listed([...otherTypes].sort().map(shown));
        found.push(`attestations of another predicate type (${types})`);
    }
    if (malformed.length > 0) {
        const count = malformed.length === 1 ? 'a malformed statement' : `${malformed.length} malformed statements`;
        found.push(`${count} (${malformed[0]})`);
    }
    const only = found.length > 0 ? `; found only ${found.join(' and ')}` : '';
    return no(`no test-result attestation is attached to ${digest}${only}`);
}
function namedReason(n, at, wanted) {
    const head = `the test-result attestation for ${at} reports ${n.result}`;
    switch (n.result) {
        case 'FAILED':
            if (n.failed.length > 0)
                return `${head}: ${listed(n.failed)} failed`;
            if (n.allFailed.length > 0) {
                return `${head} (${listed(n.allFailed.map(shown))} failed); ${wanted}'s own tests did not fail, but only a PASSED run counts`;
            }
            return `${head} without naming a failed test`;
        case 'WARNED':
            if (n.warned.length > 0)
                return `${head}, not PASSED: ${listed(n.warned)} warned`;
            return `${head}, not PASSED (${listed(n.allWarned.map(shown))} warned)`;
        case 'PASSED':
            return `${head} but lists no passed test of ${wanted}, so ${wanted} was not tested`;
    }
}
/** Closest miss first: this platform failed, this platform warned, another failed or warned. */
function rank(n) {
    if (n.result === 'FAILED')
        return n.failed.length > 0 ? 0 : 2;
    if (n.result === 'WARNED')
        return n.warned.length > 0 ? 1 : 3;
    return 4;
}
function judge_read(p, wanted) {
    const all = (field) => Array.isArray(p[field]) ? p[field] : [];
    return {
        result: p.result,
        passed: own(all('passedTests'), wanted),
        warned: own(all('warnedTests'), wanted),
        failed: own(all('failedTests'), wanted),
        allFailed: all('failedTests'),
        allWarned: all('warnedTests'),
    };
}
/**
 * This platform's tests among `names`, spelt as we spell them: `<platform>/<kind>` with a
 * known kind. `linux/arm/v6/smoke` is no test of linux/arm: its platform is linux/arm/v6.
 */
function own(names, wanted) {
    const out = new Set();
    for (const name of names) {
        const slash = name.lastIndexOf('/');
        const kind = name.slice(slash + 1);
        if (slash < 0 || !TEST_KINDS.includes(kind))
            continue;
        if (platformName(name.slice(0, slash)) === wanted)
            out.add(`${wanted}/${kind}`);
    }
    return [...out].sort();
}
function listed(names) {
    if (names.length <= LISTED)
        return names.join(', ');
    return `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
}
function no(reason) {
    return { ok: false, reason };
}
function judge_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/verify/attestation/read.ts
/**
 * "Was this platform of this image tested here, and did it pass?", asked of
 * a registry: every in-toto artifact attached to the platform's manifest is
 * read and judged (judge.ts). Artifacts of other types (signatures, SBOMs)
 * are passed over.
 */




/** A statement signed into a DSSE envelope (as cosign and the attest actions write) carries it as payload. */
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
/**
 * The referrers of `digest` that are in-toto artifacts. A registry with the
 * referrers API may still hold older ones under the referrers tag that
 * clients wrote before it had the API: both are read.
 */
async function inTotoReferrers(client, digest) {
    const found = await client.referrers(digest, IN_TOTO_ARTIFACT);
    if (found.via === 'tag')
        return found.manifests;
    const tag = referrersTag(digest);
    const held = await client.getManifest(tag);
    const tagged = held
        ? filterReferrers(parseReferrersIndex(held.json, client.tagName(tag)).manifests, IN_TOTO_ARTIFACT)
        : [];
    const seen = new Set(found.manifests.map((m) => m.digest));
    return [...found.manifests, ...tagged.filter((m) => !seen.has(m.digest))];
}
/** The statement a layer holds, unwrapped from a DSSE envelope when it is one; the raw text when it is not JSON. */
function statementOf(bytes, mediaType) {
    const text = new TextDecoder().decode(bytes);
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        return text;
    }
    const envelope = json;
    if ((mediaType === DSSE_ENVELOPE || envelope.payloadType === IN_TOTO_ARTIFACT) &&
        typeof envelope.payload === 'string') {
        try {
            return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
        }
        catch {
            return envelope.payload;
        }
    }
    return json;
}
/** Every in-toto statement attached to `digest` in `repository`, parsed (or as text when it does not parse). */
async function attachedStatements(repository, digest, timeoutMs) {
    const client = new RegistryClient(repository, { timeoutMs });
    const referrers = await inTotoReferrers(client, digest);
    const manifests = await Promise.all(referrers.map((r) => client.getManifest(r.digest)));
    const layers = manifests.flatMap((m) => {
        const layerList = m?.json?.layers;
        return Array.isArray(layerList) ? layerList.filter((l) => l?.digest) : [];
    });
    return Promise.all(layers.map(async (l) => statementOf(await client.getBlob(l.digest), l.mediaType)));
}
/** The verdict on one platform's manifest; a registry that cannot be read is a reason too. */
async function testedVerdict(repository, platform, digest, timeoutMs) {
    let statements;
    try {
        statements = await attachedStatements(repository, digest, timeoutMs);
    }
    catch (err) {
        return { ok: false, reason: `its attestations could not be read: ${(0,runner_errors/* errorMessage */.gJ)(err)}` };
    }
    return judgeTested(statements, platform, digest);
}

;// CONCATENATED MODULE: ./src/actions/check/images.ts






/** Judges one platform from what the index lists and what its config says. Pure. */
function judgePlatform(p, listed, config) {
    const name = (0,oci_platform/* formatPlatform */.Bq)(p);
    const entry = listed.find((m) => (0,oci_platform/* samePlatform */.my)(m.platform, p));
    if (!entry) {
        const has = listed.map((m) => (0,oci_platform/* formatPlatform */.Bq)(m.platform)).join(', ') || 'nothing';
        return { platform: p, ok: false, reason: `no ${name} in the index (it lists ${has})` };
    }
    if (config?.os && config.architecture) {
        const said = (0,oci_platform/* normalize */.S8)({
            os: config.os,
            architecture: config.architecture,
            variant: config.variant,
        });
        if (!(0,oci_platform/* samePlatform */.my)(said, p)) {
            return {
                platform: p,
                digest: entry.digest,
                ok: false,
                reason: `the ${name} entry's config says ${(0,oci_platform/* formatPlatform */.Bq)(said)}`,
            };
        }
    }
    return { platform: p, digest: entry.digest, ok: true, reason: `${name} in the index` };
}
/** The registry API, or the docker CLI where that cannot answer; each read bounded by registry-timeout. */
function dockerRegistry(timeoutMs) {
    return {
        platforms: (ref) => readPlatforms(ref, timeoutMs),
        config: (ref) => readConfig(ref, timeoutMs),
        tested: (repo, platform, digest) => testedVerdict(repo, platform, digest, timeoutMs),
    };
}
const DOCKER = dockerRegistry(DEFAULT_REGISTRY_TIMEOUT_MS);
async function inspectImage(ref, wanted, registry = DOCKER) {
    return new ImageCache(registry).get(ref, wanted);
}
/**
 * Reads each image's platform list once, and each platform's config once,
 * however often and for whichever platforms it is asked. Every platform is
 * judged on its own: a config that cannot be read spoils only its platform.
 */
class ImageCache {
    registry;
    listings = new Map();
    configs = new Map();
    verdicts = new Map();
    constructor(registry = DOCKER) {
        this.registry = registry;
    }
    async get(ref, wanted) {
        // References from Dockerfiles and YAML in a pull request are untrusted:
        // nothing that is not an image reference reaches a command line.
        let repo;
        try {
            repo = (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(ref));
        }
        catch (err) {
            if (err instanceof oci_reference/* ImageReferenceError */.rI)
                return { ref, error: err.message, platforms: [] };
            throw err;
        }
        let listing = this.listings.get(ref);
        if (!listing) {
            listing = this.registry.platforms(ref).then((r) => r.platforms);
            this.listings.set(ref, listing);
        }
        let listed;
        try {
            listed = await listing;
        }
        catch (err) {
            return { ref, error: (0,runner_errors/* errorMessage */.gJ)(err), platforms: [] };
        }
        const platforms = await Promise.all(wanted.map(async (p) => {
            const entry = listed.find((m) => (0,oci_platform/* samePlatform */.my)(m.platform, p));
            // An entry's config is read only for the platforms asked about.
            const config = entry
                ? await this.config(`${repo}@${entry.digest}`).catch(() => undefined)
                : undefined;
            return judgePlatform(p, listed, config);
        }));
        return { ref, platforms };
    }
    /** require-tested's verdict on one platform manifest of `ref`, asked once. */
    tested(ref, platform, digest) {
        const repo = (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(ref));
        const key = `${repo}@${digest} ${(0,oci_platform/* formatPlatform */.Bq)(platform)}`;
        let verdict = this.verdicts.get(key);
        if (!verdict) {
            verdict = this.registry.tested(repo, (0,oci_platform/* formatPlatform */.Bq)(platform), digest);
            this.verdicts.set(key, verdict);
        }
        return verdict;
    }
    config(ref) {
        let config = this.configs.get(ref);
        if (!config) {
            config = this.registry.config(ref);
            this.configs.set(ref, config);
        }
        return config;
    }
}

;// CONCATENATED MODULE: ./src/actions/check/inputs.ts
/** Inputs of the check sub-action (check/action.yml). */








/** Every input check/action.yml declares, in its order. */
const CHECK_INPUT_NAMES = (0,specs/* inputNames */.vj)(specs/* CHECK_ACTION */.YU);
function getCheckInputs(host) {
    announceHostLogins(host);
    return confineCheckPaths(parseCheckInputs((name) => host.input(name)), workspaceRoot());
}
/**
 * The Dockerfile, the context and the manifest globs, kept inside the workspace
 * (runner/workspace.ts).
 */
function confineCheckPaths(inputs, workspace) {
    if (inputs.dockerfile)
        confinePath('dockerfile', inputs.dockerfile, workspace);
    if (!isRemoteContext(inputs.context))
        confinePath('context', inputs.context, workspace);
    for (const glob of inputs.manifests)
        confineGlob('kubernetes-manifests', glob, workspace);
    return inputs;
}
function parseCheckInputs(read) {
    const { get } = (0,input_spec/* inputReader */.cN)(specs/* CHECK_ACTION */.YU.inputs, (0,runner_inputs/* textInputs */.re)(read, ['password']));
    const images = (0,runner_inputs/* list */.p_)(get('images'), true).map((i) => (0,runner_inputs/* checkRef */.__)('images', i));
    const dockerfile = (0,runner_inputs/* optional */.lq)(get('dockerfile')) && (0,runner_inputs/* pathInput */.gm)('dockerfile', get('dockerfile').trim());
    const manifests = (0,runner_inputs/* list */.p_)(get('kubernetes-manifests'), false).flatMap(splitGlobs);
    if (images.length === 0 && !dockerfile && manifests.length === 0) {
        throw new runner_inputs/* InputError */.dz('images', '', 'is empty, and so are dockerfile and kubernetes-manifests', 'Give at least one thing to check: images, a dockerfile, or kubernetes-manifests globs.');
    }
    const clusterArchitectures = (0,runner_inputs/* eachMatching */.v)('cluster-architectures', (0,runner_inputs/* list */.p_)(get('cluster-architectures'), true), /^[a-z0-9]+$/, 'is not an architecture name', 'Use the node label values, like amd64, arm64.');
    const failOn = (0,runner_inputs/* oneOf */.yL)('fail-on', get('fail-on'), ['error', 'warning', 'never']);
    const build = (0,runner_inputs/* bool */.lc)('build', get('build'));
    if (build && !dockerfile)
        throw new runner_inputs/* InputError */.dz('build', 'true', 'needs a dockerfile', 'Set dockerfile to the Dockerfile to build.');
    const requireTested = (0,runner_inputs/* platformsInput */.fv)(get('require-tested'), 'require-tested', '');
    if (requireTested.length > 0 && images.length === 0 && manifests.length === 0)
        throw new runner_inputs/* InputError */.dz('require-tested', get('require-tested'), 'asks for tested images, but there are none to check', 'Give images or kubernetes-manifests whose images must carry the attestation.');
    const contextRaw = (0,runner_inputs/* optional */.lq)(get('context'));
    return {
        images,
        platforms: (0,runner_inputs/* platformsInput */.fv)(get('platforms')),
        dockerfile,
        target: (0,runner_inputs/* checked */.KD)('target', (0,runner_inputs/* optional */.lq)(get('target')), /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a build stage name like "runtime"'),
        context: contextRaw
            ? (0,runner_inputs/* pathInput */.gm)('context', contextRaw)
            : dockerfile
                ? external_node_path_default().dirname(dockerfile)
                : '.',
        build,
        buildArgs: (0,runner_inputs/* buildArgsInput */.cc)(get('build-args')),
        manifests,
        clusterArchitectures,
        failOn,
        requireTested,
        ...(0,smoke_inputs/* smokeInputs */.Nh)(get),
        logins: registryLogins(get),
        registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
    };
}
/** Splits on commas outside `{…}`, so `deploy/{a,b}.yaml, k8s/*.yml` is two globs. */
function splitGlobs(line) {
    const out = [];
    let depth = 0;
    let current = '';
    for (const c of line) {
        if (c === '{')
            depth++;
        if (c === '}')
            depth = Math.max(0, depth - 1);
        if (c === ',' && depth === 0) {
            out.push(current);
            current = '';
        }
        else {
            current += c;
        }
    }
    out.push(current);
    return out.map((g) => g.trim()).filter(Boolean);
}

;// CONCATENATED MODULE: ./src/actions/check/report.ts
/**
 * The ARM-readiness report: one row per image, base image, build or workload
 * container, one column per platform; findings become annotations. Pure.
 */

function counts(report) {
    return {
        errors: report.findings.filter((f) => f.level === 'error').length,
        warnings: report.findings.filter((f) => f.level === 'warning').length,
    };
}
/** Ready means nothing is an error: warnings are advice. */
function isReady(report) {
    return counts(report).errors === 0;
}
function shouldFail(report, failOn) {
    const { errors, warnings } = counts(report);
    if (failOn === 'never')
        return false;
    return errors > 0 || (failOn === 'warning' && warnings > 0);
}
const ICON = { ok: '✅', error: '❌', warning: '⚠️', skip: '–' };
const FINDING_ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' };
function where(f) {
    return f.file ? `${f.file}${f.line ? `:${f.line}` : ''}` : '';
}
function renderCheckMarkdown(report) {
    const { errors, warnings } = counts(report);
    const verdict = errors > 0 ? '❌ not ready' : warnings > 0 ? '⚠️ ready, with warnings' : '✅ ready';
    const lines = [`### ARM readiness: ${verdict}`, ''];
    if (report.rows.length > 0) {
        lines.push(`| | ${report.platforms.map((p) => `\`${p}\``).join(' | ')} |`);
        lines.push(`|---|${report.platforms.map(() => '---').join('|')}|`);
        for (const row of report.rows) {
            const at = where(row);
            const subject = `${markdownCell(row.subject)}${at ? `<br><sub>${markdownCell(at)}</sub>` : ''}`;
            const cells = report.platforms.map((p) => {
                const c = row.cells[p];
                if (!c)
                    return ' ';
                return c.status === 'ok' ? ICON.ok : `${ICON[c.status]} ${markdownCell(c.reason)}`;
            });
            lines.push(`| ${subject} | ${cells.join(' | ')} |`);
        }
        lines.push('');
    }
    const notes = report.findings.filter((f) => f.level === 'info');
    const problems = report.findings.filter((f) => f.level !== 'info');
    const item = (f) => {
        const at = where(f);
        return `- ${FINDING_ICON[f.level]} ${at ? `\`${at}\`: ` : ''}${markdownCell(f.message)}`;
    };
    if (problems.length > 0) {
        lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}:`, '', ...problems.map(item), '');
    }
    if (notes.length > 0)
        lines.push('Notes:', '', ...notes.map(item), '');
    return lines.join('\n');
}
function renderCheckText(report) {
    const out = report.rows.map((row) => {
        const cells = report.platforms
            .filter((p) => row.cells[p])
            .map((p) => {
            const c = row.cells[p];
            return `${p} ${c.status === 'ok' ? 'ok' : `${c.status.toUpperCase()} (${c.reason})`}`;
        });
        const at = where(row);
        return `${row.subject}${at ? ` [${at}]` : ''}: ${cells.join('; ')}`;
    });
    for (const f of report.findings)
        out.push(`${f.level}: ${where(f) ? `${where(f)}: ` : ''}${f.message}`);
    const { errors, warnings } = counts(report);
    out.push(`${isReady(report) ? 'ready' : 'NOT READY'}: ${errors} errors, ${warnings} warnings`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/actions/check/publish.ts

async function publishCheck(report, host) {
    const ready = isReady(report);
    host.setOutput('ready', String(ready));
    host.setOutput('report', JSON.stringify({ ready, ...report }));
    host.log.info(renderCheckText(report));
    await host.summary(renderCheckMarkdown(report));
    for (const f of report.findings) {
        const where = { title: 'ARM readiness', file: f.file, startLine: f.line };
        if (f.level === 'error')
            host.log.error(f.message, where);
        else if (f.level === 'warning')
            host.log.warning(f.message, where);
        else
            host.log.notice(f.message, where);
    }
}
/** Why the check fails under fail-on; undefined when it passes. */
function checkVerdict(report, failOn) {
    if (!shouldFail(report, failOn))
        return undefined;
    const { errors, warnings } = counts(report);
    return `Not ready for every platform: ${errors} error(s), ${warnings} warning(s) (fail-on: ${failOn}).`;
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/instructions.ts
/**
 * Splits a Dockerfile into instructions and their words, the way BuildKit's
 * parser reads lines. Only the parts of the grammar the readiness questions
 * need are handled: parser directives, line continuations, comments and
 * heredoc bodies. Pure: no file system, no network.
 */
const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
// `<<EOF`, `<<-EOF`, `<<"EOF"`, `2<<'EOF'` at the start of a word; `<<<` is a here-string.
const HEREDOC = /(?:^|\s)\d*<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/g;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isBlank = (line) => line.trim() === '';
const isComment = (line) => line.trimStart().startsWith('#');
const physicalLines = (text) => text.replace(/^\uFEFF/, '').split(/\r?\n/);
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The escape character from a `# escape=` parser directive, or `\`. Directives
 * are only read at the very top: the first line that is not a known directive
 * (an instruction, a blank line, an ordinary comment) ends them.
 */
function escapeCharacter(lines) {
    let escape = '\\';
    const seen = new Set();
    for (const line of lines) {
        const m = DIRECTIVE.exec(line);
        if (!m)
            break;
        const key = (m[1] ?? '').toLowerCase();
        if (!KNOWN_DIRECTIVES.has(key) || seen.has(key))
            break;
        seen.add(key);
        if (key === 'escape' && (m[2] === '`' || m[2] === '\\'))
            escape = m[2];
    }
    return escape;
}
/** The escape character of a whole Dockerfile's text. */
const escapeOf = (text) => escapeCharacter(physicalLines(text));
/** Splits a Dockerfile into instructions, the way BuildKit's parser reads lines. */
function splitInstructions(text) {
    const lines = physicalLines(text);
    const escape = escapeCharacter(lines);
    const continuation = new RegExp(`${escapeRegExp(escape)}[ \\t]*$`);
    const out = [];
    let i = 0;
    while (i < lines.length) {
        const first = lines[i] ?? '';
        if (isBlank(first) || isComment(first)) {
            i++;
            continue;
        }
        const start = i;
        const parts = [];
        let current = first;
        for (;;) {
            const m = continuation.exec(current);
            i++;
            if (!m) {
                parts.push(current);
                break;
            }
            parts.push(current.slice(0, m.index));
            // Comment lines and blank lines inside a continuation are dropped.
            while (i < lines.length && (isComment(lines[i] ?? '') || isBlank(lines[i] ?? '')))
                i++;
            if (i >= lines.length)
                break;
            current = lines[i] ?? '';
        }
        const raw = parts
            .map((p) => p.trim())
            .filter((p) => p !== '')
            .join(' ');
        const space = raw.search(/\s/);
        const keyword = (space < 0 ? raw : raw.slice(0, space)).toUpperCase();
        const args = space < 0 ? '' : raw.slice(space + 1).trim();
        const heredoc = [];
        if (HEREDOC_INSTRUCTIONS.has(keyword)) {
            for (const h of args.matchAll(HEREDOC)) {
                const strip = h[1] === '-';
                const name = h[3] ?? '';
                while (i < lines.length) {
                    const line = lines[i] ?? '';
                    i++;
                    if ((strip ? line.replace(/^\t+/, '') : line) === name)
                        break;
                    heredoc.push(line);
                }
            }
        }
        out.push({ line: start + 1, keyword, args, raw, parts, heredoc });
    }
    return out;
}
/** Splits on blanks outside quotes; quotes and escapes stay in the words. */
function splitWords(s, escape = '\\') {
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < s.length; i++) {
        const c = s[i] ?? '';
        if (quote) {
            word += c;
            if (c === escape && quote === '"' && i + 1 < s.length)
                word += s[++i];
            else if (c === quote)
                quote = undefined;
            continue;
        }
        if (/\s/.test(c)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
            continue;
        }
        inWord = true;
        word += c;
        if (c === escape && i + 1 < s.length)
            word += s[++i];
        else if (c === '"' || c === "'")
            quote = c;
    }
    if (inWord)
        words.push(word);
    return words;
}
function fromWords(args, escape) {
    const words = splitWords(args, escape);
    let platformWord;
    while (words[0]?.startsWith('--')) {
        const m = /^--platform=(.*)$/i.exec(words.shift() ?? '');
        if (m)
            platformWord = m[1];
    }
    const image = words[0];
    if (image === undefined)
        return undefined;
    const stage = words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : undefined;
    return {
        image,
        ...(platformWord !== undefined ? { platformWord } : {}),
        ...(stage !== undefined ? { stage } : {}),
    };
}
/** The names an ARG declares, each with its default as written after `=`; bad names are skipped. */
function argDeclarations(args, escape) {
    const out = [];
    for (const word of splitWords(args, escape)) {
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        if (!ARG_NAME.test(name))
            continue;
        out.push(eq < 0 ? { name } : { name, default: word.slice(eq + 1) });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/arch-lint.ts
/**
 * The lint rules: lines that will go wrong on a platform other than the one
 * the author had in mind. A download with an architecture written into it
 * fetches the wrong binary for every other target, and a fixed --platform
 * pins a stage whatever the build is for. Pure.
 */


const X86_TOKENS = ['amd64', 'x86_64', 'x86-64', 'linux64', 'x64', '64bit'];
const ARM_TOKENS = ['arm64', 'aarch64'];
const ARCH_TOKEN = new RegExp(`(?<![A-Za-z0-9])(${[...X86_TOKENS, ...ARM_TOKENS].map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'i');
const DOWNLOADER = /(?<![A-Za-z0-9_.-])(?:curl|wget|aria2c)(?![A-Za-z0-9_-])/;
const arch_lint_URL = /^(?:https?|ftp):\/\//i;
/** Ways a RUN can pick the architecture at build time instead of hard-coding it. */
const ARCH_AWARE = [
    /TARGETARCH|TARGETPLATFORM|TARGETVARIANT|BUILDARCH|BUILDPLATFORM/,
    /\buname\s+(?:-m|-p|--machine)\b/,
    /(?:\$\(|`)\s*arch\s*(?:\)|`)/,
    /\bdpkg\s+--print-architecture\b/,
    /\bapk\s+--print-arch\b/,
    /\bgo\s+env\s+GOARCH\b/,
];
/**
 * Commands whose arguments name packages or compiler targets, where an
 * architecture in the text (`gcc-x86-64-linux-gnu`, `libc6:arm64`,
 * `rustup target add aarch64-…`) is not a download.
 */
const NOT_DOWNLOADS = new Set([
    'apt-get',
    'apt',
    'aptitude',
    'apk',
    'yum',
    'dnf',
    'microdnf',
    'tdnf',
    'zypper',
    'dpkg',
    'rpm',
    'pip',
    'pip3',
    'pipx',
    'npm',
    'yarn',
    'pnpm',
    'gem',
    'conda',
    'mamba',
    'micromamba',
    'rustup',
    'cargo',
    'go',
    'gcc',
    'cc',
    'clang',
    'make',
    'cmake',
]);
const PREFIX_WORDS = new Set([
    'if',
    'then',
    'else',
    'elif',
    'do',
    'while',
    'until',
    '!',
    'sudo',
    'env',
    'exec',
    'time',
    'nohup',
    'command',
]);
/** A shell comment starts a word: `# …` at the start of a line or after a blank. */
const stripShellComment = (line) => line.replace(/(^|\s)#.*$/, '$1');
/** The command a shell segment runs, past assignments, `sudo` and the like. */
function commandOf(segment) {
    for (const w of segment.trim().split(/\s+/)) {
        const word = w.replace(/^[({]+/, '');
        if (word === '' || PREFIX_WORDS.has(word) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(word))
            continue;
        return (word.split('/').pop() ?? '').toLowerCase();
    }
    return '';
}
/**
 * The first hard-coded architecture in a RUN's shell text when the RUN
 * downloads something and never asks which architecture it is building for.
 */
function hardcodedArchInRun(shell) {
    if (ARCH_AWARE.some((re) => re.test(shell)))
        return undefined;
    const segments = shell.split(/&&|\|\||[;|\n]/).filter((s) => !NOT_DOWNLOADS.has(commandOf(s)));
    if (!segments.some((s) => DOWNLOADER.test(s)))
        return undefined;
    return ARCH_TOKEN.exec(segments.join('\n'))?.[1];
}
/** The first hard-coded architecture in the URLs of an ADD. */
function hardcodedArchInAdd(args, escape = '\\') {
    if (ARCH_AWARE.some((re) => re.test(args)))
        return undefined;
    for (const word of splitWords(args, escape)) {
        const w = word.replace(/^["']|["']$/g, '');
        if (!arch_lint_URL.test(w))
            continue;
        const m = ARCH_TOKEN.exec(w);
        if (m)
            return m[1];
    }
    return undefined;
}
function downloadMessage(keyword, token, onBuildPlatform) {
    const isArm = ARM_TOKENS.includes(token.toLowerCase());
    const wrong = isArm ? 'arm64' : 'amd64';
    const other = isArm ? 'amd64' : 'arm64';
    const mapping = isArm
        ? 'case "$TARGETARCH" in arm64) A=aarch64 ;; amd64) A=x86_64 ;; esac'
        : 'case "$TARGETARCH" in amd64) A=x86_64 ;; arm64) A=aarch64 ;; esac';
    if (onBuildPlatform) {
        return `${keyword} downloads a file with "${token}" hard-coded in a stage that runs on $BUILDPLATFORM, so the build fails on ${other} machines; add ARG BUILDARCH and use \${BUILDARCH} in the URL (or \${TARGETARCH} if the file ends up in the image), mapped where the project names architectures differently.`;
    }
    return `${keyword} downloads a file with "${token}" hard-coded, so the linux/${other} image gets an ${wrong} binary; add ARG TARGETARCH to the stage and use \${TARGETARCH} in the URL, mapped where the project names architectures differently (e.g. ${mapping}).`;
}
function fixedPlatformMessage(platform) {
    let arch = platform;
    try {
        arch = (0,oci_platform/* parsePlatform */.FL)(platform).architecture;
    }
    catch {
        // Not os/arch: name it as written.
    }
    return `FROM --platform=${platform} pins this stage to ${arch} for every target platform; use --platform=$BUILDPLATFORM for a build stage that cross-compiles, or drop the flag.`;
}
/** A shell comment is not part of what runs, and may name an architecture freely. */
const runShell = (ins) => [
    ins.parts.map(stripShellComment).join(' ').trim().replace(/^\S+/, ''),
    ...ins.heredoc.map(stripShellComment),
].join('\n');
/** The warning of a RUN or ADD that downloads a hard-coded architecture; undefined for others. */
function downloadWarning(ins, escape, onBuildPlatform) {
    let token;
    if (ins.keyword === 'RUN')
        token = hardcodedArchInRun(runShell(ins));
    else if (ins.keyword === 'ADD')
        token = hardcodedArchInAdd(ins.args, escape);
    if (!token)
        return undefined;
    return {
        line: ins.line,
        rule: 'hardcoded-arch-download',
        message: downloadMessage(ins.keyword, token, onBuildPlatform),
    };
}
/** A --platform without a variable is the same for every target; undefined when there is none. */
function fixedPlatformWarning(line, platform) {
    if (!platform || platform.includes('$'))
        return undefined;
    return { line, rule: 'fixed-platform', message: fixedPlatformMessage(platform) };
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/expansion.ts
/**
 * ARG and ENV-style substitution as Docker does it in FROM and ARG: `$VAR`,
 * `${VAR}` and the `:-`, `-`, `:+`, `+`, `:?`, `?` modifiers, with quote
 * removal. Pure: the scope is handed in, so the same words can be read once
 * for every target platform (resolution) or with platform ARGs kept as
 * written (the lint pass, which has no target).
 */
/**
 * ARGs BuildKit sets itself for every build. They are never substituted here
 * (their value depends on the platform being built) and never unresolved.
 */
const AUTOMATIC_PLATFORM_ARGS = new Set([
    'BUILDPLATFORM',
    'BUILDOS',
    'BUILDARCH',
    'BUILDVARIANT',
    'TARGETPLATFORM',
    'TARGETOS',
    'TARGETARCH',
    'TARGETVARIANT',
]);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`,
 * `${VAR+word}` and `${VAR:?msg}` like Docker does in FROM and ARG, removing
 * quotes. Variables without a value, and modifiers not supported here, stay as
 * written and are reported in `unresolved`. BuildKit's platform ARGs stay as
 * written and are not reported, unless `platformArgs` is 'substitute': then
 * they are looked up in `scope` like any other (one target platform's view).
 */
function expandWord(word, scope, escape = '\\', platformArgs = 'keep') {
    let text = '';
    const unresolved = [];
    let quote;
    let i = 0;
    while (i < word.length) {
        const c = word[i] ?? '';
        if (quote === "'") {
            if (c === "'")
                quote = undefined;
            else
                text += c;
            i++;
        }
        else if (c === escape && i + 1 < word.length) {
            text += word[i + 1];
            i += 2;
        }
        else if (c === '"') {
            quote = quote ? undefined : '"';
            i++;
        }
        else if (c === "'" && !quote) {
            quote = "'";
            i++;
        }
        else if (c === '$') {
            const v = expandVariable(word, i, scope, escape, platformArgs);
            if (v) {
                text += v.text;
                for (const n of v.unresolved)
                    if (!unresolved.includes(n))
                        unresolved.push(n);
                i = v.end;
            }
            else {
                text += c;
                i++;
            }
        }
        else {
            text += c;
            i++;
        }
    }
    return { text, unresolved };
}
function expandVariable(word, at, scope, escape, platformArgs) {
    const next = word[at + 1] ?? '';
    let name;
    let end;
    let modifier = '';
    if (NAME_START.test(next)) {
        let j = at + 2;
        while (j < word.length && NAME_CHAR.test(word[j] ?? ''))
            j++;
        name = word.slice(at + 1, j);
        end = j;
    }
    else if (next === '{') {
        let j = at + 2;
        if (!NAME_START.test(word[j] ?? ''))
            return undefined;
        while (j < word.length && NAME_CHAR.test(word[j] ?? ''))
            j++;
        name = word.slice(at + 2, j);
        // Find the matching brace; a default may hold `${…}` of its own.
        let depth = 1;
        let k = j;
        for (; k < word.length; k++) {
            if (word[k] === '{' && word[k - 1] === '$')
                depth++;
            else if (word[k] === '}' && --depth === 0)
                break;
        }
        if (k >= word.length)
            return undefined;
        modifier = word.slice(j, k);
        end = k + 1;
    }
    else {
        return undefined;
    }
    const asWritten = { text: word.slice(at, end), unresolved: [], end };
    if (platformArgs === 'keep' && AUTOMATIC_PLATFORM_ARGS.has(name))
        return asWritten;
    const missing = { ...asWritten, unresolved: [name] };
    const arg = scope.get(name);
    const set = arg?.value !== undefined;
    const nonEmpty = set && arg?.value !== '';
    const value = { text: arg?.value ?? '', unresolved: arg?.unresolved ?? [], end };
    const operand = (skip) => ({
        ...expandWord(modifier.slice(skip), scope, escape, platformArgs),
        end,
    });
    if (modifier === '')
        return set ? value : missing;
    if (modifier.startsWith(':-'))
        return nonEmpty ? value : operand(2);
    if (modifier.startsWith('-'))
        return set ? value : operand(1);
    if (modifier.startsWith(':+'))
        return nonEmpty ? operand(2) : { text: '', unresolved: [], end };
    if (modifier.startsWith('+'))
        return set ? operand(1) : { text: '', unresolved: [], end };
    if (modifier.startsWith(':?'))
        return nonEmpty ? value : missing;
    if (modifier.startsWith('?'))
        return set ? value : missing;
    // `${VAR#pattern}`, `${VAR/a/b}` and the like: not worked out here.
    return missing;
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/lint.ts
/**
 * The lint pass: one reading of a Dockerfile with no target platform in mind.
 * It lists the FROM lines with the global ARGs substituted (BuildKit's own
 * platform ARGs stay as written, since they differ per target) and collects
 * the arch-lint warnings, knowing for each line whether its stage runs on the
 * build platform, where the advice differs. Pure.
 */



const BUILD_PLATFORM = /\$\{?BUILD(?:PLATFORM|OS|ARCH)\b/;
function parseDockerfile(text, buildArgs = {}) {
    const escape = escapeOf(text);
    const froms = [];
    const warnings = [];
    const globals = new Map();
    /** Stage name → whether it runs on the build platform. */
    const stages = new Map();
    let onBuildPlatform = false;
    for (const ins of splitInstructions(text)) {
        if (ins.keyword === 'ARG') {
            if (froms.length === 0)
                declareGlobals(ins.args, globals, buildArgs, escape);
        }
        else if (ins.keyword === 'FROM') {
            const from = parseFrom(ins, globals, stages, escape);
            if (!from)
                continue;
            froms.push(from);
            const referenced = from.kind === 'stage' ? stages.get(from.image.toLowerCase()) : false;
            onBuildPlatform =
                from.platform !== undefined ? BUILD_PLATFORM.test(from.platform) : referenced === true;
            if (from.stage && !stages.has(from.stage))
                stages.set(from.stage, onBuildPlatform);
            const fixed = fixedPlatformWarning(from.line, from.platform);
            if (fixed)
                warnings.push(fixed);
        }
        else {
            const download = downloadWarning(ins, escape, onBuildPlatform);
            if (download)
                warnings.push(download);
        }
    }
    return { froms, warnings };
}
function declareGlobals(args, globals, buildArgs, escape) {
    for (const { name, default: value } of argDeclarations(args, escape)) {
        if (Object.prototype.hasOwnProperty.call(buildArgs, name)) {
            // Build-arg values are taken literally, like `docker build --build-arg`.
            globals.set(name, { value: buildArgs[name], unresolved: [] });
        }
        else if (value !== undefined) {
            const { text, unresolved } = expandWord(value, globals, escape);
            globals.set(name, { value: text, unresolved });
        }
        else if (!globals.has(name)) {
            globals.set(name, { unresolved: [] });
        }
    }
}
function parseFrom(ins, globals, stages, escape) {
    const words = fromWords(ins.args, escape);
    if (!words)
        return undefined;
    const unresolved = [];
    const add = (names) => {
        for (const n of names)
            if (!unresolved.includes(n))
                unresolved.push(n);
    };
    const image = expandWord(words.image, globals, escape);
    add(image.unresolved);
    let platform;
    if (words.platformWord !== undefined) {
        const p = expandWord(words.platformWord, globals, escape);
        add(p.unresolved);
        platform = p.text;
    }
    const lower = image.text.toLowerCase();
    const kind = stages.has(lower) ? 'stage' : lower === 'scratch' ? 'scratch' : 'image';
    const from = { line: ins.line, raw: ins.raw, image: image.text, kind, unresolved };
    if (platform !== undefined)
        from.platform = platform;
    if (words.stage !== undefined)
        from.stage = words.stage;
    return from;
}
/** External images only (kind 'image'), deduplicated, in order. */
function baseImages(parsed) {
    const seen = new Set();
    return parsed.froms.filter((f) => {
        if (f.kind !== 'image' || seen.has(f.image))
            return false;
        seen.add(f.image);
        return true;
    });
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/model.ts
/**
 * The model: the parts of a Dockerfile that decide what a build pulls, as
 * written, before any substitution. It is read once and then resolved for
 * each target platform, because BuildKit works the same lines out differently
 * per target. Pure data.
 */

const unquote = (w) => w.replace(/^(["'])(.*)\1$/, '$2');
/** The `--name=value` flags in front of an instruction's arguments. */
function leadingFlags(args, escape) {
    const flags = [];
    for (const word of splitWords(args, escape)) {
        if (!word.startsWith('--'))
            break;
        const eq = word.indexOf('=');
        flags.push({
            name: (eq < 0 ? word.slice(2) : word.slice(2, eq)).toLowerCase(),
            value: eq < 0 ? '' : unquote(word.slice(eq + 1)),
        });
    }
    return flags;
}
/** The `from=` of a RUN --mount value (`type=cache,target=/x,from=img`); CSV, quotes allowed. */
function mountFrom(value) {
    const fields = [];
    let field = '';
    let quote;
    for (const c of value) {
        if (quote) {
            if (c === quote)
                quote = undefined;
            else
                field += c;
        }
        else if (c === '"' || c === "'")
            quote = c;
        else if (c === ',') {
            fields.push(field);
            field = '';
        }
        else
            field += c;
    }
    fields.push(field);
    for (const f of fields) {
        const eq = f.indexOf('=');
        if (eq > 0 && f.slice(0, eq).trim().toLowerCase() === 'from')
            return f.slice(eq + 1).trim();
    }
    return undefined;
}
/** Reads the stages, their sources and the global ARGs of a Dockerfile. */
function readModel(text) {
    const escape = escapeOf(text);
    const globals = [];
    const stages = [];
    for (const ins of splitInstructions(text)) {
        const current = stages[stages.length - 1];
        if (ins.keyword === 'ARG' && !current) {
            for (const arg of argDeclarations(ins.args, escape))
                globals.push({ line: ins.line, ...arg });
        }
        else if (ins.keyword === 'FROM') {
            const words = fromWords(ins.args, escape);
            if (!words)
                continue;
            const from = {
                line: ins.line,
                raw: ins.raw,
                via: 'FROM',
                word: words.image,
            };
            if (words.platformWord !== undefined)
                from.platformWord = words.platformWord;
            const name = words.stage;
            stages.push({ index: stages.length, ...(name ? { name } : {}), from, reads: [] });
        }
        else if (current && ins.keyword === 'COPY') {
            const from = leadingFlags(ins.args, escape).find((f) => f.name === 'from');
            if (from?.value) {
                current.reads.push({ line: ins.line, raw: ins.raw, via: 'COPY --from', word: from.value });
            }
        }
        else if (current && ins.keyword === 'RUN') {
            for (const flag of leadingFlags(ins.args, escape)) {
                const word = flag.name === 'mount' ? mountFrom(flag.value) : undefined;
                if (word)
                    current.reads.push({ line: ins.line, raw: ins.raw, via: 'RUN --mount', word });
            }
        }
    }
    return { escape, globals, stages };
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/platform-args.ts
/**
 * BuildKit's own platform ARGs and the global scope built over them. Each
 * target platform gets its own scope, so the same FROM can pull different
 * images per target; and a global declaration of one of these ARGs is read
 * differently by BuildKit versions, which is worth a warning. Pure.
 */


/** The ARGs BuildKit sets itself, from the target and build platforms (dockerfile2llb's defaultArgs). */
const BUILDKIT_ARGS = [
    'BUILDPLATFORM',
    'BUILDOS',
    'BUILDOSVERSION',
    'BUILDARCH',
    'BUILDVARIANT',
    'TARGETPLATFORM',
    'TARGETOS',
    'TARGETOSVERSION',
    'TARGETARCH',
    'TARGETVARIANT',
    'TARGETSTAGE',
];
/**
 * A platform as BuildKit spells it in its ARGs (containerd's normalisation):
 * arm64 without its default v8, 32-bit arm with its default v7.
 */
function buildkitPlatform(p) {
    const n = (0,oci_platform/* normalize */.S8)(p);
    const variant = n.architecture === 'arm' ? (n.variant ?? 'v7') : (n.variant ?? '');
    return { os: n.os, arch: n.architecture, variant };
}
const platformArg = (p) => [p.os, p.arch, p.variant].filter(Boolean).join('/');
/** BuildKit's own ARGs for one target, before the Dockerfile's global ARGs and the build-args. */
function automaticArgs(target, build, targetStage) {
    const t = buildkitPlatform(target);
    const b = buildkitPlatform(build);
    return new Map([
        ['BUILDPLATFORM', platformArg(b)],
        ['BUILDOS', b.os],
        ['BUILDOSVERSION', ''],
        ['BUILDARCH', b.arch],
        ['BUILDVARIANT', b.variant],
        ['TARGETPLATFORM', platformArg(t)],
        ['TARGETOS', t.os],
        ['TARGETOSVERSION', ''],
        ['TARGETARCH', t.arch],
        ['TARGETVARIANT', t.variant],
        ['TARGETSTAGE', targetStage],
    ]);
}
/** Whether a word uses $NAME or ${NAME…}. */
const usesVariable = (word, name) => new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(word);
/** The global scope of one target: BuildKit's ARGs, the build-args over them, then the global ARGs. */
function globalScope(model, automatic, buildArgs) {
    const has = (name) => Object.prototype.hasOwnProperty.call(buildArgs, name);
    const scope = new Map();
    for (const [name, value] of automatic)
        scope.set(name, { value: has(name) ? buildArgs[name] : value, unresolved: [] });
    for (const g of model.globals) {
        if (has(g.name)) {
            // Build-arg values are taken literally, like `docker build --build-arg`.
            scope.set(g.name, { value: buildArgs[g.name], unresolved: [] });
        }
        else if (g.default !== undefined) {
            const { text, unresolved } = expandWord(g.default, scope, model.escape, 'substitute');
            scope.set(g.name, { value: text, unresolved });
        }
        else if (!scope.has(g.name)) {
            scope.set(g.name, { unresolved: [] });
        }
    }
    return scope;
}
/**
 * Global `ARG TARGETOS` (any BuildKit platform ARG) without a value: newer
 * BuildKit keeps the platform's value for FROM lines, older BuildKit (Docker
 * Engine 26's built-in builder among them) empties it, so the same FROM pulls
 * something else, or nothing, depending on the builder.
 */
function versionWarnings(model, buildArgs) {
    const warnings = [];
    const seen = new Set();
    for (const g of model.globals) {
        if (g.default !== undefined || !BUILDKIT_ARGS.includes(g.name) || seen.has(g.name))
            continue;
        if (Object.prototype.hasOwnProperty.call(buildArgs, g.name))
            continue;
        const user = model.stages.find((s) => usesVariable(s.from.word, g.name) ||
            (s.from.platformWord !== undefined && usesVariable(s.from.platformWord, g.name)));
        if (!user)
            continue;
        seen.add(g.name);
        warnings.push({
            line: g.line,
            message: `ARG ${g.name} before the first FROM, without a value, changes what line ${user.from.line} (${user.from.raw}) pulls with the BuildKit version: newer BuildKit keeps the platform's $${g.name}, older BuildKit (the builder built into Docker Engine 26 among them) makes it empty. Delete this line: BuildKit's platform ARGs need no declaration before FROM.`,
        });
    }
    return warnings;
}

;// CONCATENATED MODULE: ./src/readiness/dockerfile/resolution.ts
/**
 * Resolution: what a build pulls, worked out per target platform the way
 * BuildKit's Dockerfile frontend (dockerfile2llb) builds its graph. Every
 * target gets its own global scope, so a line can pull a different image, or
 * another platform of it, or nothing, depending on the target. Pure.
 */





/**
 * Works out, for each target platform, what every FROM, COPY --from and RUN
 * --mount from= line of the Dockerfile resolves to, the platform each image is
 * pulled for, and which stages the build reaches, following BuildKit's
 * Dockerfile frontend:
 *
 * - the global scope is BuildKit's platform ARGs (overridden by build-args of
 *   the same name), then the ARGs before the first FROM in order: a build-arg
 *   wins, else the default, expanded in the scope so far, replaces the value
 *   (even of a platform ARG); `ARG NAME` alone leaves it as it is;
 * - a FROM names an earlier stage when its substituted reference equals that
 *   stage's (lower-cased) name, case-sensitively; `scratch` is no image;
 * - --platform is substituted and parsed per target; an image without it is
 *   pulled for the target;
 * - COPY --from and RUN --mount from= name any stage (case-insensitively), a
 *   stage index, or else an image pulled for the target;
 * - the build reaches the target stage (or the last one) and, recursively,
 *   the stages its FROM and its --from sources name.
 *
 * Not modelled: ONBUILD triggers of base images, named build contexts
 * (--build-context), and `${VAR#…}`-style modifiers (reported as unresolved).
 */
function resolveDockerfile(text, opts) {
    const model = readModel(text);
    const buildArgs = opts.buildArgs ?? {};
    const targets = opts.targets.map((t) => resolveTarget(model, t, opts, buildArgs));
    return { model, targets, warnings: versionWarnings(model, buildArgs) };
}
function resolveTarget(model, target, opts, buildArgs) {
    const last = model.stages[model.stages.length - 1];
    const targetName = opts.target?.toLowerCase() ?? last?.name ?? '';
    const scope = globalScope(model, automaticArgs(target, opts.buildPlatform, targetName), buildArgs);
    const pass = {
        model,
        target,
        expand: (word) => expandWord(word, scope, model.escape, 'substitute'),
        byName: new Map(),
        errors: [],
    };
    // In this order: a FROM registers its stage name for the lines after it, and the reads
    // of every stage may name any stage.
    const uses = model.stages.map((stage) => fromUse(pass, stage));
    for (const stage of model.stages)
        for (const source of stage.reads)
            uses.push(readUse(pass, stage, source));
    const targetStage = opts.target === undefined
        ? model.stages.length - 1
        : namedTarget(pass, opts.target, targetName);
    markReachable(uses, targetStage);
    uses.sort((a, b) => a.source.line - b.source.line);
    const resolution = { target, uses, errors: pass.errors };
    if (targetStage !== undefined && targetStage >= 0)
        resolution.targetStage = targetStage;
    return resolution;
}
function fromUse({ target, expand, byName, errors }, stage) {
    const { from } = stage;
    const ref = expand(from.word);
    const use = {
        stage: stage.index,
        source: from,
        ref: ref.text,
        kind: 'image',
        unresolved: [...ref.unresolved],
        reachable: false,
    };
    if (ref.unresolved.length === 0 && ref.text === '') {
        errors.push({
            line: from.line,
            message: `FROM ${from.word} is blank for ${(0,oci_platform/* formatPlatform */.Bq)(target)}: BuildKit stops with "base name (${from.word}) should not be blank". Give the variable a default (\${VAR:-image}) or pass it in build-args.`,
        });
    }
    const named = byName.get(ref.text);
    if (ref.text === 'scratch')
        use.kind = 'scratch';
    else if (named !== undefined) {
        use.kind = 'stage';
        use.stageRef = named;
    }
    if (from.platformWord !== undefined) {
        const p = expand(from.platformWord);
        use.platformFlag = p.text;
        use.platformWord = from.platformWord;
        for (const n of p.unresolved)
            if (!use.unresolved.includes(n))
                use.unresolved.push(n);
        if (p.unresolved.length === 0) {
            try {
                use.platform = (0,oci_platform/* parsePlatform */.FL)(p.text);
            }
            catch (err) {
                errors.push({
                    line: from.line,
                    message: `FROM --platform=${from.platformWord} is "${p.text}" for ${(0,oci_platform/* formatPlatform */.Bq)(target)}, which BuildKit cannot parse (${(0,runner_errors/* errorMessage */.gJ)(err)}). Use os/arch[/variant], like --platform=$BUILDPLATFORM or --platform=linux/amd64.`,
                });
            }
        }
    }
    else {
        use.platform = target;
    }
    // Registered after its own FROM is looked up: `FROM x AS x` pulls the image x.
    if (stage.name)
        byName.set(stage.name, stage.index);
    return use;
}
function readUse({ model, target, byName, errors }, stage, source) {
    const use = {
        stage: stage.index,
        source,
        ref: source.word,
        kind: 'image',
        unresolved: [],
        reachable: false,
        platform: target,
    };
    if (source.word.includes('$')) {
        errors.push({
            line: source.line,
            message: `${source.via}=${source.word}: BuildKit does not expand variables in --from and stops the build. Define a stage with FROM ${source.word} AS <name> (FROM takes global ARGs) and use --from=<name>.`,
        });
        use.unresolved = [source.word];
        return use;
    }
    const index = /^\d+$/.test(source.word) ? Number(source.word) : undefined;
    const named = index ?? byName.get(source.word.toLowerCase());
    if (named !== undefined && named < model.stages.length) {
        use.kind = 'stage';
        use.stageRef = named;
        delete use.platform;
    }
    else if (index !== undefined) {
        errors.push({
            line: source.line,
            message: `${source.via}=${source.word}: there is no stage ${index} (the Dockerfile has ${model.stages.length}, numbered from 0). Use the index or the AS name of an earlier stage.`,
        });
        delete use.platform;
        use.kind = 'stage';
    }
    else if (source.word === 'scratch') {
        use.kind = 'scratch';
        delete use.platform;
    }
    return use;
}
/** The stage `--target` names; undefined, with the error BuildKit stops with, when it names none. */
function namedTarget({ model, byName, errors }, target, targetName) {
    const index = byName.get(targetName);
    if (index === undefined) {
        const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
        errors.push({
            line: model.stages[model.stages.length - 1]?.from.line ?? 1,
            message: `target "${target}" names no stage of the Dockerfile, so BuildKit stops with "target stage could not be found". Use one of its AS names: ${names.join(', ') || '(none: add AS <name> to a FROM)'}.`,
        });
    }
    return index;
}
/** Marks the stages the build reaches from the target stage, and with them their lines. */
function markReachable(uses, targetStage) {
    const reached = new Set();
    const pending = targetStage !== undefined && targetStage >= 0 ? [targetStage] : [];
    while (pending.length > 0) {
        const index = pending.pop();
        if (reached.has(index))
            continue;
        reached.add(index);
        for (const u of uses)
            if (u.stage === index && u.kind === 'stage' && u.stageRef !== undefined)
                pending.push(u.stageRef);
    }
    for (const u of uses)
        u.reachable = reached.has(u.stage);
}

;// CONCATENATED MODULE: ./src/actions/check/build-request.ts

/**
 * Build the Dockerfile for every platform, load it, run and scan it: never
 * push, never tag for a registry. One request is made per Dockerfile from the
 * same inputs, so every list is the request's own copy.
 */
function buildRequest(inputs, file) {
    return {
        context: inputs.context,
        file,
        platforms: [...inputs.platforms],
        tags: [],
        labels: [],
        buildArgs: [...inputs.buildArgs],
        ...(inputs.target ? { target: inputs.target } : {}),
        push: false,
        cacheFrom: [],
        cacheTo: [],
        noCache: false,
        pull: false,
        smoke: inputs.smoke,
        smokeCommand: [...inputs.smokeCommand],
        smokeExpect: inputs.smokeExpect,
        smokeTimeoutSeconds: inputs.smokeTimeoutSeconds,
        verifyArch: inputs.verifyArch,
        qemuImage: inputs.qemuImage,
        smokeProbe: inputs.smokeProbe,
        smokeEnv: [...inputs.smokeEnv],
        nodes: [],
        nodeStrategy: 'auto',
        driverOpts: [],
        ssh: { acceptNewHostKeys: false },
        tls: {},
        pushByDigest: false,
        publish: 'on-success',
        // Nothing is pushed: there is nothing to attach a result to.
        attestTests: 'false',
        buildx: { downloadUrl: buildx_version/* DEFAULT_BUILDX_DOWNLOAD_URL */.SB },
        // The check's session has logged in already: the build uses its config.
        logins: [],
        registryTimeoutMs: inputs.registryTimeoutMs,
    };
}

;// CONCATENATED MODULE: ./src/actions/check/steps/local-build.ts
/**
 * With `build: true`, the Dockerfile is also built for every platform and
 * loaded, not pushed: what the lines promise is then tried for real.
 */







async function buildLocally(ctx, file) {
    const { inputs } = ctx;
    const run = { mode: 'not started', platforms: [] };
    const row = {
        kind: 'build',
        subject: `build ${external_node_path_default().relative('.', file) || file} (--load, not pushed)`,
        file,
        cells: {},
    };
    ctx.report.rows.push(row);
    try {
        await execute(buildRequest(inputs, file), await (0,engine_session/* readyToBuild */.Hq)(ctx.session), run);
    }
    catch (err) {
        // A build that fails before any platform is tested fails them all, with the whole message.
        const why = (0,runner_errors/* errorMessage */.gJ)(err);
        for (const p of inputs.platforms)
            errorCell(ctx, row, (0,oci_platform/* formatPlatform */.Bq)(p), why.split('\n')[0], `${row.subject}: ${why}`);
        return;
    }
    for (const r of run.platforms)
        resultCell(ctx, row, r, `built and ${r.smoke === 'passed' ? 'ran' : 'checked'}`);
}

;// CONCATENATED MODULE: ./src/actions/check/steps/dockerfile.ts
/**
 * The Dockerfile step: every line that pulls an image, per target platform,
 * and whether the registry has what it pulls; the lint advice, weighed by
 * whether the build reaches its stage; and, with `build`, a local build.
 */






async function checkDockerfile(ctx, file) {
    const { inputs } = ctx;
    const args = Object.fromEntries(inputs.buildArgs.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const text = await (0,promises_.readFile)(file, 'utf8');
    const parsed = parseDockerfile(text, args);
    const resolved = resolveDockerfile(text, {
        targets: inputs.platforms,
        buildPlatform: ctx.session.engine?.native ?? (0,oci_platform/* parsePlatform */.FL)('linux/amd64'),
        buildArgs: args,
        ...(inputs.target ? { target: inputs.target } : {}),
    });
    const stages = stagesOf(resolved, inputs.target);
    adviceFindings(ctx, file, parsed.warnings, resolved, stages);
    await sourceRows(ctx, file, resolved, stages);
    if (inputs.build)
        await buildLocally(ctx, file);
}
function stagesOf(resolved, target) {
    const { stages } = resolved.model;
    const label = (index) => {
        const name = stages[index]?.name;
        return name ? `"${name}"` : `#${index} (line ${stages[index]?.from.line})`;
    };
    const last = stages.length - 1;
    return {
        reached: new Set(resolved.targets.flatMap((t) => t.uses.filter((u) => u.reachable).map((u) => u.stage))),
        at: (line) => stages.filter((st) => st.from.line <= line).at(-1)?.index,
        label,
        builds: target
            ? `the target stage "${target}"`
            : `the last stage${last >= 0 ? `, ${label(last)}` : ''}`,
    };
}
function adviceFindings(ctx, file, warnings, resolved, stages) {
    // Advice on a stage the build never reaches cannot fail the check: it is a note.
    for (const w of warnings) {
        const stage = stages.at(w.line);
        const unbuilt = stage !== undefined && !stages.reached.has(stage);
        ctx.report.findings.push({
            level: unbuilt ? 'info' : 'warning',
            message: unbuilt
                ? `${w.message} (A note only: stage ${stages.label(stage)} is not built for ${stages.builds}.)`
                : w.message,
            file,
            line: w.line,
        });
    }
    for (const w of resolved.warnings)
        ctx.report.findings.push({ level: 'warning', message: w.message, file, line: w.line });
    // Every target refuses the same line the same way: one finding, not one per target.
    const refused = new Set();
    for (const e of resolved.targets.flatMap((t) => t.errors)) {
        if (refused.has(`${e.line} ${e.message}`))
            continue;
        refused.add(`${e.line} ${e.message}`);
        ctx.report.findings.push({ level: 'error', message: e.message, file, line: e.line });
    }
}
/** One row per line that pulls an image for some target, in line order. */
async function sourceRows(ctx, file, resolved, stages) {
    const keyOf = (u) => `${u.source.line} ${u.source.via} ${u.source.word}`;
    const lines = new Map();
    for (const t of resolved.targets)
        for (const u of t.uses)
            lines.set(keyOf(u), { source: u.source, stage: u.stage });
    for (const [key, { source, stage }] of [...lines].sort((a, b) => a[1].source.line - b[1].source.line)) {
        const perTarget = resolved.targets.map((t) => ({
            target: t,
            use: t.uses.find((u) => keyOf(u) === key),
        }));
        const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
        if (images.length === 0)
            continue;
        await sourceRow(ctx, file, source, perTarget, {
            reachable: images.some((u) => u.reachable),
            notBuilt: `not built: stage ${stages.label(stage)} is not reached from ${stages.builds}`,
        });
    }
}
const VIA_PREFIX = {
    FROM: 'FROM ',
    'COPY --from': 'COPY --from=',
    'RUN --mount': 'RUN --mount from=',
};
/** The row of one FROM / COPY --from / RUN --mount line: per target, what it pulls and whether that exists. */
async function sourceRow(ctx, file, source, perTarget, { reachable, notBuilt }) {
    const images = perTarget.flatMap(({ use }) => (use?.kind === 'image' ? [use] : []));
    const refs = [...new Set(images.map((u) => u.ref))];
    const row = {
        kind: 'base-image',
        subject: `${VIA_PREFIX[source.via]}${refs.length === 1 ? refs[0] : source.word}`,
        file,
        line: source.line,
        cells: {},
    };
    ctx.report.rows.push(row);
    const unresolved = [...new Set(images.flatMap((u) => u.unresolved))];
    if (unresolved.length > 0) {
        ctx.report.findings.push({
            level: reachable ? 'warning' : 'info',
            message: `${source.raw} uses ${unresolved.map((v) => `$${v}`).join(', ')} with no value; pass it in build-args to check this image`,
            file,
            line: source.line,
        });
    }
    // Errors of one row that pull the same thing the same way are one finding.
    const failures = new Map();
    for (const { target, use } of perTarget) {
        const key = (0,oci_platform/* formatPlatform */.Bq)(target.target);
        if (!use)
            continue;
        let cell;
        if (!use.reachable)
            cell = { status: 'skip', reason: notBuilt };
        else if (use.kind === 'stage')
            cell = { status: 'skip', reason: `the stage ${use.ref}` };
        else if (use.kind === 'scratch')
            cell = { status: 'skip', reason: 'scratch: no image' };
        else if (use.unresolved.length > 0)
            cell = {
                status: 'skip',
                reason: `${use.unresolved.map((v) => `$${v}`).join(', ')} has no value`,
            };
        else if (!use.platform)
            cell = { status: 'error', reason: `--platform=${use.platformFlag ?? ''} is not a platform` };
        else {
            cell = await imageCell(ctx, use, use.platform, target.target);
            row.pulls = {
                ...row.pulls,
                [key]: { image: use.ref, platform: (0,oci_platform/* formatPlatform */.Bq)(use.platform) },
            };
        }
        row.cells[key] = cell;
        const pulled = row.pulls?.[key];
        if (cell.status === 'error' && pulled) {
            const group = `${pulled.platform} ${cell.reason}`;
            const f = failures.get(group) ?? {
                platforms: [],
                reason: cell.reason,
                fix: pullFix(cell.reason, pulled),
            };
            f.platforms.push(key);
            failures.set(group, f);
        }
    }
    for (const f of failures.values()) {
        const finding = {
            level: 'error',
            message: `${row.subject}: ${f.platforms.join(', ')}: ${f.reason}. ${f.fix}`,
            file,
            line: source.line,
        };
        ctx.report.findings.push(finding);
    }
}
/** Whether the image a line pulls for `target` has `platform`; says so when the two differ. */
async function imageCell(ctx, use, platform, target) {
    const facts = await ctx.cache.get(use.ref, [platform]);
    const fact = facts.platforms[0];
    const pulled = (0,oci_platform/* formatPlatform */.Bq)(platform);
    const how = pulled === (0,oci_platform/* formatPlatform */.Bq)(target)
        ? ''
        : `pulls ${pulled} (--platform=${use.platformWord ?? use.platformFlag}): `;
    const cell = factCell(facts, fact);
    // Only an image that could not be read at all may be a stage name in the wrong case.
    const unread = facts.error || !fact;
    return { status: cell.status, reason: `${how}${cell.reason}${unread ? caseHint(use) : ''}` };
}
/** What to do about a line whose image cannot be pulled for a platform. */
function pullFix(reason, pulled) {
    if (/\bno \S+ in the index\b/.test(reason))
        return `Fix: use a tag or an image published for ${pulled.platform}, or build ${pulled.image} for it.`;
    if (/entry's config says/.test(reason))
        return `Fix: rebuild ${pulled.image} so that its ${pulled.platform} entry holds a ${pulled.platform} image.`;
    return `Fix: check the reference, and that this runner may read it (docker login to its registry).`;
}
/** For `FROM Build` after `AS build`: BuildKit matches stage names in FROM case-sensitively. */
function caseHint(use) {
    return use.source.via === 'FROM' && use.ref !== use.ref.toLowerCase()
        ? `; if it means a stage, write its name in lower case (FROM ${use.ref.toLowerCase()}): BuildKit matches stage names in FROM case-sensitively`
        : '';
}

;// CONCATENATED MODULE: ./src/actions/check/steps/images.ts
/**
 * The images step: is each image in `images` published for every platform,
 * and, with smoke or verify-arch, does it run there and hold binaries of that
 * architecture.
 */






async function checkImages(ctx) {
    const { rows, runs } = await indexRows(ctx);
    if (runs.length > 0)
        await runImages(ctx, runs);
    // Last, so that a platform that ran and passed can still lack its proof.
    await Promise.all(rows.map((r) => testedCells(ctx, r.row, r.image, r.facts)));
}
/** Smoke-tests and scans every present platform of every image. */
async function runImages(ctx, runs) {
    const { inputs } = ctx;
    if (!ctx.session.engine)
        throw new Error('Cannot run the images: no Docker engine answers. Start dockerd, or set smoke: false and verify-arch: false.');
    // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
    // Each platform's emulator is set up on its own, so a platform that cannot
    // run here fails its own cells and no other.
    const noEmulator = inputs.smoke
        ? await setUpEachEmulator({
            native: ctx.session.engine.native,
            emulated: emulatedPlatforms(runs),
            qemuImage: inputs.qemuImage,
        })
        : new Map();
    const runnable = runs.filter((r) => !noEmulator.has((0,oci_platform/* formatPlatform */.Bq)(r.target.platform)));
    const stranded = runs.filter((r) => noEmulator.has((0,oci_platform/* formatPlatform */.Bq)(r.target.platform)));
    const options = smokeOptions(inputs, ctx.session.prefix, true);
    const [results, scans] = await Promise.all([
        testAll(runnable.map((r) => r.target), options),
        // What cannot run can still be read: its architecture check goes on.
        inputs.verifyArch
            ? testAll(stranded.map((r) => r.target), { ...options, smoke: false, containerPrefix: `${ctx.session.prefix}-noemu` })
            : Promise.resolve([]),
    ]);
    stranded.forEach((r, i) => {
        const platform = (0,oci_platform/* formatPlatform */.Bq)(r.target.platform);
        const scan = scans[i];
        const found = scan && !scan.ok ? ` The architecture check found: ${scan.errors.join('; ')}` : '';
        errorCell(ctx, r.row, platform, 'no emulator to run it', `${r.row.subject}: ${platform}: no emulator to run it. ${noEmulator.get(platform) ?? ''}${found}`);
    });
    results.forEach((res, i) => {
        const { row } = runnable[i];
        const scanned = res.arch?.checked ? `, ${res.arch.elfFiles} ELF files checked` : '';
        const ok = `${res.smoke === 'passed' ? 'runs' : 'in the index'}${scanned}`;
        resultCell(ctx, row, res, ok, res.hints[0] ? ` ${res.hints[0]}` : '');
    });
}
/** A row per image with what its index lists, and the platforms to run when smoke or verify-arch asks. */
async function indexRows(ctx) {
    const { inputs } = ctx;
    const runs = [];
    const rows = [];
    const wanted = cells_imagePlatforms(inputs);
    for (const image of inputs.images) {
        const row = { kind: 'image', subject: `image ${image}`, cells: {} };
        ctx.report.rows.push(row);
        const facts = await ctx.cache.get(image, wanted);
        rows.push({ row, image, facts });
        const present = indexCells(ctx, row, facts, wanted);
        if (!inputs.smoke && !inputs.verifyArch)
            continue;
        const repo = (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(image));
        for (const p of present) {
            const digest = factOf(facts, p)?.digest;
            runs.push({
                row,
                target: {
                    platform: p,
                    digest,
                    ref: `${repo}@${digest}`,
                    emulated: ctx.session.engine ? isEmulated(ctx.session.engine.native, p) : true,
                    docker: ['docker'],
                    node: 'local',
                },
            });
        }
    }
    return { rows, runs };
}
/** The platforms of the runs that need an emulator here, each once. */
function emulatedPlatforms(runs) {
    return [
        ...new Map(runs
            .filter((r) => r.target.emulated)
            .map((r) => [(0,oci_platform/* formatPlatform */.Bq)(r.target.platform), r.target.platform])).values(),
    ];
}

;// CONCATENATED MODULE: ./src/docker/helm.ts
/**
 * Rendering a Helm chart with the `helm` CLI, when it is on PATH: a chart
 * template is not a manifest until `helm template` has filled it in. Commands
 * are argv arrays; the chart directory can never read as a flag.
 */

const VERSION_TIMEOUT_MS = 30_000;
const RENDER_TIMEOUT_MS = 120_000;
/** The release name rendered templates see as .Release.Name. */
const RELEASE_NAME = 'multiarch-check';
/** A path as a helm argument: `./-x` rather than `-x`, which helm would take for a flag. */
function pathArg(dir) {
    return dir.startsWith('-') ? `./${dir}` : dir;
}
function helmVersionArgs() {
    return ['helm', 'version', '--short'];
}
/** Renders a chart with its default values, every template, as one multi-document YAML stream. */
function helmTemplateArgs(chartDir, release = RELEASE_NAME) {
    return ['helm', 'template', release, pathArg(chartDir)];
}
/**
 * helm's version when a `helm` on PATH answers; undefined when there is none
 * (or it cannot even say its version).
 */
async function helmVersion(env = process.env) {
    try {
        const res = await (0,exec/* exec */.m0)(helmVersionArgs(), {
            timeoutMs: VERSION_TIMEOUT_MS,
            allowFailure: true,
            quiet: true,
            env,
        });
        return res.exitCode === 0 && !res.timedOut ? res.stdout.trim() || 'unknown' : undefined;
    }
    catch {
        // Not on PATH: exec could not start it.
        return undefined;
    }
}
/** `helm template` of one chart: its output, or an error with helm's own message and the fix. */
async function renderChart(chartDir, env = process.env) {
    const argv = helmTemplateArgs(chartDir);
    const res = await (0,exec/* exec */.m0)(argv, { timeoutMs: RENDER_TIMEOUT_MS, allowFailure: true, env });
    if (res.exitCode !== 0 || res.timedOut) {
        const why = res.timedOut
            ? `timed out after ${RENDER_TIMEOUT_MS / 1000} s`
            : (0,exec/* tail */.RT)(res.stderr || res.stdout, 5) || `exit ${res.exitCode}`;
        throw new Error(`${argv.join(' ')} failed: ${why}. Fix: make the chart render on its own with its default values (helm dependency build ${pathArg(chartDir)} for missing dependencies), or point kubernetes-manifests at rendered manifests.`);
    }
    return res.stdout;
}

;// CONCATENATED MODULE: ./src/readiness/kubernetes/templates.ts
/**
 * Helm charts and other templates: a template is not a manifest until it is
 * rendered, and `helm template` output must be mapped back to the template
 * each document came from. Pure.
 */
/** A Go-template action, `{{ … }}`, as Helm and other generators write them. */
const TEMPLATE_ACTION = /\{\{-?\s*[^}]*\}\}/;
/**
 * The first line holding a Go-template action (`{{ .Values.x }}`), or
 * undefined. A file whose YAML does not parse and that has one is a template,
 * not a manifest: it must be rendered before it can be checked.
 */
function templateLine(text) {
    const index = text.split('\n').findIndex((l) => TEMPLATE_ACTION.test(l));
    return index < 0 ? undefined : index + 1;
}
/**
 * Splits `helm template` output by the template each document came from (its
 * `# Source: <chart>/templates/x.yaml` comment), in order; documents of one
 * template are joined with `---`. Keys are the source path without the chart
 * name: `templates/x.yaml`, `charts/sub/templates/y.yaml`.
 */
function splitHelmOutput(text) {
    const out = new Map();
    for (const doc of text.split(/^---[ \t]*$/m)) {
        const source = /^# Source: ([^\n]+?)\s*$/m.exec(doc)?.[1];
        if (!source || !source.includes('/'))
            continue;
        const key = source.slice(source.indexOf('/') + 1);
        const docs = out.get(key) ?? [];
        docs.push(doc.replace(/^\n+/, ''));
        out.set(key, docs);
    }
    return new Map([...out].map(([k, docs]) => [k, docs.join('---\n')]));
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/readiness/kubernetes/yaml-nodes.ts
/**
 * Reading YAML nodes rather than plain values, because a finding must point at
 * a line: lookups that follow aliases and `<<` merge keys the way Kubernetes
 * tooling reads them, and keep each node's position. Pure.
 */

const isMergeKey = (key) => (0,dist/* isScalar */.jn)(key) &&
    (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'));
/** Follows an alias to the node it names; other values pass through. */
function deref(node, doc) {
    return (0,dist/* isAlias */.Vj)(node) ? node.resolve(doc) : node;
}
/** The pair for `key` in a mapping, honouring `<<` merge keys (explicit keys win). */
function findPair(map, key, doc, depth = 0) {
    const node = deref(map, doc);
    if (!(0,dist/* isMap */.jh)(node) || depth > 20)
        return undefined;
    const items = node.items;
    const own = items.find((pair) => (0,dist/* isScalar */.jn)(pair.key) && pair.key.value === key);
    if (own)
        return own;
    for (const pair of items) {
        if (!isMergeKey(pair.key))
            continue;
        const source = deref(pair.value, doc);
        const sources = (0,dist/* isSeq */.oP)(source) ? source.items : [source];
        for (const merged of sources) {
            const found = findPair(merged, key, doc, depth + 1);
            if (found)
                return found;
        }
    }
    return undefined;
}
/** The node at a path of mapping keys, aliases resolved. */
function nodeAt(root, path, doc) {
    let node = deref(root, doc);
    for (const key of path) {
        node = deref(findPair(node, key, doc)?.value, doc);
        if (node === undefined)
            return undefined;
    }
    return node;
}
function scalarText(node, doc) {
    const value = deref(node, doc);
    if (!(0,dist/* isScalar */.jn)(value) || value.value === null || value.value === undefined)
        return undefined;
    return typeof value.value === 'object' ? undefined : String(value.value);
}
function lineOf(node, ctx) {
    const range = node?.range;
    return range ? ctx.lines.linePos(range[0]).line : undefined;
}
function seqItems(node, doc) {
    const value = deref(node, doc);
    return (0,dist/* isSeq */.oP)(value) ? value.items.map((item) => deref(item, doc)) : [];
}

;// CONCATENATED MODULE: ./src/readiness/kubernetes/images.ts
/**
 * The images a pod spec runs, init containers included: an image that lacks an
 * architecture fails the pod whichever container it is in. Pure.
 */

function containerImages(podSpec, ctx) {
    const images = [];
    for (const [key, init] of [
        ['initContainers', true],
        ['containers', false],
    ]) {
        for (const container of seqItems(findPair(podSpec, key, ctx.doc)?.value, ctx.doc)) {
            const imagePair = findPair(container, 'image', ctx.doc);
            const image = scalarText(imagePair?.value, ctx.doc);
            const line = lineOf(imagePair?.value, ctx);
            if (!image || line === undefined)
                continue;
            const containerName = scalarText(findPair(container, 'name', ctx.doc)?.value, ctx.doc) ?? '';
            images.push({ container: containerName, init, image, line });
        }
    }
    // Document order; sort() is stable, so entries sharing a line keep init-first order.
    return images.sort((a, b) => a.line - b.line);
}

;// CONCATENATED MODULE: ./src/readiness/kubernetes/scheduling.ts
/**
 * Which CPU architectures a pod may be scheduled on, from its nodeSelector and
 * required node affinity on the arch label, over plain data (as parsed from
 * YAML or JSON). Kept apart from the YAML reading so it answers the same for
 * any source of pod specs. Pure.
 */
/** Node label keys that carry the CPU architecture (the second one is deprecated). */
const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];
const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const scheduling_asArray = (value) => (Array.isArray(value) ? value : []);
const isArchKey = (key) => typeof key === 'string' && ARCH_LABELS.includes(key);
const labelValue = (value) => value === null || value === undefined ? '' : String(value);
/** What one node selector requirement on the arch label leaves of `allowed`. */
function applyRequirement(allowed, requirement) {
    const values = scheduling_asArray(requirement.values).map(labelValue);
    switch (requirement.operator) {
        case 'In':
            return allowed.filter((arch) => values.includes(arch));
        case 'NotIn':
            return allowed.filter((arch) => !values.includes(arch));
        case 'Exists':
            return allowed;
        // Every node carries an arch label, so "label absent" matches no node. Gt and Lt need an
        // integer label value, which an architecture name never is; an unknown operator makes the
        // scheduler reject the term. All three leave nothing.
        default:
            return [];
    }
}
/** A term matches no node when it has neither expressions nor fields (Kubernetes API rule). */
function termAllowed(term, cluster) {
    if (!isPlainObject(term))
        return [];
    const expressions = scheduling_asArray(term.matchExpressions);
    if (expressions.length === 0 && scheduling_asArray(term.matchFields).length === 0)
        return [];
    let allowed = cluster;
    for (const expression of expressions) {
        if (isPlainObject(expression) && isArchKey(expression.key)) {
            allowed = applyRequirement(allowed, expression);
        }
    }
    return allowed;
}
function requiredTerms(podSpec) {
    const affinity = podSpec.affinity;
    if (!isPlainObject(affinity) || !isPlainObject(affinity.nodeAffinity))
        return undefined;
    const required = affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    if (!isPlainObject(required))
        return undefined;
    return scheduling_asArray(required.nodeSelectorTerms);
}
function evaluateArch(podSpec, clusterArchitectures) {
    const cluster = [...new Set(clusterArchitectures)];
    if (!isPlainObject(podSpec))
        return { allowed: cluster, bySelector: false, byAffinity: false };
    let fromSelector = cluster;
    if (isPlainObject(podSpec.nodeSelector)) {
        for (const [key, value] of Object.entries(podSpec.nodeSelector)) {
            if (isArchKey(key))
                fromSelector = fromSelector.filter((arch) => arch === labelValue(value));
        }
    }
    let fromAffinity = cluster;
    const terms = requiredTerms(podSpec);
    if (terms) {
        const union = new Set(terms.flatMap((term) => termAllowed(term, cluster)));
        fromAffinity = cluster.filter((arch) => union.has(arch));
    }
    return {
        allowed: fromSelector.filter((arch) => fromAffinity.includes(arch)),
        bySelector: fromSelector.length < cluster.length,
        byAffinity: fromAffinity.length < cluster.length,
    };
}
function sourceOf(evaluation) {
    if (evaluation.bySelector && evaluation.byAffinity)
        return 'nodeSelector+nodeAffinity';
    if (evaluation.bySelector)
        return 'nodeSelector';
    if (evaluation.byAffinity)
        return 'nodeAffinity';
    return 'none';
}
/**
 * Architectures a pod spec (plain data, as parsed from YAML or JSON) may be scheduled on, given
 * the cluster's architectures. `source` names the mechanisms that, on their own, exclude at least
 * one cluster architecture, so `source === 'none'` exactly when every cluster architecture is
 * allowed. Preferred (soft) affinity is ignored. An empty `allowed` means the pod can't be placed.
 */
function allowedArchitectures(podSpec, clusterArchitectures) {
    const evaluation = evaluateArch(podSpec, clusterArchitectures);
    return { allowed: evaluation.allowed, source: sourceOf(evaluation) };
}

;// CONCATENATED MODULE: ./src/readiness/kubernetes/workloads.ts
/**
 * Reads Kubernetes manifests and works out, per workload, which images it runs
 * and which CPU architectures its pods may be scheduled on. Never throws on bad
 * input: a manifest check must report every file, so problems are returned
 * beside the workloads that did read. Pure: no I/O, no logging.
 */




const WORKLOAD_KINDS = [
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
    'ReplicationController',
];
/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS = {
    Pod: ['spec'],
    Deployment: ['spec', 'template', 'spec'],
    StatefulSet: ['spec', 'template', 'spec'],
    DaemonSet: ['spec', 'template', 'spec'],
    ReplicaSet: ['spec', 'template', 'spec'],
    Job: ['spec', 'template', 'spec'],
    CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    ReplicationController: ['spec', 'template', 'spec'],
};
/** Line to point at for a constraint, given which mechanisms narrowed it. */
function constraintLine(podSpec, evaluation, ctx) {
    const candidates = [];
    const cluster = [...new Set(ctx.cluster)];
    if (evaluation.bySelector) {
        const selector = findPair(podSpec, 'nodeSelector', ctx.doc);
        const archPair = ARCH_LABELS.map((label) => findPair(selector?.value, label, ctx.doc)).find((pair) => pair !== undefined);
        const line = lineOf(archPair?.key, ctx) ?? lineOf(selector?.key, ctx);
        if (line !== undefined)
            candidates.push(line);
    }
    if (evaluation.byAffinity) {
        const requiredPath = [
            'affinity',
            'nodeAffinity',
            'requiredDuringSchedulingIgnoredDuringExecution',
        ];
        const required = nodeAt(podSpec, requiredPath, ctx.doc);
        const termsPair = findPair(required, 'nodeSelectorTerms', ctx.doc);
        // Prefer the first arch expression that narrows on its own, then any arch expression.
        let narrowing;
        let anyArch;
        for (const term of seqItems(termsPair?.value, ctx.doc)) {
            for (const expression of seqItems(findPair(term, 'matchExpressions', ctx.doc)?.value, ctx.doc)) {
                const keyPair = findPair(expression, 'key', ctx.doc);
                if (!isArchKey(scalarText(keyPair?.value, ctx.doc)))
                    continue;
                const line = lineOf(keyPair?.key, ctx);
                anyArch ??= line;
                const plain = expression.toJS(ctx.doc);
                if (narrowing === undefined && isPlainObject(plain)) {
                    if (applyRequirement(cluster, plain).length < cluster.length)
                        narrowing = line;
                }
            }
        }
        const requiredPair = findPair(nodeAt(podSpec, requiredPath.slice(0, -1), ctx.doc), requiredPath[requiredPath.length - 1], ctx.doc);
        const line = narrowing ?? anyArch ?? lineOf(termsPair?.key, ctx) ?? lineOf(requiredPair?.key, ctx);
        if (line !== undefined)
            candidates.push(line);
    }
    return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
function visitResource(node, ctx, depth = 0) {
    const resource = deref(node, ctx.doc);
    if (!(0,dist/* isMap */.jh)(resource) || depth > 20)
        return;
    const kindPair = findPair(resource, 'kind', ctx.doc);
    const kind = scalarText(kindPair?.value, ctx.doc);
    if (!kind)
        return;
    // `kind: List` (and typed lists such as DeploymentList) hold resources under `items`.
    if (kind.endsWith('List')) {
        for (const item of seqItems(findPair(resource, 'items', ctx.doc)?.value, ctx.doc)) {
            visitResource(item, ctx, depth + 1);
        }
        return;
    }
    if (!WORKLOAD_KINDS.includes(kind))
        return;
    const metadata = nodeAt(resource, ['metadata'], ctx.doc);
    const name = scalarText(findPair(metadata, 'name', ctx.doc)?.value, ctx.doc) ??
        scalarText(findPair(metadata, 'generateName', ctx.doc)?.value, ctx.doc) ??
        '';
    const namespace = scalarText(findPair(metadata, 'namespace', ctx.doc)?.value, ctx.doc);
    const podSpec = nodeAt(resource, POD_SPEC_PATHS[kind], ctx.doc);
    let plainSpec;
    try {
        plainSpec = (0,dist/* isMap */.jh)(podSpec) ? podSpec.toJS(ctx.doc) : undefined;
    }
    catch (error) {
        ctx.problems.push({
            file: ctx.file,
            line: lineOf(podSpec, ctx) ?? lineOf(kindPair?.key, ctx) ?? 1,
            message: `Could not read the pod spec of ${kind} "${name}": ${error.message}`,
        });
        return;
    }
    const evaluation = evaluateArch(plainSpec, ctx.cluster);
    const arch = { allowed: evaluation.allowed, source: sourceOf(evaluation) };
    const line = arch.source === 'none' ? undefined : constraintLine(podSpec, evaluation, ctx);
    if (line !== undefined)
        arch.line = line;
    const workload = {
        file: ctx.file,
        line: lineOf(kindPair?.key, ctx) ?? 1,
        kind,
        name,
        images: (0,dist/* isMap */.jh)(podSpec) ? containerImages(podSpec, ctx) : [],
        arch,
    };
    if (namespace !== undefined)
        workload.namespace = namespace;
    ctx.workloads.push(workload);
}
/**
 * Finds the workloads in a (possibly multi-document) YAML manifest. Never throws on bad input:
 * syntax errors come back as problems, and the documents that parsed are still read.
 */
function parseWorkloads(text, file, clusterArchitectures) {
    const lines = new dist/* LineCounter */.HN();
    const workloads = [];
    const problems = [];
    // Kubernetes tooling reads YAML with `<<` merge keys enabled, so do the same.
    const docs = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter: lines, prettyErrors: false, merge: true });
    for (const doc of docs) {
        if (doc.errors.length > 0) {
            for (const error of doc.errors) {
                problems.push({
                    file,
                    line: lines.linePos(error.pos[0]).line,
                    message: `YAML syntax error: ${error.message}`,
                });
            }
            continue;
        }
        const ctx = { file, doc, lines, cluster: clusterArchitectures, workloads, problems };
        visitResource(doc.contents, ctx);
    }
    return { workloads, problems };
}

// EXTERNAL MODULE: ./node_modules/@actions/glob/lib/glob.js + 17 modules
var glob = __webpack_require__(3324);
;// CONCATENATED MODULE: ./src/actions/check/files.ts
// Turns the user's manifest patterns into file paths.



const MAGIC = /[*?[]/;
/**
 * Expands `{a,b}` alternatives (nestable), which `@actions/glob` does not support. A brace pair
 * without a top-level comma, or an unbalanced brace, is kept as literal text.
 */
function expandBraces(pattern) {
    for (let open = pattern.indexOf('{'); open !== -1; open = pattern.indexOf('{', open + 1)) {
        let depth = 0;
        let close = -1;
        const commas = [];
        for (let i = open; i < pattern.length && close === -1; i++) {
            const char = pattern[i];
            if (char === '{')
                depth++;
            else if (char === ',' && depth === 1)
                commas.push(i);
            else if (char === '}' && --depth === 0)
                close = i;
        }
        if (close === -1)
            break;
        if (commas.length === 0)
            continue;
        const head = pattern.slice(0, open);
        const tail = pattern.slice(close + 1);
        const bounds = [open, ...commas, close];
        const expanded = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
            const middle = pattern.slice(bounds[k] + 1, bounds[k + 1]);
            expanded.push(...expandBraces(head + middle + tail));
        }
        return [...new Set(expanded)];
    }
    return [pattern];
}
/** Escapes glob syntax in a literal path so it can prefix a pattern. */
const escapeGlob = (literal) => literal.replace(/[[*?]/g, '[$&]');
const rooted = (pattern, cwd) => external_node_path_default().isAbsolute(pattern) ? pattern : external_node_path_default().join(escapeGlob(cwd), pattern);
async function isDirectory(file) {
    try {
        return (await (0,promises_.stat)(file)).isDirectory();
    }
    catch {
        return false;
    }
}
/** A path relative to `cwd` with `/` separators, or absolute when it lies outside `cwd`. */
function display(file, cwd) {
    const relative = external_node_path_default().relative(cwd, file);
    if (relative === '' || relative.startsWith('..') || external_node_path_default().isAbsolute(relative))
        return file;
    return relative.split((external_node_path_default()).sep).join('/');
}
const files_sorted = (files) => [...new Set(files)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
/**
 * Matches each pattern on its own, so the caller can report one that matches nothing.
 *
 * Patterns are relative to `cwd` (default: the process's working directory) unless absolute and
 * use `@actions/glob` syntax (`*`, `?`, `[...]`, `**`) plus `{a,b}` alternatives. Blank entries
 * and `#` comments are ignored. An entry starting with `!` excludes files from every other pattern
 * and gets no entry of its own. A literal directory stands for the `.yaml` and `.yml` files
 * anywhere below it. Only files are returned, relative to `cwd` with `/` separators (absolute
 * when outside it); symbolic links are followed.
 */
async function matchPatterns(patterns, cwd = process.cwd()) {
    const root = external_node_path_default().resolve(cwd);
    const entries = patterns.map((pattern) => pattern.trim()).filter((p) => p && !p.startsWith('#'));
    const excludes = entries
        .filter((p) => p.startsWith('!'))
        .flatMap((p) => expandBraces(p.slice(1).trim()))
        .filter((p) => p !== '')
        .map((p) => `!${rooted(p, root)}`);
    const results = [];
    for (const pattern of entries.filter((p) => !p.startsWith('!'))) {
        const globs = [];
        for (const alternative of expandBraces(pattern)) {
            const absolute = rooted(alternative, root);
            if (!MAGIC.test(alternative) && (await isDirectory(external_node_path_default().resolve(root, alternative)))) {
                globs.push(external_node_path_default().join(absolute, '**', '*.yaml'), external_node_path_default().join(absolute, '**', '*.yml'));
            }
            else {
                globs.push(absolute);
            }
        }
        const globber = await glob/* create */.v([...globs, ...excludes].join('\n'), {
            matchDirectories: false,
            implicitDescendants: false,
            followSymbolicLinks: true,
            omitBrokenSymbolicLinks: true,
        });
        const files = await globber.glob();
        results.push({ pattern, files: files_sorted(files.map((file) => display(file, root))) });
    }
    return results;
}
/** Every file any pattern matched: sorted, unique. */
function filesOf(matches) {
    return files_sorted(matches.flatMap((match) => match.files));
}
/**
 * The Helm chart a manifest file is a template of: the directory holding
 * Chart.yaml whose `templates/` folder holds the file (the nearest one, so a
 * subchart's template belongs to the subchart). Undefined for any other file,
 * the chart's own Chart.yaml and values.yaml included. Same path style as
 * `file`: relative stays relative.
 */
async function helmChartOf(file) {
    let dir = external_node_path_default().posix.dirname(file.split((external_node_path_default()).sep).join('/'));
    for (;;) {
        if (external_node_path_default().posix.basename(dir) === 'templates') {
            const chart = external_node_path_default().posix.dirname(dir);
            try {
                await (0,promises_.access)(external_node_path_default().join(chart, 'Chart.yaml'));
                return chart;
            }
            catch {
                // A templates folder outside a chart: keep looking further up.
            }
        }
        const parent = external_node_path_default().posix.dirname(dir);
        if (parent === dir)
            return undefined;
        dir = parent;
    }
}

;// CONCATENATED MODULE: ./src/actions/check/steps/workloads.ts
/**
 * The workloads step: every container of every workload in
 * `kubernetes-manifests`, per cluster architecture its pods may be scheduled
 * on, and whether its image has that architecture. Helm chart templates are
 * rendered first, when helm is there.
 */










async function checkWorkloads(ctx) {
    const files = await manifestFiles(ctx);
    if (files.length === 0) {
        ctx.report.findings.push({
            level: 'error',
            message: `kubernetes-manifests ${ctx.inputs.manifests.join(', ')} matched no files`,
        });
        return;
    }
    // Chart templates are rendered (or skipped) chart by chart, after the plain manifests.
    const charts = new Map();
    for (const file of files) {
        const chart = await helmChartOf(file);
        if (chart !== undefined)
            charts.set(chart, [...(charts.get(chart) ?? []), file]);
        else
            await checkManifest(ctx, file);
    }
    if (charts.size === 0)
        return;
    const helm = await helmVersion();
    for (const [chart, templates] of charts)
        await checkChart(ctx, chart, templates, helm);
}
async function manifestFiles(ctx) {
    const matches = await matchPatterns(ctx.inputs.manifests);
    for (const m of matches.filter((x) => x.files.length === 0)) {
        ctx.report.findings.push({
            level: 'warning',
            message: `kubernetes-manifests pattern ${m.pattern} matched no files`,
        });
    }
    // The matcher follows symbolic links: one that leads out of the workspace is not read.
    return filesOf(matches).filter((file) => {
        try {
            confinePath('kubernetes-manifests', file, workspaceRoot());
            return true;
        }
        catch (err) {
            ctx.report.findings.push({ level: 'error', message: (0,runner_errors/* errorMessage */.gJ)(err) });
            return false;
        }
    });
}
async function checkManifest(ctx, file) {
    const text = await (0,promises_.readFile)(file, 'utf8');
    const shown = external_node_path_default().relative('.', file) || file;
    const { workloads, problems } = parseWorkloads(text, shown, ctx.inputs.clusterArchitectures);
    const template = problems.length > 0 ? templateLine(text) : undefined;
    if (template !== undefined) {
        ctx.report.findings.push({
            level: 'info',
            message: `Skipped ${shown}: it is a template, not a manifest (a {{ … }} action at line ${template} and YAML that does not parse). Render it first and check the output, or keep it out of kubernetes-manifests.`,
            file: shown,
            line: template,
        });
        return;
    }
    for (const p of problems)
        ctx.report.findings.push({ level: 'error', message: p.message, file: p.file, line: p.line });
    await workloadRows(ctx, workloads, true);
}
async function checkChart(ctx, chart, templates, helm) {
    const shown = templates.map((t) => external_node_path_default().relative('.', t) || t);
    const chartFile = external_node_path_default().join(chart, 'Chart.yaml');
    if (!helm) {
        ctx.report.findings.push({
            level: 'info',
            message: `Skipped the Helm chart ${chart}: helm is not on PATH, so its templates were not rendered and not checked: ${shown.join(', ')}. Install helm (for example with azure/setup-helm) to have them rendered with helm template, or check rendered manifests instead.`,
            file: chartFile,
        });
        return;
    }
    let rendered;
    try {
        rendered = splitHelmOutput(await renderChart(chart));
    }
    catch (err) {
        ctx.report.findings.push({
            level: 'warning',
            message: `The Helm chart ${chart} was not checked: ${(0,runner_errors/* errorMessage */.gJ)(err)}`,
            file: chartFile,
        });
        return;
    }
    let count = 0;
    for (const [template, label] of templates.map((t, i) => [t, shown[i]])) {
        const text = rendered.get(external_node_path_default().posix.relative(chart, template));
        if (text === undefined)
            continue;
        const { workloads, problems } = parseWorkloads(text, label, ctx.inputs.clusterArchitectures);
        // Lines of rendered output are not lines of the template: name the file only.
        for (const p of problems)
            ctx.report.findings.push({
                level: 'error',
                message: `${p.message} (in what helm template rendered from it)`,
                file: p.file,
            });
        count += workloads.length;
        await workloadRows(ctx, workloads, false);
    }
    ctx.report.findings.push({
        level: 'info',
        message: `Rendered the Helm chart ${chart} with helm template (${helm}) and its default values: ${count} workload${count === 1 ? '' : 's'} from ${shown.join(', ')}.`,
        file: chartFile,
    });
}
/** Rows and findings of workloads; `lines` false for rendered templates, whose lines are not the file's. */
async function workloadRows(ctx, workloads, lines) {
    const at = (line) => (lines && line !== undefined ? { line } : {});
    for (const w of workloads) {
        const name = `${w.kind} ${w.namespace ? `${w.namespace}/` : ''}${w.name}`;
        if (w.arch.allowed.length === 0) {
            ctx.report.findings.push({
                level: 'error',
                message: `${name}: its ${w.arch.source} allows none of the cluster's architectures (${ctx.inputs.clusterArchitectures.join(', ')}), so it can never be scheduled`,
                file: w.file,
                ...at(w.arch.line ?? w.line),
            });
        }
        for (const c of w.images) {
            const row = {
                kind: 'workload',
                subject: `${name}: ${c.init ? 'init container' : 'container'} ${c.container} (${c.image})`,
                file: w.file,
                ...at(c.line),
                cells: {},
            };
            ctx.report.rows.push(row);
            if (templateLine(c.image) !== undefined) {
                for (const arch of ctx.inputs.clusterArchitectures)
                    row.cells[`linux/${arch}`] = { status: 'skip', reason: 'the image is a template value' };
                ctx.report.findings.push({
                    level: 'info',
                    message: `${name}: container ${c.container}'s image ${c.image} is a template value, not an image: render the manifest first to check it.`,
                    file: w.file,
                    ...at(c.line),
                });
                continue;
            }
            await containerCells(ctx, row, w, name, c.image);
        }
    }
}
/** require-tested: an image the pod may run on `arch` with must carry the proof that it was tested there. */
async function requireTested(ctx, row, at) {
    const required = ctx.inputs.requireTested.find((p) => (0,oci_platform/* formatPlatform */.Bq)(p) === at.key);
    if (!required || !at.fact?.digest)
        return;
    const verdict = await ctx.cache.tested(at.image, required, at.fact.digest);
    if (verdict.ok)
        return;
    errorCell(ctx, row, at.key, `not tested: ${verdict.reason}`, `${at.name} may run on ${at.arch} nodes, but ${at.image} was not tested on ${at.key}: ${verdict.reason}. Fix: build and push it with multiarch-action (attest-tests: true), or pin the workload to architectures it was tested on.`);
}
/** Per cluster architecture: skipped where the pod is never scheduled, else what the image has. */
async function containerCells(ctx, row, w, name, image) {
    const allowed = w.arch.allowed.map((a) => (0,oci_platform/* parsePlatform */.FL)(`linux/${a}`));
    const facts = await ctx.cache.get(image, allowed);
    const has = facts.platforms.filter((f) => f.ok).map((f) => f.platform.architecture);
    for (const arch of ctx.inputs.clusterArchitectures) {
        const key = `linux/${arch}`;
        if (!w.arch.allowed.includes(arch)) {
            row.cells[key] = { status: 'skip', reason: `not scheduled on ${arch} (${w.arch.source})` };
            continue;
        }
        const fact = facts.platforms.find((f) => f.platform.architecture === arch);
        const cell = factCell(facts, fact, `no ${key}`);
        if (cell.status === 'ok') {
            row.cells[key] = cell;
            await requireTested(ctx, row, { name, image, key, arch, fact });
            continue;
        }
        const why = cell.reason;
        const scheduling = w.arch.source === 'none'
            ? `has no kubernetes.io/arch constraint, so it can land on ${arch} nodes`
            : `may be scheduled on ${arch} nodes (${w.arch.source})`;
        const fix = has.length > 0
            ? `Fix: add nodeSelector {kubernetes.io/arch: ${has[0]}} to pin it to what the image has${has.length > 1 ? ` (${has.join(', ')})` : ''}, or build ${image} for ${key}.`
            : `Fix: build ${image} for ${key}.`;
        errorCell(ctx, row, key, why, `${name} ${scheduling}, but ${image}: ${why}. ${fix}`);
    }
}

;// CONCATENATED MODULE: ./src/actions/check/run.ts









/** Runs the check sub-action; `parsed` is inputs the caller read already (the CLI). */
function runCheck(host, parsed) {
    const report = { platforms: [], rows: [], findings: [] };
    const { log } = host;
    return runAction(host, {
        inputs: () => parsed ?? getCheckInputs(host),
        report,
        session: (inputs) => ({ tempDir: false, needs: 'optional', logins: inputs.logins }),
        async main(inputs, session) {
            const clusterPlatforms = inputs.clusterArchitectures.map((a) => `linux/${a}`);
            report.platforms = [
                ...new Set([
                    ...cells_imagePlatforms(inputs).map(oci_platform/* formatPlatform */.Bq),
                    ...(inputs.manifests.length > 0 ? clusterPlatforms : []),
                ]),
            ];
            const ctx = {
                inputs,
                report,
                cache: new ImageCache(dockerRegistry(inputs.registryTimeoutMs)),
                session,
            };
            if (inputs.images.length > 0)
                await log.group('Images', () => checkImages(ctx));
            if (inputs.dockerfile)
                await log.group(`Dockerfile ${inputs.dockerfile}`, () => checkDockerfile(ctx, inputs.dockerfile));
            if (inputs.manifests.length > 0)
                await log.group('Kubernetes workloads', () => checkWorkloads(ctx));
        },
        fail: (r, message) => r.findings.push({ level: 'error', message }),
        publish: (r) => publishCheck(r, host),
        verdict: (r, inputs) => checkVerdict(r, inputs?.failOn ?? 'error'),
    });
}

;// CONCATENATED MODULE: ./src/actions/merge/inputs.ts











/** Every input merge/action.yml declares, in its order. */
const MERGE_INPUT_NAMES = (0,specs/* inputNames */.vj)(specs/* MERGE_ACTION */.O9);
function getMergeInputs(host) {
    announceHostLogins(host);
    const inputs = parseMergeInputs((name) => host.input(name));
    // Where build jobs wrote their digests: kept inside the workspace (runner/workspace.ts).
    if (inputs.digestsDir)
        confinePath('digests-dir', inputs.digestsDir, workspaceRoot());
    return inputs;
}
function parseMergeInputs(read) {
    const { get } = (0,input_spec/* inputReader */.cN)(specs/* MERGE_ACTION */.O9.inputs, (0,runner_inputs/* textInputs */.re)(read, ['password']));
    const tags = (0,runner_inputs/* list */.p_)(get('tags'), true).map(runner_inputs/* checkTag */.Bs);
    if (tags.length === 0) {
        throw new runner_inputs/* InputError */.dz('tags', '', 'is empty', 'Name at least one tag to push the merged index as, like ghcr.io/acme/api:1.5.');
    }
    const sources = (0,runner_inputs/* list */.p_)(get('sources'), true).map((s) => (0,runner_inputs/* checkRef */.__)('sources', s));
    const digestsDir = (0,runner_inputs/* optional */.lq)(get('digests-dir')) && (0,runner_inputs/* pathInput */.gm)('digests-dir', get('digests-dir').trim());
    const imageRaw = (0,runner_inputs/* optional */.lq)(get('image'));
    const image = imageRaw ? (0,runner_inputs/* checkRef */.__)('image', imageRaw) : undefined;
    if (image && ((0,oci_reference/* parseImageRef */.Q)(image).tag || (0,oci_reference/* parseImageRef */.Q)(image).digest)) {
        throw new runner_inputs/* InputError */.dz('image', image, 'has a tag or digest', 'Give the repository only, like ghcr.io/acme/api: the digests are appended to it.');
    }
    if (sources.length === 0 && !digestsDir) {
        throw new runner_inputs/* InputError */.dz('sources', '', 'is empty and no digests-dir is given', 'List the per-platform images (tags or name@sha256:…), or point digests-dir at the digests your build jobs wrote.');
    }
    const annotations = mergeAnnotationsInput(get('annotations'));
    const tool = (0,runner_inputs/* oneOf */.yL)('tool', get('tool'), ['auto', 'imagetools', 'manifest']);
    return {
        sources,
        digestsDir,
        image: image ?? (digestsDir ? (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(tags[0])) : undefined),
        tags,
        annotations,
        tool,
        ...(0,smoke_inputs/* smokeInputs */.Nh)(get),
        publish: publishInput(get('publish')),
        attestTests: attestTestsInput(get('attest-tests')),
        logins: registryLogins(get),
        registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
    };
}

;// CONCATENATED MODULE: ./src/actions/merge/sources.ts

const DIGEST_FILE = /^(?:sha256[:-])?([0-9a-f]{64})$/;
/**
 * Digests from the names of the files in a digests dir, as the matrix recipe
 * writes them (`touch "$dir/${digest#sha256:}"`). Dotfiles are skipped; any
 * other name is an error, so a wrong directory is not silently merged.
 */
function digestsFromNames(names, dir) {
    const digests = [];
    for (const name of names) {
        if (name.startsWith('.'))
            continue;
        const m = DIGEST_FILE.exec(name);
        if (!m) {
            throw new Error(`digests-dir ${dir} holds "${name}", which is not named after a digest (64 hex characters, optionally prefixed with sha256:)`);
        }
        digests.push(`sha256:${m[1]}`);
    }
    if (digests.length === 0)
        throw new Error(`digests-dir ${dir} holds no digest files`);
    return [...new Set(digests)].sort();
}
/** Fails, naming both sources, when two bring the same platform. */
function checkConflicts(sources) {
    const owner = new Map();
    const clashes = [];
    for (const s of sources) {
        for (const m of s.platforms) {
            const key = (0,oci_platform/* formatPlatform */.Bq)(m.platform);
            const other = owner.get(key);
            if (other && other !== s.ref)
                clashes.push(`${key} is in both ${other} and ${s.ref}`);
            else
                owner.set(key, s.ref);
        }
    }
    if (clashes.length > 0) {
        throw new Error(`Sources overlap, so the index would be ambiguous: ${clashes.join('; ')}. Give each platform one source. Nothing was pushed.`);
    }
}
/** Every platform the merged index must list, in source order. */
function expectedPlatforms(sources) {
    return sources.flatMap((s) => s.platforms.map((m) => m.platform));
}
/** Compares what the registry holds with what was meant to be pushed. */
function compareIndex(expected, actual) {
    const want = expected.map(oci_platform/* formatPlatform */.Bq).sort();
    const got = actual.map(oci_platform/* formatPlatform */.Bq).sort();
    if (want.join(',') === got.join(','))
        return undefined;
    return `the pushed index lists ${got.join(', ') || 'nothing'}, but ${want.join(', ')} was expected`;
}

;// CONCATENATED MODULE: ./src/docker/index-tools.ts
/**
 * The two ways to assemble an index: `docker buildx imagetools` (keeps
 * attestations, accepts sources that are indexes) and the classic
 * `docker manifest create / annotate / push` recipe (single-platform sources
 * only), for runners without buildx.
 */







const index_tools_LOCAL_TIMEOUT_MS = 60_000;
// ---------------------------------------------------------------- argv (pure)
/** Plain-http registries on loopback need --insecure with `docker manifest`. */
function insecureFlag(ref) {
    const domain = (0,oci_reference/* parseImageRef */.Q)(ref).domain ?? '';
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(domain) ? ['--insecure'] : [];
}
function manifestRecipe(tag, sources) {
    const insecure = insecureFlag(tag);
    return [
        ['docker', 'manifest', 'create', ...insecure, tag, ...sources.map((s) => s.ref)],
        ...sources.map(({ ref, platform }) => {
            const p = (0,oci_platform/* normalize */.S8)(platform);
            return [
                'docker',
                'manifest',
                'annotate',
                tag,
                ref,
                '--os',
                p.os,
                '--arch',
                p.architecture,
                ...(p.variant ? ['--variant', p.variant] : []),
            ];
        }),
        // --purge drops the local copy: reading the tag back then asks the registry.
        ['docker', 'manifest', 'push', '--purge', ...insecure, tag],
    ];
}
/** imagetools, every registry phase bounded by registry-timeout. */
const imagetools = (timeoutMs) => ({
    name: 'imagetools',
    async inspect(ref) {
        return { ref, ...(await readPlatforms(ref, timeoutMs)) };
    },
    async create(tags, sources, annotations) {
        await createIndex(tags, sources.map((s) => s.ref), annotations, timeoutMs);
        return readDigest(tags[0], timeoutMs, `reading back ${tags[0]}`);
    },
    async platformsAt(tag) {
        const parsed = await readIndex(tag, timeoutMs, `reading back ${tag}`);
        return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
    },
});
/**
 * Which steps of the docker manifest recipe talk to a registry (create reads
 * the sources, push writes the list), and the phase each is: undefined for
 * the local ones (annotate). Pure.
 */
function manifestPhase(argv, timeoutMs) {
    const ref = argv[argv.length - 1];
    if (argv[2] === 'push')
        return phaseOf(`pushing the list ${ref}`, ref, timeoutMs);
    if (argv[2] === 'create') {
        const [list, ...sources] = argv.slice(3).filter((a) => !a.startsWith('-'));
        return {
            registry: registriesOf(sources),
            phase: `reading the sources of ${list} (${sources.join(', ')})`,
            timeoutMs,
        };
    }
    return undefined;
}
/** One step of the recipe: a registry phase within registry-timeout, or a local command. */
async function recipeStep(argv, timeoutMs) {
    const phase = manifestPhase(argv, timeoutMs);
    if (!phase)
        return (await (0,exec/* exec */.m0)(argv, { timeoutMs: index_tools_LOCAL_TIMEOUT_MS })).stdout;
    // Not retried: create amends the local list, so a second try is not the first.
    const res = await registryCall(argv, phase, { attempts: 1 });
    if (res.exitCode !== 0)
        throw new Error(`${phase.phase} failed (exit ${res.exitCode}): ${(0,exec/* tail */.RT)(res.output, 3)}`);
    return res.stdout;
}
// ---------------------------------------------------------------- docker manifest
/** docker manifest, every registry phase bounded by registry-timeout. */
const manifestTool = (timeoutMs) => ({
    name: 'manifest',
    async inspect(ref) {
        const res = await registryCall(['docker', 'manifest', 'inspect', ...insecureFlag(ref), '--verbose', ref], phaseOf(`reading ${ref}`, ref, timeoutMs));
        if (res.exitCode !== 0)
            throw new Error(`cannot read ${ref}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
        const doc = JSON.parse(res.stdout);
        if (Array.isArray(doc)) {
            const platforms = doc
                .map((d) => d.Descriptor)
                .filter((d) => Boolean(d?.digest && d.platform?.os && d.platform.architecture))
                .filter((d) => !(0,oci_platform/* isUnknownPlatform */._H)({ os: d.platform.os, architecture: d.platform.architecture }))
                .map((d) => ({
                platform: (0,oci_platform/* normalize */.S8)({
                    os: d.platform.os ?? '',
                    architecture: d.platform.architecture ?? '',
                    variant: d.platform.variant,
                }),
                digest: d.digest,
            }));
            return { ref, kind: 'index', platforms };
        }
        const d = doc.Descriptor;
        if (!d?.digest || !d.platform?.os || !d.platform.architecture)
            throw new Error(`could not read the platform of ${ref}`);
        return {
            ref,
            kind: 'image',
            platforms: [
                {
                    platform: (0,oci_platform/* normalize */.S8)({
                        os: d.platform.os,
                        architecture: d.platform.architecture,
                        variant: d.platform.variant,
                    }),
                    digest: d.digest,
                },
            ],
        };
    },
    async create(tags, sources, annotations) {
        if (annotations.length > 0)
            throw new Error('annotations need imagetools (docker buildx); the docker manifest recipe cannot set them');
        const lists = sources.filter((s) => s.kind === 'index');
        if (lists.length > 0) {
            throw new Error(`docker manifest only merges single-platform images, and ${lists.map((s) => s.ref).join(', ')} ${lists.length === 1 ? 'is an index' : 'are indexes'} ("is a manifest list"): buildx's default provenance makes every build one. Install buildx to use imagetools, or build the sources with provenance: false.`);
        }
        const parts = sources.map((s) => ({
            ref: s.ref,
            platform: s.platforms[0].platform,
        }));
        let digest = '';
        for (const tag of tags) {
            // A list left in the local manifest store from an earlier run would be amended, not replaced.
            await (0,exec/* exec */.m0)(['docker', 'manifest', 'rm', tag], {
                allowFailure: true,
                quiet: true,
                timeoutMs: index_tools_LOCAL_TIMEOUT_MS,
            });
            for (const argv of manifestRecipe(tag, parts)) {
                const stdout = await recipeStep(argv, timeoutMs);
                // push prints a line per manifest it copied, then the list's own digest.
                const pushed = stdout.match(/sha256:[0-9a-f]{64}/g);
                if (argv[2] === 'push' && pushed)
                    digest = pushed[pushed.length - 1];
            }
        }
        if (!digest)
            throw new Error('docker manifest push did not print the digest of the pushed list');
        return digest;
    },
    async platformsAt(tag) {
        const res = await registryCall(['docker', 'manifest', 'inspect', ...insecureFlag(tag), tag], phaseOf(`reading back ${tag}`, tag, timeoutMs), { quiet: true });
        if (res.exitCode !== 0)
            throw new Error(`cannot read ${tag}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
        const parsed = parseManifest(res.stdout);
        return parsed.kind === 'index' ? parsed.manifests.map((m) => m.platform) : [];
    },
});
/**
 * The merge tool asked for (auto: imagetools when buildx is there), its
 * registry phases bounded by registry-timeout. `listedBuildx`: the buildx
 * `docker info` already listed as working; asked for only when there is none.
 */
async function pickTool(requested, registryTimeoutMs, listedBuildx) {
    if (requested === 'imagetools')
        return imagetools(registryTimeoutMs);
    if (requested === 'manifest')
        return manifestTool(registryTimeoutMs);
    if (listedBuildx)
        return imagetools(registryTimeoutMs);
    const buildx = await (0,exec/* exec */.m0)(['docker', 'buildx', 'version'], {
        allowFailure: true,
        quiet: true,
        timeoutMs: 30_000,
    });
    return buildx.exitCode === 0 ? imagetools(registryTimeoutMs) : manifestTool(registryTimeoutMs);
}
function describePlatforms(sources) {
    return sources
        .map((s) => `${s.ref}: ${s.platforms.map((m) => (0,oci_platform/* formatPlatform */.Bq)(m.platform)).join(', ') || 'no platforms'}`)
        .join('\n');
}

;// CONCATENATED MODULE: ./src/actions/merge/run.ts
/**
 * The merge sub-action: one index from images built separately, pushed under
 * the tags, read back and checked, then every platform smoke-tested.
 */













/** Runs the merge sub-action; `parsed` is inputs the caller read already (the CLI). */
function runMerge(host, parsed) {
    return runAction(host, {
        inputs: () => parsed ?? getMergeInputs(host),
        report: { mode: 'merge', platforms: [] },
        session: (inputs) => ({ tempDir: true, needs: 'engine', logins: inputs.logins }),
        main: (inputs, session, report) => merge(inputs, session, report, host.log),
        fail: (report, message) => {
            report.error = message;
        },
        publish: (report) => publish(report, host),
        verdict: runVerdict,
    });
}
async function merge(inputs, session, report, log) {
    const engine = session.engine;
    const prefix = session.prefix;
    const tool = await pickTool(inputs.tool, inputs.registryTimeoutMs, session.listedBuildx);
    const digests = inputs.digestsDir
        ? digestsFromNames(await (0,promises_.readdir)(inputs.digestsDir), inputs.digestsDir)
        : [];
    // The same source twice (listed, and in digests-dir) is one source.
    const refs = [...new Set([...inputs.sources, ...digests.map((d) => `${inputs.image}@${d}`)])];
    const sources = await log.group(`Sources (${tool.name})`, async () => {
        const found = await Promise.all(refs.map((r) => tool.inspect(r)));
        log.info(describePlatforms(found));
        return found;
    });
    checkConflicts(sources);
    const expected = expectedPlatforms(sources);
    if (expected.length === 0)
        throw new Error(`The sources hold no platform images:\n${describePlatforms(sources)}`);
    const repo = (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(inputs.tags[0]));
    report.metadata = { sources: refs, tool: tool.name, tags: inputs.tags };
    const gated = inputs.publish === 'on-success';
    const publishIndex = async () => {
        const digest = await log.group('Merge and push', () => tool.create(inputs.tags, sources, inputs.annotations));
        report.digest = digest;
        report.image = `${repo}@${digest}`;
        report.published = true;
        await log.group('Verify the pushed index', async () => {
            const listed = await Promise.all(inputs.tags.map(async (t) => [t, await tool.platformsAt(t)]));
            for (const [tag, platforms] of listed) {
                const problem = compareIndex(expected, platforms);
                if (problem)
                    throw new Error(`${tag}: ${problem}`);
                log.info(`${tag}: ${platforms.map(oci_platform/* formatPlatform */.Bq).join(', ')}`);
            }
        });
    };
    // publish: always writes the tags first, as the plain recipe does.
    if (!gated)
        await publishIndex();
    const emulated = expected.filter((p) => isEmulated(engine.native, p));
    // Only a run needs an emulator; reading a filesystem (verify-arch) does not.
    await setUpEmulation({
        native: engine.native,
        emulated: inputs.smoke ? emulated : [],
        qemuImage: inputs.qemuImage,
    });
    // Gated, each platform is tested where its source lives, before any tag is
    // written; after a plain merge the index names the same manifests in the
    // target repository.
    const targets = sources.flatMap((s) => s.platforms.map((m) => ({
        platform: m.platform,
        digest: m.digest,
        ref: `${gated ? (0,oci_reference/* repository */.Jk)((0,oci_reference/* parseImageRef */.Q)(s.ref)) : repo}@${m.digest}`,
        emulated: isEmulated(engine.native, m.platform),
        docker: ['docker'],
        node: 'local',
    })));
    warmAttestation(inputs.attestTests, [repo]);
    report.platforms = await testEveryPlatform(targets, smokeOptions(inputs, prefix, true));
    const failed = report.platforms.filter((p) => !p.ok).map((p) => p.platform);
    if (gated && failed.length > 0) {
        report.published = false;
        report.held = { failed, tags: inputs.tags };
    }
    else if (gated)
        await publishIndex();
    await attest(inputs, session, report, repo, log);
}
/** The tests' result, attached to the index and its platforms, or to the failed sources. */
async function attest(inputs, session, report, home, log) {
    const targets = attestTargets({
        home,
        tags: inputs.tags,
        published: report.published === true,
        index: report.digest,
        platforms: report.platforms,
    });
    if (targets.length === 0)
        return;
    report.attestation = await log.group('Attest the test result', () => attestTests({
        mode: inputs.attestTests,
        dir: session.tempDir,
        repository: home,
        indexDigest: report.digest,
        platforms: report.platforms,
        settings: inputs,
        targets,
        timeoutMs: inputs.registryTimeoutMs,
    }));
    settleRefusal(inputs.attestTests, report.attestation);
}

;// CONCATENATED MODULE: ./src/commands.ts
/**
 * Which action runs: the build action, or a sub-action named by its
 * action.yml's `command` input default (or the CLI's first word).
 */



const COMMANDS = {
    build: runBuild,
    merge: runMerge,
    check: runCheck,
};
/** The action a command names; no command is the build action. An unknown one is an error, never a build. */
function commandFor(name) {
    const command = name?.trim() || 'build';
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) {
        throw new Error(`Input "command": ${JSON.stringify(name)} is not an action of this repository. Use build, merge or check (or leave it empty for build).`);
    }
    return run;
}


/***/ }),

/***/ 5415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ou: () => (/* binding */ parseBuildxVersion),
/* harmony export */   SB: () => (/* binding */ DEFAULT_BUILDX_DOWNLOAD_URL),
/* harmony export */   SM: () => (/* binding */ assetName),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   aF: () => (/* binding */ releaseTag),
/* harmony export */   xs: () => (/* binding */ checksumFor),
/* harmony export */   zt: () => (/* binding */ buildxNeed)
/* harmony export */ });
/* unused harmony exports MIN_BUILDX, DEFAULT_BUILDX_VERSION */
/**
 * Which buildx this run needs, and what the installed one is. Pure.
 *
 * The action relies on `imagetools`, `--metadata-file` with the index digest,
 * and push-by-digest outputs: all there and reliable from buildx 0.10.
 */
const MIN_BUILDX = '0.10.0';
/** Installed when buildx is missing or too old and no buildx-version is given. */
const DEFAULT_BUILDX_VERSION = 'v0.13.1';
const DEFAULT_BUILDX_DOWNLOAD_URL = 'https://github.com/docker/buildx/releases/download';
/** `github.com/docker/buildx 0.13.1+ds1-3 …` or `… v0.13.1 29f2…` → 0.13.1. */
function parseBuildxVersion(output) {
    const m = /\bv?(\d+\.\d+\.\d+)/.exec(output);
    return m?.[1];
}
function compareVersions(a, b) {
    const pa = a.replace(/^v/, '').split(/[.+-]/).map(Number);
    const pb = b.replace(/^v/, '').split(/[.+-]/).map(Number);
    for (let i = 0; i < 3; i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return 0;
}
/** `v0.13.1` as buildx's releases name it; the input may omit the v. */
function releaseTag(version) {
    return version.startsWith('v') ? version : `v${version}`;
}
/** The release asset for this machine: buildx-v0.13.1.linux-amd64. */
function assetName(version, arch) {
    const goArch = {
        x64: 'amd64',
        arm64: 'arm64',
        arm: 'arm-v7',
        ppc64: 'ppc64le',
        s390x: 's390x',
        riscv64: 'riscv64',
    }[arch];
    if (!goArch)
        throw new Error(`no buildx release for this machine's architecture (${arch})`);
    return `buildx-${releaseTag(version)}.linux-${goArch}`;
}
/** The sha256 checksums.txt lists for an asset. */
function checksumFor(checksums, asset) {
    for (const line of checksums.split('\n')) {
        const [sum, name] = line.trim().split(/\s+\*?/);
        if (name === asset && sum && /^[0-9a-f]{64}$/.test(sum))
            return sum;
    }
    return undefined;
}
/** Decides whether to install a buildx for this run, from the input and what is installed. */
function buildxNeed(requested, installed) {
    if (requested) {
        if (installed && compareVersions(installed, requested) === 0)
            return { install: false, reason: `buildx ${installed} is the requested version` };
        return {
            install: true,
            version: releaseTag(requested),
            reason: `buildx-version ${requested} is requested (installed: ${installed ?? 'none'})`,
        };
    }
    if (!installed)
        return { install: true, version: DEFAULT_BUILDX_VERSION, reason: 'buildx is not installed' };
    if (compareVersions(installed, MIN_BUILDX) < 0)
        return {
            install: true,
            version: DEFAULT_BUILDX_VERSION,
            reason: `buildx ${installed} is older than ${MIN_BUILDX}, the oldest this action works with`,
        };
    return { install: false, reason: `buildx ${installed}` };
}


/***/ }),

/***/ 7890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* binding */ buildArgs),
/* harmony export */   LV: () => (/* binding */ builderRemoveArgs),
/* harmony export */   QY: () => (/* binding */ buildFailureHint),
/* harmony export */   RW: () => (/* binding */ builderCreateArgs),
/* harmony export */   fe: () => (/* binding */ builderBootstrapArgs),
/* harmony export */   jr: () => (/* binding */ builderAppendArgs),
/* harmony export */   kn: () => (/* binding */ parseBuilderNodes)
/* harmony export */ });
/* harmony import */ var _oci_platform__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/** argv for `docker buildx build` and for the builders this action creates. Pure. */

function buildArgs(opts, call) {
    const argv = [...call.docker, 'buildx', 'build', '--progress', call.progress ?? 'plain'];
    if (opts.builder)
        argv.push('--builder', opts.builder);
    argv.push('--platform', call.platforms.map(_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq).join(','));
    if (opts.file)
        argv.push('--file', opts.file);
    if (opts.target)
        argv.push('--target', opts.target);
    for (const t of call.tags)
        argv.push('--tag', t);
    for (const l of opts.labels)
        argv.push('--label', l);
    for (const a of opts.buildArgs)
        argv.push('--build-arg', a);
    for (const c of opts.cacheFrom)
        argv.push('--cache-from', c);
    for (const c of opts.cacheTo)
        argv.push('--cache-to', c);
    if (opts.provenance !== undefined)
        argv.push(`--provenance=${opts.provenance}`);
    if (opts.sbom !== undefined)
        argv.push(`--sbom=${opts.sbom}`);
    if (opts.noCache)
        argv.push('--no-cache');
    if (opts.pull)
        argv.push('--pull');
    for (const c of opts.buildContexts ?? [])
        argv.push('--build-context', c);
    for (const a of opts.annotations ?? [])
        argv.push('--annotation', a);
    for (const a of opts.attests ?? [])
        argv.push('--attest', a);
    for (const s of opts.secrets ?? [])
        argv.push('--secret', s);
    for (const s of opts.sshMounts ?? [])
        argv.push('--ssh', s);
    if (opts.network)
        argv.push('--network', opts.network);
    for (const h of opts.addHosts ?? [])
        argv.push('--add-host', h);
    for (const a of opts.allow ?? [])
        argv.push('--allow', a);
    if (opts.shmSize)
        argv.push('--shm-size', opts.shmSize);
    for (const u of opts.ulimits ?? [])
        argv.push('--ulimit', u);
    if (opts.cgroupParent)
        argv.push('--cgroup-parent', opts.cgroupParent);
    for (const f of opts.noCacheFilters ?? [])
        argv.push('--no-cache-filter', f);
    if (opts.call)
        argv.push('--call', opts.call);
    argv.push('--metadata-file', call.metadataFile);
    if (call.output === 'push-by-digest') {
        argv.push('--output', `type=image,name=${call.name},push-by-digest=true,name-canonical=true,push=true`);
    }
    else if (call.output !== 'none') {
        argv.push(call.output === 'push' ? '--push' : '--load');
    }
    if (call.output !== 'none')
        for (const o of opts.outputs ?? [])
            argv.push('--output', o);
    argv.push(opts.context);
    return argv;
}
function builderOptions(s) {
    const argv = [];
    if (s.buildkitImage)
        argv.push('--driver-opt', `image=${s.buildkitImage}`);
    for (const o of s.driverOpts ?? [])
        argv.push('--driver-opt', o);
    if (s.buildkitdFlags)
        argv.push('--buildkitd-flags', s.buildkitdFlags);
    if (s.configFile)
        argv.push('--config', s.configFile);
    return argv;
}
/** `docker buildx create` of one node: `head` names the builder, then its options and platforms. */
function nodeCreateArgs(head, context, platforms, settings) {
    return [
        ...['docker', 'buildx', 'create', ...head],
        ...builderOptions(settings),
        ...['--platform', platforms.map(_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq).join(','), context],
    ];
}
function builderCreateArgs(builder, context, platforms, settings = {}) {
    const head = ['--name', builder, '--driver', 'docker-container'];
    return nodeCreateArgs(head, context, platforms, settings);
}
function builderAppendArgs(builder, context, platforms, settings = {}) {
    // Driver options are per node: an air-gapped node needs the image named too.
    return nodeCreateArgs(['--append', '--name', builder], context, platforms, settings);
}
function builderBootstrapArgs(builder) {
    return ['docker', 'buildx', 'inspect', '--bootstrap', builder];
}
function builderRemoveArgs(builder) {
    return ['docker', 'buildx', 'rm', '--force', builder];
}
/**
 * Each node's status from `docker buildx inspect` output. `--bootstrap` exits
 * 0 even when a node could not start (its status then reads `inactive`), so a
 * builder is judged by every node's status, never by the exit code.
 */
function parseBuilderNodes(inspectOutput) {
    const section = inspectOutput.split(/^Nodes:\s*$/m)[1] ?? '';
    const nodes = [];
    for (const line of section.split('\n')) {
        const m = /^(Name|Endpoint|Status|Error):\s*(.*)$/.exec(line);
        if (!m)
            continue;
        const [, key, value = ''] = m;
        if (key === 'Name')
            nodes.push({ name: value.trim(), status: 'unknown' });
        const node = nodes.at(-1);
        if (!node)
            continue;
        if (key === 'Endpoint')
            node.endpoint = value.trim();
        if (key === 'Status')
            node.status = value.trim();
        if (key === 'Error')
            node.error = value.trim();
    }
    return nodes;
}
/**
 * What a failed build's output means when buildx's own words are not enough.
 * A docker-container builder has its own network namespace: 127.0.0.1 there
 * is the BuildKit container, not the runner, so a loopback registry is out of
 * reach.
 */
function buildFailureHint(output) {
    const loopback = /dial tcp (127(?:\.\d+){3}|\[::1\]|localhost):(\d+): connect: connection refused/.exec(output);
    if (loopback) {
        return (`The registry at ${loopback[1]}:${loopback[2]} is on the runner's loopback, which a docker-container builder cannot reach: ` +
            'it runs in a network namespace of its own, where 127.0.0.1 is the BuildKit container itself. ' +
            'Fix: create the builder with driver-opts: network=host (docker/setup-buildx-action), or use an address of the runner that is not loopback.');
    }
    const flag = /unknown flag: (--call|--annotation|--build-context|--attest)\b/.exec(output);
    if (flag) {
        const since = {
            '--call': '0.15',
            '--annotation': '0.12',
            '--attest': '0.10',
            '--build-context': '0.8',
        };
        return `This buildx does not know ${flag[1]}, which came in buildx ${since[flag[1]]}. Fix: install a newer buildx (docker/setup-buildx-action), or drop the input that asks for it.`;
    }
    if (/multiple exporters|multiple outputs/i.test(output)) {
        return 'This buildx or BuildKit cannot export to several outputs at once (needed by outputs beside the image this action makes). Fix: buildx and BuildKit 0.13 or newer, or drop outputs.';
    }
    return undefined;
}


/***/ }),

/***/ 9133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ createRunConfig),
/* harmony export */   DZ: () => (/* binding */ readConfigJson),
/* harmony export */   O8: () => (/* binding */ userDockerConfig),
/* harmony export */   be: () => (/* binding */ loginArgs),
/* harmony export */   qb: () => (/* binding */ registryKeys),
/* harmony export */   yo: () => (/* binding */ useBuildx)
/* harmony export */ });
/* unused harmony export runConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _runner_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
/**
 * The run's private DOCKER_CONFIG: one per run, in the run's temp dir under
 * RUNNER_TEMP (0700, config.json 0600), created only when the run logs in to
 * a registry or uses a buildx fetched for it. It carries the user's config
 * over, so what worked before still works: logins (auths, credHelpers,
 * credsStore, from docker/login-action), cli-plugins, builders, contexts and
 * TLS certs. The user's own directory is never written: every entry but
 * config.json and cli-plugins is a symlink to it, and config.json is a copy.
 */





const BUILDX = 'docker-buildx';
/** The user's config dir, as the docker CLI finds it. */
function userDockerConfig(env = process.env) {
    return env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker');
}
/** The keys under which the docker CLI stores and looks up a registry's login. */
function registryKeys(registry) {
    return registry === 'docker.io' || registry === 'index.docker.io'
        ? ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/']
        : [registry, `https://${registry}`, `http://${registry}`];
}
/**
 * The user's config.json as the run's: a login of this run must land in the
 * run's file, never in a credential store (a keychain other steps read). An
 * empty credHelpers entry makes the CLI use the file for that registry, even
 * under a credsStore; other registries keep their helpers and logins.
 */
function runConfig(user, loginRegistries) {
    const config = { ...user };
    const replaced = new Set(loginRegistries.flatMap(registryKeys));
    const auths = Object.fromEntries(Object.entries(user.auths ?? {}).filter(([key]) => !replaced.has(key)));
    const credHelpers = { ...(user.credHelpers ?? {}) };
    for (const key of replaced)
        if (!key.includes('://'))
            credHelpers[key] = '';
    if (Object.keys(auths).length > 0 || user.auths)
        config.auths = auths;
    if (Object.keys(credHelpers).length > 0)
        config.credHelpers = credHelpers;
    return config;
}
/**
 * A docker config.json as its JSON object; empty when there is none or it is
 * blank, as docker reads it. `cost` says what a broken file stops.
 */
async function readConfigJson(file, cost) {
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(file))
        return {};
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
    if (text.trim() === '')
        return {};
    try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
            return parsed;
    }
    catch {
        // named below
    }
    throw new _runner_errors__WEBPACK_IMPORTED_MODULE_4__/* .MultiarchError */ ._G('command', `${file} is not a JSON object, so ${cost}. Fix: repair or remove it (docker login rewrites it).`);
}
/** Creates the run's config dir at `dir` from the user's. Returns `dir`. */
async function createRunConfig(dir, loginRegistries, user = userDockerConfig()) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'cli-plugins'), { recursive: true, mode: 0o700 });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(dir, 0o700);
    const config = runConfig(await readConfigJson((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(user, 'config.json'), 'its logins cannot be carried over'), loginRegistries);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, {
        mode: 0o600,
    });
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(user) ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(user) : [];
    for (const name of entries.filter((e) => e !== 'config.json' && e !== 'cli-plugins'))
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.symlink)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(user, name), (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, name));
    // Plugins in the user's dir (buildx from setup-buildx-action, compose): still found.
    const plugins = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(user, 'cli-plugins');
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(plugins))
        for (const name of await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(plugins))
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.symlink)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(plugins, name), (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'cli-plugins', name));
    return dir;
}
/** Points the run's config at a buildx binary fetched for this run. */
async function useBuildx(dir, binary) {
    const link = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, 'cli-plugins', BUILDX);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(link, { force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.symlink)(binary, link);
}
/** `docker login` with the password on stdin: never on a command line, which `ps` shows. */
function loginArgs(registry, username) {
    return ['docker', 'login', `--username=${username}`, '--password-stdin', registry];
}


/***/ }),

/***/ 2890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TX: () => (/* binding */ contextRemoveArgs),
/* harmony export */   XE: () => (/* binding */ classifyFailure),
/* harmony export */   _2: () => (/* binding */ dockerFor),
/* harmony export */   dc: () => (/* binding */ contextCreateArgs)
/* harmony export */ });
/* harmony import */ var _endpoint__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7815);
/** Docker contexts for nodes: argv, and what a failed connection means. Pure. */

function contextCreateArgs(name, endpoint, tls) {
    const parts = [`host=${(0,_endpoint__WEBPACK_IMPORTED_MODULE_0__/* .formatEndpoint */ .T0)(endpoint)}`];
    if (endpoint.scheme === 'tcp' && tls) {
        if (tls.ca)
            parts.push(`ca=${tls.ca}`);
        if (tls.cert)
            parts.push(`cert=${tls.cert}`);
        if (tls.key)
            parts.push(`key=${tls.key}`);
    }
    return [
        'docker',
        'context',
        'create',
        name,
        '--description',
        `multiarch-action node ${(0,_endpoint__WEBPACK_IMPORTED_MODULE_0__/* .formatEndpoint */ .T0)(endpoint)}`,
        '--docker',
        parts.join(','),
    ];
}
function contextRemoveArgs(names) {
    return ['docker', 'context', 'rm', '--force', ...names];
}
/** The docker CLI aimed at one node. */
function dockerFor(context) {
    return ['docker', '--context', context];
}
const CAUSES = [
    [
        'host key',
        /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key is known|Host key for .* has changed/i,
        "the node's host key is not the one in ssh-known-hosts. Check the key with ssh-keyscan and update ssh-known-hosts (or, to trust on first use, set ssh-accept-new-host-keys: true).",
    ],
    [
        'dns',
        /Could not resolve hostname|no such host|Name or service not known|Temporary failure in name resolution/i,
        'the host name does not resolve. Check the spelling in "nodes" and the runner\'s DNS.',
    ],
    [
        'refused',
        /Connection refused|connect: connection refused/i,
        'nothing listens on that port. Check the port in "nodes" and that sshd or dockerd runs there.',
    ],
    [
        'auth',
        /Permission denied|Authentication failed|Too many authentication failures|publickey/i,
        'the node refused the key. Check ssh-private-key and the user in "nodes", and that the public key is in the node\'s authorized_keys.',
    ],
    [
        'timeout',
        /timed out|i\/o timeout|Operation timed out|No route to host/i,
        'the node did not answer in time. Check the address and the firewall between the runner and the node.',
    ],
    [
        'tls',
        /x509|certificate|tls:/i,
        "the TLS handshake failed. Check tls-ca, tls-cert and tls-key against the node's dockerd.",
    ],
    [
        'no docker',
        /docker: (command )?not found|Cannot connect to the Docker daemon|Is the docker daemon running/i,
        'the node was reached, but its Docker engine was not. Make sure dockerd runs there and the docker CLI is on the PATH of ssh sessions.',
    ],
];
/** A tcp:// node is a dockerd listening on a port, no ssh in between: its own advice. */
const TCP_FIXES = {
    refused: 'nothing listens on that port. Check the address and port in "nodes", and that dockerd there listens on them (dockerd --host tcp://0.0.0.0:2376 --tlsverify …).',
    timeout: 'the node did not answer in time. Check the address, and that a firewall between the runner and the node lets the port through.',
    'no docker': 'no Docker engine answered at that address. Check the address and port in "nodes", and that dockerd there listens on them.',
};
/**
 * Names the cause of a failed connection, and its fix for the node's scheme.
 * A command that was stopped for taking too long, and said nothing known, is
 * a timeout; one that said nothing known at all is quoted as it is.
 */
function classifyFailure(output, scheme = 'ssh', timedOut = false) {
    const found = CAUSES.find(([, pattern]) => pattern.test(output)) ??
        (timedOut ? CAUSES.find(([c]) => c === 'timeout') : undefined);
    if (found) {
        const [cause, , fix] = found;
        return { cause, fix: (scheme === 'tcp' ? TCP_FIXES[cause] : undefined) ?? fix };
    }
    return {
        cause: 'unknown',
        fix: output.trim()
            ? "the docker CLI's own words, quoted below, name no cause this action knows."
            : 'the docker CLI exited without saying why.',
    };
}


/***/ }),

/***/ 7815:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dv: () => (/* binding */ NodeError),
/* harmony export */   L9: () => (/* binding */ parseNodes),
/* harmony export */   T0: () => (/* binding */ formatEndpoint)
/* harmony export */ });
/* unused harmony exports holdsPassword, parseEndpoint */
/* harmony import */ var _oci_platform__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/* harmony import */ var _runner_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5507);
/**
 * The `nodes` input: which docker endpoint builds and tests which platforms.
 *
 *   linux/arm64=ssh://builder@arm1.example.com
 *   linux/amd64=unix:///var/run/docker.sock
 *
 * Lines naming the same endpoint become one node with several platforms.
 */


/**
 * Whether text carries `user:password@`: a colon between where the user part
 * can start (after `//`, `=` or the beginning) and the last `@`. Checked before
 * anything else, so that no error message ever repeats a password.
 */
function holdsPassword(text) {
    const at = text.lastIndexOf('@');
    if (at < 0)
        return false;
    const before = text.slice(0, at);
    const start = Math.max(before.lastIndexOf('//') + 2, before.lastIndexOf('=') + 1, 0);
    return before.slice(start).includes(':');
}
function passwordError() {
    return new NodeError('an endpoint holds user:password@, and passwords are not supported; use ssh-private-key (and remove the password from the workflow, where it is now visible)');
}
class NodeError extends _runner_errors__WEBPACK_IMPORTED_MODULE_1__/* .MultiarchError */ ._G {
    /** The `nodes` line at fault; left out when it holds a secret. */
    line;
    constructor(message) {
        super('input', message);
    }
}
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])$/;
const USER = /^[a-z_][a-z0-9_.-]{0,31}$/i;
const UNIX_PATH = /^\/[\w./-]+$/;
function port(value, endpoint) {
    const n = Number(value);
    if (!/^\d{1,5}$/.test(value) || n < 1 || n > 65535) {
        throw new NodeError(`"${endpoint}" has port "${value}"; a port is a number from 1 to 65535`);
    }
    return n;
}
/** Parses one endpoint URL; throws NodeError saying what is wrong with it. */
function parseEndpoint(value) {
    const shape = 'expected ssh://user@host[:port], tcp://host:port or unix:///path';
    if (holdsPassword(value))
        throw passwordError();
    if (/[^\x21-\x7e]/.test(value) || /[;&|`$<>\\'"(){}*?!,]/.test(value)) {
        throw new NodeError(`"${value}" contains spaces or characters that no endpoint has; ${shape}`);
    }
    const m = /^([a-z]+):\/\/(.*)$/.exec(value);
    if (!m)
        throw new NodeError(`"${value}" is not an endpoint URL; ${shape}`);
    const [, scheme, rest] = m;
    if (scheme === 'unix') {
        if (!UNIX_PATH.test(rest))
            throw new NodeError(`"${value}" needs an absolute socket path, like unix:///var/run/docker.sock`);
        return { scheme, path: rest };
    }
    if (scheme !== 'ssh' && scheme !== 'tcp') {
        throw new NodeError(`"${value}" has the unknown scheme "${scheme}"; ${shape}`);
    }
    if (rest.includes('/') && rest.slice(rest.indexOf('/')) !== '/') {
        throw new NodeError(`"${value}" has a path; ${scheme}:// endpoints are host and port only`);
    }
    let authority = rest.replace(/\/$/, '');
    let user;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
        user = authority.slice(0, at);
        authority = authority.slice(at + 1);
        if (scheme === 'tcp')
            throw new NodeError(`"${value}": tcp:// endpoints take no user`);
        if (!USER.test(user))
            throw new NodeError(`"${value}" has the user name "${user}", which is not valid`);
    }
    const pm = /^(.*?)(?::(\d*))?$/.exec(authority);
    const host = pm[1] ?? '';
    const portText = pm[2];
    if (host === '')
        throw new NodeError(`"${value}" has no host; ${shape}`);
    if (!HOST.test(host))
        throw new NodeError(`"${value}" has the host "${host}", which is not a valid host name or address`);
    if (scheme === 'tcp') {
        if (portText === undefined)
            throw new NodeError(`"${value}" needs a port, like tcp://${host}:2376`);
        return { scheme, host, port: port(portText, value) };
    }
    return { scheme, user, host, port: portText === undefined ? undefined : port(portText, value) };
}
function formatEndpoint(e) {
    switch (e.scheme) {
        case 'unix':
            return `unix://${e.path}`;
        case 'tcp':
            return `tcp://${e.host}:${e.port}`;
        case 'ssh':
            return `ssh://${e.user ? `${e.user}@` : ''}${e.host}${e.port ? `:${e.port}` : ''}`;
    }
}
/**
 * Parses the `nodes` lines against the requested platforms. Every platform a
 * node names must be requested, and no platform may go to two nodes.
 */
function parseNodes(lines, requested) {
    const wanted = new Set(requested.map(_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq));
    const owner = new Map();
    const nodes = new Map();
    for (const line of lines) {
        try {
            addNode(line);
        }
        catch (err) {
            if (err instanceof NodeError && !/user:password/.test(err.message))
                err.line = line;
            throw err;
        }
    }
    return [...nodes.values()];
    function addNode(line) {
        if (holdsPassword(line))
            throw passwordError();
        const eq = line.indexOf('=');
        if (eq <= 0)
            throw new NodeError(`"${line}" is not PLATFORM=ENDPOINT, like linux/arm64=ssh://builder@arm1.example.com`);
        const platformText = line.slice(0, eq).trim();
        const endpointText = line.slice(eq + 1).trim();
        let platform;
        try {
            platform = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .FL)(platformText);
        }
        catch (err) {
            if (err instanceof _oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .PlatformError */ .Wk)
                throw new NodeError(`"${line}": ${err.message}`);
            throw err;
        }
        const key = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq)(platform);
        if (!wanted.has(key)) {
            throw new NodeError(`"${line}" names ${key}, which is not in "platforms" (${[...wanted].join(', ')}); add it there or drop this line`);
        }
        const endpoint = formatEndpoint(parseEndpoint(endpointText));
        const previous = owner.get(key);
        if (previous && previous !== endpoint) {
            throw new NodeError(`${key} is given to two nodes, ${previous} and ${endpoint}; give each platform one node`);
        }
        owner.set(key, endpoint);
        const node = nodes.get(endpoint) ?? { endpoint: parseEndpoint(endpointText), platforms: [] };
        if (!node.platforms.some((p) => (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq)(p) === key))
            node.platforms.push(platform);
        nodes.set(endpoint, node);
    }
}


/***/ }),

/***/ 4485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Nd: () => (/* binding */ NO_BUILDX_FIX),
  kW: () => (/* binding */ builderDriver),
  P7: () => (/* binding */ inspectEngine),
  Au: () => (/* binding */ inspectEngineAndBuildx),
  iR: () => (/* binding */ majorVersion),
  lt: () => (/* binding */ probeEngine)
});

// UNUSED EXPORTS: buildxFromInfo, parseBuilderDriver, usesContainerdStore

// EXTERNAL MODULE: ./src/docker/buildx-version.ts
var buildx_version = __webpack_require__(5415);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/docker/config-dir.ts
var config_dir = __webpack_require__(9133);
;// CONCATENATED MODULE: ./src/docker/buildx-state.ts
/**
 * Which builder buildx picks when none is named, read from its own state
 * (environment, the CLI's config.json, buildx's store) instead of asking
 * `docker buildx inspect`, which costs a quarter of a second.
 */



/**
 * 'docker' when buildx's state says the current builder is the default
 * builder of the default docker context, whose driver is always docker;
 * undefined for anything else or anything unusual: `docker buildx inspect`
 * then answers. Go reads JSON keys in any case, so the keys are matched so. Pure.
 */
function knownBuilderDriver(state) {
    if (state.buildxBuilder)
        return undefined;
    if (state.dockerContext && state.dockerContext !== 'default')
        return undefined;
    if (state.configJson !== undefined && state.configJson.trim() !== '') {
        const contexts = jsonFields(state.configJson, 'currentContext');
        if (!contexts?.every((c) => c === '' || c === 'default'))
            return undefined;
    }
    if (state.current !== undefined && !jsonFields(state.current, 'Name')?.every((n) => n === ''))
        return undefined;
    if (state.defaults.length > 0)
        return undefined;
    // An instance named default would stand in for the context's builder.
    if (state.instances.some((name) => name.toLowerCase() === 'default'))
        return undefined;
    return 'docker';
}
/** The values of `key` (any case) in a JSON object; undefined when the text is not one. */
function jsonFields(text, key) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return undefined;
    return Object.entries(parsed)
        .filter(([k]) => k.toLowerCase() === key.toLowerCase())
        .map(([, v]) => v);
}
/**
 * buildx's state as `docker buildx` would read it now: $BUILDX_CONFIG, else
 * $DOCKER_CONFIG/buildx (~/.docker/buildx), so the run's private config when
 * this run made one. Undefined when a file cannot be read.
 */
async function readBuildxState(env = process.env) {
    // Read now, before the files: the environment of this moment.
    const { BUILDX_BUILDER: buildxBuilder, DOCKER_CONTEXT: dockerContext } = env;
    const config = (0,config_dir/* userDockerConfig */.O8)(env);
    const store = env.BUILDX_CONFIG || (0,external_node_path_.join)(config, 'buildx');
    const missing = (err) => err.code === 'ENOENT';
    const text = (file) => (0,promises_.readFile)(file, 'utf8').catch((err) => {
        if (missing(err))
            return undefined;
        throw err;
    });
    const entries = (dir) => (0,promises_.readdir)(dir).catch((err) => {
        if (missing(err))
            return [];
        throw err;
    });
    // No store yet is a fresh one; a store that is not a dir (a dangling link
    // among the run config's links to the user's) is for inspect to judge.
    const storeDir = (0,promises_.stat)(store).then((s) => {
        if (!s.isDirectory())
            throw new Error(`${store} is not a directory`);
    }, async (err) => {
        if (!missing(err))
            throw err;
        await (0,promises_.lstat)(store).then(() => {
            throw new Error(`${store} is a dangling link`);
        }, (e) => {
            if (!missing(e))
                throw e;
        });
    });
    try {
        const [, configJson, current, defaults, instances] = await Promise.all([
            storeDir,
            text((0,external_node_path_.join)(config, 'config.json')),
            text((0,external_node_path_.join)(store, 'current')),
            entries((0,external_node_path_.join)(store, 'defaults')),
            entries((0,external_node_path_.join)(store, 'instances')),
        ]);
        return { buildxBuilder, dockerContext, configJson, current, defaults, instances };
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/docker/exec.ts
var exec = __webpack_require__(9655);
// EXTERNAL MODULE: ./src/docker/head-start.ts
var head_start = __webpack_require__(9849);
// EXTERNAL MODULE: ./src/oci/platform.ts
var platform = __webpack_require__(1890);
;// CONCATENATED MODULE: ./src/docker/engine.ts
/** What a Docker engine behind the CLI is and can do. */





const PROBE_TIMEOUT_MS = 45_000;
/** Parses `docker info --format '{{json .DriverStatus}}'`: pairs like ["driver-type","io.containerd.snapshotter.v1"]. */
function usesContainerdStore(driverStatusJson) {
    try {
        return containerdIn(JSON.parse(driverStatusJson));
    }
    catch {
        return false;
    }
}
function containerdIn(pairs) {
    return (Array.isArray(pairs) &&
        pairs.some((p) => Array.isArray(p) &&
            p[0] === 'driver-type' &&
            String(p[1]).includes('containerd.snapshotter')));
}
/**
 * The buildx `docker info` found (`{{json .}}`: its ClientInfo.Plugins, which
 * the CLI fills by asking every plugin for its metadata): its version, e.g.
 * 0.13.1+ds1 or v0.13.1. Undefined when the list is not there (a CLI older
 * than 19.03), has no buildx, or the entry is broken (Err) or has no version
 * a release number can be read from: `docker buildx version` then says why.
 */
function buildxFromInfo(info) {
    const plugins = info?.ClientInfo?.Plugins;
    if (!Array.isArray(plugins))
        return undefined;
    const entry = plugins.find((p) => typeof p === 'object' && p !== null && p.Name === 'buildx');
    if (!entry || (entry.Err !== undefined && entry.Err !== null && entry.Err !== ''))
        return undefined;
    const version = entry.Version;
    return typeof version === 'string' && (0,buildx_version/* parseBuildxVersion */.Ou)(version) ? version : undefined;
}
/** Asks one engine for its platform, version and image store. Never throws for an engine that does not answer. */
async function inspectEngine(docker) {
    return (await inspectWithPlugins(docker)).inspection;
}
/**
 * inspectEngine, and the buildx `docker info` lists among the CLI's plugins
 * (undefined when it lists none that works): the same two calls.
 */
function inspectEngineAndBuildx(docker) {
    return inspectWithPlugins(docker);
}
/**
 * inspectEngine, and the buildx the CLI lists among its plugins. One
 * `docker info` gives both: `{{json .}}` rather than naming the two fields, as
 * a CLI without ClientInfo fails a template that names it.
 */
async function inspectWithPlugins(docker) {
    const opts = { timeoutMs: PROBE_TIMEOUT_MS, allowFailure: true, quiet: true };
    // The local engine's two calls were started by the entry point (head-start.ts).
    const [versionArgv, infoArgv] = (0,head_start/* probeArgv */.Le)(docker);
    const [version, info] = await Promise.all([
        (0,exec/* execEarly */.bC)(versionArgv, opts),
        (0,exec/* execEarly */.bC)(infoArgv, opts),
    ]);
    let server = {};
    try {
        server = JSON.parse(version.stdout);
    }
    catch {
        // handled below: no Os/Arch
    }
    if (version.exitCode !== 0 || version.timedOut || !server.Os || !server.Arch) {
        return {
            inspection: {
                ok: false,
                // `{{json .Server}}` of an engine that never answered is a bare `null`: not worth a line.
                output: version.output
                    .split('\n')
                    .filter((line) => line.trim() !== 'null')
                    .join('\n')
                    .trim() || `exit ${version.exitCode}`,
                timedOut: version.timedOut,
            },
        };
    }
    let parsed;
    if (info.exitCode === 0) {
        try {
            parsed = JSON.parse(info.stdout);
        }
        catch {
            // no image store and no plugins: read as before, a store that is not containerd's
        }
    }
    return {
        inspection: {
            ok: true,
            info: {
                native: (0,platform/* normalize */.S8)({ os: server.Os, architecture: server.Arch }),
                containerdStore: containerdIn(parsed?.DriverStatus),
                version: server.Version ?? '',
            },
        },
        buildx: buildxFromInfo(parsed),
    };
}
/** The runner's own engine, with buildx: fails with a fix when either is missing. */
const NO_BUILDX_FIX = 'Fix: add docker/setup-buildx-action before this step, install the docker-buildx plugin, or set buildx-version to have the action fetch one for this run.';
/**
 * The runner's own engine, and the buildx the CLI finds: its version as
 * `docker info` lists the plugin (0.13.1+ds1), or else the output of
 * `docker buildx version`; undefined when there is none, with the reason in
 * buildxError. Fails with a fix when the engine does not answer.
 */
async function probeEngine(docker) {
    const engine = await inspectWithPlugins(docker);
    if (!engine.inspection.ok) {
        throw new Error(`Cannot reach the Docker engine (${[...docker, 'version'].join(' ')}: ${engine.inspection.timedOut ? 'timed out' : engine.inspection.output}). ` +
            'Fix: start dockerd, or point DOCKER_HOST at a running engine.');
    }
    const info = engine.inspection.info;
    if (engine.buildx)
        return { ...info, buildx: engine.buildx };
    // Not listed, or broken: buildx's own answer names the reason.
    const buildx = await (0,exec/* exec */.m0)([...docker, 'buildx', 'version'], {
        timeoutMs: PROBE_TIMEOUT_MS,
        allowFailure: true,
        quiet: true,
    });
    return buildx.exitCode === 0
        ? { ...info, buildx: buildx.stdout.trim() }
        : { ...info, buildxError: buildx.output.trim() || `exit ${buildx.exitCode}` };
}
/** Major version of a dockerd version string like "26.1.5+dfsg1"; 0 when unknown. */
function majorVersion(version) {
    const m = /^(\d+)\./.exec(version);
    return m ? Number(m[1]) : 0;
}
/** The `Driver:` line of `docker buildx inspect`: docker, docker-container, kubernetes, remote. */
function parseBuilderDriver(inspectOutput) {
    return /^Driver:\s+(\S+)/m.exec(inspectOutput)?.[1];
}
/**
 * The driver of a buildx builder (the current one when none is named); fails
 * with the reason. The current builder, when buildx's state says it is the
 * default context's own, is docker without asking `docker buildx inspect`
 * (a quarter of a second before every build).
 */
async function builderDriver(builder) {
    // The environment of the call, for the files and for inspect alike: the
    // run's private DOCKER_CONFIG may arrive while the files are read.
    const env = builder ? undefined : { ...process.env };
    if (env) {
        const state = await readBuildxState(env);
        const known = state && knownBuilderDriver(state);
        if (known)
            return known;
    }
    const res = await (0,exec/* exec */.m0)(['docker', 'buildx', 'inspect', ...(builder ? [builder] : [])], {
        timeoutMs: PROBE_TIMEOUT_MS,
        allowFailure: true,
        quiet: true,
        ...(env && { env }),
    });
    const driver = res.exitCode === 0 ? parseBuilderDriver(res.stdout) : undefined;
    if (!driver) {
        throw new Error(`Could not inspect the buildx builder ${builder ?? '(the current one)'}: ${res.timedOut ? 'timed out' : res.output.trim() || `exit ${res.exitCode}`}. Fix: check the builder input, or create the builder first.`);
    }
    return driver;
}


/***/ }),

/***/ 9655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   RT: () => (/* binding */ tail),
/* harmony export */   U1: () => (/* binding */ execStream),
/* harmony export */   bC: () => (/* binding */ execEarly),
/* harmony export */   m0: () => (/* binding */ exec)
/* harmony export */ });
/* unused harmony export commandLine */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _runner_log__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7708);
/* harmony import */ var _runner_cancel__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4990);
/* harmony import */ var _runner_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
/* harmony import */ var _head_start__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9849);
/**
 * The one way this action runs a program.
 *
 * Built on node:child_process rather than @actions/exec because every call we
 * make must be bounded and killable (a hung `docker run`, a daemon that stops
 * answering), and @actions/exec has neither a timeout nor a handle on the
 * child. Commands are always argv arrays; no shell is ever involved.
 */






// Build logs can run to many megabytes; keep what a person reads: the tail.
const OUTPUT_CAP = 4 * 1024 * 1024;
const KILL_GRACE_MS = 5_000;
// After a timeout kill, how long to wait for the output pipes to drain before giving up on them.
const PIPE_GRACE_MS = 1_000;
class CommandError extends _runner_errors__WEBPACK_IMPORTED_MODULE_4__/* .MultiarchError */ ._G {
    result;
    constructor(message, result, kind = result.timedOut ? 'timeout' : 'command') {
        super(kind, message);
        this.result = result;
    }
}
function commandLine(argv) {
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}
/** The last `lines` non-empty lines of a text, for error messages. */
function tail(text, lines = 15) {
    return text.trimEnd().split('\n').slice(-lines).join('\n');
}
class Capped {
    text = '';
    add(chunk) {
        this.text += chunk;
        if (this.text.length > OUTPUT_CAP)
            this.text = this.text.slice(-OUTPUT_CAP);
    }
    toString() {
        return this.text;
    }
}
async function exec(argv, opts = {}) {
    const { result } = start(argv, opts);
    return result;
}
/**
 * Starts a command whose stdout the caller consumes as a stream (a `docker
 * export` tar). stderr is still captured for the error message.
 */
function execStream(argv, opts = {}) {
    return start(argv, opts, true);
}
function start(argv, opts, rawStdout = false) {
    const [file, ...args] = argv;
    if (!file)
        throw new Error('exec: empty argv');
    const cancelled = (0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .cancellation */ .WN)();
    if (cancelled && (!opts.whenCancelled || (0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .exiting */ .RP)()))
        throw new Error(`not started, the run was cancelled (${cancelled}): ${commandLine(argv)}`);
    if (!opts.quiet)
        _runner_log__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm.info(`[command] ${commandLine(argv)}`);
    const began = Date.now();
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        // A group of its own, so that cancellation reaches what it starts in turn (docker's ssh).
        detached: true,
    });
    track(child);
    const stdout = new Capped();
    const stderr = new Capped();
    const output = new Capped();
    let pending = '';
    const echo = (chunk, flush = false) => {
        if (!opts.stream)
            return;
        pending += chunk;
        const lines = pending.split('\n');
        pending = flush ? '' : (lines.pop() ?? '');
        const prefix = typeof opts.stream === 'string' ? `[${opts.stream}] ` : '';
        for (const line of lines)
            if (line || !flush)
                _runner_log__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm.info(prefix + line);
    };
    if (!rawStdout) {
        child.stdout.setEncoding('utf8').on('data', (c) => {
            stdout.add(c);
            output.add(c);
            echo(c);
            opts.onOutput?.(c);
        });
    }
    child.stderr.setEncoding('utf8').on('data', (c) => {
        stderr.add(c);
        output.add(c);
        echo(c);
        opts.onOutput?.(c);
    });
    child.stdin.on('error', () => undefined); // the child may exit before reading its input
    child.stdin.end(opts.input ?? '');
    let timedOut = false;
    let exited = false;
    let timer;
    // A killed child's descendants (`sh -c 'a; b'` killed while `a` runs) inherit
    // its pipes and can hold them open long after it died; 'close' would wait for
    // them. Once the child is gone, stop waiting for its output.
    const abandonPipes = () => {
        setTimeout(() => {
            child.stdout.destroy();
            child.stderr.destroy();
        }, PIPE_GRACE_MS).unref();
    };
    child.on('exit', () => {
        exited = true;
        if (timedOut || opts.signal?.aborted)
            abandonPipes();
    });
    const stop = () => {
        if (exited)
            return;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    };
    if (opts.signal?.aborted)
        stop();
    opts.signal?.addEventListener('abort', stop, { once: true });
    const result = new Promise((resolve, reject) => {
        if (opts.timeoutMs !== undefined) {
            timer = setTimeout(() => {
                timedOut = true;
                void (async () => {
                    try {
                        await opts.onTimeout?.();
                    }
                    catch (err) {
                        _runner_log__WEBPACK_IMPORTED_MODULE_2__/* .log */ .Rm.warning(`cleanup after timeout failed: ${String(err)}`);
                    }
                    if (exited) {
                        abandonPipes();
                        return;
                    }
                    child.kill('SIGTERM');
                    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
                })();
            }, opts.timeoutMs);
        }
        child.on('error', (err) => {
            clearTimeout(timer);
            reject(notStarted(file, err));
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            opts.signal?.removeEventListener('abort', stop);
            echo('', true);
            const res = {
                argv: [...argv],
                exitCode: code ?? (signal ? 128 + signalNumber(signal) : -1),
                stdout: stdout.toString(),
                stderr: stderr.toString(),
                output: output.toString(),
                timedOut,
                durationMs: Date.now() - began,
            };
            const failure = failureOf(res, opts);
            if (failure)
                reject(failure);
            else
                resolve(res);
        });
    });
    return { stdout: child.stdout, result };
}
/** The error a finished command's result makes, unless the caller takes failures. */
function failureOf(res, opts) {
    if (opts.allowFailure)
        return undefined;
    if (res.timedOut)
        return new CommandError(`${commandLine(res.argv)} timed out after ${Math.round((opts.timeoutMs ?? 0) / 1000)} s`, res);
    if (res.exitCode === 0)
        return undefined;
    const detail = tail(res.stderr || res.stdout) || '(no output)';
    return new CommandError(`${commandLine(res.argv)} failed with exit code ${res.exitCode}:\n${detail}`, res);
}
function notStarted(file, err) {
    const hint = err.code === 'ENOENT' ? ` (is ${file} installed and on PATH?)` : '';
    return new Error(`could not start ${file}: ${err.message}${hint}`);
}
/**
 * exec() for a call the entry point may have started already (head-start.ts):
 * its result, under the same timeout counted from its start, when one was
 * started for this argv and environment; otherwise the call, run now.
 */
async function execEarly(argv, opts) {
    const early = (0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .cancellation */ .WN)() ? undefined : (0,_head_start__WEBPACK_IMPORTED_MODULE_5__/* .takeEarly */ .hy)(argv, opts.env ?? process.env);
    if (!early)
        return exec(argv, opts);
    const { child } = early;
    if (child.exitCode === null && child.signalCode === null)
        track(child);
    let timedOut = false;
    const timer = opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            signalGroup(child, 'SIGKILL');
        }, Math.max(0, opts.timeoutMs - (Date.now() - early.began)));
    const { code, signal, error } = await early.done;
    clearTimeout(timer);
    if (error)
        throw notStarted(argv[0] ?? '', error);
    const res = {
        argv: [...argv],
        exitCode: code ?? (signal ? 128 + signalNumber(signal) : -1),
        stdout: early.stdout,
        stderr: early.stderr,
        output: early.output,
        timedOut,
        durationMs: Date.now() - early.began,
    };
    const failure = failureOf(res, opts);
    if (failure)
        throw failure;
    return res;
}
/** The shell's convention: a death by signal N reads as exit code 128 + N. */
function signalNumber(signal) {
    return node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[signal] ?? 0;
}
// ── Cancellation: every live child of the run, so that none outlives it ──
/** Each running child, and a promise that settles when it exits. */
const live = new Map();
/** Time a docker CLI gets to act on SIGINT (buildx cancels the build, run stops attaching). */
const CANCEL_GRACE_MS = 3_000;
const REAP_MS = 1_500;
function track(child) {
    const gone = new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.once('error', () => resolve());
    });
    live.set(child, gone);
    void gone.then(() => live.delete(child));
}
/** Signals a child's whole process group; one already gone is fine. */
function signalGroup(child, signal) {
    if (child.pid === undefined)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        // ESRCH: the group is gone already.
    }
}
const within = (ms, work) => Promise.race([work, new Promise((r) => setTimeout(r, ms).unref())]);
(0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .onCancel */ .Ao)('stop', async () => {
    // Only the children of the run's work: the cleanup the cancellation starts is spared.
    const running = [...live];
    for (const [child] of running)
        signalGroup(child, 'SIGINT');
    await within(CANCEL_GRACE_MS, Promise.all(running.map(([, gone]) => gone)));
    // Whatever ignored SIGINT, and anything its group still holds (an ssh helper).
    for (const [child] of running)
        signalGroup(child, 'SIGKILL');
    await within(REAP_MS, Promise.all(running.map(([, gone]) => gone)));
});
// The cleanup a cancelled run started (a candidate's removal, say) ends before
// main does: it gets what is left of the exit budget (at least REAP_MS), and
// what still runs then is killed, so no command of main outlives it. What it
// did not remove is post's to remove.
(0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .onCancel */ .Ao)('drain', async () => {
    await within(Math.max(REAP_MS, (0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .timeLeftToExit */ .GY)()), Promise.all([...live.values()]));
    const late = [...live];
    for (const [child] of late)
        signalGroup(child, 'SIGKILL');
    await within(REAP_MS, Promise.all(late.map(([, gone]) => gone)));
});
(0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .onCancel */ .Ao)('hurry', () => {
    for (const child of live.keys())
        signalGroup(child, 'SIGKILL');
});


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cj: () => (/* binding */ tagArgs),
/* harmony export */   b2: () => (/* binding */ imageRemoveArgs),
/* harmony export */   bw: () => (/* binding */ pullArgs),
/* harmony export */   cw: () => (/* binding */ imageIdArgs),
/* harmony export */   kJ: () => (/* binding */ pushArgs)
/* harmony export */ });
/** argv for local images: tag, push, pull, remove. Pure. */
function tagArgs(source, target) {
    return ['docker', 'tag', source, target];
}
function pushArgs(tag) {
    return ['docker', 'push', '--quiet', tag];
}
function pullArgs(ref) {
    return ['docker', 'pull', '--quiet', ref];
}
function imageRemoveArgs(refs) {
    return ['docker', 'image', 'rm', ...refs];
}
function imageIdArgs(ref) {
    return ['docker', 'image', 'inspect', '--format', '{{.Id}}', ref];
}


/***/ }),

/***/ 8968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  tP: () => (/* reexport */ cleanup),
  fA: () => (/* reexport */ openSession),
  Hq: () => (/* reexport */ readyToBuild),
  kY: () => (/* reexport */ remember)
});

// UNUSED EXPORTS: sshExitArgs

// EXTERNAL MODULE: ./src/runner/state.ts
var runner_state = __webpack_require__(6003);
;// CONCATENATED MODULE: ./src/engine/session/session.ts

/** Records more for post to remove. */
function remember(session, more) {
    Object.assign(session.state, more);
    (0,runner_state/* saveState */.LZ)(session.state);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/docker/engine.ts + 1 modules
var engine = __webpack_require__(4485);
// EXTERNAL MODULE: ./src/runner/cancel.ts
var cancel = __webpack_require__(4990);
// EXTERNAL MODULE: ./src/runner/errors.ts
var errors = __webpack_require__(5507);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/runner/temp.ts



// Metadata files, keys and configs are small; a dir that cannot take this much
// fails the run before anything is built or pushed.
const PROBE_BYTES = 256 * 1024;
function explain(base, fromRunner, err) {
    const where = fromRunner ? `RUNNER_TEMP (${base})` : `the temp dir ${base}`;
    const why = err.code === 'ENOSPC'
        ? 'is full'
        : err.code === 'EROFS'
            ? 'is read-only'
            : err.code === 'EACCES' || err.code === 'EPERM'
                ? 'is not writable'
                : err.code === 'ENOENT'
                    ? 'does not exist'
                    : `cannot be written (${err.code ?? err.message})`;
    return new Error(`${where} ${why}: the action keeps its metadata, keys and configs there. Fix: free space or make ${fromRunner ? 'RUNNER_TEMP' : 'TMPDIR'} point at a writable directory with room.`);
}
/** A private temp dir under RUNNER_TEMP (mode 0700), removed by the post step. */
async function makeTempDir() {
    const fromRunner = Boolean(process.env.RUNNER_TEMP);
    const base = process.env.RUNNER_TEMP || external_node_os_default().tmpdir();
    let dir;
    try {
        dir = await (0,promises_.mkdtemp)(external_node_path_default().join(base, 'multiarch-'));
        const probe = external_node_path_default().join(dir, '.space');
        await (0,promises_.writeFile)(probe, Buffer.alloc(PROBE_BYTES));
        await (0,promises_.rm)(probe);
        return dir;
    }
    catch (err) {
        if (dir)
            await (0,promises_.rm)(dir, { recursive: true, force: true }).catch(() => undefined);
        throw explain(base, fromRunner, err);
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/runner/log.ts
var log = __webpack_require__(7708);
// EXTERNAL MODULE: ./src/docker/buildx.ts
var buildx = __webpack_require__(7890);
// EXTERNAL MODULE: ./src/docker/contexts.ts
var docker_contexts = __webpack_require__(2890);
// EXTERNAL MODULE: ./src/docker/exec.ts
var exec = __webpack_require__(9655);
// EXTERNAL MODULE: ./src/docker/images.ts
var docker_images = __webpack_require__(3456);
;// CONCATENATED MODULE: ./src/engine/session/post-plan.ts
/** The kinds of things a run leaves behind, in the order post removes them: containers before the contexts that reach them, the temp dir last. */
const LEFTOVERS = [
    'leftover containers',
    'images',
    'builder',
    'docker contexts',
    'ssh connections',
    'ssh control dir',
    'temp dir',
];
const some = (list) => (list?.length ?? 0) > 0;
/**
 * When post removes each kind: the saved state says there may be one. Main
 * removes its containers and its candidate image itself, and says so when it
 * saw them all removed (`mainCleaned`); a cancelled or killed main never does.
 * Builders, contexts, ssh connections and files are post's alone: the temp dir
 * stays until post, since later steps read the files main wrote there.
 */
const MAY_BE_LEFT = {
    'leftover containers': (s) => Boolean(s.containerPrefix) && !s.mainCleaned,
    images: (s) => some(s.images) && !s.mainCleaned,
    builder: (s) => Boolean(s.builder),
    'docker contexts': (s) => some(s.contexts),
    'ssh connections': (s) => Boolean(s.ssh),
    'ssh control dir': (s) => Boolean(s.ssh),
    'temp dir': (s) => Boolean(s.tempDir),
};
/** The kinds removed with the file system alone: no engine, no ssh, no child process. */
const FILES = new Set(['ssh control dir', 'temp dir']);
/** What post must remove for this saved state, in order. */
function post_plan_postWork(state) {
    return LEFTOVERS.filter((kind) => MAY_BE_LEFT[kind](state));
}
/** Whether the work is files only: post then needs neither docker nor the full cleanup. */
function filesOnly(work) {
    return work.every((kind) => FILES.has(kind));
}

;// CONCATENATED MODULE: ./src/engine/session/removals.ts
/**
 * How post removes what a run left: the removals of each kind side by side,
 * the kinds in order, a failure only ever a warning. The removals of plain
 * files live here too: they need node:fs alone, so the post bundle
 * (src/post.ts) runs them without loading docker or @actions/core.
 */


/** Runs each kind's removals side by side, kind after kind; a failure is a warning, never a stop. */
async function removeInOrder(work, removalsOf, log) {
    for (const kind of work) {
        await Promise.all(removalsOf(kind).map(async (r) => {
            try {
                await r.run();
            }
            catch (err) {
                log.warning(`Could not ${r.what}: ${(0,errors/* errorMessage */.gJ)(err)}`);
            }
        }));
    }
}
/** The removals of the kinds that are plain directories; none for any other kind. */
function fileRemovals(kind, state, log) {
    if (kind === 'ssh control dir' && state.ssh) {
        const dir = state.ssh.controlDir;
        return [{ what: `remove ${dir}`, run: () => (0,promises_.rm)(dir, { recursive: true, force: true }) }];
    }
    if (kind === 'temp dir' && state.tempDir) {
        const dir = state.tempDir;
        return [
            {
                what: `remove ${dir}`,
                run: async () => {
                    await (0,promises_.rm)(dir, { recursive: true, force: true });
                    log.info(`Removed ${dir} (registry logins, keys, ssh config, metadata).`);
                },
            },
        ];
    }
    return [];
}

;// CONCATENATED MODULE: ./src/engine/session/cleanup.ts
/**
 * The post step's full cleanup: removes what the session left behind, on the
 * runner and on the nodes, even when main failed or was cancelled. Which kinds
 * of thing it removes, and in what order, post-plan.ts decides from the saved
 * state; here is how each is removed. A failure is only ever a warning: post
 * never fails.
 */











const STEP_TIMEOUT_MS = 60_000;
async function attempt(what, fn) {
    try {
        await fn();
    }
    catch (err) {
        log/* log */.Rm.warning(`Could not ${what}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
}
/** Closes the shared ssh connections (ControlMaster) opened to the nodes. */
function sshExitArgs(ssh) {
    return ssh.targets.map((t) => [
        ssh.realSsh,
        '-F',
        ssh.config,
        '-O',
        'exit',
        ...(t.port ? ['-p', String(t.port)] : []),
        ...(t.user ? ['-l', t.user] : []),
        t.host,
    ]);
}
/** Main removes its containers itself; these are left by a main that was cancelled or killed, or did not see one removed. */
async function removeContainers(docker, prefix) {
    const listed = await (0,exec/* exec */.m0)([...docker, 'ps', '--all', '--quiet', '--filter', `name=^${prefix}-`], {
        timeoutMs: 30_000,
        quiet: true,
        whenCancelled: true,
    });
    const ids = listed.stdout.split('\n').filter(Boolean);
    if (ids.length > 0) {
        await (0,exec/* exec */.m0)([...docker, 'rm', '--force', ...ids], {
            timeoutMs: STEP_TIMEOUT_MS,
            whenCancelled: true,
        });
        log/* log */.Rm.info(`Removed ${ids.length} leftover container(s) from ${docker.join(' ')}.`);
    }
}
/** The engines a run may have containers on: the runner's, and each node's context. */
function enginesOf(state) {
    const local = state.docker.length > 0 ? state.docker : ['docker'];
    const reached = (state.contexts ?? []).filter((c) => !state.unreachable?.includes(c));
    return [local, ...reached.map(docker_contexts/* dockerFor */._2)];
}
/** What a cancelled main removes before it exits: running containers and the temporary builder. */
async function removeRunning(state) {
    const prefix = state.containerPrefix;
    const builder = state.builder;
    await Promise.all([
        ...(prefix
            ? enginesOf(state).map((d) => attempt(`remove containers on ${d.join(' ')}`, () => removeContainers(d, prefix)))
            : []),
        builder
            ? (0,exec/* exec */.m0)((0,buildx/* builderRemoveArgs */.LV)(builder), {
                timeoutMs: STEP_TIMEOUT_MS,
                allowFailure: true,
                whenCancelled: true,
            })
            : undefined,
    ]);
}
/** How post removes each kind; which kinds it removes, and in what order, is post-plan.ts's to say. */
const REMOVALS = {
    'leftover containers': (state) => enginesOf(state).map((d) => ({
        what: `remove leftover containers on ${d.join(' ')}`,
        run: () => removeContainers(d, state.containerPrefix),
    })),
    images: ({ images = [] }) => [
        {
            what: `remove ${images.join(', ')}`,
            run: async () => {
                const res = await (0,exec/* exec */.m0)((0,docker_images/* imageRemoveArgs */.b2)(images), {
                    timeoutMs: STEP_TIMEOUT_MS,
                    allowFailure: true,
                    quiet: true,
                });
                if (res.exitCode === 0)
                    log/* log */.Rm.info(`Removed ${images.join(', ')}.`);
                else if (!/No such image/i.test(res.output))
                    log/* log */.Rm.warning(`Could not remove ${images.join(', ')}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
            },
        },
    ],
    builder: ({ builder = '' }) => [
        {
            what: `remove builder ${builder}`,
            run: async () => {
                // Removes each node's BuildKit container too, over the same connections.
                const res = await (0,exec/* exec */.m0)((0,buildx/* builderRemoveArgs */.LV)(builder), {
                    timeoutMs: STEP_TIMEOUT_MS,
                    allowFailure: true,
                });
                if (res.exitCode !== 0 && !/no builder .* found|not found/i.test(res.output)) {
                    log/* log */.Rm.warning(`Could not remove builder ${builder}: ${(0,exec/* tail */.RT)(res.output, 3)}`);
                }
            },
        },
    ],
    'docker contexts': ({ contexts = [] }) => [
        {
            what: 'remove docker contexts',
            run: async () => {
                await (0,exec/* exec */.m0)((0,docker_contexts/* contextRemoveArgs */.TX)(contexts), { timeoutMs: STEP_TIMEOUT_MS });
                log/* log */.Rm.info(`Removed docker contexts ${contexts.join(', ')}.`);
            },
        },
    ],
    'ssh connections': ({ ssh }) => [
        {
            what: 'close the ssh connections',
            run: async () => {
                for (const argv of ssh ? sshExitArgs(ssh) : []) {
                    // No master running is fine: it may have timed out already.
                    await (0,exec/* exec */.m0)(argv, { timeoutMs: 15_000, allowFailure: true, quiet: true }).catch(() => undefined);
                }
            },
        },
    ],
    'ssh control dir': (state) => fileRemovals('ssh control dir', state, log/* log */.Rm),
    'temp dir': (state) => fileRemovals('temp dir', state, log/* log */.Rm),
};
/** What post removes for this saved state: each kind's removals, kinds in order. Pure. */
function removalsFor(state) {
    return postWork(state).map((kind) => ({ kind, removals: REMOVALS[kind](state) }));
}
async function cleanup(state = (0,runner_state/* loadState */.C7)()) {
    if (!state) {
        log/* log */.Rm.info('Nothing to clean up.');
        return;
    }
    // Docker runs with main's config (a buildx fetched for the run): builders and contexts are found.
    if (state.dockerConfig && (0,external_node_fs_.existsSync)(state.dockerConfig))
        process.env.DOCKER_CONFIG = state.dockerConfig;
    // Nodes are reached the way main reached them: through the private ssh setup.
    if (state.ssh)
        process.env.PATH = `${state.ssh.binDir}${external_node_path_.delimiter}${process.env.PATH ?? ''}`;
    await removeInOrder(post_plan_postWork(state), (kind) => REMOVALS[kind](state), log/* log */.Rm);
}

// EXTERNAL MODULE: ./src/docker/config-dir.ts
var config_dir = __webpack_require__(9133);
;// CONCATENATED MODULE: ./src/engine/session/docker-config.ts
/** The run's private DOCKER_CONFIG, shared by the registry logins and a buildx fetched for the run. */



/**
 * The run's private DOCKER_CONFIG, made once: every docker and buildx call of
 * this process uses it (process.env, never exported to later steps), and
 * post finds it in the state.
 */
async function runConfig(session, tempDir, logins = []) {
    if (session.state.dockerConfig)
        return session.state.dockerConfig;
    const config = await (0,config_dir/* createRunConfig */.AN)((0,external_node_path_.join)(tempDir, 'docker-config'), logins);
    process.env.DOCKER_CONFIG = config;
    remember(session, { dockerConfig: config });
    return config;
}

;// CONCATENATED MODULE: ./src/engine/session/login.ts
/** The session's registry logins, into the run's private DOCKER_CONFIG only. */




const LOGIN_TIMEOUT_MS = 60_000;
/** `docker login` to each registry, the password on stdin, into the run's config only. */
async function logIn(session, logins) {
    await log/* log */.Rm.group('Registry login', async () => {
        await runConfig(session, session.tempDir, logins.map((l) => l.registry));
        for (const { registry, username, password } of logins) {
            const res = await (0,exec/* exec */.m0)((0,config_dir/* loginArgs */.be)(registry, username), {
                input: password,
                timeoutMs: LOGIN_TIMEOUT_MS,
                allowFailure: true,
            });
            if (res.exitCode !== 0 || res.timedOut) {
                const why = res.timedOut
                    ? `no answer within ${LOGIN_TIMEOUT_MS / 1000} s`
                    : (0,exec/* tail */.RT)(res.output, 3) || `exit code ${res.exitCode}`;
                throw new Error(`Could not log in to ${registry} as ${username}: ${why}. Fix: check the registry, username and password inputs (a token needs read and write access to the repository), and that the engine reaches ${registry}.`);
            }
            log/* log */.Rm.info(`Logged in to ${registry} as ${username} (this step only).`);
        }
    });
}

// EXTERNAL MODULE: ./node_modules/@actions/tool-cache/lib/tool-cache.js + 2 modules
var tool_cache = __webpack_require__(9805);
;// CONCATENATED MODULE: ./src/runner/tool-cache.ts
/**
 * The runner's tool cache (RUNNER_TOOL_CACHE), through @actions/tool-cache:
 * the one place below the actions that reaches it, so the docker layer
 * imports no @actions package.
 */

/** The cached tool's directory, or '' when this version is not cached. */
function findTool(tool, version) {
    return tool_cache/* find */.I6(tool, version);
}
/** Downloads a URL to a temp file; returns its path. */
function downloadTool(url) {
    return tool_cache/* downloadTool */.bq(url);
}
/** Keeps `file` in the cache as `tool`'s `name` at `version`; returns the cached directory. */
function cacheFile(file, name, tool, version) {
    return tool_cache/* cacheFile */.NJ(file, name, tool, version);
}

// EXTERNAL MODULE: ./src/docker/buildx-version.ts
var buildx_version = __webpack_require__(5415);
;// CONCATENATED MODULE: ./src/docker/buildx-install.ts
/**
 * Fetches a buildx release for this run only, the way setup-buildx-action
 * does: download through the runner's tool cache (runner/tool-cache.ts),
 * check the release's sha256, keep it there. The run's private DOCKER_CONFIG
 * (config-dir.ts) points its cli-plugins at it; the user's ~/.docker is
 * never changed.
 */






const TOOL = 'docker-buildx';
async function sha256(file) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(file))
        hash.update(chunk);
    return hash.digest('hex');
}
/** The buildx binary for `version`: from the tool cache, or downloaded, verified and cached. */
async function fetchBuildx(version, baseUrl) {
    const tag = (0,buildx_version/* releaseTag */.aF)(version);
    const semver = tag.slice(1);
    const found = findTool(TOOL, semver);
    if (found)
        return { binary: (0,external_node_path_.join)(found, TOOL), cached: true };
    const asset = (0,buildx_version/* assetName */.SM)(tag, process.arch);
    const base = baseUrl.replace(/\/+$/, '');
    const checksums = await (0,promises_.readFile)(await downloadTool(`${base}/${tag}/checksums.txt`), 'utf8');
    const expected = (0,buildx_version/* checksumFor */.xs)(checksums, asset);
    if (!expected)
        throw new Error(`${base}/${tag}/checksums.txt lists no sha256 for ${asset}, so it cannot be verified`);
    const file = await downloadTool(`${base}/${tag}/${asset}`);
    const actual = await sha256(file);
    if (actual !== expected) {
        throw new Error(`${base}/${tag}/${asset} has sha256 ${actual}, but checksums.txt says ${expected}: not used. Check buildx-download-url.`);
    }
    await (0,promises_.chmod)(file, 0o755);
    const dir = await cacheFile(file, TOOL, TOOL, semver);
    return { binary: (0,external_node_path_.join)(dir, TOOL), cached: false };
}

// EXTERNAL MODULE: ./src/oci/platform.ts
var platform = __webpack_require__(1890);
;// CONCATENATED MODULE: ./src/engine/session/toolchain.ts
/**
 * The toolchain a build needs: the engine answers, and a buildx of the
 * version asked for, the installed one or one fetched for this run.
 */











/**
 * Makes a session ready for the build engine: the engine and buildx answer,
 * and there is a temp dir. The check action opens its session without them
 * and asks for them only when it builds.
 */
async function readyToBuild(session, buildx = { downloadUrl: buildx_version/* DEFAULT_BUILDX_DOWNLOAD_URL */.SB }) {
    if (!session.tempDir)
        remember(session, { tempDir: (session.tempDir = await makeTempDir()) });
    const tempDir = session.tempDir;
    // Started with the probe rather than after it: one round trip less before the build.
    const driver = (0,engine/* builderDriver */.kW)();
    driver.catch(() => undefined); // awaited, or dropped, later
    session.engine = await log/* log */.Rm.group('Docker engine', async () => {
        const e = await (0,engine/* probeEngine */.lt)(['docker']);
        log/* log */.Rm.info(`Engine: ${(0,platform/* formatPlatform */.Bq)(e.native)} ${e.version}, containerd image store: ${e.containerdStore ? 'yes' : 'no'}`);
        const installed = e.buildx ? (0,buildx_version/* parseBuildxVersion */.Ou)(e.buildx) : undefined;
        const need = (0,buildx_version/* buildxNeed */.zt)(buildx.version, installed);
        if (!need.install) {
            if (!e.buildx)
                throw new Error(`docker buildx is not available (${e.buildxError}). ${engine/* NO_BUILDX_FIX */.Nd}`);
            log/* log */.Rm.info(`Using ${need.reason}.`);
            session.buildxVersion = installed;
            session.currentBuilderDriver = driver;
            return e;
        }
        log/* log */.Rm.info(`Fetching buildx ${need.version} for this run: ${need.reason}.`);
        const fetched = await fetchBuildx(need.version, buildx.downloadUrl).catch((err) => {
            throw new Error(`Could not fetch buildx ${need.version} from ${buildx.downloadUrl}: ${(0,errors/* errorMessage */.gJ)(err)}. ${engine/* NO_BUILDX_FIX */.Nd}`);
        });
        log/* log */.Rm.info(`buildx ${need.version} ${fetched.cached ? 'found in the tool cache' : 'downloaded, checksum verified, and cached'}: ${fetched.binary}`);
        // Only the docker commands of this run see it; post reaches the same config.
        await (0,config_dir/* useBuildx */.yo)(await runConfig(session, tempDir), fetched.binary);
        const check = await (0,exec/* exec */.m0)(['docker', 'buildx', 'version'], {
            timeoutMs: 45_000,
            allowFailure: true,
            quiet: true,
        });
        if (check.exitCode !== 0)
            throw new Error(`The fetched buildx does not run: ${(0,exec/* tail */.RT)(check.output, 3)}. ${engine/* NO_BUILDX_FIX */.Nd}`);
        log/* log */.Rm.info(check.stdout.trim());
        session.buildxVersion = (0,buildx_version/* parseBuildxVersion */.Ou)(check.stdout) ?? need.version;
        return e;
    });
    return session;
}

;// CONCATENATED MODULE: ./src/engine/session/open.ts
/** Opens the run's session: state is saved before anything exists that post must remove. */









const ENGINE_FIX = 'Fix: start dockerd, or point DOCKER_HOST at a running engine.';
/** Opens the session: state is saved before anything exists that post must remove. */
async function openSession(opts) {
    const prefix = opts.prefix ?? `multiarch-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const logins = opts.logins ?? [];
    const tempDir = opts.tempDir || logins.length > 0 ? await makeTempDir() : undefined;
    const state = { tempDir, containerPrefix: prefix, docker: ['docker'] };
    (0,runner_state/* saveState */.LZ)(state);
    const session = { tempDir, prefix, state };
    // Cancelled, main stops its containers and builder itself: a smoke test's
    // `docker run` only returns once its container is gone. Post does the rest.
    (0,cancel/* onCancel */.Ao)('stop', () => removeRunning(state));
    if (logins.length > 0)
        await logIn(session, logins);
    if (opts.needs === 'buildx')
        return readyToBuild(session, opts.buildx);
    // No docker CLI at all reads as no engine: the check action can still read registries.
    const probed = await (0,engine/* inspectEngineAndBuildx */.Au)(['docker']).catch((err) => ({
        inspection: { ok: false, output: (0,errors/* errorMessage */.gJ)(err), timedOut: false },
    }));
    const inspected = probed.inspection;
    session.listedBuildx = probed.buildx;
    if (inspected.ok)
        session.engine = inspected.info;
    else if (opts.needs === 'engine')
        throw new Error(`Cannot reach the Docker engine: ${inspected.output}. ${ENGINE_FIX}`);
    return session;
}

;// CONCATENATED MODULE: ./src/engine/session/index.ts
/**
 * One engine session per run, in four parts: open (temp dir, prefix, state,
 * one probe of the engine), toolchain (the engine and buildx a build needs),
 * login (registries, into the run's private config) and cleanup (post).
 */






/***/ }),

/***/ 1730:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _actions_shared_unknown_inputs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5265);
/* harmony import */ var _engine_session__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8968);
/* harmony import */ var _commands__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9247);
/* harmony import */ var _runner_cancel__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4990);
/* harmony import */ var _runner_errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5507);
/* harmony import */ var _runner_github_host__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8052);
/* harmony import */ var _runner_log__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7708);
/* harmony import */ var _runner_state__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6003);








// One bundle serves every action in this repository: the runner starts it for
// main. Post has a small bundle of its own (src/post.ts); this one still runs
// post wherever an action.yml names it for post (isPost).
const host = (0,_runner_github_host__WEBPACK_IMPORTED_MODULE_5__/* .githubHost */ .S)();
(0,_runner_log__WEBPACK_IMPORTED_MODULE_6__/* .useHost */ .KT)(host);
if ((0,_runner_state__WEBPACK_IMPORTED_MODULE_7__/* .isPost */ .tl)()) {
    await (0,_engine_session__WEBPACK_IMPORTED_MODULE_1__/* .cleanup */ .tP)();
}
else {
    (0,_runner_state__WEBPACK_IMPORTED_MODULE_7__/* .markMain */ .rH)();
    // The runner cancels with SIGINT, then SIGTERM: stop every child, report, exit.
    (0,_runner_cancel__WEBPACK_IMPORTED_MODULE_3__/* .handleCancellation */ .qO)();
    try {
        // On GitHub the runner has warned already.
        const spec = process.env.GITHUB_ACTIONS === 'true' ? undefined : (0,_actions_shared_unknown_inputs__WEBPACK_IMPORTED_MODULE_0__/* .specFor */ .Fq)(host.input('command'));
        if (spec)
            for (const w of (0,_actions_shared_unknown_inputs__WEBPACK_IMPORTED_MODULE_0__/* .unknownInputWarnings */ .uX)(spec, process.env))
                host.log.warning(w);
        await (0,_commands__WEBPACK_IMPORTED_MODULE_2__/* .commandFor */ .F)(host.input('command'))(host);
    }
    catch (err) {
        host.fail((0,_runner_errors__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(err));
    }
}

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5141:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ foreignCharacter)
/* harmony export */ });
/**
 * Names the first character of a value that none of our grammars take, so that an error
 * about `linux∕arm64` (U+2215, not "/") or a fullwidth letter says why a value that looks
 * right is refused. Pure.
 */
/** U+FFFD is what Node makes of bytes that are not UTF-8: the value was never text. */
const REPLACEMENT = '\uFFFD';
/** "U+2215 ∕" for a visible character, "U+0000" for a control one. */
function codePoint(c) {
    const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return /[\p{Cc}\p{Cf}\p{Z}]/u.test(c) ? `U+${hex}` : `U+${hex} "${c}"`;
}
/**
 * Why a value holds something outside printable ASCII, or undefined when it does not:
 * invalid UTF-8, a control character, or a non-ASCII look-alike.
 */
function foreignCharacter(value) {
    if (value.includes(REPLACEMENT))
        return 'it is not valid UTF-8';
    const c = /[^\x20-\x7e]/u.exec(value)?.[0];
    if (c === undefined)
        return undefined;
    if (/\p{Cc}/u.test(c))
        return `it contains the control character ${codePoint(c)}`;
    return `it contains ${codePoint(c)}, which is not ASCII (a look-alike of an ASCII character?)`;
}


/***/ }),

/***/ 8630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ MultiarchError)
/* harmony export */ });
/* unused harmony export errorKind */
/**
 * The one error base of the action: every error it throws on purpose says
 * what kind of failure it is, so the CLI's exit code and the messages read
 * `kind`, not a chain of classes. Here, in the lowest layer, because every
 * layer (oci included) throws them; the rest import it through runner/errors.
 */
class MultiarchError extends Error {
    kind;
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
        // The subclass's own name (InputError, CommandError…), as a stack trace shows it.
        this.name = new.target.name;
    }
}
/** The kind of anything thrown; undefined for an error that is not one of ours. */
function errorKind(err) {
    return err instanceof MultiarchError ? err.kind : undefined;
}


/***/ }),

/***/ 1890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   DN: () => (/* binding */ platformSlug),
/* harmony export */   FL: () => (/* binding */ parsePlatform),
/* harmony export */   R3: () => (/* binding */ KNOWN_ARCHITECTURES),
/* harmony export */   S8: () => (/* binding */ normalize),
/* harmony export */   Wk: () => (/* binding */ PlatformError),
/* harmony export */   _H: () => (/* binding */ isUnknownPlatform),
/* harmony export */   cH: () => (/* binding */ platformTextProblem),
/* harmony export */   eb: () => (/* binding */ unknownPlatform),
/* harmony export */   my: () => (/* binding */ samePlatform)
/* harmony export */ });
/* harmony import */ var _characters__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5141);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8630);
/**
 * OCI platforms: parsing, normalising and matching.
 *
 * Docker and the OCI image spec spell the same platform several ways
 * (`linux/arm64` and `linux/arm64/v8`, `linux/arm` and `linux/arm/v7`), so every
 * comparison goes through `normalize` first.
 */


// Only lowercase letters, digits and a few separators: a platform is also used
// in container names and file names, so nothing else may get through.
const PART = /^[a-z0-9][a-z0-9._-]*$/;
/** Default variants that the OCI spec lets a manifest leave out. */
const DEFAULT_VARIANT = { arm64: 'v8', arm: 'v7' };
/** Architecture aliases people type that Docker does not use. */
const ARCH_ALIASES = {
    x86_64: 'amd64',
    'x86-64': 'amd64',
    aarch64: 'arm64',
    armhf: 'arm',
    i386: '386',
    i686: '386',
};
class PlatformError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .MultiarchError */ ._ {
    constructor(message) {
        super('invalid', message);
    }
}
/** What is wrong with a platform's text beyond its shape: a look-alike, invalid UTF-8. */
function platformTextProblem(value) {
    return (0,_characters__WEBPACK_IMPORTED_MODULE_1__/* .foreignCharacter */ .s)(value.trim());
}
/**
 * Parses `os/arch[/variant]`. Throws PlatformError naming the value and the
 * expected shape; callers add the input name.
 */
function parsePlatform(value) {
    const raw = value.trim();
    const parts = raw.split('/');
    if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
        const foreign = platformTextProblem(raw);
        throw new PlatformError(`"${raw}" is not a platform${foreign ? ` (${foreign})` : ''}: expected os/arch[/variant] made of lowercase letters, digits, ".", "_" or "-", like linux/amd64 or linux/arm/v7`);
    }
    const [os, arch, variant] = parts;
    return normalize({ os, architecture: arch, variant });
}
/** Canonical form: aliases resolved, default variants dropped. */
function normalize(p) {
    const architecture = ARCH_ALIASES[p.architecture] ?? p.architecture;
    let variant = p.variant || undefined;
    if (variant && DEFAULT_VARIANT[architecture] === variant)
        variant = undefined;
    return variant ? { os: p.os, architecture, variant } : { os: p.os, architecture };
}
function formatPlatform(p) {
    const n = normalize(p);
    return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}
/** True when both name the same platform: `arm64` ≡ `arm64/v8`, `arm/v7` ≠ `arm/v6`. */
function samePlatform(a, b) {
    return formatPlatform(a) === formatPlatform(b);
}
/** Attestation manifests in a buildx index carry this platform; they are not images. */
function isUnknownPlatform(p) {
    return p.os === 'unknown' || p.architecture === 'unknown';
}
/** A string safe to use inside file and container names: `linux-arm-v7`. */
function platformSlug(p) {
    return formatPlatform(p).replace(/\//g, '-');
}
/** Operating systems Go (and so Docker and BuildKit) builds for. */
const KNOWN_OS = new Set([
    'linux',
    'windows',
    'darwin',
    'freebsd',
    'netbsd',
    'openbsd',
    'dragonfly',
    'solaris',
    'illumos',
    'aix',
    'android',
    'ios',
    'plan9',
    'js',
    'wasip1',
]);
/** The architectures Go (and so Docker and BuildKit) builds for, as Docker names them. */
const KNOWN_ARCHITECTURES = [
    'amd64',
    'arm64',
    'arm',
    '386',
    'ppc64le',
    'ppc64',
    's390x',
    'riscv64',
    'mips64le',
    'mips64',
    'mipsle',
    'mips',
    'loong64',
    'wasm',
];
/** Variants the OCI image spec names, per architecture; others take any. */
const KNOWN_VARIANTS = {
    arm: /^v[5-8]$/,
    arm64: /^v8(\.[0-9])?$|^v9(\.[0-9])?$/,
    amd64: /^v[1-4]$/,
};
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
            const row = d[i];
            const prev = d[i - 1];
            row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
    return d[a.length][b.length];
}
function closest(word, known) {
    const best = known.map((k) => [k, distance(word, k)]).sort((x, y) => x[1] - y[1])[0];
    return best && best[1] <= 2 ? best[0] : undefined;
}
/**
 * Why a well-formed platform names nothing that exists (`linux/amd65`), with
 * the likely intended word; undefined for a real one.
 */
function unknownPlatform(p) {
    const n = normalize(p);
    if (!KNOWN_OS.has(n.os)) {
        const guess = closest(n.os, [...KNOWN_OS]);
        return `"${n.os}" is not an operating system${guess ? ` (did you mean ${guess}?)` : ''}`;
    }
    if (!KNOWN_ARCHITECTURES.includes(n.architecture)) {
        const guess = closest(n.architecture, KNOWN_ARCHITECTURES);
        return `"${n.architecture}" is not an architecture${guess ? ` (did you mean ${guess}?)` : ''}`;
    }
    const variants = KNOWN_VARIANTS[n.architecture];
    if (n.variant && variants && !variants.test(n.variant))
        return `"${n.variant}" is not a variant of ${n.architecture}`;
    return undefined;
}


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dh: () => (/* binding */ DIGEST),
/* harmony export */   Jk: () => (/* binding */ repository),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   rI: () => (/* binding */ ImageReferenceError)
/* harmony export */ });
/* unused harmony export formatRef */
/* harmony import */ var _characters__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5141);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8630);
/**
 * Image references (`[registry[:port]/]path[:tag][@digest]`), parsed with the
 * grammar of distribution/reference so that anything we accept, Docker accepts,
 * and nothing with shell syntax, spaces or control characters gets through.
 */


const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:localhost|\[[0-9a-fA-F:]+\]|(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*)(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
/** The digests registries use: sha256 and sha512, lowercase hex of exactly their length. */
const DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const HEX_LENGTH = new Map([
    ['sha256', 64],
    ['sha512', 128],
]);
/** distribution/reference's limit on `domain/path`. */
const NAME_MAX = 255;
/** Why a digest is not one, or undefined: the algorithm and its hex length, named. */
function digestProblem(digest) {
    if (DIGEST.test(digest))
        return undefined;
    const [algorithm, hex = ''] = digest.split(/:(.*)/s);
    const length = HEX_LENGTH.get(algorithm ?? '');
    if (length === undefined)
        return `"${digest}" is not a digest: the algorithm must be sha256 or sha512, like sha256:<64 hex>`;
    const notHex = /[^0-9a-f]/.test(hex) ? ', not all of them lowercase hex' : '';
    return `"${digest}" is not a digest: ${algorithm} takes exactly ${length} lowercase hex digits, and this has ${hex.length} characters${notHex}`;
}
class ImageReferenceError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .MultiarchError */ ._ {
    value;
    why;
    constructor(value, why) {
        super('invalid', `"${value}" is not a valid image reference (${why}); expected [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5`);
        this.value = value;
        this.why = why;
    }
}
function parseImageRef(value) {
    const fail = (why) => {
        throw new ImageReferenceError(value, why);
    };
    if (value.length === 0)
        fail('it is empty');
    if (value.length > 512)
        fail('it is longer than 512 characters');
    const foreign = (0,_characters__WEBPACK_IMPORTED_MODULE_1__/* .foreignCharacter */ .s)(value);
    if (foreign)
        fail(foreign);
    if (/\s/.test(value))
        fail('it contains a space or control character');
    let rest = value;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const problem = digestProblem(digest);
        if (problem)
            fail(problem);
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!TAG.test(tag))
            fail(`"${tag}" is not a valid tag`);
    }
    const parts = rest.split('/');
    let domain;
    const first = parts[0] ?? '';
    // Same rule as Docker: the first part is a registry when it looks like a host.
    if (parts.length > 1 &&
        (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first))) {
        domain = first;
        parts.shift();
        if (!DOMAIN.test(domain))
            fail(`"${domain}" is not a valid registry host`);
    }
    if (parts.some((p) => /[A-Z]/.test(p)) && parts.every((p) => COMPONENT.test(p.toLowerCase())))
        fail('the repository name must be lowercase');
    if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
        fail('the name must be lowercase letters, digits and separators ".", "_", "__", "-", joined by "/"');
    }
    const name = rest;
    if (name.length > NAME_MAX)
        fail(`the name is longer than ${NAME_MAX} characters`);
    return { domain, path: parts.join('/'), tag, digest };
}
/** `registry/path` without tag or digest: where a digest of this image lives. */
function repository(ref) {
    return ref.domain ? `${ref.domain}/${ref.path}` : ref.path;
}
function formatRef(ref) {
    return `${repository(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}


/***/ }),

/***/ 4990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $6: () => (/* binding */ cancelledMessage),
/* harmony export */   Ao: () => (/* binding */ onCancel),
/* harmony export */   GY: () => (/* binding */ timeLeftToExit),
/* harmony export */   RP: () => (/* binding */ exiting),
/* harmony export */   WN: () => (/* binding */ cancellation),
/* harmony export */   qO: () => (/* binding */ handleCancellation)
/* harmony export */ });
const hooks = {
    stop: new Set(),
    report: new Set(),
    drain: new Set(),
    hurry: new Set(),
};
let draining = false;
let cancelledBy;
let cancelledAt = 0;
/**
 * How long after the first signal main should be gone: the runner's SIGTERM
 * comes about 7.5 s after its SIGINT, and the exit must not race it.
 */
const EXIT_BUDGET_MS = 6_000;
/** Milliseconds left until a cancelled run should have exited (0 when none was cancelled or it is late). */
function timeLeftToExit(now = Date.now()) {
    return cancelledBy ? Math.max(0, cancelledAt + EXIT_BUDGET_MS - now) : 0;
}
/** Which signal cancelled the run, if one did. */
function cancellation() {
    return cancelledBy;
}
/** True once a cancelled run is about to exit: no command may start from then on, cleanup included. */
function exiting() {
    return draining;
}
/** The words every cancelled run's error starts with. */
function cancelledMessage(signal) {
    return `Cancelled (${signal}): the run was stopped before it finished. Every command it started was stopped and its containers removed; what is reported below is what was known by then.`;
}
/** Runs `fn` in a phase of the stop; returns the function that unregisters it. */
function onCancel(phase, fn) {
    hooks[phase].add(fn);
    return () => hooks[phase].delete(fn);
}
async function runPhase(phase, signal) {
    await Promise.all([...hooks[phase]].map(async (fn) => {
        try {
            await fn(signal);
        }
        catch {
            // A hook that fails must not keep the others, or the exit, from running.
        }
    }));
}
const EXIT_CODE = { SIGINT: 130, SIGTERM: 143 };
/**
 * Listens for SIGINT and SIGTERM. `after` runs once the report is out (the
 * CLI cleans up there, as it has no post step); then the process exits.
 */
function handleCancellation(after) {
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
            if (cancelledBy) {
                void runPhase('hurry', signal);
                return;
            }
            cancelledBy = signal;
            cancelledAt = Date.now();
            void (async () => {
                await runPhase('stop', signal);
                await runPhase('report', signal);
                await after?.().catch(() => undefined);
                // What is not removed by now is post's: nothing of main outlives it.
                draining = true;
                await runPhase('drain', signal);
            })().finally(() => process.exit(EXIT_CODE[signal]));
        });
    }
}


/***/ }),

/***/ 5507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _G: () => (/* reexport safe */ _oci_errors__WEBPACK_IMPORTED_MODULE_0__._),
/* harmony export */   gJ: () => (/* binding */ errorMessage)
/* harmony export */ });
/* harmony import */ var _oci_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8630);

/** The message of anything thrown: an Error's message, else its string form. */
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}


/***/ }),

/***/ 8052:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S: () => (/* binding */ githubHost)
});

// UNUSED EXPORTS: githubLog

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/runner/summary.ts

/** Adds Markdown to the job summary file, when the runner gives one; a failure only warns. */
async function appendSummary(file, markdown, log) {
    if (!file)
        return;
    try {
        await (0,promises_.appendFile)(file, `${markdown}\n`);
    }
    catch (err) {
        log.warning(`could not write the job summary: ${String(err)}`);
    }
}

;// CONCATENATED MODULE: ./src/runner/github-host.ts
/**
 * The runner's adapter of the host port: inputs from INPUT_* variables,
 * outputs into GITHUB_OUTPUT, the log as workflow commands, all through
 * @actions/core.
 */



function underRunner(env) {
    return env.GITHUB_ACTIONS === 'true';
}
/** The log as the runner reads it. `env` is read at each call (tests stub it). */
function githubLog(env = () => process.env) {
    return {
        info: (message) => core/* info */.pq(message),
        warning: (message, where) => core/* warning */.$e(message, where),
        error: (message, where) => core/* error */.z3(message, where),
        notice: (message, where) => core/* notice */.lm(message, where),
        debug: (message) => core/* debug */.Yz(message),
        verbatim(text) {
            // Under a runner, text that holds workflow commands (::add-mask::, ::error::) must be read as text only.
            if (!underRunner(env()))
                return core/* info */.pq(text);
            const token = `multiarch-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`;
            core/* info */.pq(`::stop-commands::${token}`);
            core/* info */.pq(text);
            core/* info */.pq(`::${token}::`);
        },
        group: (title, work) => core/* group */.Os(title, work),
    };
}
function githubHost(env = () => process.env) {
    const log = githubLog(env);
    return {
        input: (name) => core/* getInput */.V4(name),
        // Outside a runner (a script setting INPUT_*), core would print ::set-output:: lines.
        setOutput(name, value) {
            if (env().GITHUB_OUTPUT)
                core/* setOutput */.uH(name, value);
        },
        // ::add-mask:: is a command only a runner consumes: anywhere else (a CI log that is not
        // GitHub's) the line itself would print the secret, so it is not written there.
        setSecret(value) {
            if (underRunner(env()))
                core/* setSecret */.Pq(value);
        },
        summary: (markdown) => appendSummary(env().GITHUB_STEP_SUMMARY, markdown, log),
        log,
        fail: (message) => core/* setFailed */.C1(message),
    };
}


/***/ }),

/***/ 9205:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   Bs: () => (/* binding */ checkTag),
/* harmony export */   Hv: () => (/* binding */ keyValue),
/* harmony export */   KD: () => (/* binding */ checked),
/* harmony export */   Xo: () => (/* binding */ boundedNumber),
/* harmony export */   Zo: () => (/* binding */ buildArgList),
/* harmony export */   __: () => (/* binding */ checkRef),
/* harmony export */   cc: () => (/* binding */ buildArgsInput),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   fv: () => (/* binding */ platformsInput),
/* harmony export */   gm: () => (/* binding */ pathInput),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   lq: () => (/* binding */ optional),
/* harmony export */   nd: () => (/* binding */ integer),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   pu: () => (/* binding */ DEFAULT_PLATFORMS),
/* harmony export */   re: () => (/* binding */ textInputs),
/* harmony export */   v: () => (/* binding */ eachMatching),
/* harmony export */   yG: () => (/* binding */ regex),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* harmony import */ var _oci_platform__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1890);
/* harmony import */ var _oci_reference__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2148);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5507);
/* harmony import */ var _list__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2812);
/**
 * The input kit every action uses: split lists, read booleans and numbers,
 * validate references, paths and platforms. Every error names the input, the
 * value and the fix. Pure: callers pass the raw strings.
 */




/** Built when an action is given no platforms. */
const DEFAULT_PLATFORMS = 'linux/amd64,linux/arm64';
/** How much of a bad value an error repeats: enough to find it, not a 100 KB log line. */
const SHOWN_MAX = 200;
function shown(value) {
    if (value.length <= SHOWN_MAX)
        return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, SHOWN_MAX))}… (${value.length} characters)`;
}
class InputError extends _errors__WEBPACK_IMPORTED_MODULE_2__/* .MultiarchError */ ._G {
    constructor(input, value, problem, fix, options) {
        super('input', `Input "${input}": ${shown(value)} ${problem}. ${fix}`, options);
    }
}
/**
 * An action's input reader that refuses, whatever the input, a value that is not text: bytes
 * that are not UTF-8 (which Node turns into U+FFFD, and which would otherwise reach a label or
 * a tag as replacement characters) and NUL (which no argv element can hold). A secret's value
 * is not repeated.
 */
function textInputs(get, secrets = []) {
    return (name) => {
        const raw = get(name);
        const problem = raw.includes('\uFFFD')
            ? 'is not valid UTF-8'
            : raw.includes('\0')
                ? 'contains a NUL character'
                : undefined;
        if (problem) {
            throw new InputError(name, secrets.includes(name) ? '***' : raw, problem, 'Give the value as UTF-8 text without NUL characters.');
        }
        return raw;
    };
}
/** A list input whose every item must match a pattern. */
function eachMatching(name, items, pattern, problem, fix) {
    for (const item of items)
        if (!pattern.test(item))
            throw new InputError(name, item, problem, fix);
    return items;
}
/** An input that takes one of a few words; an empty one is `fallback`, when there is one. */
function oneOf(name, raw, values, fallback) {
    const v = raw.trim() || (fallback ?? '');
    if (values.includes(v))
        return v;
    throw new InputError(name, raw, `is not one of ${values.join(', ')}`, `Use ${values.slice(0, -1).join(', ')} or ${values.at(-1)}.`);
}
/**
 * Splits a list input on newlines and, where `commas`, on commas too; drops
 * blanks and `#` comment lines.
 */
function list(raw, commas) {
    return raw
        .split(/\r?\n/)
        .flatMap((line) => (commas ? line.split(',') : [line]))
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('#'));
}
/**
 * A list input read as docker/build-push-action reads it (see list.ts):
 * quoted items, multi-line quoted values, `#` comment lines. `redact` keeps
 * the value out of the error (secrets).
 */
function listInput(name, raw, syntax, opts = {}) {
    try {
        return (0,_list__WEBPACK_IMPORTED_MODULE_3__/* .splitList */ .ry)(raw, syntax);
    }
    catch (err) {
        if (err instanceof _list__WEBPACK_IMPORTED_MODULE_3__/* .UnclosedQuoteError */ .q2) {
            const line = raw.split(/\r?\n/)[err.line - 1] ?? '';
            throw new InputError(name, opts.redact ? '***' : line, `opens a quote on line ${err.line} that is never closed`, 'Close it: a quoted item starts and ends with " (it may span lines), and "" inside it is one quote.', { cause: err });
        }
        throw err;
    }
}
/**
 * Masks a secret in the log: the whole value and, because the runner matches
 * masks line by line, each line of one that spans lines (but not PEM armour
 * lines, nor lines too short to be anything but noise).
 */
function maskSecret(value, mask) {
    if (value.trim() === '')
        return;
    mask(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    if (lines.length < 2)
        return;
    for (const line of lines)
        if (line.length >= 4 && !line.startsWith('-----'))
            mask(line);
}
function optional(raw) {
    return raw.trim() || undefined;
}
function bool(name, raw, fallback) {
    const v = raw.trim();
    if (v === '' && fallback !== undefined)
        return fallback;
    // As core.getBooleanInput reads them: the YAML 1.2 core booleans, nothing else.
    if (['true', 'True', 'TRUE'].includes(v))
        return true;
    if (['false', 'False', 'FALSE'].includes(v))
        return false;
    throw new InputError(name, raw, 'is not a boolean', 'Use true or false.');
}
/**
 * A number input from `min` to `max`, empty taking `fallback`: `read` turns the trimmed text
 * into the number it says, or undefined when it says none.
 */
function boundedNumber(name, raw, range, read, refusal) {
    const v = raw.trim();
    if (v === '')
        return range.fallback;
    const n = read(v);
    if (n === undefined)
        throw new InputError(name, raw, refusal.notANumber, refusal.fix);
    if (n < range.min || n > range.max)
        throw new InputError(name, raw, refusal.outOfRange, refusal.fix);
    return n;
}
/** A whole number of seconds from `min` to `max`; empty is `fallback`. */
function integer(name, raw, fallback, min, max) {
    const problem = `is not a whole number from ${min} to ${max}`;
    const whole = (v) => (/^\d+$/.test(v) ? Number(v) : undefined);
    return boundedNumber(name, raw, { fallback, min, max }, whole, {
        notANumber: problem,
        outOfRange: problem,
        fix: `Give seconds, like ${fallback}.`,
    });
}
/** A list of platforms, each parsed and named once; empty takes `fallback` (platforms' default). */
function platformsInput(raw, name = 'platforms', fallback = DEFAULT_PLATFORMS) {
    const values = listInput(name, raw.trim() ? raw : fallback, { commas: 'split' });
    const seen = new Set();
    return values.map((v) => {
        let p;
        try {
            p = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .parsePlatform */ .FL)(v);
        }
        catch (err) {
            if (err instanceof _oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .PlatformError */ .Wk) {
                const foreign = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .platformTextProblem */ .cH)(v);
                throw new InputError(name, v, `is not a platform${foreign ? ` (${foreign})` : ''}`, 'Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7, separated by commas or newlines.', { cause: err });
            }
            throw err;
        }
        const unknown = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .unknownPlatform */ .eb)(p);
        if (unknown) {
            throw new InputError(name, v, `is not a platform: ${unknown}`, 'Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7.');
        }
        const key = (0,_oci_platform__WEBPACK_IMPORTED_MODULE_0__/* .formatPlatform */ .Bq)(p);
        if (seen.has(key)) {
            throw new InputError(name, v, `names ${key} a second time`, 'List each platform once (linux/arm64 and linux/arm64/v8 are the same platform).');
        }
        seen.add(key);
        return p;
    });
}
function checkRef(name, value) {
    try {
        (0,_oci_reference__WEBPACK_IMPORTED_MODULE_1__/* .parseImageRef */ .Q)(value);
    }
    catch (err) {
        if (err instanceof _oci_reference__WEBPACK_IMPORTED_MODULE_1__/* .ImageReferenceError */ .rI) {
            throw new InputError(name, value, `is not a valid image reference (${err.why})`, 'Use [registry/]name[:tag][@digest], like ghcr.io/acme/api:1.5.', { cause: err });
        }
        throw err;
    }
    return value;
}
function checkTag(value) {
    checkRef('tags', value);
    if (value.includes('@')) {
        throw new InputError('tags', value, 'has a digest', 'A tag names what to push, so it cannot have one: drop the @sha256:… part.');
    }
    return value;
}
/** Paths and URLs go to buildx as one argv word; a leading "-" would read as a flag. */
function pathInput(name, value) {
    if (value.startsWith('-') || /\p{Cc}/u.test(value)) {
        throw new InputError(name, value, 'is not a usable path', 'Give a path (or Git URL) that does not start with "-" and has no control characters.');
    }
    return value;
}
/** A build argument's name, as a Dockerfile ARG takes it. */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The build action's build-args, as build-push-action reads them: one per line
 * (commas kept), quoted values may span lines, and a bare NAME passes on for
 * buildx to take the value from the environment.
 */
function buildArgList(raw) {
    return listInput('build-args', raw, { commas: 'keep' }).map((a) => !a.includes('=') && ARG_NAME.test(a) ? a : keyValue('build-args', a, ARG_NAME));
}
/** One KEY=VALUE per line; the key is a variable name. */
function buildArgsInput(raw) {
    return list(raw, false).map((a) => keyValue('build-args', a, /^[A-Za-z_][A-Za-z0-9_]*$/));
}
/** What a key may hold, for the inputs whose keys have a rule worth telling. */
const KEY_RULES = {
    'build-args': 'letters, digits and _, not starting with a digit',
    'smoke-env': 'letters, digits and _, not starting with a digit',
    labels: 'letters, digits, _, ., - and /, starting with a letter or digit, like org.opencontainers.image.source',
};
function keyValue(name, value, key) {
    const eq = value.indexOf('=');
    if (eq <= 0 || !key.test(value.slice(0, eq))) {
        throw new InputError(name, value, 'is not KEY=VALUE', `Write one KEY=VALUE per line${KEY_RULES[name] ? ` (KEY: ${KEY_RULES[name]})` : ''}.`);
    }
    return value;
}
function checked(name, value, pattern, what) {
    if (value !== undefined && !pattern.test(value)) {
        throw new InputError(name, value, 'contains characters that are not allowed', `Give ${what}.`);
    }
    return value;
}
function regex(name, raw) {
    try {
        return new RegExp(raw, 'm');
    }
    catch (err) {
        throw new InputError(name, raw, `is not a valid regular expression (${(0,_errors__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)})`, 'Give a JavaScript regular expression, like "hello from (x86_64|aarch64)".');
    }
}


/***/ }),

/***/ 2812:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xc: () => (/* binding */ csvRecords),
/* harmony export */   q2: () => (/* binding */ UnclosedQuoteError),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);
/**
 * List inputs, read the way docker/build-push-action reads them (the
 * toolkit's getInputList: CSV records, relaxed quotes), so that a `with:`
 * block means the same here:
 * - one item per line; `commas: 'split'` also splits each line on commas,
 *   `commas: 'keep'` keeps an item's commas (build-args, labels, cache specs…);
 * - an item may be quoted: `"a,b"` is one value without its quotes, `""` in it
 *   is a quote, and a quoted item may span lines (a multi-line secret);
 * - a quote that does not open an item is an ordinary character (`k="v"`);
 * - lines starting with `#` are comments (build-push-action has none; there
 *   such a line would reach buildx as a value);
 * - items are trimmed, and empty ones dropped.
 * `quotes: false` reads quotes as ordinary characters (outputs, driver-opts,
 * whose buildx syntax quotes values itself). Pure.
 */

/** A quoted item that never ends; `line` is where it opened (1-based). */
class UnclosedQuoteError extends _errors__WEBPACK_IMPORTED_MODULE_0__/* .MultiarchError */ ._G {
    line;
    constructor(line) {
        super('invalid', `a quote opened on line ${line} is never closed`);
        this.line = line;
    }
}
/** CSV records: each a list of fields, as csv-parse reads them with relax_quotes. */
function csvRecords(text, quotes = true) {
    const records = [];
    let fields = [];
    let field = '';
    // The field opened with a quote and has not closed it yet.
    let quoting = false;
    // The field started (a character, or a closed quote): a quote now is literal.
    let started = false;
    let line = 1;
    let openedOn = 1;
    const endField = () => {
        fields.push(field);
        field = '';
        started = false;
    };
    const endRecord = () => {
        endField();
        // A blank line is no record (csv-parse's skip_empty_lines).
        if (!(fields.length === 1 && fields[0] === ''))
            records.push(fields);
        fields = [];
    };
    // Like csv-parse, the first line break met outside quotes is the one that ends records.
    let eol;
    /** The length of the record delimiter at `at`, or 0. */
    const breakAt = (at) => {
        if (eol === undefined) {
            if (text[at] !== '\r' && text[at] !== '\n')
                return 0;
            eol = text.startsWith('\r\n', at) ? '\r\n' : text[at];
        }
        return text.startsWith(eol, at) ? eol.length : 0;
    };
    let i = 0;
    while (i < text.length) {
        const atRecordStart = fields.length === 0 && !started && !quoting && field === '';
        if (atRecordStart && text[text.slice(i).search(/[^ \t]|$/) + i] === '#') {
            let end = i;
            while (end < text.length && breakAt(end) === 0)
                end++;
            i = end + breakAt(end);
            line++;
            continue;
        }
        const c = text[i];
        if (quoting) {
            if (c === '"') {
                const next = text[i + 1];
                if (next === '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoting = false;
                started = true;
                if (next !== undefined && next !== ',' && breakAt(i + 1) === 0) {
                    // A quote closing in mid-item: the item was not quoted after all, and reads as written.
                    field = `"${field}"`;
                }
                i++;
                continue;
            }
            if (c === '\n')
                line++;
            field += c;
            i++;
            continue;
        }
        if (c === ',') {
            endField();
            i++;
        }
        else if (breakAt(i) > 0) {
            i += breakAt(i);
            endRecord();
            line++;
        }
        else if (c === '"' && quotes && !started && field === '') {
            quoting = true;
            openedOn = line;
            i++;
        }
        else {
            field += c;
            started = true;
            i++;
        }
    }
    if (quoting)
        throw new UnclosedQuoteError(openedOn);
    if (fields.length > 0 || started || field !== '')
        endRecord();
    return records;
}
/** The items of a list input. Throws UnclosedQuoteError for a quote that never ends. */
function splitList(raw, syntax) {
    const items = [];
    for (const record of csvRecords(raw, syntax.quotes ?? true)) {
        if (syntax.commas === 'keep')
            items.push(record.join(','));
        else if (record.length === 1)
            items.push(...record[0].split(','));
        else
            items.push(...record);
    }
    return items.map((s) => s.trim()).filter((s) => s !== '');
}


/***/ }),

/***/ 7708:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HU: () => (/* binding */ aside),
/* harmony export */   KT: () => (/* binding */ useHost),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   Rm: () => (/* binding */ log)
/* harmony export */ });
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6698);
/* harmony import */ var node_async_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_async_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _github_host__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8052);
/**
 * The log, and the masking, of the host this process runs under: what the
 * engine, verify and docker layers write to without knowing who shows it.
 * The runner's host until an entry point installs another (the CLI's
 * terminal).
 */


let host = (0,_github_host__WEBPACK_IMPORTED_MODULE_1__/* .githubHost */ .S)();
/** Makes `next` this process's host; returns the function that puts the previous one back. */
function useHost(next) {
    const previous = host;
    host = next;
    return () => {
        host = previous;
    };
}
const holding = new node_async_hooks__WEBPACK_IMPORTED_MODULE_0__.AsyncLocalStorage();
/** Writes a line now, or holds it for the aside() it was logged under. */
function write(line) {
    const held = holding.getStore();
    if (held)
        held.push({ line });
    else
        line(host.log);
}
const log = {
    info: (message) => write((to) => to.info(message)),
    warning: (message, where) => write((to) => to.warning(message, where)),
    error: (message, where) => write((to) => to.error(message, where)),
    notice: (message, where) => write((to) => to.notice(message, where)),
    debug: (message) => write((to) => to.debug(message)),
    verbatim: (text) => write((to) => to.verbatim(text)),
    group(title, work) {
        const held = holding.getStore();
        if (!held)
            return host.log.group(title, work);
        const inner = [];
        held.push({ title, held: inner });
        return holding.run(inner, work);
    },
};
/** Shows held lines as they would have been shown, groups and all. */
async function replay(held) {
    for (const entry of held) {
        if ('line' in entry)
            entry.line(host.log);
        else
            await host.log.group(entry.title, () => replay(entry.held));
    }
}
/**
 * Starts `work` now, beside other work, with what it logs held back: a log
 * group cannot open while another one is open. The function returned waits
 * for it, shows its log where it is called, and gives its result or throws
 * its error. Until then, a failure of `work` is no unhandled rejection.
 */
function aside(work) {
    const held = [];
    const settled = holding
        .run(held, work)
        .then((value) => ({ ok: true, value }))
        .catch((error) => ({ ok: false, error }));
    return async () => {
        const result = await settled;
        await replay(held.splice(0));
        if (!result.ok)
            throw result.error;
        return result.value;
    };
}
/** Masks a value wherever the host shows the log. */
function setSecret(value) {
    host.setSecret(value);
}


/***/ }),

/***/ 6003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C7: () => (/* binding */ loadState),
/* harmony export */   LZ: () => (/* binding */ saveState),
/* harmony export */   ig: () => (/* binding */ mainEnded),
/* harmony export */   mI: () => (/* binding */ made),
/* harmony export */   rH: () => (/* binding */ markMain),
/* harmony export */   rq: () => (/* binding */ removed),
/* harmony export */   tl: () => (/* binding */ isPost)
/* harmony export */ });
/* unused harmony export savedState */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6058);
/* harmony import */ var _post_state__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6558);
/**
 * What main hands to post, through the runner's GITHUB_STATE. Read once into
 * typed values; no string keys elsewhere. Main also tells post what it saw
 * removed itself (`mainCleaned`), so that post does not look for it again.
 */


/** dist/index.js started for post (an action.yml that names it there, or an older one): main leaves this mark. */
function isPost() {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_post_state__WEBPACK_IMPORTED_MODULE_1__/* .STATE_NAMES */ .p.isPost) === 'true';
}
// The latest state, for the CLI, which runs main and post in one process.
let latest;
/** Only under a runner: elsewhere (the CLI) core would print ::save-state:: lines. */
function persist(name, value) {
    if (process.env.GITHUB_STATE)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(name, value);
}
function markMain() {
    persist(_post_state__WEBPACK_IMPORTED_MODULE_1__/* .STATE_NAMES */ .p.isPost, 'true');
}
function saveState(state) {
    latest = state;
    persist(_post_state__WEBPACK_IMPORTED_MODULE_1__/* .STATE_NAMES */ .p.state, JSON.stringify(state));
}
/** What this process saved last. */
function savedState() {
    return latest;
}
function loadState() {
    return (0,_post_state__WEBPACK_IMPORTED_MODULE_1__/* .readPostState */ .c)(process.env);
}
// What main made and has not seen removed, by key.
const unremoved = new Set();
const keyOf = (what) => JSON.stringify('image' in what ? ['image', what.image] : ['container', what.docker, what.container]);
/**
 * Called before the command that makes it starts: until `removed`, post looks
 * for it. Made after main ended, it takes `mainCleaned` back.
 */
function made(what) {
    unremoved.add(keyOf(what));
    if (latest?.mainCleaned) {
        delete latest.mainCleaned;
        saveState(latest);
    }
}
/** Main saw it removed: the engine said so, after every command that could make it had returned. */
function removed(what) {
    unremoved.delete(keyOf(what));
}
/**
 * At the end of a main that was not cancelled: when everything it made was
 * seen removed, post is told it need not look for leftovers.
 */
function mainEnded() {
    if (!latest || latest.mainCleaned || unremoved.size > 0)
        return;
    latest.mainCleaned = true;
    saveState(latest);
}


/***/ }),

/***/ 4119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ ProbeError),
/* harmony export */   Kd: () => (/* binding */ probePort),
/* harmony export */   Qc: () => (/* binding */ probeText),
/* harmony export */   WH: () => (/* binding */ describeProbe),
/* harmony export */   i2: () => (/* binding */ judgeHttp),
/* harmony export */   u5: () => (/* binding */ parseProbe),
/* harmony export */   u7: () => (/* binding */ judgeHealth)
/* harmony export */ });
/* harmony import */ var _runner_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5507);
/**
 * Readiness probes for images that serve: what `smoke-probe` says, and how one
 * answer is judged. Pure; probe-run.ts does the waiting.
 */

class ProbeError extends _runner_errors__WEBPACK_IMPORTED_MODULE_0__/* .MultiarchError */ ._G {
    constructor(message) {
        super('invalid', message);
    }
}
const FORMS = 'Use http://:PORT/PATH (passes on a 2xx or 3xx answer), tcp://:PORT (passes when a connection is accepted), healthcheck (the image’s own HEALTHCHECK) or log:REGEX (the container’s output matches).';
function port(raw, value) {
    if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
        throw new ProbeError(`${JSON.stringify(value)} names port ${JSON.stringify(raw)}, which is not from 1 to 65535. ${FORMS}`);
    }
    return Number(raw);
}
/** Parses the smoke-probe input. Undefined when empty: the smoke run then waits for the command to exit. */
function parseProbe(raw) {
    const v = raw.trim();
    if (v === '')
        return undefined;
    if (v === 'healthcheck')
        return { kind: 'healthcheck' };
    if (v.startsWith('log:')) {
        const source = v.slice(4);
        if (source === '')
            throw new ProbeError(`"log:" needs a regular expression after it. ${FORMS}`);
        try {
            return { kind: 'log', pattern: new RegExp(source, 'm') };
        }
        catch (err) {
            throw new ProbeError(`${JSON.stringify(v)} is not a valid regular expression (${err instanceof Error ? err.message : String(err)}). ${FORMS}`);
        }
    }
    const http = /^http:\/\/:([^/]*)(\/[^\s]*)?$/.exec(v);
    if (http)
        return { kind: 'http', port: port(http[1] ?? '', v), path: http[2] ?? '/' };
    const tcp = /^tcp:\/\/:([^/]*)$/.exec(v);
    if (tcp)
        return { kind: 'tcp', port: port(tcp[1] ?? '', v) };
    throw new ProbeError(`${JSON.stringify(v)} is not a probe. ${FORMS}`);
}
/** The probe as the smoke-probe input spells it (parseProbe reads it back), so a record of it compares with the workflow. */
function probeText(p) {
    switch (p.kind) {
        case 'http':
            return `http://:${p.port}${p.path}`;
        case 'tcp':
            return `tcp://:${p.port}`;
        case 'healthcheck':
            return 'healthcheck';
        case 'log':
            return `log:${p.pattern.source}`;
    }
}
/** The probe as the user wrote it, for messages; a bare "healthcheck" would read as a word there. */
function describeProbe(p) {
    return p.kind === 'healthcheck' ? 'the image’s HEALTHCHECK' : probeText(p);
}
/** The container port a probe reaches through a published host port. */
function probePort(p) {
    return p.kind === 'http' || p.kind === 'tcp' ? p.port : undefined;
}
/**
 * An HTTP answer. 2xx and 3xx mean ready. A 5xx (or 408/429) is a server still
 * warming up: keep probing. Any other 4xx is an answer that will not change by
 * waiting, such as a 404 for a path that does not exist.
 */
function judgeHttp(status, body) {
    if (status >= 200 && status < 400)
        return { state: 'ready' };
    const tail = body.replace(/\s+/g, ' ').trim().slice(-200);
    const why = `answered ${status}${tail ? ` (${tail})` : ''}`;
    if (status >= 400 && status < 500 && status !== 408 && status !== 429)
        return { state: 'failed', why };
    return { state: 'waiting', why };
}
/** The image's own HEALTHCHECK, as the engine reports it. */
function judgeHealth(state) {
    const health = state.Health;
    if (!health) {
        return {
            state: 'failed',
            why: 'the image has no HEALTHCHECK. Give smoke-probe an http://:PORT/PATH or tcp://:PORT instead, or add a HEALTHCHECK to the Dockerfile',
        };
    }
    if (health.Status === 'healthy')
        return { state: 'ready' };
    const last = health.Log?.at(-1);
    const detail = last
        ? ` (last check: exit ${last.ExitCode ?? '?'}${last.Output?.trim() ? `, ${last.Output.trim().slice(-200)}` : ''})`
        : '';
    if (health.Status === 'unhealthy')
        return { state: 'failed', why: `HEALTHCHECK reports unhealthy${detail}` };
    return {
        state: 'waiting',
        why: `HEALTHCHECK reports ${health.Status ?? 'nothing yet'}${detail}`,
    };
}


/***/ })

};
