/**
 * The inputs docker/build-push-action passes straight to `buildx build`, read
 * with its list syntax (which lists keep commas, which split on them) and
 * checked just enough that a typo fails here, naming the input, rather than
 * deep in buildx. Pure.
 */
import type { BuildOptions } from '../../docker/buildx';
import { csvRecords } from '../../runner/list';
import { checked, eachMatching, InputError, listInput, optional } from '../../runner/inputs';
import { annotationsInput } from '../shared/annotations';
import type { Get as SpecGet } from '../shared/input-spec';
import type { BuildInput } from '../shared/specs';

type Get = SpecGet<BuildInput>;

/** No control characters: each value reaches buildx as one argv word. */
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** The key=value attributes of a buildx spec (cache, attest), read as buildx reads them: CSV. */
function attributes(spec: string): string[] {
  return csvRecords(spec)[0] ?? [];
}

/** `type=…` attestations; provenance and sbom entries give way to those inputs. */
function attestsInput(get: Get, notes: string[]): string[] {
  const items = listInput('attests', get('attests'), { commas: 'keep' });
  return items.filter((a) => {
    const bad = attributes(a).find((f) => !/^\s*[a-z][\w.-]*\s*=/.test(f));
    if (bad !== undefined) {
      throw new InputError(
        'attests',
        a,
        `has ${JSON.stringify(bad)}, which is not key=value`,
        'Write type=NAME then key=value options, like type=sbom,generator=docker/buildkit-syft-scanner, one per line.',
      );
    }
    const type = attributes(a)
      .map((f) => /^\s*type\s*=\s*(.*?)\s*$/.exec(f)?.[1])
      .find((t) => t !== undefined);
    if (!type || !PRINTABLE.test(a)) {
      throw new InputError(
        'attests',
        a,
        'names no attestation type',
        'Write type=NAME then its options, like type=sbom,generator=docker/buildkit-syft-scanner, one per line.',
      );
    }
    for (const input of ['provenance', 'sbom'] as const) {
      if (type === input && get(input).trim()) {
        notes.push(
          `attests: ${a} is left out because the ${input} input is set, and wins (as in build-push-action).`,
        );
        return false;
      }
    }
    return true;
  });
}

/** `name=value` entries: a non-empty name without spaces, not a flag, and a value. */
function namedInput(name: string, items: string[], fix: string): string[] {
  return eachMatching(name, items, /^[^\s=-][^\s=]*=[^\p{Cc}]+$/u, 'is not NAME=VALUE', fix);
}

export type PassThrough = Pick<
  BuildOptions,
  | 'buildContexts'
  | 'annotations'
  | 'attests'
  | 'sshMounts'
  | 'network'
  | 'addHosts'
  | 'allow'
  | 'shmSize'
  | 'ulimits'
  | 'cgroupParent'
  | 'noCacheFilters'
  | 'call'
>;

export function passThroughInputs(get: Get, notes: string[]): PassThrough {
  const call = checked(
    'call',
    optional(get('call')),
    /^[a-z][a-z.]*(?:,[a-z-]+=[\w.-]+)*$/,
    'a buildx --call method, like check or outline',
  );
  return {
    buildContexts: namedInput(
      'build-contexts',
      listInput('build-contexts', get('build-contexts'), { commas: 'keep' }),
      'Write one NAME=PATH_OR_URL per line, like src=../shared or alpine=docker-image://alpine:3.20.',
    ),
    annotations: annotationsInput('annotations', get('annotations')),
    attests: attestsInput(get, notes),
    sshMounts: eachMatching(
      'ssh',
      listInput('ssh', get('ssh'), { commas: 'split' }),
      /^\w[\w.-]*(?:=[^\s\p{Cc}]+)?$/u,
      'is not an ssh agent or key',
      'Write default (the agent at SSH_AUTH_SOCK), or ID=PATH to a socket or key, comma or newline separated.',
    ),
    network: checked(
      'network',
      optional(get('network')),
      /^\w[\w.-]*$/,
      'a network mode like host, none or default',
    ),
    addHosts: eachMatching(
      'add-hosts',
      listInput('add-hosts', get('add-hosts'), { commas: 'split' }),
      /^[^\s:=-][^\s:=]*[:=][^\s\p{Cc}]+$/u,
      'is not HOST:IP',
      'Write HOST:IP entries, like docker:10.180.0.1, comma or newline separated.',
    ),
    allow: eachMatching(
      'allow',
      listInput('allow', get('allow'), { commas: 'split' }),
      /^[a-z][a-z.-]*(?:=[^\s\p{Cc}]+)?$/u,
      'is not an entitlement',
      'Write entitlements like network.host or security.insecure, comma or newline separated.',
    ),
    shmSize: checked(
      'shm-size',
      optional(get('shm-size')),
      /^\d+(?:\.\d+)?[A-Za-z]{0,3}$/,
      'a size like 2g or 512m',
    ),
    ulimits: eachMatching(
      'ulimit',
      listInput('ulimit', get('ulimit'), { commas: 'keep' }),
      /^[a-z]+=-?\d+(?::-?\d+)?$/,
      'is not a ulimit',
      'Write TYPE=SOFT[:HARD], like nofile=1024:1024, one per line.',
    ),
    cgroupParent: checked(
      'cgroup-parent',
      optional(get('cgroup-parent')),
      /^[^-\s\p{Cc}][^\s\p{Cc}]*$/u,
      'a cgroup path, like /actions_job',
    ),
    noCacheFilters: eachMatching(
      'no-cache-filters',
      listInput('no-cache-filters', get('no-cache-filters'), { commas: 'split' }),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'is not a stage name',
      'Name build stages, like builder, comma or newline separated.',
    ),
    // build is buildx's default: leaving the flag out works with every buildx.
    call: call === 'build' ? undefined : call,
  };
}
