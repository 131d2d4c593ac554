// Types of layers.js, for the tests that hold the rule to what it says.
export interface Layer {
  layer: string;
  /** The action's folder, for the actions layer. */
  action?: string;
  /** Set for a file under test/unit/. */
  test?: boolean;
}
export type ImportGraph = Map<string, string[]>;

export function layerOf(file: string): Layer | undefined;
export function violation(from: Layer | undefined, to: Layer | undefined): string | undefined;
export function packageViolation(from: Layer | undefined, name: string): string | undefined;
export function resolveImport(fromFile: string, spec: string): string | undefined;
export function importsOf(file: string): string[];
export function importGraph(dir: string): ImportGraph;
export function cycles(graph: ImportGraph): Set<string>[];
export function pathWithin(
  graph: ImportGraph,
  component: Set<string>,
  start: string,
  goal: string,
): string[];

declare const plugin: { rules: Record<string, unknown> };
export default plugin;
