/**
 * BuildKit's own platform ARGs and the global scope built over them. Each
 * target platform gets its own scope, so the same FROM can pull different
 * images per target; and a global declaration of one of these ARGs is read
 * differently by BuildKit versions, which is worth a warning. Pure.
 */
import { normalize, type Platform } from '../../oci/platform';
import { expandWord, type ArgValue } from './expansion';
import type { DockerfileModel } from './model';

/** The ARGs BuildKit sets itself, from the target and build platforms (dockerfile2llb's defaultArgs). */
export const BUILDKIT_ARGS: readonly string[] = [
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDOSVERSION',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETOSVERSION',
  'TARGETARCH',
  'TARGETVARIANT',
  'TARGETSTAGE',
];

/**
 * A platform as BuildKit spells it in its ARGs (containerd's normalisation):
 * arm64 without its default v8, 32-bit arm with its default v7.
 */
export function buildkitPlatform(p: Platform): { os: string; arch: string; variant: string } {
  const n = normalize(p);
  const variant = n.architecture === 'arm' ? (n.variant ?? 'v7') : (n.variant ?? '');
  return { os: n.os, arch: n.architecture, variant };
}

const platformArg = (p: { os: string; arch: string; variant: string }): string =>
  [p.os, p.arch, p.variant].filter(Boolean).join('/');

/** BuildKit's own ARGs for one target, before the Dockerfile's global ARGs and the build-args. */
export function automaticArgs(
  target: Platform,
  build: Platform,
  targetStage: string,
): Map<string, string> {
  const t = buildkitPlatform(target);
  const b = buildkitPlatform(build);
  return new Map([
    ['BUILDPLATFORM', platformArg(b)],
    ['BUILDOS', b.os],
    ['BUILDOSVERSION', ''],
    ['BUILDARCH', b.arch],
    ['BUILDVARIANT', b.variant],
    ['TARGETPLATFORM', platformArg(t)],
    ['TARGETOS', t.os],
    ['TARGETOSVERSION', ''],
    ['TARGETARCH', t.arch],
    ['TARGETVARIANT', t.variant],
    ['TARGETSTAGE', targetStage],
  ]);
}

/** Whether a word uses $NAME or ${NAME…}. */
const usesVariable = (word: string, name: string): boolean =>
  new RegExp(`\\$\\{?${name}(?![A-Za-z0-9_])`).test(word);

/** The global scope of one target: BuildKit's ARGs, the build-args over them, then the global ARGs. */
export function globalScope(
  model: DockerfileModel,
  automatic: Map<string, string>,
  buildArgs: Record<string, string>,
): Map<string, ArgValue> {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(buildArgs, name);
  const scope = new Map<string, ArgValue>();
  for (const [name, value] of automatic)
    scope.set(name, { value: has(name) ? buildArgs[name] : value, unresolved: [] });
  for (const g of model.globals) {
    if (has(g.name)) {
      // Build-arg values are taken literally, like `docker build --build-arg`.
      scope.set(g.name, { value: buildArgs[g.name], unresolved: [] });
    } else if (g.default !== undefined) {
      const { text, unresolved } = expandWord(g.default, scope, model.escape, 'substitute');
      scope.set(g.name, { value: text, unresolved });
    } else if (!scope.has(g.name)) {
      scope.set(g.name, { unresolved: [] });
    }
  }
  return scope;
}

/**
 * Global `ARG TARGETOS` (any BuildKit platform ARG) without a value: newer
 * BuildKit keeps the platform's value for FROM lines, older BuildKit (Docker
 * Engine 26's built-in builder among them) empties it, so the same FROM pulls
 * something else, or nothing, depending on the builder.
 */
export function versionWarnings(
  model: DockerfileModel,
  buildArgs: Record<string, string>,
): { line: number; message: string }[] {
  const warnings: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  for (const g of model.globals) {
    if (g.default !== undefined || !BUILDKIT_ARGS.includes(g.name) || seen.has(g.name)) continue;
    if (Object.prototype.hasOwnProperty.call(buildArgs, g.name)) continue;
    const user = model.stages.find(
      (s) =>
        usesVariable(s.from.word, g.name) ||
        (s.from.platformWord !== undefined && usesVariable(s.from.platformWord, g.name)),
    );
    if (!user) continue;
    seen.add(g.name);
    warnings.push({
      line: g.line,
      message: `ARG ${g.name} before the first FROM, without a value, changes what line ${user.from.line} (${user.from.raw}) pulls with the BuildKit version: newer BuildKit keeps the platform's $${g.name}, older BuildKit (the builder built into Docker Engine 26 among them) makes it empty. Delete this line: BuildKit's platform ARGs need no declaration before FROM.`,
    });
  }
  return warnings;
}
