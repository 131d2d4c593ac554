/** The shapes of a plan, and the small pure helpers every planner uses. */
import path from 'node:path';
import type { EngineInfo } from '../../docker/engine';
import { formatPlatform, platformSlug, type Platform } from '../../oci/platform';
import { parseImageRef, repository } from '../../oci/reference';

/** An engine that builds and runs some of the platforms: the runner's own, or a node. */
export interface Worker extends EngineInfo {
  /** `local`, or the node's endpoint. */
  name: string;
  /** The docker CLI aimed at this engine. */
  docker: string[];
  /** Docker context name, for `buildx create`. */
  context: string;
  platforms: Platform[];
  remote: boolean;
}

export type BuildMode =
  | 'push'
  | 'load'
  | 'load-per-platform'
  | 'fanout-push'
  | 'fanout-load'
  /** The docker driver's gated push: load under a name unique to the run, test, then push. */
  | 'load-then-push';

/**
 * How the user's tags are written once every platform passed. Until then no
 * tag of theirs moves:
 * - `registry`: the index was pushed by digest to the plan's repository;
 *   `imagetools create` points the tags at exactly that digest.
 * - `engine`: the index was loaded locally as `candidate` (buildx's docker
 *   driver cannot push by digest); it is tagged and pushed as it is.
 * - `fanout`: each engine pushed its part; the index is made from the tested
 *   parts under the tags.
 */
export type Gate =
  | { kind: 'registry'; tags: string[] }
  | {
      kind: 'engine';
      candidate: string;
      tags: string[];
      /** Classic image store: a push re-encodes the manifest, so the image is matched by its config. */
      classic?: boolean;
    }
  | { kind: 'fanout'; tags: string[]; annotations?: string[] };

export interface BuildStep {
  worker: string;
  platforms: Platform[];
  tags: string[];
  metadataFile: string;
  argv: string[];
}

export interface SmokeTarget {
  platform: Platform;
  emulated: boolean;
  /** Local image to run; for a push it is filled in from the pushed index. */
  ref?: string;
  /** The docker CLI aimed at the engine that runs this platform. */
  docker: string[];
  node: string;
}

export interface Plan {
  mode: BuildMode;
  /** Repository that pushed digests live in. */
  repository?: string;
  /** Platforms the runner's own engine can only run through an emulator. */
  emulated: Platform[];
  builds: BuildStep[];
  targets: SmokeTarget[];
  /** Why the plan looks the way it does, for the log. */
  notes: string[];
  /** Set when the tags wait for every platform to pass. */
  gate?: Gate;
  /** Fanout: the index-level annotations, for the index merged from the parts. */
  mergeAnnotations?: string[];
}

/** Tag for images loaded without a registry when the user gave none. */
export function defaultLocalTag(context: string): string {
  const base = path
    .basename(path.resolve(context))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-');
  const name = base.replace(/^[._-]+|[._-]+$/g, '') || 'image';
  return `multiarch-local/${name}:latest`;
}

/**
 * A tag for some platforms of an image: `api:1.5` → `api:1.5-linux-arm64`.
 * Per-platform loads use it so they don't overwrite each other, and fanout
 * pushes each engine's part under it.
 */
export function partTag(tag: string, platforms: Platform[]): string {
  const ref = parseImageRef(tag);
  const suffixed = `${ref.tag ?? 'latest'}-${platforms.map(platformSlug).join('-')}`;
  return `${repository(ref)}:${suffixed.slice(0, 128)}`;
}

/** The runner's own engine, building every platform no node claims. */
export function localWorker(engine: EngineInfo, platforms: Platform[]): Worker {
  return {
    ...engine,
    name: 'local',
    docker: ['docker'],
    context: 'default',
    platforms,
    remote: false,
  };
}

export interface PlanOptions {
  tempDir: string;
  /** Unique to the run: names what the run makes that must not clash with another run. */
  runId?: string;
  /** With nodes: how they build. */
  strategy?: 'append' | 'fanout';
  /** With append: the builder spanning the nodes. */
  builder?: string;
  /** The driver of the builder a push-by-digest build uses (`docker`, `docker-container`, …). */
  builderDriver?: string;
  /** How buildx reports progress: rawjson when it can (buildx 0.13+). */
  progress?: 'plain' | 'rawjson';
}

/**
 * A builder on buildx's docker driver builds several platforms into one
 * image only with the containerd image store; with the classic store buildx
 * refuses ("Multi-platform build is not supported for the docker driver").
 */
export function checkMultiPlatform(w: Worker, driver: string | undefined): void {
  if (w.platforms.length < 2 || w.containerdStore || (driver !== undefined && driver !== 'docker'))
    return;
  const where = w.remote ? `Node ${w.name}` : "The runner's engine";
  throw new Error(
    `${where} cannot build ${w.platforms.map(formatPlatform).join(', ')} in one build: its builder uses buildx's docker driver and the engine keeps one platform per image (no containerd image store). ` +
      'Fix: add docker/setup-buildx-action before this step (a docker-container builder), or turn on the containerd image store ({"features":{"containerd-snapshotter":true}} in /etc/docker/daemon.json).',
  );
}

/**
 * Annotations for a part of an image (some platforms of a fanout, or one
 * platform loaded alone) and for the index merged from the parts. buildx
 * refuses index-level annotations on a single-platform export, so those wait
 * for the merge, where `imagetools create` sets the index and
 * manifest-descriptor ones; manifest annotations stay with each part.
 */
export function splitAnnotations(annotations: string[]): {
  part: string[];
  merged: string[];
  dropped: string[];
} {
  const out = { part: [] as string[], merged: [] as string[], dropped: [] as string[] };
  for (const a of annotations) {
    const m = /^([a-z-]+(?:,[a-z-]+)*)(\[[^\]]*\])?:([\w.-]+=[\s\S]*)$/.exec(a);
    if (!m) {
      out.part.push(a);
      continue;
    }
    const [, list = '', filter = '', rest = ''] = m;
    const types = list.split(',');
    const manifest = types.filter((t) => t === 'manifest');
    if (manifest.length > 0) out.part.push(`manifest${filter}:${rest}`);
    if (types.includes('index')) out.merged.push(`index:${rest}`);
    if (types.includes('manifest-descriptor'))
      out.merged.push(`manifest-descriptor${filter}:${rest}`);
    if (types.includes('index-descriptor')) out.dropped.push(a);
  }
  return out;
}
