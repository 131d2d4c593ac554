/**
 * What the build engine is asked to do: the typed, validated request that the
 * build action parses from its inputs and the check action builds directly.
 */
import type { NodeSpec } from '../docker/endpoint';
import type { BuildOptions } from '../docker/buildx';
import type { Platform } from '../oci/platform';
import type { SmokeSettings } from '../verify/smoke';

export type NodeStrategy = 'auto' | 'append' | 'fanout';

/** When the user's tags are written: after every platform passed, or before testing (the old order). */
export type PublishWhen = 'on-success' | 'always';

export interface BuildRequest extends BuildOptions, SmokeSettings {
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
}
