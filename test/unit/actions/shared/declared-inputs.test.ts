/**
 * Each action's action.yml declares exactly the inputs its reader asks the
 * runner's environment for, set as the runner sets them.
 */
import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { getInputs } from '../../../../src/actions/build/inputs';
import { getCheckInputs } from '../../../../src/actions/check/inputs';
import { getMergeInputs } from '../../../../src/actions/merge/inputs';
import { githubHost } from '../../../../src/runner/github-host';

/** The input names a reader asks the runner's environment for (INPUT_*) while it runs. */
function inputsRead(read: () => unknown): Set<string> {
  const env = process.env;
  const asked = new Set<string>();
  const note = (key: string | symbol): void => {
    if (typeof key === 'string' && key.startsWith('INPUT_'))
      asked.add(key.slice('INPUT_'.length).toLowerCase());
  };
  process.env = new Proxy(env, {
    get: (target, key) => (note(key), Reflect.get(target, key)),
    has: (target, key) => (note(key), Reflect.has(target, key)),
  });
  try {
    read();
  } finally {
    process.env = env;
  }
  return asked;
}

/** The inputs an action.yml declares. */
function declaredInputs(file: string): string[] {
  const yml: unknown = YAML.parse(
    readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8'),
  );
  return Object.keys((yml as { inputs?: object }).inputs ?? {});
}

// `command` picks the sub-action: src/index.ts reads it before any of these readers runs.
it.each([
  ['action.yml', getInputs, [{}, { tags: 'r/a:1', 'build-args': 'A=1', 'smoke-command': 'true' }]],
  ['merge/action.yml', getMergeInputs, [{ sources: 'r/a:1', tags: 'r/a:2' }]],
  ['check/action.yml', getCheckInputs, [{ images: 'r/a:1' }, { dockerfile: 'Dockerfile' }]],
] as const)('%s declares exactly the inputs its reader asks for', (file, reader, runs) => {
  const asked = new Set<string>();
  for (const values of runs) {
    for (const [k, v] of Object.entries(values)) vi.stubEnv(`INPUT_${k.toUpperCase()}`, v);
    for (const name of inputsRead(() => reader(githubHost()))) asked.add(name);
    vi.unstubAllEnvs();
  }
  const declared = declaredInputs(file).filter((name) => name !== 'command');
  expect(declared.length).toBeGreaterThan(0);
  const sorted = (names: Iterable<string>) => [...names].sort();
  expect(sorted(asked), `${file}: what the reader asks for is not what it declares`).toEqual(
    sorted(declared),
  );
});
