/**
 * A build that fails may have failed because its engine went away (dockerd
 * died, a node's sshd stopped). BuildKit then reports only a broken stream
 * ("error reading from server: EOF"); asking the engine again names the real
 * cause and which engine it was.
 */
import { inspectEngine } from '../docker/engine';
import { tail } from '../docker/exec';

/** The docker CLI part of a build argv: `docker [--context X]`, before `buildx`. */
function dockerOf(argv: readonly string[]): string[] {
  const at = argv.indexOf('buildx');
  return at > 0 ? argv.slice(0, at) : ['docker'];
}

/** How a person finds the engine a command ran on. */
function engineName(worker: string): string {
  if (worker !== 'local') return `node ${worker}`;
  const host = process.env.DOCKER_HOST;
  return host ? `the runner's Docker engine (DOCKER_HOST=${host})` : "the runner's Docker engine";
}

/** A sentence saying the engine is gone and why, or undefined when it still answers. */
export async function engineLost(
  argv: readonly string[],
  worker: string,
): Promise<string | undefined> {
  const inspection = await inspectEngine(dockerOf(argv)).catch(() => undefined);
  if (!inspection || inspection.ok) return undefined;
  const why = inspection.timedOut ? 'it did not answer in time' : tail(inspection.output, 3);
  return `The build stopped because ${engineName(worker)} stopped answering during it: ${why}\nFix: check that the engine${worker === 'local' ? ' (dockerd)' : ' and its ssh or TLS endpoint'} is still running (its log says why it stopped), then run again. Nothing was tagged.`;
}
