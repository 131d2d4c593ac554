import { describe, expect, it } from 'vitest';
import {
  checkConflicts,
  compareIndex,
  digestsFromNames,
  expectedPlatforms,
  type SourceInfo,
} from '../../../../src/actions/merge/sources';
import { formatPlatform, parsePlatform } from '../../../../src/oci/platform';

const H1 = '1'.repeat(64);

const H2 = '2'.repeat(64);

const src = (ref: string, ...platforms: string[]): SourceInfo => ({
  ref,
  kind: platforms.length > 1 ? 'index' : 'image',
  platforms: platforms.map((p, i) => ({
    platform: parsePlatform(p),
    digest: `sha256:${String(i).repeat(64)}`,
  })),
});

describe('digestsFromNames', () => {
  it('reads the files the matrix recipe writes, in any of the usual spellings', () => {
    expect(digestsFromNames([H2, `sha256:${H1}`, '.keep', `sha256-${H2}`], '/d')).toEqual([
      `sha256:${H1}`,
      `sha256:${H2}`,
    ]);
  });
  it.each([
    [['notes.txt'], /digests-dir \/d holds "notes.txt", which is not named after a digest/],
    [['.keep'], /holds no digest files/],
    [[], /holds no digest files/],
  ])('rejects %j', (names, why) => {
    expect(() => digestsFromNames(names, '/d')).toThrow(why);
  });
});

describe('checkConflicts', () => {
  it('accepts sources with distinct platforms, single or indexes', () => {
    const sources = [
      src('r/a-amd64:1', 'linux/amd64'),
      src('r/a-arm:1', 'linux/arm64', 'linux/arm/v7'),
    ];
    expect(() => checkConflicts(sources)).not.toThrow();
    expect(expectedPlatforms(sources).map(formatPlatform)).toEqual([
      'linux/amd64',
      'linux/arm64',
      'linux/arm',
    ]);
  });
  it('names both sources of one platform, counting arm64/v8 as arm64', () => {
    expect(() =>
      checkConflicts([
        src('r/a:amd64-1', 'linux/amd64'),
        src('r/b:arm', 'linux/arm64'),
        src('r/a:amd64-2', 'linux/amd64'),
        src('r/c:v8', 'linux/arm64/v8'),
      ]),
    ).toThrow(
      'Sources overlap, so the index would be ambiguous: linux/amd64 is in both r/a:amd64-1 and r/a:amd64-2; linux/arm64 is in both r/b:arm and r/c:v8. Give each platform one source. Nothing was pushed.',
    );
  });
  it('keeps arm/v7 and arm/v6 apart', () => {
    expect(() =>
      checkConflicts([src('r/a:v7', 'linux/arm/v7'), src('r/a:v6', 'linux/arm/v6')]),
    ).not.toThrow();
  });
});

it('compares the pushed index with the expected set', () => {
  const want = ['linux/amd64', 'linux/arm64'].map(parsePlatform);
  expect(compareIndex(want, ['linux/arm64/v8', 'linux/amd64'].map(parsePlatform))).toBeUndefined();
  expect(compareIndex(want, [parsePlatform('linux/amd64')])).toBe(
    'the pushed index lists linux/amd64, but linux/amd64, linux/arm64 was expected',
  );
});
