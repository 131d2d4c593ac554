/**
 * Any value in any input of the build action: the action refuses it with an InputError
 * naming that input, or it reaches `docker buildx build` only as a value: after its --flag,
 * or after `=`, never as a flag of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INPUT_NAMES, parseInputs } from '../../../../src/actions/build/inputs';
import { callArgs } from '../../../../src/engine/call';
import { localWorker, planRun } from '../../../../src/engine/plan/index';
import { prepareBuild } from '../../../../src/engine/prepare';
import { parsePlatform } from '../../../../src/oci/platform';
import { InputError } from '../../../../src/runner/inputs';
import { FLAG_LIKE, flagText } from '../../arbitraries';

beforeEach(() => {
  // core.info / warning / ::add-mask:: of each run would flood the test log.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

/** The flags buildArgs writes itself; each but the bare ones takes the next element as its value. */
const BARE = new Set(['--push', '--load', '--no-cache', '--pull']);
const WITH_VALUE = new Set([
  '--progress',
  '--builder',
  '--platform',
  '--output',
  '--file',
  '--target',
  '--tag',
  '--label',
  '--build-arg',
  '--cache-from',
  '--cache-to',
  '--build-context',
  '--annotation',
  '--attest',
  '--secret',
  '--ssh',
  '--network',
  '--add-host',
  '--allow',
  '--shm-size',
  '--ulimit',
  '--cgroup-parent',
  '--no-cache-filter',
  '--call',
  '--metadata-file',
]);

/** Where in argv a value could be read as a flag: an element after `build` that no flag of ours takes. */
function flagPositionProblems(argv: string[]): string[] {
  const problems: string[] = [];
  for (let i = argv.indexOf('build') + 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (WITH_VALUE.has(a)) {
      const value = argv[++i] ?? '';
      if (value.startsWith('-')) problems.push(`${a} ${value}`);
    } else if (BARE.has(a) || /^--(provenance|sbom)=/.test(a)) continue;
    else if (a.startsWith('-') || i !== argv.length - 1) problems.push(a);
  }
  return problems;
}

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'argv-prop-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));
const engine = { native: parsePlatform('linux/amd64'), containerdStore: true, version: '26.1.5' };

/** A valid step; the property changes one input of it. */
const BASE: Record<string, string> = {
  context: 'app',
  platforms: 'linux/amd64',
  tags: 'ghcr.io/acme/api:1',
  push: 'false',
};

async function buildArgv(values: Record<string, string>): Promise<string[] | undefined> {
  let request;
  try {
    request = parseInputs((n) => values[n] ?? '');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return undefined;
  }
  const tmp = mkdtempSync(path.join(tmpRoot, 'run-'));
  let prepared;
  try {
    prepared = await prepareBuild(request, tmp, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
  } catch (err) {
    // What the environment lacks (a gha cache outside a job) is named before any docker call.
    expect((err as Error).message).toMatch(/^Input "|type=gha/);
    return undefined;
  }
  if (prepared.call) return callArgs(prepared, tmp);
  const plan = planRun(prepared, [localWorker(engine, prepared.platforms)], { tempDir: tmp });
  return plan.builds[0]?.argv;
}

describe('any value in any build input', () => {
  const names = INPUT_NAMES.filter((n) => n !== 'command');
  it.each(names)(
    '%s: refused with an InputError, or a value in argv, never a flag',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(flagText, async (value) => {
          const argv = await buildArgv({ ...BASE, [name]: value });
          if (argv) expect(flagPositionProblems(argv)).toEqual([]);
        }),
        { numRuns: 150, examples: FLAG_LIKE.map((v) => [v]) },
      );
    },
  );

  it('the checker sees a smuggled flag', () => {
    expect(
      flagPositionProblems(['docker', 'buildx', 'build', '--tag', '--push', '-', 'ctx']),
    ).toEqual(['--tag --push', '-']);
  });
});
