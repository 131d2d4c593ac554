/**
 * Decides what a run will do, from the inputs and what the engine can do.
 * Pure: everything here is unit-tested; execution lives elsewhere.
 */
import path from 'node:path';
import { buildArgs } from './buildx/args';
import type { Inputs } from './inputs';
import { formatPlatform, platformSlug, type Platform } from './platform';
import { nativeArchitectures } from './qemu/binfmt';
import { parseImageRef, repository } from './reference';

export interface EngineInfo {
  /** The engine's own platform (`docker version` Server.Os/Arch). */
  native: Platform;
  /** containerd image store: multi-platform images can be loaded locally. */
  containerdStore: boolean;
}

export type BuildMode = 'push' | 'load' | 'load-per-platform';

export interface BuildStep {
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
}

export interface Plan {
  mode: BuildMode;
  /** Repository that pushed digests live in. */
  repository?: string;
  /** Platforms this engine can only run through an emulator. */
  emulated: Platform[];
  builds: BuildStep[];
  targets: SmokeTarget[];
  /** Why the plan looks the way it does, for the log. */
  notes: string[];
}

export function isEmulated(native: Platform, p: Platform): boolean {
  return !(p.os === native.os && nativeArchitectures(native.architecture).includes(p.architecture));
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

/** `name:1.5` → `name:1.5-linux-arm64`, so per-platform loads don't overwrite each other. */
export function perPlatformTag(tag: string, p: Platform): string {
  const ref = parseImageRef(tag);
  return `${repository(ref)}:${ref.tag ?? 'latest'}-${platformSlug(p)}`;
}

export function planRun(
  inputs: Inputs,
  engine: EngineInfo,
  docker: string[],
  tempDir: string,
): Plan {
  const notes: string[] = [];
  const emulated = inputs.platforms.filter((p) => isEmulated(engine.native, p));
  const target = (p: Platform, ref?: string): SmokeTarget => ({
    platform: p,
    emulated: isEmulated(engine.native, p),
    ref,
  });
  const step = (
    platforms: Platform[],
    tags: string[],
    output: 'push' | 'load',
    name: string,
  ): BuildStep => {
    const metadataFile = path.join(tempDir, `metadata-${name}.json`);
    return {
      platforms,
      tags,
      metadataFile,
      argv: buildArgs(inputs, { docker, platforms, tags, output, metadataFile }),
    };
  };

  if (inputs.push) {
    const first = inputs.tags[0] as string;
    notes.push(
      `Pushing ${inputs.platforms.map(formatPlatform).join(', ')} as ${inputs.tags.join(', ')}.`,
    );
    return {
      mode: 'push',
      repository: repository(parseImageRef(first)),
      emulated,
      builds: [step(inputs.platforms, inputs.tags, 'push', 'all')],
      targets: inputs.platforms.map((p) => target(p)),
      notes,
    };
  }

  const tags = inputs.tags.length > 0 ? inputs.tags : [defaultLocalTag(inputs.context)];
  if (engine.containerdStore || inputs.platforms.length === 1) {
    notes.push(
      inputs.platforms.length === 1
        ? `Loading ${tags[0]} locally.`
        : `The engine uses the containerd image store: loading one multi-platform image ${tags[0]}.`,
    );
    return {
      mode: 'load',
      emulated,
      builds: [step(inputs.platforms, tags, 'load', 'all')],
      targets: inputs.platforms.map((p) => target(p, tags[0])),
      notes,
    };
  }
  notes.push(
    'The engine keeps one platform per tag (no containerd image store): loading each platform under its own tag.',
  );
  return {
    mode: 'load-per-platform',
    emulated,
    builds: inputs.platforms.map((p) =>
      step(
        [p],
        tags.map((t) => perPlatformTag(t, p)),
        'load',
        platformSlug(p),
      ),
    ),
    targets: inputs.platforms.map((p) => target(p, perPlatformTag(tags[0] as string, p))),
    notes,
  };
}
