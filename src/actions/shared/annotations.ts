/**
 * Annotations, in buildx's syntax: `[level,level[platform]:]KEY=VALUE`. The
 * build action passes them to `buildx build`; merge to `imagetools create`,
 * which sets only index-level ones. Pure.
 */
import { InputError, listInput } from '../../runner/inputs';

/** No control characters: each value reaches buildx as one argv word. */
const PRINTABLE = /^[^\p{Cc}]*$/u;

/** The annotation levels buildx knows. */
const ANNOTATION_TYPES = new Set(['index', 'manifest', 'index-descriptor', 'manifest-descriptor']);

/** `[type,type[platform]:]key=value` (buildx's annotation syntax). */
const ANNOTATION = /^(?:([a-z-]+(?:,[a-z-]+)*)(?:\[[\w/.,-]+\])?:)?[A-Za-z0-9][\w.-]*=/;

/** An annotation's levels, or undefined when it names none (buildx then means manifest). */
export function annotationTypes(a: string): string[] | undefined {
  const m = ANNOTATION.exec(a);
  return m?.[1]?.split(',');
}

/** One annotation per line (commas kept, quotes as in every list), each checked. */
export function annotationsInput(name: string, raw: string): string[] {
  const items = listInput(name, raw, { commas: 'keep' });
  for (const a of items) {
    if (!ANNOTATION.test(a) || !PRINTABLE.test(a)) {
      throw new InputError(
        name,
        a,
        'is not an annotation',
        'Write KEY=VALUE, optionally with a level first, like index:org.opencontainers.image.description=…, one per line.',
      );
    }
    const unknown = annotationTypes(a)?.find((t) => !ANNOTATION_TYPES.has(t));
    if (unknown) {
      throw new InputError(
        name,
        a,
        `names the level "${unknown}", which buildx does not know`,
        `Use ${[...ANNOTATION_TYPES].join(', ')}.`,
      );
    }
  }
  return items;
}

/**
 * merge's annotations: what `imagetools create` can set. A bare KEY=VALUE is
 * an index annotation (buildx would refuse it untyped); manifest annotations
 * are refused here, with the fix, instead of by buildx without one.
 */
export function mergeAnnotationsInput(raw: string): string[] {
  return annotationsInput('annotations', raw).map((a) => {
    const types = annotationTypes(a);
    if (!types) return `index:${a}`;
    if (types.includes('manifest')) {
      throw new InputError(
        'annotations',
        a,
        'is a manifest annotation, which imagetools create cannot set (the platform manifests exist already; changing one would change its digest)',
        "Set it where the image is built (the build action's or build-push-action's annotations input), or write index:… or manifest-descriptor:… here.",
      );
    }
    if (types.includes('index-descriptor')) {
      throw new InputError(
        'annotations',
        a,
        'is an index-descriptor annotation, which exists only in an OCI layout; imagetools create refuses it',
        'Write index:… to annotate the index itself.',
      );
    }
    return a;
  });
}
