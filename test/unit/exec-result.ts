import type { ExecResult } from '../../src/docker/exec';

/** A finished command as exec reports it: exit 0 and no output, unless told otherwise. */
export function execResult(argv: string[], over: Partial<ExecResult> = {}): ExecResult {
  return {
    argv,
    exitCode: 0,
    stdout: '',
    stderr: '',
    output: '',
    timedOut: false,
    durationMs: 1,
    ...over,
  };
}
