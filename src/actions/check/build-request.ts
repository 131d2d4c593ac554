/** The check action's local build, as a typed request to the build engine. Pure. */
import type { BuildRequest } from '../../engine/request';
import { DEFAULT_BUILDX_DOWNLOAD_URL } from '../../docker/buildx-version';
import type { CheckInputs } from './inputs';

/**
 * Build the Dockerfile for every platform, load it, run and scan it: never
 * push, never tag for a registry. One request is made per Dockerfile from the
 * same inputs, so every list is the request's own copy.
 */
export function buildRequest(inputs: CheckInputs, file: string): BuildRequest {
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
    buildx: { downloadUrl: DEFAULT_BUILDX_DOWNLOAD_URL },
    // The check's session has logged in already: the build uses its config.
    logins: [],
    registryTimeoutMs: inputs.registryTimeoutMs,
  };
}
