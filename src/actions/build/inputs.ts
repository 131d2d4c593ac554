/**
 * Every input of the action, read and validated in one place.
 *
 * Names and list syntax follow docker/build-push-action where the concept is
 * the same, so steps can be switched over and `${{ steps.meta.outputs.tags }}`
 * from docker/metadata-action works as it is.
 */
import * as core from '@actions/core';
import { NodeError, parseNodes, type NodeSpec } from '../../docker/endpoint';
import type { BuildRequest } from '../../build/request';
import type { Platform } from '../../oci/platform';
import {
  bool,
  buildArgsInput,
  eachMatching,
  checked,
  checkRef,
  checkTag,
  InputError,
  keyValue,
  list,
  oneOf,
  optional,
  pathInput,
  platformsInput,
} from '../../runner/inputs';
import { publishInput } from '../shared/publish-input';
import { smokeInputs } from '../shared/smoke-inputs';
import { BUILD_ACTION, booleanInputs, inputNames } from '../shared/specs';

/** Every input action.yml declares, in its order; the CLI accepts the same names as flags. */
export const INPUT_NAMES = inputNames(BUILD_ACTION);

/** The true/false inputs of every action: the CLI takes them as --flag and --no-flag. */
export const BOOLEAN_INPUTS = booleanInputs();

/** Inputs whose values are masked in the log as soon as they are read. */
export const SECRET_INPUTS = ['ssh-private-key', 'tls-key'] as const;

/** Reads the inputs from the environment, the way the runner passes them. */
export function getInputs(): BuildRequest {
  for (const name of SECRET_INPUTS) {
    const value = core.getInput(name);
    if (!value) continue;
    core.setSecret(value);
    // The runner matches masks line by line in the log, so a key is masked by line too.
    for (const line of value.split(/\r?\n/))
      if (line.trim().length >= 8 && !/^-----/.test(line.trim())) core.setSecret(line.trim());
  }
  return parseInputs((name) => core.getInput(name));
}

/** Pure: turns raw input strings into a validated BuildRequest. */
export function parseInputs(get: (name: string) => string): BuildRequest {
  const tags = list(get('tags'), true).map((t) => checkTag(t));
  const pushByDigest = bool('push-by-digest', get('push-by-digest'), false);
  const pushRaw = get('push').trim();
  const push = pushByDigest || (pushRaw === '' ? tags.length > 0 : bool('push', pushRaw));
  if (pushByDigest && tags.length !== 1) {
    throw new InputError(
      'tags',
      tags.join(','),
      `names ${tags.length} images`,
      'With push-by-digest, give exactly one: the repository to push to, like ghcr.io/acme/api.',
    );
  }
  if (pushByDigest && pushRaw && !bool('push', pushRaw)) {
    throw new InputError(
      'push',
      pushRaw,
      'contradicts push-by-digest: true',
      'Drop push, or set push-by-digest: false.',
    );
  }
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
  return {
    context: pathInput('context', get('context').trim() || '.'),
    file: optional(get('file')) && pathInput('file', get('file').trim()),
    platforms: platformList,
    tags,
    labels: list(get('labels'), false).map((l) => keyValue('labels', l, /^[^=\s]+$/)),
    buildArgs: buildArgsInput(get('build-args')),
    target: checked(
      'target',
      optional(get('target')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'a build stage name like "runtime"',
    ),
    push,
    cacheFrom: list(get('cache-from'), false).map((c) => cacheSpec('cache-from', c)),
    cacheTo: list(get('cache-to'), false).map((c) => cacheSpec('cache-to', c)),
    provenance: attestation('provenance', get('provenance')),
    sbom: attestation('sbom', get('sbom')),
    noCache: bool('no-cache', get('no-cache'), false),
    pull: bool('pull', get('pull'), false),
    builder: checked(
      'builder',
      optional(get('builder')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'the name of an existing buildx builder',
    ),
    ...smokeInputs(get),
    nodes,
    nodeStrategy: oneOf(
      'node-strategy',
      get('node-strategy'),
      ['auto', 'append', 'fanout'] as const,
      'auto',
    ),
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
  };
}

function nodeSpecs(raw: string, requested: Platform[]): NodeSpec[] {
  const lines = list(raw, true);
  try {
    return parseNodes(lines, requested);
  } catch (err) {
    if (err instanceof NodeError) {
      throw new InputError('nodes', err.line ?? '***', 'is not valid', `${err.message}.`);
    }
    throw err;
  }
}

function sshInputs(get: (name: string) => string, nodes: NodeSpec[]): BuildRequest['ssh'] {
  const key = get('ssh-private-key').trim();
  const knownHosts = get('ssh-known-hosts').trim();
  const acceptNewHostKeys = bool(
    'ssh-accept-new-host-keys',
    get('ssh-accept-new-host-keys'),
    false,
  );
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

function tlsInputs(get: (name: string) => string): BuildRequest['tls'] {
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

/** `key=value,key=value` with values that can only be refs, paths, modes and URLs. */
const KEY_VALUES = /^[a-z-]+=[\w.:/@+=-]+(?:,[a-z-]+=[\w.:/@+=-]*)*$/;

/** `type=registry,ref=…` style specs, or a bare image reference (cache-from shorthand). */
function cacheSpec(name: string, value: string): string {
  if (/^[a-z]+=/.test(value)) {
    if (!KEY_VALUES.test(value)) {
      throw new InputError(
        name,
        value,
        'is not a cache spec',
        'Write key=value pairs separated by commas, like type=registry,ref=ghcr.io/acme/api:cache, one per line.',
      );
    }
    return value;
  }
  return checkRef(name, value);
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
