/**
 * The images a pod spec runs, init containers included: an image that lacks an
 * architecture fails the pod whichever container it is in. Pure.
 */
import { findPair, lineOf, scalarText, seqItems, type YamlSource } from './yaml-nodes';

export interface ContainerImage {
  /** Container name ('' when the manifest leaves it out). */
  container: string;
  /** True for an entry of `initContainers`. */
  init: boolean;
  /** The image reference exactly as written (not normalised). */
  image: string;
  /** 1-based line of the image value in the file. */
  line: number;
}

export function containerImages(podSpec: unknown, ctx: YamlSource): ContainerImage[] {
  const images: ContainerImage[] = [];
  for (const [key, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    for (const container of seqItems(findPair(podSpec, key, ctx.doc)?.value, ctx.doc)) {
      const imagePair = findPair(container, 'image', ctx.doc);
      const image = scalarText(imagePair?.value, ctx.doc);
      const line = lineOf(imagePair?.value, ctx);
      if (!image || line === undefined) continue;
      const containerName = scalarText(findPair(container, 'name', ctx.doc)?.value, ctx.doc) ?? '';
      images.push({ container: containerName, init, image, line });
    }
  }
  // Document order; sort() is stable, so entries sharing a line keep init-first order.
  return images.sort((a, b) => a.line - b.line);
}
