import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownerAlive, processStart, withTagLocks } from '../../../src/engine/tag-lock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Where the lock of a tag on an engine lives (tag-lock.ts names it so). */
const lockOf = (engine: string, tag: string) =>
  join(
    tmpdir(),
    `multiarch-tag-lock-${createHash('sha256').update(`${engine}\n${tag}`).digest('hex').slice(0, 24)}`,
  );

describe('withTagLocks', () => {
  it('lets one run at a time write a tag; tags of their own do not wait', async () => {
    const engine = `unit-${randomBytes(4).toString('hex')}`;
    const events: string[] = [];
    const writer = (name: string, tags: string[]) =>
      withTagLocks(engine, tags, 10_000, async () => {
        events.push(`${name} in`);
        await sleep(200);
        events.push(`${name} out`);
        return name;
      });
    const results = await Promise.all([
      writer('a', ['r:v1', 'r:latest']),
      writer('b', ['r:latest', 'r:v1']),
    ]);
    expect(results).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    const apart: string[] = [];
    await Promise.all([
      withTagLocks(engine, ['r:x'], 10_000, async () => {
        apart.push('x in');
        await sleep(200);
        apart.push('x out');
      }),
      withTagLocks(engine, ['r:y'], 10_000, async () => {
        apart.push('y in');
        await sleep(200);
        apart.push('y out');
      }),
    ]);
    expect(apart.slice(0, 2).sort()).toEqual(['x in', 'y in']);
    for (const t of ['r:v1', 'r:latest', 'r:x', 'r:y'])
      expect(existsSync(lockOf(engine, t))).toBe(false);
  });

  it('releases the lock when the work fails', async () => {
    const engine = `unit-${randomBytes(4).toString('hex')}`;
    await expect(
      withTagLocks(engine, ['r:v1'], 1_000, () => Promise.reject(new Error('push failed'))),
    ).rejects.toThrow('push failed');
    await expect(withTagLocks(engine, ['r:v1'], 1_000, () => Promise.resolve('ok'))).resolves.toBe(
      'ok',
    );
  });

  it("takes over a killed run's lock, and names the tag when a live one holds it too long", async () => {
    const engine = `unit-${randomBytes(4).toString('hex')}`;
    const dead = lockOf(engine, 'r:dead');
    mkdirSync(dead);
    writeFileSync(join(dead, 'pid'), '2147483646'); // no such process
    await expect(withTagLocks(engine, ['r:dead'], 1_000, () => Promise.resolve(1))).resolves.toBe(
      1,
    );
    const held = lockOf(engine, 'r:held');
    mkdirSync(held);
    writeFileSync(join(held, 'pid'), String(process.pid));
    try {
      await expect(withTagLocks(engine, ['r:held'], 600, () => Promise.resolve(1))).rejects.toThrow(
        /^Another run on this machine held r:held for over 1 s; the tag was not written\. Run again once it has finished, or remove .*multiarch-tag-lock-/,
      );
    } finally {
      rmSync(held, { recursive: true, force: true });
    }
  });

  it('takes over an empty lock once it is a few seconds old, and a pid that now names another process', async () => {
    const engine = `unit-${randomBytes(4).toString('hex')}`;
    // A run killed between mkdir and writing its pid.
    const empty = lockOf(engine, 'r:empty');
    mkdirSync(empty);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(empty, old, old);
    await expect(withTagLocks(engine, ['r:empty'], 1_000, () => Promise.resolve(1))).resolves.toBe(
      1,
    );
    // A fresh empty lock is someone writing theirs right now: waited for.
    const fresh = lockOf(engine, 'r:fresh');
    mkdirSync(fresh);
    try {
      await expect(
        withTagLocks(engine, ['r:fresh'], 300, () => Promise.resolve(1)),
      ).rejects.toThrow(/held r:fresh/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
    // Our own pid, but another start time: the lock's owner died and the pid was reused.
    const reused = lockOf(engine, 'r:reused');
    mkdirSync(reused);
    writeFileSync(join(reused, 'pid'), `${process.pid} 1`);
    await expect(withTagLocks(engine, ['r:reused'], 1_000, () => Promise.resolve(2))).resolves.toBe(
      2,
    );
  });
});

describe('ownerAlive', () => {
  it('is true only for the very process that took the lock', () => {
    const start = processStart(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(ownerAlive(`${process.pid} ${start}`)).toBe(true);
    expect(ownerAlive(String(process.pid))).toBe(true); // written by an older version
    expect(ownerAlive(`${process.pid} ${start}1`)).toBe(false);
    expect(ownerAlive('2147483646 5')).toBe(false);
    expect(ownerAlive('')).toBe(false);
    expect(ownerAlive('garbage')).toBe(false);
  });
});
