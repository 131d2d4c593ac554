/**
 * BuildRequests for the engine's tests, and the engine they are planned for.
 * The requests are made directly, not parsed from inputs: that is the build
 * action's job, a layer above. The base is what the build action reads from
 * empty inputs, and test/unit/actions/build/inputs.defaults.test.ts checks
 * that the two agree.
 */
import type { NodeSpec } from '../../../src/docker/endpoint';
import type { EngineInfo } from '../../../src/docker/engine';
import type { BuildRequest } from '../../../src/engine/request';
import { parsePlatform } from '../../../src/oci/platform';

/** The runner's engine the plans are made for: amd64, with the containerd image store. */
export const x86: EngineInfo = {
  native: parsePlatform('linux/amd64'),
  containerdStore: true,
  version: '26.1.5',
};

/** A request with the build action's defaults, and `changes` on top. */
export function buildRequest(changes: Partial<BuildRequest> = {}): BuildRequest {
  return {
    // What is built, and from what.
    context: '.',
    platforms: platforms('linux/amd64', 'linux/arm64'),
    labels: [],
    buildArgs: [],
    buildContexts: [],
    annotations: [],
    attests: [],
    cacheFrom: [],
    cacheTo: [],
    noCache: false,
    noCacheFilters: [],
    pull: false,
    sshMounts: [],
    addHosts: [],
    allow: [],
    ulimits: [],
    outputs: [],
    secretSources: [],
    emulationAdvice: { ratio: 3, minMs: 30_000 },
    // Where: the runner's engine, or nodes.
    nodes: [],
    nodeStrategy: 'auto',
    driverOpts: [],
    ssh: { acceptNewHostKeys: false },
    tls: {},
    buildx: { downloadUrl: 'https://github.com/docker/buildx/releases/download' },
    // What is published, and when.
    tags: [],
    push: false,
    pushByDigest: false,
    publish: 'on-success',
    attestTests: 'true',
    logins: [],
    registryTimeoutMs: 120_000,
    // How each platform is tested.
    smoke: true,
    smokeCommand: [],
    smokeTimeoutSeconds: 60,
    smokeEnv: [],
    verifyArch: true,
    qemuImage: 'docker.io/tonistiigi/binfmt:qemu-v7.0.0-28',
    notes: [],
    warnings: [],
    ...changes,
  };
}

export function platforms(...names: string[]): BuildRequest['platforms'] {
  return names.map((name) => parsePlatform(name));
}

/** An ssh node, as `nodes: PLATFORM=ssh://USER@HOST[:PORT]` names it. */
export function sshNode(platform: string, user: string, host: string, port?: number): NodeSpec {
  return {
    endpoint: { scheme: 'ssh', user, host, ...(port === undefined ? {} : { port }) },
    platforms: platforms(platform),
  };
}
