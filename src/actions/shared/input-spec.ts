/**
 * What an action's spec is made of, and the typed reader its parser reads
 * inputs through: only a declared name compiles, and an empty input reads as
 * its declared default. specs.ts declares the actions with these types; the
 * blocks shared by every action (smoke-inputs.ts) do too.
 */
export interface InputSpec {
  readonly name: string;
  readonly description: string;
  /** The value the runner passes when the workflow gives none. */
  readonly default?: string;
  readonly required?: boolean;
  /** A true/false input: the CLI accepts it as a bare --flag and as --no-flag. */
  readonly boolean?: boolean;
}

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
}

export interface ActionSpec {
  /** The action's key: the markers of docs/reference.md use it (`<!-- inputs:merge:start -->`). */
  readonly id: 'build' | 'merge' | 'check';
  /** Path of its action.yml from the repository root. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly author: string;
  readonly branding: { readonly icon: string; readonly color: string };
  readonly inputs: readonly InputSpec[];
  readonly outputs: readonly OutputSpec[];
  readonly runs: { readonly using: 'node24'; readonly main: string; readonly post: string };
}

/** The names a list of input specs declares. */
export type InputName<I extends readonly InputSpec[]> = I[number]['name'];

/** Input specs whose names the compiler knows; every other field reads as InputSpec's. */
export type Declared<N extends string> = readonly (InputSpec & { readonly name: N })[];

/** An action's spec whose input names the compiler knows. */
export interface DeclaredAction<N extends string> extends ActionSpec {
  readonly inputs: Declared<N>;
}

/** Input specs, checked, with their names kept as types (`as const` would narrow every field). */
export function declareInputs<const I extends readonly InputSpec[]>(
  inputs: I,
): Declared<InputName<I>> {
  return inputs;
}

/** An action's spec, checked, with its input names kept as types. */
export function declareAction<const I extends readonly InputSpec[]>(
  spec: ActionSpec & { readonly inputs: I },
): DeclaredAction<InputName<I>> {
  return spec;
}

/** Reads a declared input by name. */
export type Get<N extends string> = (name: N) => string;

export interface InputReader<N extends string> {
  /** The input, or its declared default when it is empty. */
  get: Get<N>;
  /** The input as given, without the default: for a parser that must tell "not given" apart. */
  given: Get<N>;
}

/**
 * A typed reader over raw input strings (the runner's, the CLI's flags, a test's table).
 * Reading through it twice is harmless: a default read back is not empty.
 */
export function inputReader<const I extends readonly InputSpec[]>(
  inputs: I,
  read: Get<InputName<I>>,
): InputReader<InputName<I>> {
  const defaults = new Map(inputs.map((i) => [i.name, i.default]));
  return {
    get(name) {
      const raw = read(name);
      const fallback = defaults.get(name);
      return raw.trim() === '' && fallback !== undefined ? fallback : raw;
    },
    given: (name) => read(name),
  };
}

/** The declared default of an input, for a parser that shows it in a message. */
export function defaultOf<const I extends readonly InputSpec[]>(
  inputs: I,
  name: InputName<I>,
): string {
  return inputs.find((i) => i.name === name)?.default ?? '';
}
