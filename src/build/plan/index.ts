/**
 * Decides what a run will do, from the inputs and what the engines can do.
 * Pure: everything here is unit-tested; execution lives elsewhere.
 */
import path from 'node:path';
import type { EngineInfo } from '../../docker/engine';
import { buildArgs } from '../../docker/buildx';
import type { BuildRequest } from '../request';
import { formatPlatform, platformSlug, type Platform } from '../../oci/platform';
import { isEmulated } from '../../verify/emulation/binfmt';
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

export type BuildMode = 'push' | 'load' | 'load-per-platform' | 'fanout-push' | 'fanout-load';

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
  /** With nodes: how they build. */
  strategy?: 'append' | 'fanout';
  /** With append: the builder spanning the nodes. */
  builder?: string;
  /** The driver of the builder a push-by-digest build uses (`docker`, `docker-container`, …). */
  builderDriver?: string;
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

export function planRun(inputs: BuildRequest, workers: Worker[], opts: PlanOptions): Plan {
  const notes: string[] = [];
  const workerOf = (p: Platform): Worker => {
    const w = workers.find((x) => x.platforms.some((q) => formatPlatform(q) === formatPlatform(p)));
    if (!w) throw new Error(`no engine builds ${formatPlatform(p)}`);
    return w;
  };
  const target = (p: Platform, ref?: string): SmokeTarget => {
    const w = workerOf(p);
    return { platform: p, emulated: isEmulated(w.native, p), ref, docker: w.docker, node: w.name };
  };
  const local = workers.find((w) => !w.remote);
  const emulated = local ? local.platforms.filter((p) => isEmulated(local.native, p)) : [];
  for (const w of workers.filter((x) => x.remote)) {
    const foreign = w.platforms.filter((p) => isEmulated(w.native, p));
    if (foreign.length > 0) {
      notes.push(
        `Node ${w.name} is ${formatPlatform(w.native)}: ${foreign.map(formatPlatform).join(', ')} will be emulated there, not native.`,
      );
    }
  }
  const pushRepo = inputs.push ? repository(parseImageRef(inputs.tags[0] as string)) : undefined;
  let counter = 0;
  const step = (
    on: { name: string; docker: string[] },
    platforms: Platform[],
    tags: string[],
    output: 'push' | 'load' | 'push-by-digest',
    builder = inputs.builder,
  ): BuildStep => {
    const metadataFile = path.join(opts.tempDir, `metadata-${++counter}.json`);
    const name = output === 'push-by-digest' ? pushRepo : undefined;
    const argv = buildArgs(
      { ...inputs, builder },
      { docker: on.docker, platforms, tags, output, name, metadataFile },
    );
    return { worker: on.name, platforms, tags, metadataFile, argv };
  };
  const localTags = inputs.tags.length > 0 ? inputs.tags : [defaultLocalTag(inputs.context)];
  const loadSteps = (
    w: Worker,
  ): { builds: BuildStep[]; targets: SmokeTarget[]; perPlatform: boolean } => {
    if (w.containerdStore || w.platforms.length === 1) {
      return {
        builds: [step(w, w.platforms, localTags, 'load')],
        targets: w.platforms.map((p) => target(p, localTags[0])),
        perPlatform: false,
      };
    }
    return {
      builds: w.platforms.map((p) =>
        step(
          w,
          [p],
          localTags.map((t) => partTag(t, [p])),
          'load',
        ),
      ),
      targets: w.platforms.map((p) => target(p, partTag(localTags[0] as string, [p]))),
      perPlatform: true,
    };
  };
  const all = inputs.platforms;

  if (workers.length === 1 && !workers[0]?.remote) {
    const w = workers[0] as Worker;
    if (inputs.pushByDigest) {
      checkMultiPlatform(w, opts.builderDriver);
      // buildx's docker driver refuses push-by-digest: there the platform
      // tag stands in, and the digest is what the step reports either way.
      const byDigest = opts.builderDriver !== undefined && opts.builderDriver !== 'docker';
      notes.push(
        byDigest
          ? `Pushing ${all.map(formatPlatform).join(', ')} to ${pushRepo} by digest, without a tag.`
          : `The ${opts.builderDriver ?? 'current'} builder cannot push by digest: pushing ${all.map(formatPlatform).join(', ')} as ${partTag(inputs.tags[0] as string, all)} and reporting its digest.`,
      );
      const build = byDigest
        ? step(w, all, [], 'push-by-digest')
        : step(w, all, [partTag(inputs.tags[0] as string, all)], 'push');
      return {
        mode: 'push',
        repository: pushRepo,
        emulated,
        builds: [build],
        targets: all.map((p) => target(p)),
        notes,
      };
    }
    if (inputs.push) {
      checkMultiPlatform(w, opts.builderDriver);
      notes.push(`Pushing ${all.map(formatPlatform).join(', ')} as ${inputs.tags.join(', ')}.`);
      return {
        mode: 'push',
        repository: pushRepo,
        emulated,
        builds: [step(w, all, inputs.tags, 'push')],
        targets: all.map((p) => target(p)),
        notes,
      };
    }
    const load = loadSteps(w);
    notes.push(
      load.perPlatform
        ? 'The engine keeps one platform per tag (no containerd image store): loading each platform under its own tag.'
        : all.length === 1
          ? `Loading ${localTags[0]} locally.`
          : `The engine uses the containerd image store: loading one multi-platform image ${localTags[0]}.`,
    );
    return {
      mode: load.perPlatform ? 'load-per-platform' : 'load',
      emulated,
      builds: load.builds,
      targets: load.targets,
      notes,
    };
  }

  if (opts.strategy === 'append') {
    if (!opts.builder) throw new Error('append needs a builder name');
    notes.push(
      `One builder (${opts.builder}) spans ${workers.map((w) => `${w.name}: ${w.platforms.map(formatPlatform).join(', ')}`).join('; ')}.`,
    );
    return {
      mode: 'push',
      repository: pushRepo,
      emulated,
      // The builder reaches every node itself; the build runs from the runner's CLI.
      builds: [
        step({ name: opts.builder, docker: ['docker'] }, all, inputs.tags, 'push', opts.builder),
      ],
      targets: all.map((p) => target(p)),
      notes,
    };
  }

  notes.push(
    `Each engine builds its own platforms: ${workers.map((w) => `${w.name}: ${w.platforms.map(formatPlatform).join(', ')}`).join('; ')}.`,
  );
  if (inputs.push) {
    // Nodes build with their own default (docker-driver) builders.
    for (const w of workers) checkMultiPlatform(w, w.remote ? 'docker' : opts.builderDriver);
    return {
      mode: 'fanout-push',
      repository: pushRepo,
      emulated,
      // buildx's docker driver cannot push by digest, so each engine pushes
      // under its platforms' tag (the same every run: nothing piles up), and
      // the merge then names every part by digest.
      builds: workers.map((w) =>
        step(w, w.platforms, [partTag(inputs.tags[0] as string, w.platforms)], 'push'),
      ),
      targets: all.map((p) => target(p)),
      notes,
    };
  }
  const loads = workers.map(loadSteps);
  return {
    mode: 'fanout-load',
    emulated,
    builds: loads.flatMap((l) => l.builds),
    targets: all.map(
      (p) =>
        loads
          .flatMap((l) => l.targets)
          .find((t) => formatPlatform(t.platform) === formatPlatform(p)) as SmokeTarget,
    ),
    notes,
  };
}
