/**
 * A docker-driver run writes its tags through the engine's own names: `docker
 * tag candidate user-tag`, then `docker push user-tag`. Two runs on one engine
 * that write the same tag at once would push each other's image. This lock,
 * one per engine and tag, makes each run's tag-push-verify whole; the last run
 * to finish owns the tag, and every run reports its own digest.
 *
 * A lock is a directory (mkdir is atomic) holding its owner's pid: one left by
 * a killed run is taken over once that pid is gone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';

const POLL_MS = 250;

function lockDir(engine: string, tag: string): string {
  const key = createHash('sha256').update(`${engine}\n${tag}`).digest('hex').slice(0, 24);
  return join(tmpdir(), `multiarch-tag-lock-${key}`);
}

function ownerAlive(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
  } catch {
    return true; // being written right now
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryTake(dir: string): boolean {
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (ownerAlive(dir)) return false;
    rmSync(dir, { recursive: true, force: true }); // its run was killed
    return tryTake(dir);
  }
  writeFileSync(join(dir, 'pid'), String(process.pid));
  return true;
}

/**
 * Runs `fn` holding the lock of every tag (taken in sorted order, so two runs
 * with overlapping tags never wait on each other in a circle).
 */
export async function withTagLocks<T>(
  engine: string,
  tags: string[],
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  const dirs = [...new Set(tags)].sort().map((t) => [t, lockDir(engine, t)] as const);
  const held: string[] = [];
  try {
    for (const [tag, dir] of dirs) {
      const deadline = Date.now() + timeoutMs;
      let told = false;
      while (!tryTake(dir)) {
        if (!told) core.info(`Another run on this engine is writing ${tag}: waiting for it.`);
        told = true;
        if (Date.now() > deadline)
          throw new Error(
            `Another run on this engine held ${tag} for over ${Math.round(timeoutMs / 1000)} s; the tag was not written. Run again once it has finished, or remove ${dir} if no run is writing it.`,
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
