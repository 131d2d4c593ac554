/**
 * Every temp dir a test makes (its own, the action's RUNNER_TEMP fallback,
 * ssh control sockets) lives under one directory per `vitest run`, which is
 * removed at the end: the suite leaves nothing behind in /tmp. A run that was
 * killed before its end is swept by the next one (leftovers.ts).
 *
 * The suite is also kept from the host user's own Docker set-up: it runs with
 * a DOCKER_CONFIG of its own, so no context, current builder or login from
 * ~/.docker is ever used, and the builders the tests make are recorded where
 * the sweep finds them.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claim, SUITE_PREFIX, sweepImages, sweepKilledSuites } from './leftovers';

export default async function setup(): Promise<() => void> {
  const parent = os.tmpdir();
  await sweepKilledSuites(parent);
  const dir = mkdtempSync(path.join(parent, SUITE_PREFIX));
  claim(dir);
  // The ssh test nodes log in as a user of their own, who must reach their engine's socket in here.
  chmodSync(dir, 0o711);
  const dockerConfig = path.join(dir, 'docker-config');
  mkdirSync(dockerConfig, { mode: 0o700 });
  const previous = { TMPDIR: process.env.TMPDIR, DOCKER_CONFIG: process.env.DOCKER_CONFIG };
  const restore = (name: 'TMPDIR' | 'DOCKER_CONFIG'): void => {
    const v = previous[name];
    if (v !== undefined) process.env[name] = v;
    else if (name === 'TMPDIR') delete process.env.TMPDIR;
    else delete process.env.DOCKER_CONFIG;
  };
  // Workers start after global setup and inherit these; os.tmpdir() reads TMPDIR.
  process.env.TMPDIR = dir;
  process.env.DOCKER_CONFIG = dockerConfig;
  delete process.env.DOCKER_CONTEXT;
  return () => {
    // The images the tests left in the engine (pulls by digest, local builds' names).
    sweepImages(dir);
    restore('TMPDIR');
    restore('DOCKER_CONFIG');
    rmSync(dir, { recursive: true, force: true });
  };
}
