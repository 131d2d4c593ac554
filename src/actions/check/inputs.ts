/** Inputs of the check sub-action (check/action.yml). */
import path from 'node:path';
import type { Host } from '../../runner/host';
import {
  bool,
  checked,
  eachMatching,
  buildArgsInput,
  checkRef,
  InputError,
  oneOf,
  list,
  optional,
  pathInput,
  platformsInput,
  textInputs,
} from '../../runner/inputs';
import { confineGlob, confinePath, isRemoteContext, workspaceRoot } from '../../runner/workspace';
import { smokeInputs } from '../shared/smoke-inputs';
import { announceHostLogins, registryLogins } from '../shared/registry-login';
import { registryTimeoutInput } from '../shared/registry-timeout';
import type { RegistryLogin } from '../../engine/request';
import { inputReader } from '../shared/input-spec';
import { CHECK_ACTION, inputNames } from '../shared/specs';
import type { SmokeSettings } from '../../verify/smoke';
import type { Platform } from '../../oci/platform';
import type { FailOn } from './report';

/** Every input check/action.yml declares, in its order. */
export const CHECK_INPUT_NAMES = inputNames(CHECK_ACTION);

export interface CheckInputs extends SmokeSettings {
  images: string[];
  platforms: Platform[];
  dockerfile?: string;
  /** The stage the build stops at: only stages it reaches can fail the check. The last stage when unset. */
  target?: string;
  context: string;
  build: boolean;
  buildArgs: string[];
  manifests: string[];
  clusterArchitectures: string[];
  failOn: FailOn;
  /**
   * require-tested: the platforms whose manifest must carry a PASSED
   * test-result attestation, in images and in workloads that may run there.
   */
  requireTested: Platform[];
  logins: RegistryLogin[];
  /** registry-timeout: the bound of each image read, and of the build's registry talks. */
  registryTimeoutMs: number;
}

export function getCheckInputs(host: Host): CheckInputs {
  announceHostLogins(host);
  return confineCheckPaths(
    parseCheckInputs((name) => host.input(name)),
    workspaceRoot(),
  );
}

/**
 * The Dockerfile, the context and the manifest globs, kept inside the workspace
 * (runner/workspace.ts).
 */
export function confineCheckPaths(inputs: CheckInputs, workspace: string | undefined): CheckInputs {
  if (inputs.dockerfile) confinePath('dockerfile', inputs.dockerfile, workspace);
  if (!isRemoteContext(inputs.context)) confinePath('context', inputs.context, workspace);
  for (const glob of inputs.manifests) confineGlob('kubernetes-manifests', glob, workspace);
  return inputs;
}

export function parseCheckInputs(read: (name: string) => string): CheckInputs {
  const { get } = inputReader(CHECK_ACTION.inputs, textInputs(read, ['password']));
  const images = list(get('images'), true).map((i) => checkRef('images', i));
  const dockerfile =
    optional(get('dockerfile')) && pathInput('dockerfile', get('dockerfile').trim());
  const manifests = list(get('kubernetes-manifests'), false).flatMap(splitGlobs);
  if (images.length === 0 && !dockerfile && manifests.length === 0) {
    throw new InputError(
      'images',
      '',
      'is empty, and so are dockerfile and kubernetes-manifests',
      'Give at least one thing to check: images, a dockerfile, or kubernetes-manifests globs.',
    );
  }
  const clusterArchitectures = eachMatching(
    'cluster-architectures',
    list(get('cluster-architectures'), true),
    /^[a-z0-9]+$/,
    'is not an architecture name',
    'Use the node label values, like amd64, arm64.',
  );
  const failOn = oneOf('fail-on', get('fail-on'), ['error', 'warning', 'never'] as const);
  const build = bool('build', get('build'));
  if (build && !dockerfile)
    throw new InputError(
      'build',
      'true',
      'needs a dockerfile',
      'Set dockerfile to the Dockerfile to build.',
    );
  const requireTested = platformsInput(get('require-tested'), 'require-tested', '');
  if (requireTested.length > 0 && images.length === 0 && manifests.length === 0)
    throw new InputError(
      'require-tested',
      get('require-tested'),
      'asks for tested images, but there are none to check',
      'Give images or kubernetes-manifests whose images must carry the attestation.',
    );
  const contextRaw = optional(get('context'));
  return {
    images,
    platforms: platformsInput(get('platforms')),
    dockerfile,
    target: checked(
      'target',
      optional(get('target')),
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'a build stage name like "runtime"',
    ),
    context: contextRaw
      ? pathInput('context', contextRaw)
      : dockerfile
        ? path.dirname(dockerfile)
        : '.',
    build,
    buildArgs: buildArgsInput(get('build-args')),
    manifests,
    clusterArchitectures,
    failOn,
    requireTested,
    ...smokeInputs(get),
    logins: registryLogins(get),
    registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
  };
}

/** Splits on commas outside `{…}`, so `deploy/{a,b}.yaml, k8s/*.yml` is two globs. */
export function splitGlobs(line: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of line) {
    if (c === '{') depth++;
    if (c === '}') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out.map((g) => g.trim()).filter(Boolean);
}
