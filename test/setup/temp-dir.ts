/**
 * Every temp dir a test makes (its own, the action's RUNNER_TEMP fallback,
 * ssh control sockets) lives under one directory per `vitest run`, which is
 * removed at the end: the suite leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'multiarch-test-'));
  const previous = process.env.TMPDIR;
  // Workers start after global setup and inherit it; os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
