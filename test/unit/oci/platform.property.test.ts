/** Properties of platforms (oci/platform.ts and the platforms input), over any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatPlatform,
  parsePlatform,
  PlatformError,
  samePlatform,
} from '../../../src/oci/platform';
import { InputError, platformsInput } from '../../../src/runner/inputs';
import { anyText, RUNS } from '../arbitraries';

describe('platforms, for any text', () => {
  it('parsePlatform throws nothing but PlatformError; an accepted one is ASCII os/arch[/variant] and prints back to itself', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        try {
          const p = parsePlatform(value);
          const text = formatPlatform(p);
          expect(text).toMatch(
            /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)?$/,
          );
          expect(samePlatform(parsePlatform(text), p)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(PlatformError);
        }
      }),
      RUNS,
    );
  });

  it('the platforms input throws nothing but InputError; what it accepts is a known platform that cannot be a flag', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        try {
          for (const p of platformsInput(raw)) {
            expect(formatPlatform(p)).toMatch(
              /^(linux|windows|darwin|freebsd|netbsd|openbsd|dragonfly|solaris|illumos|aix|android|ios|plan9|js|wasip1)\//,
            );
          }
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/^Input "platforms": /);
        }
      }),
      RUNS,
    );
  });
});

// Written out here, not taken from src: what a parser that accepts too little must still accept.
const PART = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/);
// Architectures and variants that parsing rewrites (aliases, default variants) print differently.
const REWRITTEN_ARCH = ['x86_64', 'x86-64', 'aarch64', 'armhf', 'i386', 'i686'];
const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' };
const canonical = fc
  .tuple(
    PART,
    PART.filter((a) => !REWRITTEN_ARCH.includes(a)),
    fc.option(PART, { nil: undefined }),
  )
  .filter(([, arch, variant]) => variant === undefined || DEFAULT_VARIANT[arch] !== variant);
const KNOWN = [
  'linux/amd64',
  'linux/amd64/v3',
  'linux/arm64',
  'linux/arm',
  'linux/arm/v6',
  'linux/arm64/v9',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
  'linux/mips64le',
  'windows/amd64',
  'darwin/arm64',
  'freebsd/amd64',
];

describe('platforms, for any valid os/arch[/variant]', () => {
  it('parsePlatform accepts it, with its parts as written, and prints it back as it was', () => {
    fc.assert(
      fc.property(canonical, fc.constantFrom('', ' ', '\t'), ([os, architecture, variant], pad) => {
        const text = variant ? `${os}/${architecture}/${variant}` : `${os}/${architecture}`;
        const p = parsePlatform(`${pad}${text}${pad}`);
        expect(p).toEqual(variant ? { os, architecture, variant } : { os, architecture });
        expect(formatPlatform(p)).toBe(text);
        expect(samePlatform(parsePlatform(formatPlatform(p)), p)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the platforms input accepts any list of distinct known platforms, in its order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...KNOWN), { minLength: 1, maxLength: KNOWN.length }),
        fc.constantFrom(',', '\n', ', ', ',\n'),
        (names, separator) => {
          expect(platformsInput(names.join(separator)).map(formatPlatform)).toEqual(names);
        },
      ),
      RUNS,
    );
  });
});

describe('the platforms input names a look-alike', () => {
  it.each([
    ['linux\u2215arm64', /U\+2215 "∕", which is not ASCII/],
    ['linux/\uFF41md64', /U\+FF41 "ａ", which is not ASCII/],
    ['linux/arm64\uFFFD', /not valid UTF-8/],
    ['linux/amd64,--push', /"--push" is not a platform/],
  ])('%j', (raw, why) => {
    expect(() => platformsInput(raw)).toThrow(why);
  });
});
