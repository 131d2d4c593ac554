/**
 * The action.yml files and the input and output tables of docs/reference.md
 * are generated from src/actions/shared/specs.ts by `npm run docs`
 * (scripts/docs.ts). This test checks that they are up to date.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { generatedDocs, REFERENCE } from '../../../../scripts/docs-files';
import { BOOLEAN_INPUTS, INPUT_NAMES, parseInputs } from '../../../../src/actions/build/inputs';
import { CHECK_INPUT_NAMES, parseCheckInputs } from '../../../../src/actions/check/inputs';
import { MERGE_INPUT_NAMES, parseMergeInputs } from '../../../../src/actions/merge/inputs';
import { actionYmlData } from '../../../../src/actions/shared/render-specs';
import { DEFAULT_QEMU_IMAGE, SMOKE_INPUTS } from '../../../../src/actions/shared/smoke-inputs';
import {
  ACTIONS,
  BUILD_ACTION,
  CHECK_ACTION,
  MERGE_ACTION,
} from '../../../../src/actions/shared/specs';
import { DEFAULT_PLATFORMS } from '../../../../src/runner/inputs';

const STALE = 'is out of date with src/actions/shared/specs.ts: run `npm run docs`';
const root = (file: string) => fileURLToPath(new URL(`../../../../${file}`, import.meta.url));
const generated = new Map(
  (await generatedDocs(root('.'))).map(({ file, text }) => [file, text] as const),
);
const expected = (file: string): string => {
  const text = generated.get(file);
  if (text === undefined) throw new Error(`npm run docs makes no ${file}`);
  return text;
};

describe.each(ACTIONS.map((spec) => [spec.file, spec] as const))('%s', (file, spec) => {
  it('is generated from the spec', () => {
    expect(readFileSync(root(file), 'utf8'), `${file} ${STALE}`).toBe(expected(file));
  });

  it('reads back as the spec says, every value a string', () => {
    expect(YAML.parse(expected(file))).toEqual(actionYmlData(spec));
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

describe(REFERENCE, () => {
  it('has the input and output tables of every action', () => {
    expect(readFileSync(root(REFERENCE), 'utf8'), `${REFERENCE} ${STALE}`).toBe(
      expected(REFERENCE),
    );
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
