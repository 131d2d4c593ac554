import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandBraces, filesOf, matchPatterns } from '../../../../src/actions/check/files';

const expandGlobs = async (patterns: string[], cwd?: string) =>
  filesOf(await matchPatterns(patterns, cwd));

describe('expandGlobs', () => {
  let base: string;
  let root: string;
  const files = [
    'a.yaml',
    'b.yml',
    'notes.txt',
    'nested/c.yaml',
    'nested/deep/d.yml',
    'nested/deep/e.yaml',
    'k8s/f.yaml',
    'k8s/g.yml',
    'k8s/README.md',
    'dir.yaml/h.json',
  ];

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'k8s-globs-'));
    // Glob characters in the working directory itself must not be taken as a pattern.
    root = path.join(base, 'repo [1]*');
    for (const file of files) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), 'kind: ConfigMap\n');
    }
    await writeFile(path.join(base, 'outside.yaml'), 'kind: ConfigMap\n');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('matches recursively with **, files only', async () => {
    expect(await expandGlobs(['**/*.yaml'], root)).toEqual([
      'a.yaml',
      'k8s/f.yaml',
      'nested/c.yaml',
      'nested/deep/e.yaml',
    ]);
  });

  it('matches one directory level with *', async () => {
    expect(await expandGlobs(['*.yml'], root)).toEqual(['b.yml']);
    expect(await expandGlobs(['nested/*.yaml'], root)).toEqual(['nested/c.yaml']);
  });

  it('accepts a literal path, also with ./', async () => {
    expect(await expandGlobs(['nested/deep/d.yml'], root)).toEqual(['nested/deep/d.yml']);
    expect(await expandGlobs(['./k8s/g.yml'], root)).toEqual(['k8s/g.yml']);
  });

  it('returns nothing for a pattern that matches nothing', async () => {
    expect(await expandGlobs(['missing/**/*.yaml'], root)).toEqual([]);
    expect(await expandGlobs(['nope.yaml'], root)).toEqual([]);
  });

  it('reports matches per pattern', async () => {
    expect(
      await matchPatterns(['*.yml', 'missing.yaml', '# comment', '  ', 'k8s/*.yaml'], root),
    ).toEqual([
      { pattern: '*.yml', files: ['b.yml'] },
      { pattern: 'missing.yaml', files: [] },
      { pattern: 'k8s/*.yaml', files: ['k8s/f.yaml'] },
    ]);
  });

  it('merges overlapping patterns into one sorted, unique list', async () => {
    expect(await expandGlobs(['nested/**/*.yaml', '**/c.yaml', 'a.yaml'], root)).toEqual([
      'a.yaml',
      'nested/c.yaml',
      'nested/deep/e.yaml',
    ]);
  });

  it('expands {a,b} alternatives', async () => {
    expect(await expandGlobs(['nested/**/*.{yaml,yml}'], root)).toEqual([
      'nested/c.yaml',
      'nested/deep/d.yml',
      'nested/deep/e.yaml',
    ]);
  });

  it('takes a literal directory as the YAML files below it', async () => {
    expect(await expandGlobs(['k8s'], root)).toEqual(['k8s/f.yaml', 'k8s/g.yml']);
    expect(await expandGlobs(['dir.yaml'], root)).toEqual([]);
  });

  it('applies ! exclusions to every pattern', async () => {
    expect(await matchPatterns(['**/*.yaml', '*.yml', '!nested/deep/**', '!b.yml'], root)).toEqual([
      { pattern: '**/*.yaml', files: ['a.yaml', 'k8s/f.yaml', 'nested/c.yaml'] },
      { pattern: '*.yml', files: [] },
    ]);
  });

  it('returns absolute paths for files outside the working directory', async () => {
    const outside = path.join(base, 'outside.yaml');
    expect(await expandGlobs([outside, 'a.yaml'], root)).toEqual([outside, 'a.yaml'].sort());
  });
});

describe('expandBraces', () => {
  it.each<[string, string[]]>([
    ['*.yaml', ['*.yaml']],
    ['*.{yaml,yml}', ['*.yaml', '*.yml']],
    ['{a,b}/{c,d}', ['a/c', 'a/d', 'b/c', 'b/d']],
    ['x{a,{b,c}}', ['xa', 'xb', 'xc']],
    ['{solo}.yaml', ['{solo}.yaml']],
    ['{solo}/{a,b}', ['{solo}/a', '{solo}/b']],
    ['unbalanced{a,b', ['unbalanced{a,b']],
    ['{a,a}', ['a']],
  ])('%s', (pattern, expected) => {
    expect(expandBraces(pattern)).toEqual(expected);
  });
});
