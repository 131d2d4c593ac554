/** What every planner shares: the request, the workers, and how to make a build step. Pure. */
import path from 'node:path';
import { buildArgs } from '../../docker/buildx';
import { formatPlatform, type Platform } from '../../oci/platform';
import { parseImageRef, repository } from '../../oci/reference';
import { isEmulated } from '../../verify/emulation/binfmt';
import type { BuildRequest } from '../request';
import {
  defaultLocalTag,
  partTag,
  splitAnnotations,
  type BuildStep,
  type PlanOptions,
  type SmokeTarget,
  type Worker,
} from './shapes';

/** Where a push goes: its first tag names the repository every pushed digest lives in. */
export interface PushTarget {
  /** The first tag: part tags and the digest read-back hang off it. */
  tag: string;
  repository: string;
}

export interface PlanContext {
  inputs: BuildRequest;
  workers: Worker[];
  opts: PlanOptions;
  /** Set exactly when the request pushes. */
  push?: PushTarget;
  /** Platforms the runner's own engine can only run through an emulator. */
  emulated: Platform[];
  /** Tags for local loads: the user's, or one made from the context. */
  localTags: [string, ...string[]];
  notes: string[];
  step(
    on: { name: string; docker: string[] },
    platforms: Platform[],
    tags: string[],
    output: 'push' | 'load' | 'push-by-digest',
    builder?: string,
  ): BuildStep;
  target(p: Platform, ref?: string): SmokeTarget;
}

/** The push target of a request; the input parser guarantees a tag whenever push is on. */
export function pushTargetOf(inputs: BuildRequest): PushTarget | undefined {
  if (!inputs.push) return undefined;
  const [tag] = inputs.tags;
  if (!tag) throw new Error('a push needs at least one tag');
  return { tag, repository: repository(parseImageRef(tag)) };
}

export function planContext(
  inputs: BuildRequest,
  workers: Worker[],
  opts: PlanOptions,
): PlanContext {
  const notes: string[] = [];
  const workerOf = (p: Platform): Worker => {
    const w = workers.find((x) => x.platforms.some((q) => formatPlatform(q) === formatPlatform(p)));
    if (!w) throw new Error(`no engine builds ${formatPlatform(p)}`);
    return w;
  };
  const local = workers.find((w) => !w.remote);
  for (const w of workers.filter((x) => x.remote)) {
    const foreign = w.platforms.filter((p) => isEmulated(w.native, p));
    if (foreign.length > 0) {
      notes.push(
        `Node ${w.name} is ${formatPlatform(w.native)}: ${foreign.map(formatPlatform).join(', ')} will be emulated there, not native.`,
      );
    }
  }
  const push = pushTargetOf(inputs);
  const [firstTag, ...moreTags] = inputs.tags;
  // A part of the image (some of its platforms) takes only its manifests' annotations.
  const partAnnotations = splitAnnotations(inputs.annotations ?? []).part;
  let counter = 0;
  return {
    inputs,
    workers,
    opts,
    push,
    emulated: local ? local.platforms.filter((p) => isEmulated(local.native, p)) : [],
    localTags: firstTag ? [firstTag, ...moreTags] : [defaultLocalTag(inputs.context)],
    notes,
    step(on, platforms, tags, output, builder = inputs.builder) {
      const metadataFile = path.join(opts.tempDir, `metadata-${++counter}.json`);
      const name = output === 'push-by-digest' ? push?.repository : undefined;
      const part = platforms.length < inputs.platforms.length;
      const argv = buildArgs(
        { ...inputs, builder, annotations: part ? partAnnotations : inputs.annotations },
        { docker: on.docker, platforms, tags, output, name, metadataFile, progress: opts.progress },
      );
      return { worker: on.name, platforms, tags, metadataFile, argv };
    },
    target(p, ref) {
      const w = workerOf(p);
      return {
        platform: p,
        emulated: isEmulated(w.native, p),
        ref,
        docker: w.docker,
        node: w.name,
      };
    },
  };
}

/** Load steps for one engine: one multi-platform image, or one tag per platform on the classic store. */
export function loadSteps(
  ctx: PlanContext,
  w: Worker,
): { builds: BuildStep[]; targets: SmokeTarget[]; perPlatform: boolean } {
  const tags = ctx.localTags;
  if (w.containerdStore || w.platforms.length === 1) {
    return {
      builds: [ctx.step(w, w.platforms, tags, 'load')],
      targets: w.platforms.map((p) => ctx.target(p, tags[0])),
      perPlatform: false,
    };
  }
  return {
    builds: w.platforms.map((p) =>
      ctx.step(
        w,
        [p],
        tags.map((t) => partTag(t, [p])),
        'load',
      ),
    ),
    targets: w.platforms.map((p) => ctx.target(p, partTag(tags[0], [p]))),
    perPlatform: true,
  };
}
