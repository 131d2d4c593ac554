/** A scratch dir per test and a log that keeps its lines: what the post-step tests share. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export interface Scratch {
  /** The test's own dir, removed after it. */
  readonly base: string;
  /** What the log was told, warnings prefixed `warning: `. */
  readonly lines: string[];
  readonly log: { info(m: string): void; warning(m: string): void };
}

export function useScratch(prefix: string): Scratch {
  let base = '';
  let lines: string[] = [];
  beforeEach(() => {
    base = mkdtempSync(path.join(os.tmpdir(), prefix));
    lines = [];
  });
  afterEach(() => {
    rmSync(base, { recursive: true, force: true });
  });
  return {
    get base() {
      return base;
    },
    get lines() {
      return lines;
    },
    log: {
      info: (m) => void lines.push(m),
      warning: (m) => void lines.push(`warning: ${m}`),
    },
  };
}
