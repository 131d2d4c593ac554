/**
 * The action.yml files and the README's input and output tables are generated
 * from src/actions/shared/specs.ts. This test checks that they are up to date;
 * with UPDATE_DOCS=1 (`npm run docs`) it writes them instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { BOOLEAN_INPUTS, INPUT_NAMES, parseInputs } from '../../../../src/actions/build/inputs';
import { CHECK_INPUT_NAMES, parseCheckInputs } from '../../../../src/actions/check/inputs';
import { MERGE_INPUT_NAMES, parseMergeInputs } from '../../../../src/actions/merge/inputs';
import {
  actionYmlData,
  renderActionYml,
  renderInputsTable,
  renderOutputsTable,
} from '../../../../src/actions/shared/render-specs';
import { DEFAULT_QEMU_IMAGE, SMOKE_INPUTS } from '../../../../src/actions/shared/smoke-inputs';
import {
  ACTIONS,
  BUILD_ACTION,
  CHECK_ACTION,
  MERGE_ACTION,
} from '../../../../src/actions/shared/specs';
import { DEFAULT_PLATFORMS } from '../../../../src/runner/inputs';

const UPDATE = process.env.UPDATE_DOCS === '1';
const STALE = 'is out of date with src/actions/shared/specs.ts: run `npm run docs`';
const root = (file: string) => fileURLToPath(new URL(`../../../../${file}`, import.meta.url));

/** Laid out by Prettier with the repository's settings, so `prettier --check` agrees. */
async function pretty(text: string, file: string, parser: 'yaml' | 'markdown'): Promise<string> {
  const config = (await resolveConfig(root(file))) ?? {};
  return format(text, { ...config, parser });
}

/** The README's text between `<!-- KEY:start -->` and `<!-- KEY:end -->`, replaced by `body`. */
function replaceSection(readme: string, key: string, body: string): string {
  const start = `<!-- ${key}:start -->`;
  const end = `<!-- ${key}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${readme.slice(0, from + start.length)}\n\n${body.trimEnd()}\n\n${readme.slice(to)}`;
}

describe.each(ACTIONS.map((spec) => [spec.file, spec] as const))('%s', (file, spec) => {
  it('is generated from the spec', async () => {
    const expected = await pretty(renderActionYml(spec), file, 'yaml');
    if (UPDATE) writeFileSync(root(file), expected);
    expect(readFileSync(root(file), 'utf8'), `${file} ${STALE}`).toBe(expected);
  });

  it('reads back as the spec says, every value a string', async () => {
    const rendered = await pretty(renderActionYml(spec), file, 'yaml');
    expect(YAML.parse(rendered)).toEqual(actionYmlData(spec));
  });

  it('names each input and output once; true/false inputs default to true, false or nothing', () => {
    const names = spec.inputs.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(spec.outputs.map((o) => o.name)).size).toBe(spec.outputs.length);
    for (const input of spec.inputs.filter((i) => i.boolean))
      expect([undefined, 'true', 'false']).toContain(input.default);
  });

  it('declares the smoke inputs, in their order, as one block', () => {
    const at = spec.inputs.findIndex((i) => i.name === SMOKE_INPUTS[0]?.name);
    expect(spec.inputs.slice(at, at + SMOKE_INPUTS.length)).toEqual(SMOKE_INPUTS);
  });
});

describe('README.md', () => {
  it('has the input and output tables of every action', async () => {
    const current = readFileSync(root('README.md'), 'utf8');
    let expected = current;
    for (const spec of ACTIONS) {
      const inputs = await pretty(renderInputsTable(spec), 'README.md', 'markdown');
      const outputs = await pretty(renderOutputsTable(spec), 'README.md', 'markdown');
      expected = replaceSection(expected, `inputs:${spec.id}`, inputs);
      expected = replaceSection(expected, `outputs:${spec.id}`, outputs);
    }
    if (UPDATE) writeFileSync(root('README.md'), expected);
    expect(
      readFileSync(root('README.md'), 'utf8'),
      `README.md's input and output tables ${STALE}`,
    ).toBe(expected);
  });
});

describe('the code reads what the specs declare', () => {
  it('lists the inputs each committed action.yml declares, in its order', () => {
    // The files the runner reads, not the specs the lists are made from.
    const declared = (file: string): string[] => {
      const inputs: unknown = YAML.parse(readFileSync(root(file), 'utf8')).inputs;
      expect(inputs, `${file} has no inputs`).toBeTypeOf('object');
      const names = Object.keys(inputs as object);
      expect(names.length, `${file} declares no input`).toBeGreaterThan(0);
      return names;
    };
    expect([...INPUT_NAMES]).toEqual(declared('action.yml'));
    expect([...MERGE_INPUT_NAMES]).toEqual(declared('merge/action.yml'));
    expect([...CHECK_INPUT_NAMES]).toEqual(declared('check/action.yml'));
  });

  it('lists the true/false inputs', () => {
    expect([...BOOLEAN_INPUTS]).toEqual([
      'push',
      'load',
      'no-cache',
      'pull',
      'smoke',
      'verify-arch',
      'ssh-accept-new-host-keys',
      'push-by-digest',
      'build',
    ]);
  });

  it('writes the pinned qemu image and the default platforms once', () => {
    for (const spec of ACTIONS)
      expect(spec.inputs.find((i) => i.name === 'qemu-image')?.default).toBe(DEFAULT_QEMU_IMAGE);
    expect(BUILD_ACTION.inputs.find((i) => i.name === 'platforms')?.default).toBe(
      DEFAULT_PLATFORMS,
    );
    expect(CHECK_ACTION.inputs.find((i) => i.name === 'platforms')?.default).toBe(
      DEFAULT_PLATFORMS,
    );
  });

  // The runner passes an input's default when the workflow gives none; the CLI passes nothing.
  // Both must mean the same, so the parsers' fallbacks must be the specs' defaults.
  it.each([
    ['action.yml', BUILD_ACTION, parseInputs, {}],
    ['merge/action.yml', MERGE_ACTION, parseMergeInputs, { sources: 'r/a:1', tags: 'r/a:2' }],
    ['check/action.yml', CHECK_ACTION, parseCheckInputs, { images: 'r/a:1' }],
  ] as const)('%s: an empty input parses like its default', (_file, spec, parse, given) => {
    const values: Record<string, string> = given;
    const defaults = Object.fromEntries(spec.inputs.map((i) => [i.name, i.default ?? '']));
    const empty = parse((name) => values[name] ?? '');
    const defaulted = parse((name) => values[name] ?? defaults[name] ?? '');
    expect(defaulted).toEqual(empty);
  });
});
