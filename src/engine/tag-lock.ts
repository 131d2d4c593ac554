/**
 * Two runs on one machine that write the same tag at once would each read
 * back the other's digest, and a docker-driver run, which names the candidate
 * with the user's tag in the engine, could push the other's image. This lock,
 * one per tag and scope (the engine, for the docker driver; the registry tag
 * for the others), makes each run's write-and-read-back whole; the last run
 * to finish owns the tag, and every run reports its own digest.
 *
 * A lock is a directory (mkdir is atomic) holding its owner's pid and start
 * time: one left by a killed run is taken over once that process is gone, or
 * when the pid now names another process. A run killed between mkdir and
 * writing its pid leaves an empty lock, taken over once it is a few seconds
 * old.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from '../runner/log';

const POLL_MS = 250;
/** Longer than any mkdir-then-write takes: an empty lock this old was left by a killed run. */
const EMPTY_LOCK_STALE_MS = 5_000;

/** The name of a tag's lock in its scope: a directory under the temp dir. */
export function lockName(scope: string, tag: string): string {
  const key = createHash('sha256').update(`${scope}\n${tag}`).digest('hex').slice(0, 24);
  return `multiarch-tag-lock-${key}`;
}

function lockDir(scope: string, tag: string): string {
  return join(tmpdir(), lockName(scope, tag));
}

/** When a process started (field 22 of /proc/PID/stat); undefined where there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** The lock's owner, as `pid start`: true while that very process lives. */
export function ownerAlive(owner: string | undefined, now = processStart): boolean {
  const [p, started] = (owner ?? '').trim().split(' ');
  const pid = Number(p);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const current = now(pid);
  return !started || current === undefined || current === started;
}

function lockHeld(dir: string): boolean {
  let owner: string;
  try {
    owner = readFileSync(join(dir, 'pid'), 'utf8');
  } catch {
    // Being written right now, or left empty by a run killed in between.
    try {
      return Date.now() - statSync(dir).mtimeMs < EMPTY_LOCK_STALE_MS;
    } catch {
      return false;
    }
  }
  return ownerAlive(owner);
}

function tryTake(dir: string): boolean {
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (lockHeld(dir)) return false;
    rmSync(dir, { recursive: true, force: true }); // its run was killed
    return tryTake(dir);
  }
  writeFileSync(join(dir, 'pid'), `${process.pid} ${processStart(process.pid) ?? ''}`.trim());
  return true;
}

/**
 * Runs `fn` holding the lock of every tag (taken in sorted order, so two runs
 * with overlapping tags never wait on each other in a circle).
 */
export async function withTagLocks<T>(
  scope: string,
  tags: string[],
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const dirs = [...new Set(tags)].sort().map((t) => [t, lockDir(scope, t)] as const);
  const held: string[] = [];
  try {
    for (const [tag, dir] of dirs) {
      const deadline = Date.now() + timeoutMs;
      let told = false;
      while (!tryTake(dir)) {
        if (!told) log.info(`Another run on this machine is writing ${tag}: waiting for it.`);
        told = true;
        if (Date.now() > deadline)
          throw new Error(
            `Another run on this machine held ${tag} for over ${Math.round(timeoutMs / 1000)} s; the tag was not written. Run again once it has finished, or remove ${dir} if no run is writing it.`,
          );
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      held.push(dir);
    }
    return await fn();
  } finally {
    for (const dir of held) rmSync(dir, { recursive: true, force: true });
  }
}
