export const id = 716;
export const ids = [716];
export const modules = {

/***/ 8716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  REMOVALS: () => (/* binding */ REMOVALS),
  cleanup: () => (/* binding */ cleanup),
  removalsFor: () => (/* binding */ removalsFor),
  removeRunning: () => (/* binding */ removeRunning),
  sshExitArgs: () => (/* binding */ sshExitArgs)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:async_hooks"
var external_node_async_hooks_ = __webpack_require__(6698);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var lib_core = __webpack_require__(6421);
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
        info: (message) => lib_core/* info */.pq(message),
        warning: (message, where) => lib_core/* warning */.$e(message, where),
        error: (message, where) => lib_core/* error */.z3(message, where),
        notice: (message, where) => lib_core/* notice */.lm(message, where),
        debug: (message) => lib_core/* debug */.Yz(message),
        verbatim(text) {
            // Under a runner, text that holds workflow commands (::add-mask::, ::error::) must be read as text only.
            if (!underRunner(env()))
                return lib_core/* info */.pq(text);
            const token = `multiarch-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`;
            lib_core/* info */.pq(`::stop-commands::${token}`);
            lib_core/* info */.pq(text);
            lib_core/* info */.pq(`::${token}::`);
        },
        group: (title, work) => lib_core/* group */.Os(title, work),
    };
}
function githubHost(env = () => process.env) {
    const log = githubLog(env);
    return {
        input: (name) => lib_core/* getInput */.V4(name),
        // Outside a runner (a script setting INPUT_*), core would print ::set-output:: lines.
        setOutput(name, value) {
            if (env().GITHUB_OUTPUT)
                lib_core/* setOutput */.uH(name, value);
        },
        // ::add-mask:: is a command only a runner consumes: anywhere else (a CI log that is not
        // GitHub's) the line itself would print the secret, so it is not written there.
        setSecret(value) {
            if (underRunner(env()))
                lib_core/* setSecret */.Pq(value);
        },
        summary: (markdown) => appendSummary(env().GITHUB_STEP_SUMMARY, markdown, log),
        log,
        fail: (message) => lib_core/* setFailed */.C1(message),
    };
}

;// CONCATENATED MODULE: ./src/runner/log.ts
/**
 * The log, and the masking, of the host this process runs under: what the
 * engine, verify and docker layers write to without knowing who shows it.
 * The runner's host until an entry point installs another (the CLI's
 * terminal).
 */


let host = githubHost();
/** Makes `next` this process's host; returns the function that puts the previous one back. */
function useHost(next) {
    const previous = host;
    host = next;
    return () => {
        host = previous;
    };
}
const holding = new external_node_async_hooks_.AsyncLocalStorage();
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

// EXTERNAL MODULE: ./src/oci/errors.ts
var errors = __webpack_require__(8630);
;// CONCATENATED MODULE: ./src/oci/platform.ts
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
class platform_PlatformError extends errors/* MultiarchError */._ {
    constructor(message) {
        super('invalid', message);
    }
}
/** What is wrong with a platform's text beyond its shape: a look-alike, invalid UTF-8. */
function platformTextProblem(value) {
    return foreignCharacter(value.trim());
}
/**
 * Parses `os/arch[/variant]`. Throws PlatformError naming the value and the
 * expected shape; callers add the input name.
 */
function platform_parsePlatform(value) {
    const raw = value.trim();
    const parts = raw.split('/');
    if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
        const foreign = platformTextProblem(raw);
        throw new platform_PlatformError(`"${raw}" is not a platform${foreign ? ` (${foreign})` : ''}: expected os/arch[/variant] made of lowercase letters, digits, ".", "_" or "-", like linux/amd64 or linux/arm/v7`);
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
function platform_formatPlatform(p) {
    const n = normalize(p);
    return n.variant ? `${n.os}/${n.architecture}/${n.variant}` : `${n.os}/${n.architecture}`;
}
/** True when both name the same platform: `arm64` ≡ `arm64/v8`, `arm/v7` ≠ `arm/v6`. */
function samePlatform(a, b) {
    return platform_formatPlatform(a) === platform_formatPlatform(b);
}
/** Attestation manifests in a buildx index carry this platform; they are not images. */
function isUnknownPlatform(p) {
    return p.os === 'unknown' || p.architecture === 'unknown';
}
/** A string safe to use inside file and container names: `linux-arm-v7`. */
function platformSlug(p) {
    return platform_formatPlatform(p).replace(/\//g, '-');
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
const KNOWN_ARCHITECTURES = (/* unused pure expression or super */ null && ([
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
]));
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

;// CONCATENATED MODULE: ./src/docker/buildx.ts
/** argv for `docker buildx build` and for the builders this action creates. Pure. */

function buildArgs(opts, call) {
    const argv = [...call.docker, 'buildx', 'build', '--progress', call.progress ?? 'plain'];
    if (opts.builder)
        argv.push('--builder', opts.builder);
    argv.push('--platform', call.platforms.map(formatPlatform).join(','));
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
        ...['--platform', platforms.map(formatPlatform).join(','), context],
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

// EXTERNAL MODULE: ./src/runner/errors.ts
var runner_errors = __webpack_require__(5507);
;// CONCATENATED MODULE: ./src/docker/endpoint.ts
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
class NodeError extends runner_errors/* MultiarchError */._G {
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
function endpoint_formatEndpoint(e) {
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
    const wanted = new Set(requested.map(formatPlatform));
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
            platform = parsePlatform(platformText);
        }
        catch (err) {
            if (err instanceof PlatformError)
                throw new NodeError(`"${line}": ${err.message}`);
            throw err;
        }
        const key = formatPlatform(platform);
        if (!wanted.has(key)) {
            throw new NodeError(`"${line}" names ${key}, which is not in "platforms" (${[...wanted].join(', ')}); add it there or drop this line`);
        }
        const endpoint = endpoint_formatEndpoint(parseEndpoint(endpointText));
        const previous = owner.get(key);
        if (previous && previous !== endpoint) {
            throw new NodeError(`${key} is given to two nodes, ${previous} and ${endpoint}; give each platform one node`);
        }
        owner.set(key, endpoint);
        const node = nodes.get(endpoint) ?? { endpoint: parseEndpoint(endpointText), platforms: [] };
        if (!node.platforms.some((p) => formatPlatform(p) === key))
            node.platforms.push(platform);
        nodes.set(endpoint, node);
    }
}

;// CONCATENATED MODULE: ./src/docker/contexts.ts
/** Docker contexts for nodes: argv, and what a failed connection means. Pure. */

function contextCreateArgs(name, endpoint, tls) {
    const parts = [`host=${formatEndpoint(endpoint)}`];
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
        `multiarch-action node ${formatEndpoint(endpoint)}`,
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
const CAUSES = (/* unused pure expression or super */ null && ([
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
]));
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/runner/cancel.ts
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
function cancel_cancellation() {
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

;// CONCATENATED MODULE: ./src/docker/head-start.ts
/**
 * The engine probe's docker calls, started by the entry point before the rest
 * of the bundle is loaded: compiling that megabyte takes about as long as the
 * calls do, so they overlap. exec.ts hands a call's result to the probe when
 * it asks for the very same argv in the very same docker environment;
 * otherwise it is dropped. Nothing but node's own modules here, so the entry
 * chunk stays small.
 */

/** The probe's two calls to an engine: its server's version and platform, and all it tells of itself. */
function probeArgv(docker) {
    return [
        [...docker, 'version', '--format', '{{json .Server}}'],
        [...docker, 'info', '--format', '{{json .}}'],
    ];
}
/** What decides which engine and CLI plugins a docker call sees. */
const ENV_KEYS = (/* unused pure expression or super */ null && ([
    'PATH',
    'HOME',
    'DOCKER_HOST',
    'DOCKER_CONTEXT',
    'DOCKER_CONFIG',
    'DOCKER_CERT_PATH',
    'DOCKER_TLS_VERIFY',
    'DOCKER_API_VERSION',
]));
function dockerEnvKey(env) {
    return ENV_KEYS.map((k) => `${k}=${env[k] ?? ''}`).join('\0');
}
/** Whether the child and its pipes keep node running. */
function holdOpen(run, hold) {
    for (const h of [run.child, run.child.stdout, run.child.stderr])
        (hold ? h.ref : h.unref)?.call(h);
}
const started = new Map();
/** Starts each argv now, detached in a group of its own like exec's children. */
function startEarly(argvs) {
    const envKey = dockerEnvKey(process.env);
    for (const argv of argvs) {
        const [file, ...args] = argv;
        if (!file)
            continue;
        const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const done = new Promise((resolve) => {
            child.once('error', (error) => resolve({ code: null, signal: null, error }));
            child.once('close', (code, signal) => resolve({ code, signal }));
        });
        const run = { child, began: Date.now(), stdout: '', stderr: '', output: '', done };
        child.stdout.setEncoding('utf8').on('data', (c) => {
            run.stdout += c;
            run.output += c;
        });
        child.stderr.setEncoding('utf8').on('data', (c) => {
            run.stderr += c;
            run.output += c;
        });
        // Not taken, it must not hold the process open, nor outlive it.
        holdOpen(run, false);
        started.set(JSON.stringify(argv), { envKey, run });
    }
    process.once('exit', () => {
        for (const { run } of started.values()) {
            if (run.child.exitCode === null && run.child.pid !== undefined) {
                try {
                    process.kill(-run.child.pid, 'SIGKILL');
                }
                catch {
                    // gone already
                }
            }
        }
    });
}
/**
 * The early run of `argv`, once: undefined when none was started, or when the
 * docker environment changed since (a login's or a fetched buildx's config).
 */
function head_start_takeEarly(argv, env) {
    const key = JSON.stringify(argv);
    const entry = started.get(key);
    if (!entry)
        return undefined;
    started.delete(key);
    if (entry.envKey !== dockerEnvKey(env))
        return undefined;
    // Taken, it holds the process open like any other call.
    holdOpen(entry.run, true);
    return entry.run;
}

;// CONCATENATED MODULE: ./src/docker/exec.ts
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
class CommandError extends runner_errors/* MultiarchError */._G {
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
    const cancelled = cancel_cancellation();
    if (cancelled && (!opts.whenCancelled || exiting()))
        throw new Error(`not started, the run was cancelled (${cancelled}): ${commandLine(argv)}`);
    if (!opts.quiet)
        log.info(`[command] ${commandLine(argv)}`);
    const began = Date.now();
    const child = (0,external_node_child_process_.spawn)(file, args, {
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
                log.info(prefix + line);
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
                        log.warning(`cleanup after timeout failed: ${String(err)}`);
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
    const early = cancellation() ? undefined : takeEarly(argv, opts.env ?? process.env);
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
    return external_node_os_.constants.signals[signal] ?? 0;
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
onCancel('stop', async () => {
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
onCancel('drain', async () => {
    await within(Math.max(REAP_MS, timeLeftToExit()), Promise.all([...live.values()]));
    const late = [...live];
    for (const [child] of late)
        signalGroup(child, 'SIGKILL');
    await within(REAP_MS, Promise.all(late.map(([, gone]) => gone)));
});
onCancel('hurry', () => {
    for (const child of live.keys())
        signalGroup(child, 'SIGKILL');
});

;// CONCATENATED MODULE: ./src/docker/images.ts
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

// EXTERNAL MODULE: ./src/runner/post-state.ts
var post_state = __webpack_require__(6558);
;// CONCATENATED MODULE: ./src/runner/state.ts
/**
 * What main hands to post, through the runner's GITHUB_STATE. Read once into
 * typed values; no string keys elsewhere. Main also tells post what it saw
 * removed itself (`mainCleaned`), so that post does not look for it again.
 */


/** dist/index.js started for post (an action.yml that names it there, or an older one): main leaves this mark. */
function isPost() {
    return core.getState(STATE_NAMES.isPost) === 'true';
}
// The latest state, for the CLI, which runs main and post in one process.
let latest;
/** Only under a runner: elsewhere (the CLI) core would print ::save-state:: lines. */
function persist(name, value) {
    if (process.env.GITHUB_STATE)
        core.saveState(name, value);
}
function markMain() {
    persist(STATE_NAMES.isPost, 'true');
}
function saveState(state) {
    latest = state;
    persist(STATE_NAMES.state, JSON.stringify(state));
}
/** What this process saved last. */
function savedState() {
    return latest;
}
function loadState() {
    return (0,post_state/* readPostState */.c)(process.env);
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

// EXTERNAL MODULE: ./src/engine/session/post-plan.ts
var post_plan = __webpack_require__(4099);
// EXTERNAL MODULE: ./src/engine/session/removals.ts
var removals = __webpack_require__(6464);
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
        log.warning(`Could not ${what}: ${(0,runner_errors/* errorMessage */.gJ)(err)}`);
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
    const listed = await exec([...docker, 'ps', '--all', '--quiet', '--filter', `name=^${prefix}-`], {
        timeoutMs: 30_000,
        quiet: true,
        whenCancelled: true,
    });
    const ids = listed.stdout.split('\n').filter(Boolean);
    if (ids.length > 0) {
        await exec([...docker, 'rm', '--force', ...ids], {
            timeoutMs: STEP_TIMEOUT_MS,
            whenCancelled: true,
        });
        log.info(`Removed ${ids.length} leftover container(s) from ${docker.join(' ')}.`);
    }
}
/** The engines a run may have containers on: the runner's, and each node's context. */
function enginesOf(state) {
    const local = state.docker.length > 0 ? state.docker : ['docker'];
    const reached = (state.contexts ?? []).filter((c) => !state.unreachable?.includes(c));
    return [local, ...reached.map(dockerFor)];
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
            ? exec(builderRemoveArgs(builder), {
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
                const res = await exec(imageRemoveArgs(images), {
                    timeoutMs: STEP_TIMEOUT_MS,
                    allowFailure: true,
                    quiet: true,
                });
                if (res.exitCode === 0)
                    log.info(`Removed ${images.join(', ')}.`);
                else if (!/No such image/i.test(res.output))
                    log.warning(`Could not remove ${images.join(', ')}: ${tail(res.output, 3)}`);
            },
        },
    ],
    builder: ({ builder = '' }) => [
        {
            what: `remove builder ${builder}`,
            run: async () => {
                // Removes each node's BuildKit container too, over the same connections.
                const res = await exec(builderRemoveArgs(builder), {
                    timeoutMs: STEP_TIMEOUT_MS,
                    allowFailure: true,
                });
                if (res.exitCode !== 0 && !/no builder .* found|not found/i.test(res.output)) {
                    log.warning(`Could not remove builder ${builder}: ${tail(res.output, 3)}`);
                }
            },
        },
    ],
    'docker contexts': ({ contexts = [] }) => [
        {
            what: 'remove docker contexts',
            run: async () => {
                await exec(contextRemoveArgs(contexts), { timeoutMs: STEP_TIMEOUT_MS });
                log.info(`Removed docker contexts ${contexts.join(', ')}.`);
            },
        },
    ],
    'ssh connections': ({ ssh }) => [
        {
            what: 'close the ssh connections',
            run: async () => {
                for (const argv of ssh ? sshExitArgs(ssh) : []) {
                    // No master running is fine: it may have timed out already.
                    await exec(argv, { timeoutMs: 15_000, allowFailure: true, quiet: true }).catch(() => undefined);
                }
            },
        },
    ],
    'ssh control dir': (state) => (0,removals/* fileRemovals */.e)('ssh control dir', state, log),
    'temp dir': (state) => (0,removals/* fileRemovals */.e)('temp dir', state, log),
};
/** What post removes for this saved state: each kind's removals, kinds in order. Pure. */
function removalsFor(state) {
    return (0,post_plan/* postWork */.As)(state).map((kind) => ({ kind, removals: REMOVALS[kind](state) }));
}
async function cleanup(state = loadState()) {
    if (!state) {
        log.info('Nothing to clean up.');
        return;
    }
    // Docker runs with main's config (a buildx fetched for the run): builders and contexts are found.
    if (state.dockerConfig && (0,external_node_fs_.existsSync)(state.dockerConfig))
        process.env.DOCKER_CONFIG = state.dockerConfig;
    // Nodes are reached the way main reached them: through the private ssh setup.
    if (state.ssh)
        process.env.PATH = `${state.ssh.binDir}${external_node_path_.delimiter}${process.env.PATH ?? ''}`;
    await (0,removals/* removeInOrder */.Q)((0,post_plan/* postWork */.As)(state), (kind) => REMOVALS[kind](state), log);
}


/***/ })

};
