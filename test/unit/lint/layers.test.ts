/**
 * eslint/layers.js: the direction of imports (src and the unit tests), the
 * @actions/* packages, and cycles. Last, the repository's own ESLint set-up
 * on a few files that break the rules, the way `npm run lint` sees them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cycles,
  importGraph,
  layerOf,
  packageViolation,
  pathWithin,
  violation,
} from '../../../eslint/layers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('layerOf', () => {
  it.each([
    ['src/index.ts', { layer: 'entry' }],
    ['src/cli/args.ts', { layer: 'entry' }],
    ['src/actions/check/run.ts', { layer: 'actions', action: 'check' }],
    ['src/engine/plan/index.ts', { layer: 'engine' }],
    ['src/readiness/dockerfile/model.ts', { layer: 'readiness' }],
    ['src/verify/smoke.ts', { layer: 'verify' }],
    ['src/runner/inputs.ts', { layer: 'runner' }],
    ['src/oci/platform.ts', { layer: 'oci' }],
    ['src/elsewhere/x.ts', { layer: 'unknown' }],
    ['test/unit/commands.test.ts', { layer: 'entry', test: true }],
    ['test/unit/engine/plan/index.test.ts', { layer: 'engine', test: true }],
    ['test/unit/actions/shared/specs.test.ts', { layer: 'actions', action: 'shared', test: true }],
    ['test/unit/lint/layers.test.ts', { layer: 'tooling', test: true }],
  ])('%s is %j', (file, layer) => {
    expect(layerOf(file)).toEqual(layer);
    expect(layerOf(path.join(root, file))).toEqual(layer);
  });

  it.each(['test/e2e/build.test.ts', 'scripts/docs.ts', 'eslint/layers.js', 'src'])(
    '%s is in no layer',
    (file) => expect(layerOf(file)).toBeUndefined(),
  );
});

const at = (file: string) => layerOf(file);

describe('violation', () => {
  it.each([
    ['src/index.ts', 'src/actions/build/run.ts'],
    ['src/actions/build/run.ts', 'src/engine/execute.ts'],
    ['src/actions/build/run.ts', 'src/actions/shared/run-action.ts'],
    ['src/actions/check/run.ts', 'src/readiness/dockerfile/model.ts'],
    ['src/engine/execute.ts', 'src/readiness/kubernetes/model.ts'],
    ['src/engine/execute.ts', 'src/verify/smoke.ts'],
    ['src/verify/smoke.ts', 'src/docker/exec.ts'],
    ['src/readiness/dockerfile/model.ts', 'src/oci/platform.ts'],
    ['src/docker/exec.ts', 'src/runner/errors.ts'],
    ['src/runner/inputs.ts', 'src/oci/platform.ts'],
    ['test/unit/engine/plan/index.test.ts', 'src/docker/engine.ts'],
    ['test/unit/oci/platform.property.test.ts', 'src/runner/inputs.ts'],
    ['test/unit/actions/shared/specs.test.ts', 'src/actions/check/inputs.ts'],
  ])('%s may import %s', (from, to) => {
    expect(violation(at(from), at(to))).toBeUndefined();
  });

  it.each([
    [
      'src/engine/plan/index.ts',
      'src/actions/build/inputs.ts',
      /engine may not import from actions/,
    ],
    ['src/oci/platform.ts', 'src/runner/list.ts', /oci is pure data/],
    ['src/runner/inputs.ts', 'src/docker/exec.ts', /runner glue may import only oci/],
    [
      'src/verify/smoke.ts',
      'src/readiness/dockerfile/model.ts',
      /verify and readiness share a rank/,
    ],
    ['src/readiness/kubernetes/model.ts', 'src/verify/arch/elf.ts', /share a rank/],
    ['src/docker/exec.ts', 'src/verify/smoke.ts', /docker may not import from verify/],
    ['src/actions/build/run.ts', 'src/actions/check/run.ts', /the build action may not import/],
    ['src/actions/shared/run-action.ts', 'src/actions/build/run.ts', /the shared action/],
    ['src/elsewhere/x.ts', 'src/oci/platform.ts', /not a known layer/],
    ['test/unit/engine/plan/index.test.ts', 'src/actions/build/inputs.ts', /engine may not/],
    ['test/unit/docker/x.test.ts', 'src/engine/session/index.ts', /docker may not/],
    ['test/unit/actions/build/x.test.ts', 'src/actions/merge/inputs.ts', /build action/],
    ['test/unit/lint/x.test.ts', 'src/oci/platform.ts', /tooling imports nothing from src/],
  ])('%s may not import %s', (from, to, why) => {
    expect(violation(at(from), at(to))).toMatch(why);
  });
});

describe('packageViolation', () => {
  it.each([
    'src/index.ts',
    'src/cli/terminal.ts',
    'src/actions/merge/run.ts',
    'src/runner/mask.ts',
  ])('%s may import @actions/core', (file) =>
    expect(packageViolation(at(file), '@actions/core')).toBeUndefined(),
  );

  it.each([
    'src/engine/call.ts',
    'src/readiness/x.ts',
    'src/verify/smoke.ts',
    'src/docker/exec.ts',
  ])('%s may not import @actions/*', (file) => {
    expect(packageViolation(at(file), '@actions/core')).toMatch(/may not import @actions/);
    expect(packageViolation(at(file), '@actions/tool-cache')).toMatch(/may not import @actions/);
  });

  it('leaves other packages, and the tests, alone', () => {
    expect(packageViolation(at('src/oci/platform.ts'), 'yaml')).toBeUndefined();
    expect(packageViolation(at('test/unit/engine/x.test.ts'), '@actions/core')).toBeUndefined();
  });
});

describe('cycles', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a', 'd']],
    ['d', []],
    ['e', ['e']],
    ['f', ['d']],
  ]);

  it('finds every cycle, an import of itself included, and nothing else', () => {
    expect(cycles(graph).map((c) => [...c].sort())).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('names the way round', () => {
    const [abc] = cycles(graph);
    expect(pathWithin(graph, abc!, 'b', 'a')).toEqual(['b', 'c', 'a']);
    expect(pathWithin(graph, abc!, 'a', 'a')).toEqual(['a']);
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the imports of the files on disk: types, re-exports and import() too', () => {
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared/specs.ts'), "import { X } from './inputs';\n");
    writeFileSync(path.join(dir, 'shared/inputs.ts'), "import type { S } from './specs';\n");
    writeFileSync(path.join(dir, 'index.ts'), "export * from './shared/specs';\n");
    writeFileSync(path.join(dir, 'lazy.ts'), "await import('./index');\nimport 'yaml';\n");
    const found = cycles(importGraph(dir)).map((c) => [...c].map((f) => path.relative(dir, f)));
    expect(found.map((c) => c.sort())).toEqual([['shared/inputs.ts', 'shared/specs.ts']]);
    expect(importGraph(dir).get(path.join(dir, 'lazy.ts'))).toEqual([path.join(dir, 'index.ts')]);
  });
});

describe('the ESLint set-up, as `npm run lint` runs it', () => {
  const eslint = new ESLint({ cwd: root });
  const problems = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  };

  it.each([
    ['src/oci/fixture.ts', "import { list } from '../runner/list';\nexport const l = list;\n"],
    ['src/verify/fixture.ts', "export * from '../readiness/dockerfile/model';\n"],
    ['src/engine/fixture.ts', "import * as core from '@actions/core';\nexport const c = core;\n"],
    [
      'test/unit/engine/plan/fixture.test.ts',
      "import { parseInputs } from '../../../../src/actions/build/inputs';\nexport const p = parseInputs;\n",
    ],
    [
      'test/unit/docker/fixture.test.ts',
      "import { vi } from 'vitest';\nvi.mock('../../../src/engine/execute');\n",
    ],
  ])('reports %s', async (file, code) => {
    const found = await problems(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^layers\/direction: Import "[^"]+": /);
  });

  it('passes an import that runs the right way', async () => {
    const code =
      "import { planRun } from '../../../../src/engine/plan/index';\nimport { buildRequest } from '../request-fixture';\nexport const p = [planRun, buildRequest];\n";
    expect(await problems('test/unit/engine/plan/fixture.test.ts', code)).toEqual([]);
  });

  it.each([
    ['src/oci/fixture.ts', "export { list } from '../runner/list';\n"],
    [
      'test/unit/engine/fixture.test.ts',
      "export { parseInputs } from '../../../src/actions/build/inputs';\n",
    ],
  ])(
    'makes `npx eslint` fail on %s',
    (file, code) => {
      const run = spawnSync('npx', ['eslint', '--stdin', '--stdin-filename', file], {
        cwd: root,
        input: code,
        encoding: 'utf8',
      });
      expect(run.stdout).toMatch(/layers\/direction/);
      expect(run.status).toBe(1);
    },
    60_000,
  );
});
