/**
 * What the build engine is asked to do: the typed, validated request that the
 * build action parses from its inputs and the check action builds directly.
 */
import type { NodeSpec } from '../docker/endpoint';
import type { BuildOptions } from '../docker/buildx';
import type { Platform } from '../oci/platform';
import type { SmokeSettings } from '../verify/smoke';
import type { AttestTests } from '../verify/attestation/attest';
import type { AdviceThresholds } from './emulation-advice';

export type NodeStrategy = 'auto' | 'append' | 'fanout';

/** When the user's tags are written: after every platform passed, or before testing (the old order). */
export type PublishWhen = 'on-success' | 'always';

/**
 * One entry of the secret inputs, as given. build/secrets.ts turns it into a
 * `--secret` spec (a value is written to a file first). Values are masked in
 * the log as soon as the action reads them.
 */
export interface SecretSource {
  /** secrets: the value itself; secret-files: a path; secret-envs: a variable's name. */
  kind: 'value' | 'file' | 'env';
  id: string;
  value: string;
}

/** One registry login of the run (the registry, username and password inputs). */
export interface RegistryLogin {
  /** host[:port], as `docker login` takes it. */
  registry: string;
  username: string;
  password: string;
}

/** registry-timeout's default: a registry silent for this long is not coming back. */
export { DEFAULT_REGISTRY_TIMEOUT_MS } from '../docker/registry-phase';

/** Which buildx the run uses: the buildx-version input, and where releases come from. */
export interface BuildxSource {
  version?: string;
  downloadUrl: string;
}

export interface BuildRequest extends BuildOptions, SmokeSettings {
  buildx: BuildxSource;
  /** Registries the session logs in to before anything else runs. */
  logins: RegistryLogin[];
  platforms: Platform[];
  tags: string[];
  push: boolean;
  nodes: NodeSpec[];
  nodeStrategy: NodeStrategy;
  buildkitImage?: string;
  /** The append builder's driver options, buildkitd flags and inline buildkitd.toml (setup-buildx-action's inputs). */
  driverOpts: string[];
  buildkitdFlags?: string;
  buildkitdConfigInline?: string;
  ssh: { privateKey?: string; knownHosts?: string; acceptNewHostKeys: boolean };
  tls: { ca?: string; cert?: string; key?: string };
  /** Push without a tag and report the digest (matrix builds merged later). */
  pushByDigest: boolean;
  digestsDir?: string;
  publish: PublishWhen;
  /** attest-tests: attach the tests' result to what was pushed and tested. */
  attestTests: AttestTests;
  /** The secrets, secret-files and secret-envs entries; `secrets` (the specs) is made from them. */
  secretSources?: SecretSource[];
  /** Token for git contexts on the GitHub server (build-push-action's github-token). */
  githubToken?: string;
  /**
   * registry-timeout: how long a BuildKit registry exchange may go without
   * progress, and the bound of each registry phase outside BuildKit (push,
   * read-back, imagetools), before the run stops it.
   */
  registryTimeoutMs: number;
  /** When to say that QEMU made a platform's build slow; the real thresholds when unset. */
  emulationAdvice?: AdviceThresholds;
  /** load: true also puts a pushed image into the runner's engine; undefined: not asked. */
  load?: boolean;
  /** What reading the inputs decided, for the log. */
  notes?: string[];
  /** What reading the inputs left out or doubts, for the log as warnings. */
  warnings?: string[];
}
