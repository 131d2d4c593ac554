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
