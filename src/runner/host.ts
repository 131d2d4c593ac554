/**
 * The port an action runs against: where its inputs come from and where its
 * outputs, secrets, summary, log and verdict go. The runner's adapter is
 * runner/github-host.ts; the CLI's is cli/terminal-host.ts. Types only.
 */

/** Where an annotation points: a file and line of the workspace, and its title. */
export interface Where {
  title?: string;
  file?: string;
  startLine?: number;
}

/** The log every layer writes to. */
export interface Log {
  info(message: string): void;
  warning(message: string, where?: Where): void;
  error(message: string, where?: Where): void;
  notice(message: string, where?: Where): void;
  /** Shown only when the run is debugged (RUNNER_DEBUG=1). */
  debug(message: string): void;
  /** Text the run did not write (an image's output): shown as it is, never read as a command. */
  verbatim(text: string): void;
  /** A titled, foldable part of the log around `work`. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
}

export interface Host {
  /** An input's value, trimmed; '' when it is not given. */
  input(name: string): string;
  /** An output for later steps. */
  setOutput(name: string, value: string): void;
  /** A value to mask wherever the log is shown. */
  setSecret(value: string): void;
  /** Markdown for the run's summary; a failure to write it only warns. */
  summary(markdown: string): Promise<void>;
  readonly log: Log;
  /** The run failed: the message is shown, and the process exits non-zero. */
  fail(message: string): void;
}
