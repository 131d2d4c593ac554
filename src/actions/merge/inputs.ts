/** Inputs of the merge sub-action (merge/action.yml). */
import type { Host } from '../../runner/host';
import {
  checkRef,
  checkTag,
  InputError,
  oneOf,
  list,
  optional,
  pathInput,
  textInputs,
} from '../../runner/inputs';
import { confinePath, workspaceRoot } from '../../runner/workspace';
import type { PublishWhen, RegistryLogin } from '../../engine/request';
import { mergeAnnotationsInput } from '../shared/annotations';
import { publishInput } from '../shared/publish-input';
import { attestTestsInput } from '../shared/attest-input';
import { registryTimeoutInput } from '../shared/registry-timeout';
import { announceHostLogins, registryLogins } from '../shared/registry-login';
import { smokeInputs } from '../shared/smoke-inputs';
import { inputReader } from '../shared/input-spec';
import { MERGE_ACTION, inputNames } from '../shared/specs';
import type { SmokeSettings } from '../../verify/smoke';
import type { AttestTests } from '../../verify/attestation/attest';
import { parseImageRef, repository } from '../../oci/reference';

export type MergeTool = 'auto' | 'imagetools' | 'manifest';

/** Every input merge/action.yml declares, in its order. */
export const MERGE_INPUT_NAMES = inputNames(MERGE_ACTION);

export interface MergeInputs extends SmokeSettings {
  sources: string[];
  digestsDir?: string;
  /** Repository the digests in digests-dir live in. */
  image?: string;
  tags: string[];
  annotations: string[];
  tool: MergeTool;
  /** When the target tags are written: after every source platform passed, or first. */
  publish: PublishWhen;
  /** attest-tests: attach the tests' result to what was tested. */
  attestTests: AttestTests;
  logins: RegistryLogin[];
  /** registry-timeout: the bound of each registry phase (reading the sources, pushing, reading back). */
  registryTimeoutMs: number;
}

export function getMergeInputs(host: Host): MergeInputs {
  announceHostLogins(host);
  const inputs = parseMergeInputs((name) => host.input(name));
  // Where build jobs wrote their digests: kept inside the workspace (runner/workspace.ts).
  if (inputs.digestsDir) confinePath('digests-dir', inputs.digestsDir, workspaceRoot());
  return inputs;
}

export function parseMergeInputs(read: (name: string) => string): MergeInputs {
  const { get } = inputReader(MERGE_ACTION.inputs, textInputs(read, ['password']));
  const tags = list(get('tags'), true).map(checkTag);
  if (tags.length === 0) {
    throw new InputError(
      'tags',
      '',
      'is empty',
      'Name at least one tag to push the merged index as, like ghcr.io/acme/api:1.5.',
    );
  }
  const sources = list(get('sources'), true).map((s) => checkRef('sources', s));
  const digestsDir =
    optional(get('digests-dir')) && pathInput('digests-dir', get('digests-dir').trim());
  const imageRaw = optional(get('image'));
  const image = imageRaw ? checkRef('image', imageRaw) : undefined;
  if (image && (parseImageRef(image).tag || parseImageRef(image).digest)) {
    throw new InputError(
      'image',
      image,
      'has a tag or digest',
      'Give the repository only, like ghcr.io/acme/api: the digests are appended to it.',
    );
  }
  if (sources.length === 0 && !digestsDir) {
    throw new InputError(
      'sources',
      '',
      'is empty and no digests-dir is given',
      'List the per-platform images (tags or name@sha256:…), or point digests-dir at the digests your build jobs wrote.',
    );
  }
  const annotations = mergeAnnotationsInput(get('annotations'));
  const tool = oneOf('tool', get('tool'), ['auto', 'imagetools', 'manifest'] as const);
  return {
    sources,
    digestsDir,
    image: image ?? (digestsDir ? repository(parseImageRef(tags[0] as string)) : undefined),
    tags,
    annotations,
    tool,
    ...smokeInputs(get),
    publish: publishInput(get('publish')),
    attestTests: attestTestsInput(get('attest-tests')),
    logins: registryLogins(get),
    registryTimeoutMs: registryTimeoutInput(get('registry-timeout')),
  };
}
