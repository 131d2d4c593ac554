/**
 * Every input of the action, read and validated in one place.
 *
 * Names and list syntax follow docker/build-push-action where the concept is
 * the same, so steps can be switched over and `${{ steps.meta.outputs.tags }}`
 * from docker/metadata-action works as it is.
 */
import type { Host } from '../../runner/host';
import { NodeError, parseNodes, type NodeSpec } from '../../docker/endpoint';
import type { BuildRequest } from '../../engine/request';
import type { Platform } from '../../oci/platform';
import {
  bool,
  buildArgList,
  eachMatching,
  checked,
  checkRef,
  checkTag,
  InputError,
  keyValue,
  list,
  listInput,
  maskSecret,
  oneOf,
  optional,
  pathInput,
  platformsInput,
  textInputs,
} from '../../runner/inputs';
import { confinePath, isRemoteContext, workspaceRoot } from '../../runner/workspace';
import { csvRecords, splitList } from '../../runner/list';
import { publishInput } from '../shared/publish-input';
import { attestTestsInput } from '../shared/attest-input';
import { announceHostLogins, registryLogins } from '../shared/registry-login';
import { smokeInputs } from '../shared/smoke-inputs';
import { registryTimeoutInput } from '../shared/registry-timeout';
import { emulationWarningInput } from './emulation-warning';
import { inputReader, type Get } from '../shared/input-spec';
import { BUILD_ACTION, booleanInputs, inputNames, type BuildInput } from '../shared/specs';
import { outputsInput } from './outputs';
import { passThroughInputs } from './passthrough';
import { secretSources } from './secrets';

/** Every input action.yml declares, in its order; the CLI accepts the same names as flags. */
export const INPUT_NAMES = inputNames(BUILD_ACTION);

/** The true/false inputs of every action: the CLI takes them as --flag and --no-flag. */
export const BOOLEAN_INPUTS = booleanInputs();

/** Inputs whose values are masked in the log as soon as they are read. */
export const SECRET_INPUTS = ['ssh-private-key', 'tls-key', 'github-token'] as const;

/** Reads the inputs from the host (the runner's INPUT_* variables, the CLI's flags). */
export function getInputs(host: Host): BuildRequest {
  const input = (name: BuildInput): string => host.input(name);
  const mask = (value: string): void => host.setSecret(value);
  for (const name of SECRET_INPUTS) maskSecret(input(name), mask);
  announceHostLogins(host);
  // Before anything can fail and print: each secret's value, however the list reads.
  for (const value of secretInputValues(input('secrets'))) maskSecret(value, mask);
  return confineBuildPaths(
    parseInputs((name) => host.input(name)),
    workspaceRoot(),
  );
}

/**
 * The build's local paths, kept inside the workspace (see runner/workspace.ts): context,
 * file, digests-dir, secret-files, local build-contexts and ssh key or socket paths. Remote
 * contexts (Git URLs, docker-image://, target:) are not paths.
 */
export function confineBuildPaths(
  request: BuildRequest,
  workspace: string | undefined,
): BuildRequest {
  const confine = (name: string, value: string): void => {
    if (!isRemoteContext(value) && !value.startsWith('target:'))
      confinePath(name, value, workspace);
  };
  confine('context', request.context);
  if (request.file) confine('file', request.file);
  if (request.digestsDir) confine('digests-dir', request.digestsDir);
  for (const s of request.secretSources ?? [])
    if (s.kind === 'file') confine('secret-files', s.value);
  for (const c of request.buildContexts ?? [])
    confine('build-contexts', c.slice(c.indexOf('=') + 1));
  for (const m of request.sshMounts ?? [])
    if (m.includes('=')) confine('ssh', m.slice(m.indexOf('=') + 1));
  return request;
}

/** The values in a `secrets` input, to mask; a list that does not parse is masked line by line. */
export function secretInputValues(raw: string): string[] {
  let items: string[];
  try {
    items = splitList(raw, { commas: 'keep' });
  } catch {
    items = raw.split(/\r?\n/);
  }
  return items.map((i) => i.slice(i.indexOf('=') + 1)).filter((v) => v.trim() !== '');
}

/** `${{ github.token }}` unexpanded: the action runs outside a runner, with the action.yml default. */
function githubToken(raw: string): string | undefined {
  const v = raw.trim();
  return v === '' || /^\$\{\{.*\}\}$/.test(v) ? undefined : v;
}

/** Pure: turns raw input strings into a validated BuildRequest. */
export function parseInputs(read: (name: string) => string): BuildRequest {
  const { get, given } = inputReader(
    BUILD_ACTION.inputs,
    textInputs(read, [...SECRET_INPUTS, 'secrets', 'password']),
  );
  const notes: string[] = [];
  const warnings: string[] = [];
  const outputs = outputsInput(get('outputs'));
  notes.push(...outputs.notes);
  const listed = listInput('tags', get('tags'), { commas: 'split' }).map((t) => checkTag(t));
  if (outputs.pushByDigest && listed.length > 0) {
    throw new InputError(
      'tags',
      listed.join(','),
      `is given as well as a repository in outputs (name=${outputs.pushByDigest.name})`,
      'Name the repository once: push-by-digest: true with tags: REPOSITORY, and drop outputs.',
    );
  }
  const tags = outputs.pushByDigest ? [checkTag(outputs.pushByDigest.name)] : listed;
  // Only a push-by-digest the workflow wrote can contradict outputs.
  const byDigestRaw = given('push-by-digest').trim();
  if (outputs.pushByDigest)
    refuseFalse('push-by-digest', byDigestRaw, {
      contradicts: 'outputs (push-by-digest=true)',
      fix: 'Drop one of them: that image output is push-by-digest: true.',
    });
  const pushByDigest =
    bool('push-by-digest', get('push-by-digest')) || outputs.pushByDigest !== undefined;
  const pushRaw = get('push').trim();
  if (outputs.push)
    refuseFalse('push', pushRaw, {
      contradicts: 'outputs: type=registry',
      fix: 'Drop one of them: type=registry is push: true.',
    });
  const passThrough = passThroughInputs(get, notes);
  const building = passThrough.call === undefined;
  const push =
    pushByDigest ||
    outputs.push === true ||
    (pushRaw === '' ? tags.length > 0 && building : bool('push', pushRaw));
  if (!building && (push || pushByDigest || get('nodes').trim())) {
    throw new InputError(
      'call',
      passThrough.call ?? '',
      `builds no image, so it cannot be combined with ${push || pushByDigest ? 'a push' : 'nodes'}`,
      'Run it in a step of its own, without push, push-by-digest and nodes; or drop call to build.',
    );
  }
  if (!building) {
    const unused = [
      ...(tags.length > 0 ? ['tags'] : []),
      ...(outputs.extra.length > 0 ? ['outputs'] : []),
      ...(get('load').trim() ? ['load'] : []),
    ];
    if (unused.length > 0)
      warnings.push(
        `call: ${passThrough.call} makes no image, so ${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} not used. Drop ${unused.length === 1 ? 'it' : 'them'} for this step, or drop call to build.`,
      );
  }
  const load = loadInput(get('load'), outputs.load, push, pushByDigest, notes);
  if (pushByDigest && tags.length !== 1) {
    throw new InputError(
      'tags',
      tags.join(','),
      `names ${tags.length} images`,
      'With push-by-digest, give exactly one: the repository to push to, like ghcr.io/acme/api.',
    );
  }
  if (pushByDigest)
    refuseFalse('push', pushRaw, {
      contradicts: 'push-by-digest: true',
      fix: 'Drop push, or set push-by-digest: false.',
    });
  if (get('builder').trim() && get('nodes').trim()) {
    throw new InputError(
      'builder',
      get('builder').trim(),
      'cannot be combined with nodes',
      'Nodes build on their own engines (fanout) or on a builder this action creates (append); drop builder.',
    );
  }
  if (pushByDigest && get('nodes').trim()) {
    throw new InputError(
      'push-by-digest',
      'true',
      'cannot be combined with nodes',
      'Nodes already push one merged index; drop push-by-digest, or build each platform in its own job.',
    );
  }
  if (push && tags.length === 0) {
    throw new InputError(
      'push',
      pushRaw,
      'needs at least one tag',
      'Set "tags" to the image to push, like ghcr.io/acme/api:1.5, or set push: false.',
    );
  }
  const platformList = platformsInput(get('platforms'));
  const nodes = nodeSpecs(get('nodes'), platformList);
  const secrets = secretSources(get, warnings);
  return {
    context: pathInput('context', get('context').trim()),
    file: optional(get('file')) && pathInput('file', get('file').trim()),
    platforms: platformList,
    tags,
    labels: listInput('labels', get('labels'), { commas: 'keep' }).map((l) =>
      keyValue('labels', l, LABEL_KEY),
    ),
    buildArgs: buildArgList(get('build-args')),
    target: checked(
      'target',
      optional(get('target')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'a build stage name like "runtime"',
    ),
    push,
    cacheFrom: listInput('cache-from', get('cache-from'), { commas: 'keep' }).map((c) =>
      cacheSpec('cache-from', c),
    ),
    cacheTo: listInput('cache-to', get('cache-to'), { commas: 'keep' }).map((c) =>
      cacheSpec('cache-to', c),
    ),
    provenance: attestation('provenance', get('provenance')),
    sbom: attestation('sbom', get('sbom')),
    noCache: bool('no-cache', get('no-cache')),
    pull: bool('pull', get('pull')),
    builder: checked(
      'builder',
      optional(get('builder')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'the name of an existing buildx builder',
    ),
    ...smokeInputs(get),
    registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
    emulationAdvice: emulationWarningInput(get('emulation-warning')),
    nodes,
    nodeStrategy: oneOf('node-strategy', get('node-strategy'), [
      'auto',
      'append',
      'fanout',
    ] as const),
    buildkitImage:
      optional(get('buildkit-image')) && checkRef('buildkit-image', get('buildkit-image').trim()),
    driverOpts: eachMatching(
      'driver-opts',
      list(get('driver-opts'), false),
      /^[a-z][a-z0-9._-]*=[^\p{Cc}]*$/u,
      'is not a driver option',
      'Write one key=value per line, like network=host or image=moby/buildkit:v0.25.0.',
    ),
    buildkitdFlags: buildkitdFlags(get('buildkitd-flags')),
    buildkitdConfigInline: optional(get('buildkitd-config-inline')),
    ssh: sshInputs(get, nodes),
    tls: tlsInputs(get),
    pushByDigest,
    digestsDir: optional(get('digests-dir')) && pathInput('digests-dir', get('digests-dir').trim()),
    publish: publishInput(get('publish')),
    attestTests: attestTestsInput(get('attest-tests')),
    buildx: {
      version: checked(
        'buildx-version',
        optional(get('buildx-version')),
        /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/,
        'a buildx release like v0.13.1',
      ),
      downloadUrl: checked(
        'buildx-download-url',
        get('buildx-download-url').trim(),
        /^https?:\/\/[^\s"'<>\\]+$/,
        'an http(s) URL of a folder of buildx releases, like https://github.com/docker/buildx/releases/download',
      ) as string,
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
function refuseFalse(
  name: BuildInput,
  raw: string,
  conflict: { contradicts: string; fix: string },
): void {
  if (raw && !bool(name, raw))
    throw new InputError(name, raw, `contradicts ${conflict.contradicts}`, conflict.fix);
}

/** load, with build-push-action's meaning where this action can give it, and a note where not. */
function loadInput(
  raw: string,
  fromOutputs: true | undefined,
  push: boolean,
  pushByDigest: boolean,
  notes: string[],
): boolean | undefined {
  const given = raw.trim() === '' ? undefined : bool('load', raw);
  if (fromOutputs && given === false) {
    throw new InputError(
      'load',
      raw,
      'contradicts outputs: type=docker',
      'Drop one of them: type=docker is load: true.',
    );
  }
  const load = fromOutputs ?? given;
  if (load && pushByDigest) {
    throw new InputError(
      'load',
      'true',
      'cannot be combined with push-by-digest',
      'A push by digest writes no tag to load the image under: drop load, or pull NAME@DIGEST (the digest output) in a later step.',
    );
  }
  if (load === false && !push) {
    notes.push(
      "load: false, but the image is loaded all the same: the smoke test and the architecture check run it in the runner's engine (build-push-action would leave it in the build cache).",
    );
  }
  return load;
}

function nodeSpecs(raw: string, requested: Platform[]): NodeSpec[] {
  const lines = list(raw, true);
  try {
    return parseNodes(lines, requested);
  } catch (err) {
    if (err instanceof NodeError) {
      throw new InputError('nodes', err.line ?? '***', 'is not valid', `${err.message}.`, {
        cause: err,
      });
    }
    throw err;
  }
}

function sshInputs(get: Get<BuildInput>, nodes: NodeSpec[]): BuildRequest['ssh'] {
  const key = get('ssh-private-key').trim();
  const knownHosts = get('ssh-known-hosts').trim();
  const acceptNewHostKeys = bool('ssh-accept-new-host-keys', get('ssh-accept-new-host-keys'));
  if (
    key &&
    !/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(key)
  ) {
    // Never echo a key back, not even a malformed one.
    throw new InputError(
      'ssh-private-key',
      '***',
      'is not a private key',
      'Give the whole key file, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----, e.g. from a secret.',
    );
  }
  for (const line of knownHosts.split('\n').map((l) => l.trim())) {
    if (line && !line.startsWith('#') && line.split(/\s+/).length < 3) {
      throw new InputError(
        'ssh-known-hosts',
        line,
        'is not a known_hosts line',
        'Give lines like "[arm1.example.com]:22 ssh-ed25519 AAAA…", as ssh-keyscan prints them.',
      );
    }
  }
  const sshNodes = nodes.filter((n) => n.endpoint.scheme === 'ssh');
  if (sshNodes.length > 0 && key && !knownHosts && !acceptNewHostKeys) {
    throw new InputError(
      'ssh-known-hosts',
      '',
      'is required for ssh nodes',
      "Give the nodes' host keys (ssh-keyscan -p PORT HOST), or set ssh-accept-new-host-keys: true to trust them on first use.",
    );
  }
  return { privateKey: key || undefined, knownHosts: knownHosts || undefined, acceptNewHostKeys };
}

function tlsInputs(get: Get<BuildInput>): BuildRequest['tls'] {
  const tls = {
    ca: optional(get('tls-ca')),
    cert: optional(get('tls-cert')),
    key: optional(get('tls-key')),
  };
  if (Boolean(tls.cert) !== Boolean(tls.key)) {
    throw new InputError(
      tls.cert ? 'tls-key' : 'tls-cert',
      '',
      'is missing',
      'A client certificate needs its key: give both tls-cert and tls-key, or neither.',
    );
  }
  for (const [name, value] of [
    ['tls-ca', tls.ca],
    ['tls-cert', tls.cert],
  ] as const) {
    if (value && !value.includes('-----BEGIN CERTIFICATE-----')) {
      throw new InputError(
        name,
        value.slice(0, 40),
        'is not a PEM certificate',
        'Give the PEM text, from -----BEGIN CERTIFICATE----- on.',
      );
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
function cacheSpec(name: string, value: string): string {
  if (!/^[a-z][a-z0-9_]*=/.test(value)) return checkRef(name, value);
  const problem = (what: string): never => {
    throw new InputError(
      name,
      value,
      `is not a cache spec (${what})`,
      'Write key=value pairs separated by commas, like type=registry,ref=ghcr.io/acme/api:cache or type=gha,scope=CI build, one per line.',
    );
  };
  let fields: string[] = [];
  try {
    fields = csvRecords(value)[0] ?? [];
  } catch {
    problem('a quote is never closed');
  }
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq < 0 ? field : field.slice(0, eq);
    if (eq < 0 || !CACHE_KEY.test(key)) problem(`${JSON.stringify(field)} is not key=value`);
    if (/\p{Cc}/u.test(field)) problem('it has a control character');
    if (key === 'ref') checkRef(name, field.slice(eq + 1));
  }
  return value;
}

function attestation(name: string, raw: string): string | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  if (/^(true|false)$/i.test(v) || KEY_VALUES.test(v)) return v;
  throw new InputError(
    name,
    raw,
    'is not a valid attestation setting',
    'Use true, false, or key=value pairs such as mode=max.',
  );
}

/** buildkitd's flags: one line of --flags, which buildx splits into words itself. */
function buildkitdFlags(raw: string): string | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  // It reaches buildx as one argv word, which buildx hands to buildkitd.
  if (/\p{Cc}/u.test(v) || !v.startsWith('--')) {
    throw new InputError(
      'buildkitd-flags',
      raw,
      'is not one line of buildkitd flags',
      'Write flags on one line, like --allow-insecure-entitlement network.host --debug.',
    );
  }
  return v;
}
