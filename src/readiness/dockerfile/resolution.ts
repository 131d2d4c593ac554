/**
 * Resolution: what a build pulls, worked out per target platform the way
 * BuildKit's Dockerfile frontend (dockerfile2llb) builds its graph. Every
 * target gets its own global scope, so a line can pull a different image, or
 * another platform of it, or nothing, depending on the target. Pure.
 */
import { formatPlatform, parsePlatform, type Platform } from '../../oci/platform';
import { errorMessage } from '../../runner/errors';
import { expandWord, type Expanded } from './expansion';
import { readModel, type DockerfileModel, type SourceLine, type StageDecl } from './model';
import { automaticArgs, globalScope, versionWarnings } from './platform-args';

export interface ResolveOptions {
  /** The platforms the build is for. */
  targets: Platform[];
  /** The builder's own platform: $BUILDPLATFORM. */
  buildPlatform: Platform;
  buildArgs?: Record<string, string>;
  /** The stage to build (`--target`); the last stage when unset. */
  target?: string;
}

/** What one source line does in the build for one target platform. */
export interface SourceUse {
  /** Index of the stage the line belongs to. */
  stage: number;
  source: SourceLine;
  /** The reference after substitution. */
  ref: string;
  kind: 'image' | 'stage' | 'scratch';
  /** For kind 'stage': the index of the stage it names. */
  stageRef?: number;
  /** For kind 'image': the platform BuildKit pulls it for (the target, or the line's --platform). */
  platform?: Platform;
  /** The --platform flag after substitution, when the line has one. */
  platformFlag?: string;
  /** The --platform flag as written: `$BUILDPLATFORM`. */
  platformWord?: string;
  /** Variables with no value, as written: the reference or platform could not be worked out. */
  unresolved: string[];
  /** Whether the build reaches the stage (from the target stage, through FROM, COPY --from and RUN --mount). */
  reachable: boolean;
}

export interface TargetResolution {
  target: Platform;
  /** The stage the build ends with: the `target` one, or the last; undefined when `target` names none. */
  targetStage?: number;
  uses: SourceUse[];
  /** What makes BuildKit refuse this build, at a line, with the value and the fix. */
  errors: { line: number; message: string }[];
}

export interface ResolvedDockerfile {
  model: DockerfileModel;
  targets: TargetResolution[];
  /** Lines that resolve differently across BuildKit versions, with the fix. */
  warnings: { line: number; message: string }[];
}

/**
 * Works out, for each target platform, what every FROM, COPY --from and RUN
 * --mount from= line of the Dockerfile resolves to, the platform each image is
 * pulled for, and which stages the build reaches, following BuildKit's
 * Dockerfile frontend:
 *
 * - the global scope is BuildKit's platform ARGs (overridden by build-args of
 *   the same name), then the ARGs before the first FROM in order: a build-arg
 *   wins, else the default, expanded in the scope so far, replaces the value
 *   (even of a platform ARG); `ARG NAME` alone leaves it as it is;
 * - a FROM names an earlier stage when its substituted reference equals that
 *   stage's (lower-cased) name, case-sensitively; `scratch` is no image;
 * - --platform is substituted and parsed per target; an image without it is
 *   pulled for the target;
 * - COPY --from and RUN --mount from= name any stage (case-insensitively), a
 *   stage index, or else an image pulled for the target;
 * - the build reaches the target stage (or the last one) and, recursively,
 *   the stages its FROM and its --from sources name.
 *
 * Not modelled: ONBUILD triggers of base images, named build contexts
 * (--build-context), and `${VAR#…}`-style modifiers (reported as unresolved).
 */
export function resolveDockerfile(text: string, opts: ResolveOptions): ResolvedDockerfile {
  const model = readModel(text);
  const buildArgs = opts.buildArgs ?? {};
  const targets = opts.targets.map((t) => resolveTarget(model, t, opts, buildArgs));
  return { model, targets, warnings: versionWarnings(model, buildArgs) };
}

/** One target's pass over the model: its scope, and the stage names FROM lines have registered so far. */
interface Pass {
  model: DockerfileModel;
  target: Platform;
  expand: (word: string) => Expanded;
  byName: Map<string, number>;
  errors: TargetResolution['errors'];
}

function resolveTarget(
  model: DockerfileModel,
  target: Platform,
  opts: ResolveOptions,
  buildArgs: Record<string, string>,
): TargetResolution {
  const last = model.stages[model.stages.length - 1];
  const targetName = opts.target?.toLowerCase() ?? last?.name ?? '';
  const scope = globalScope(
    model,
    automaticArgs(target, opts.buildPlatform, targetName),
    buildArgs,
  );
  const pass: Pass = {
    model,
    target,
    expand: (word) => expandWord(word, scope, model.escape, 'substitute'),
    byName: new Map(),
    errors: [],
  };
  // In this order: a FROM registers its stage name for the lines after it, and the reads
  // of every stage may name any stage.
  const uses = model.stages.map((stage) => fromUse(pass, stage));
  for (const stage of model.stages)
    for (const source of stage.reads) uses.push(readUse(pass, stage, source));

  const targetStage =
    opts.target === undefined
      ? model.stages.length - 1
      : namedTarget(pass, opts.target, targetName);
  markReachable(uses, targetStage);
  uses.sort((a, b) => a.source.line - b.source.line);
  const resolution: TargetResolution = { target, uses, errors: pass.errors };
  if (targetStage !== undefined && targetStage >= 0) resolution.targetStage = targetStage;
  return resolution;
}

function fromUse({ target, expand, byName, errors }: Pass, stage: StageDecl): SourceUse {
  const { from } = stage;
  const ref = expand(from.word);
  const use: SourceUse = {
    stage: stage.index,
    source: from,
    ref: ref.text,
    kind: 'image',
    unresolved: [...ref.unresolved],
    reachable: false,
  };
  if (ref.unresolved.length === 0 && ref.text === '') {
    errors.push({
      line: from.line,
      message: `FROM ${from.word} is blank for ${formatPlatform(target)}: BuildKit stops with "base name (${from.word}) should not be blank". Give the variable a default (\${VAR:-image}) or pass it in build-args.`,
    });
  }
  const named = byName.get(ref.text);
  if (ref.text === 'scratch') use.kind = 'scratch';
  else if (named !== undefined) {
    use.kind = 'stage';
    use.stageRef = named;
  }
  if (from.platformWord !== undefined) {
    const p = expand(from.platformWord);
    use.platformFlag = p.text;
    use.platformWord = from.platformWord;
    for (const n of p.unresolved) if (!use.unresolved.includes(n)) use.unresolved.push(n);
    if (p.unresolved.length === 0) {
      try {
        use.platform = parsePlatform(p.text);
      } catch (err) {
        errors.push({
          line: from.line,
          message: `FROM --platform=${from.platformWord} is "${p.text}" for ${formatPlatform(target)}, which BuildKit cannot parse (${errorMessage(err)}). Use os/arch[/variant], like --platform=$BUILDPLATFORM or --platform=linux/amd64.`,
        });
      }
    }
  } else {
    use.platform = target;
  }
  // Registered after its own FROM is looked up: `FROM x AS x` pulls the image x.
  if (stage.name) byName.set(stage.name, stage.index);
  return use;
}

function readUse(
  { model, target, byName, errors }: Pass,
  stage: StageDecl,
  source: SourceLine,
): SourceUse {
  const use: SourceUse = {
    stage: stage.index,
    source,
    ref: source.word,
    kind: 'image',
    unresolved: [],
    reachable: false,
    platform: target,
  };
  if (source.word.includes('$')) {
    errors.push({
      line: source.line,
      message: `${source.via}=${source.word}: BuildKit does not expand variables in --from and stops the build. Define a stage with FROM ${source.word} AS <name> (FROM takes global ARGs) and use --from=<name>.`,
    });
    use.unresolved = [source.word];
    return use;
  }
  const index = /^\d+$/.test(source.word) ? Number(source.word) : undefined;
  const named = index ?? byName.get(source.word.toLowerCase());
  if (named !== undefined && named < model.stages.length) {
    use.kind = 'stage';
    use.stageRef = named;
    delete use.platform;
  } else if (index !== undefined) {
    errors.push({
      line: source.line,
      message: `${source.via}=${source.word}: there is no stage ${index} (the Dockerfile has ${model.stages.length}, numbered from 0). Use the index or the AS name of an earlier stage.`,
    });
    delete use.platform;
    use.kind = 'stage';
  } else if (source.word === 'scratch') {
    use.kind = 'scratch';
    delete use.platform;
  }
  return use;
}

/** The stage `--target` names; undefined, with the error BuildKit stops with, when it names none. */
function namedTarget(
  { model, byName, errors }: Pass,
  target: string,
  targetName: string,
): number | undefined {
  const index = byName.get(targetName);
  if (index === undefined) {
    const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
    errors.push({
      line: model.stages[model.stages.length - 1]?.from.line ?? 1,
      message: `target "${target}" names no stage of the Dockerfile, so BuildKit stops with "target stage could not be found". Use one of its AS names: ${names.join(', ') || '(none: add AS <name> to a FROM)'}.`,
    });
  }
  return index;
}

/** Marks the stages the build reaches from the target stage, and with them their lines. */
function markReachable(uses: SourceUse[], targetStage: number | undefined): void {
  const reached = new Set<number>();
  const pending = targetStage !== undefined && targetStage >= 0 ? [targetStage] : [];
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (reached.has(index)) continue;
    reached.add(index);
    for (const u of uses)
      if (u.stage === index && u.kind === 'stage' && u.stageRef !== undefined)
        pending.push(u.stageRef);
  }
  for (const u of uses) u.reachable = reached.has(u.stage);
}
