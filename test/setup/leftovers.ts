/**
 * What a `vitest run` that was killed mid-way leaves, removed before the next
 * one starts: its daemons (node dockerds and sshds, registries, ssh masters),
 * the action's containers and builders of its steps, the node's links,
 * network and containerd namespaces, and its temp dir.
 *
 * A suite's dir records its owner (pid and start time, so a reused pid is
 * not taken for it); only dirs whose owner is gone are swept, so two suites
 * on one machine leave each other alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ownerAlive, processStart } from '../../src/engine/tag-lock';
import { LEFTOVERS_FILE, sweepNode, unmountUnder, type NodeLeftovers } from '../e2e/node';
import { NAMES_FILE } from './names';
import { removeEngineImages } from '../e2e/harness';

export const SUITE_PREFIX = 'multiarch-test-';
const OWNER_FILE = 'owner';

export function claim(dir: string): void {
  writeFileSync(path.join(dir, OWNER_FILE), `${process.pid} ${processStart(process.pid) ?? ''}\n`);
}

/** The same owner test as the action's own tag locks: that very process (pid and start time) lives. */
function suiteAlive(dir: string): boolean {
  try {
    return ownerAlive(readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
  } catch {
    return false; // a dir of a suite from before owners were written, or torn mid-claim
  }
}

/** Every process whose command line or environment names the dir. */
function processesOf(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    for (const file of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${file}`, 'latin1').includes(`${dir}/`)) {
          found.push(pid);
          break;
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
  }
  return found;
}

function docker(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout : '';
}

/** Names a run saved for its post step, from every GITHUB_STATE file under the dir. */
function stepLeftovers(dir: string): { prefixes: string[]; builders: string[] } {
  const prefixes: string[] = [];
  const builders: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name !== 'state') continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    const json = /^state<<.+\n(.*)\n/m.exec(text)?.[1] ?? /^state=(.*)$/m.exec(text)?.[1];
    try {
      const state = JSON.parse(json ?? '{}') as { containerPrefix?: string; builder?: string };
      if (state.containerPrefix) prefixes.push(state.containerPrefix);
      if (state.builder) builders.push(state.builder);
    } catch {
      // a state file torn by the kill: nothing to read
    }
  }
  // Builders the tests made with docker/setup-buildx-action's driver, in the suite's own DOCKER_CONFIG.
  const instances = path.join(dir, 'docker-config/buildx/instances');
  if (existsSync(instances)) builders.push(...readdirSync(instances));
  return { prefixes, builders };
}

/**
 * The engine's images this suite made: a name or tag holding one of its unique
 * names (registry repositories, pulled digests, test tags), or the action's
 * default name for a context dir of the suite's (`multiarch-local/<dir>`).
 * Another suite's images carry other names, so they stay.
 */
export function sweepImages(dir: string): number {
  const file = path.join(dir, NAMES_FILE);
  const names = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const contexts = new Set(readdirSync(dir).map((e) => `multiarch-local/${e.toLowerCase()}`));
  // Image names are lower case: the action lowers a context dir's name for its local image.
  const lowered = names.map((n) => n.toLowerCase());
  return removeEngineImages(
    (repo, tag) =>
      contexts.has(repo) || lowered.some((n) => `${repo}:${tag}`.toLowerCase().includes(n)),
  );
}

async function sweep(dir: string): Promise<string[]> {
  const done: string[] = [];
  const pids = processesOf(dir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (pids.length) done.push(`${pids.length} processes`);
  const { prefixes, builders } = stepLeftovers(dir);
  const names = docker('ps', '--all', '--format', '{{.Names}}').split('\n').filter(Boolean);
  const containers = names.filter(
    (n) =>
      prefixes.some((p) => n.startsWith(`${p}-`)) ||
      builders.some((b) => n.startsWith(`buildx_buildkit_${b}`)),
  );
  if (containers.length) {
    docker('rm', '--force', '--volumes', ...containers);
    done.push(`${containers.length} containers`);
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const record = path.join(dir, entry.name, LEFTOVERS_FILE);
    if (!entry.isDirectory() || !existsSync(record)) continue;
    await sweepNode(JSON.parse(readFileSync(record, 'utf8')) as NodeLeftovers);
    done.push(`node ${entry.name}`);
  }
  const images = sweepImages(dir);
  if (images) done.push(`${images} images`);
  unmountUnder(dir);
  rmSync(dir, { recursive: true, force: true });
  return done;
}

/** Sweeps the dirs of suites that are gone, under `parent`; says what it removed. */
export async function sweepKilledSuites(parent: string): Promise<void> {
  let entries: string[];
  try {
    entries = readdirSync(parent).filter((e) => e.startsWith(SUITE_PREFIX));
  } catch {
    return;
  }
  for (const e of entries) {
    const dir = path.join(parent, e);
    if (suiteAlive(dir)) continue;
    const done = await sweep(dir);
    console.warn(
      `Swept what a killed test run left in ${dir}${done.length ? `: ${done.join(', ')}` : ''}.`,
    );
  }
}
