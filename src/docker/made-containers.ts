/**
 * The containers a run makes (smoke runs, probes, scans), told to the saved
 * state as they come and go: when main saw every one of them removed, post
 * does not look for leftovers (`mainCleaned`, runner/state.ts).
 */
import { made, removed } from '../runner/state';
import { removeArgs } from './containers';
import { exec, type ExecOptions, type ExecResult } from './exec';

/** Before the command that makes `name` on `docker` starts: until seen removed, post looks for it. */
export function making(docker: readonly string[], name: string): void {
  made({ container: name, docker });
}

/**
 * After a `docker run --rm` of `name`. Only an exit 0 of its own says the
 * engine ran the container to its end and removed it before the client
 * returned: a timeout kills the client, and a lost connection ends the client
 * (non-zero), not the container.
 */
export function ranWithRm(docker: readonly string[], name: string, run: ExecResult): void {
  if (run.exitCode === 0 && !run.timedOut) removed({ container: name, docker });
}

/**
 * `docker rm --force` of a container this run made. `settled`: every command
 * that could make it returned on its own, so none can still make it (a killed
 * `docker create` may reach the engine after the remove); only then does an
 * answer of removed, or of no such container, count as seen removed.
 */
export async function removeMade(
  docker: string[],
  name: string,
  opts: ExecOptions,
  settled: boolean,
): Promise<ExecResult> {
  const res = await exec(removeArgs(docker, name), opts);
  const gone = !res.timedOut && (res.exitCode === 0 || /no such container/i.test(res.output));
  if (settled && gone) removed({ container: name, docker });
  return res;
}
