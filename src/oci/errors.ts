/**
 * The one error base of the action: every error it throws on purpose says
 * what kind of failure it is, so the CLI's exit code and the messages read
 * `kind`, not a chain of classes. Here, in the lowest layer, because every
 * layer (oci included) throws them; the rest import it through runner/errors.
 */

/**
 * - input: a value the user gave is wrong (the CLI exits 2);
 * - usage: the CLI's own words are wrong (exits 2);
 * - invalid: text that does not parse (a platform, a reference, a probe), before an input names it;
 * - command: a program the run started failed;
 * - timeout: a bound ran out.
 */
export type ErrorKind = 'input' | 'usage' | 'invalid' | 'command' | 'timeout';

export class MultiarchError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // The subclass's own name (InputError, CommandError…), as a stack trace shows it.
    this.name = new.target.name;
  }
}

/** The kind of anything thrown; undefined for an error that is not one of ours. */
export function errorKind(err: unknown): ErrorKind | undefined {
  return err instanceof MultiarchError ? err.kind : undefined;
}
