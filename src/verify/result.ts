/** What a run found, per platform: the shape of the `platforms` output and the summary. */

export interface ArchReport {
  /** False when the check could not run (unknown architecture, create failed). */
  checked: boolean;
  elfFiles: number;
  foreign: { path: string; found: string }[];
  foreignCount: number;
  /**
   * Dynamically linked executables whose loader the image lacks or holds for another
   * architecture. Unset when the check did not run, and in reports made before it was counted.
   */
  loaderProblemCount?: number;
  durationMs: number;
  note?: string;
}

export interface PlatformResult {
  platform: string;
  /** Digest of this platform's image manifest, when it was pushed. */
  digest?: string;
  /** The exact reference that was run. */
  ref?: string;
  emulated: boolean;
  /** The engine that built and ran this platform: `local` or a node's endpoint. */
  node: string;
  /** How long the build that made this platform took. */
  buildDurationMs?: number;
  smoke: 'passed' | 'failed' | 'skipped';
  exitCode?: number;
  durationMs?: number;
  /** With a probe: from the container's start until it answered ready. */
  readyMs?: number;
  /** Tail of the smoke run's output. */
  output?: string;
  arch?: ArchReport;
  ok: boolean;
  /** Every reason this platform failed, one line each, without the platform name. */
  errors: string[];
  hints: string[];
}

export interface RunReport {
  digest?: string;
  /** build-push-action's imageid: the image config digest, or the index digest for several platforms. */
  imageId?: string;
  image?: string;
  mode: string;
  platforms: PlatformResult[];
  metadata?: Record<string, unknown>;
  /** Whether the user's tags were written. */
  published?: boolean;
  /** Why the tags were left alone, and which: set when the gate held them back. */
  held?: { failed: string[]; tags: string[] };
  /** A failure before any platform could be tested (build, push, setup). */
  error?: string;
  /** The tests' result as an in-toto statement, and where it was attached. */
  attestation?: AttestationReport;
}

export interface AttestationReport {
  /** Path of the statement file. */
  statement: string;
  /** Path of its predicate alone. */
  predicate: string;
  /** FAILED, WARNED or PASSED, as the statement says. */
  result: string;
  /** Digest of the artifact attached to the index (or the first subject). */
  digest?: string;
  /** Each subject it was attached to, as repository@digest. */
  attached: string[];
  /** Why it was not attached everywhere (attest-tests: true only warns). */
  warning?: string;
}
