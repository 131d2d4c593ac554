/** Properties of image references (oci/reference.ts) against distribution's grammar, written here on its own. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, checkRef } from '../../../src/runner/inputs';
import { formatRef, parseImageRef, ImageReferenceError } from '../../../src/oci/reference';
import { anyText, RUNS } from '../arbitraries';

// distribution/reference's ReferenceRegexp, spelt out from its grammar.
const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const component = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const name = `(?:${host}(?::[0-9]+)?/)?${component}(?:/${component})*`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^${name}(?::${tag})?(?:@${digest})?$`);

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const lower = fc.string({ unit: fc.constantFrom(...'abcz09'), minLength: 1, maxLength: 6 });
const pathComponent = fc
  .tuple(
    lower,
    fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), lower), { maxLength: 2 }),
  )
  .map(([first, rest]) => first + rest.map(([s, a]) => s + a).join(''));
const validRef = fc
  .record({
    domain: fc.option(
      fc.constantFrom(
        'ghcr.io',
        'localhost:5000',
        '127.0.0.1:5000',
        'registry.example.com',
        '[::1]:5000',
      ),
    ),
    path: fc.array(pathComponent, { minLength: 1, maxLength: 3 }).map((p) => p.join('/')),
    tag: fc.option(fc.stringMatching(/^[\w][\w.-]{0,20}$/)),
    digest: fc.option(
      fc.oneof(
        hex(64).map((h) => `sha256:${h}`),
        hex(128).map((h) => `sha512:${h}`),
      ),
    ),
  })
  // Without a registry, a first component with a "." reads as a host (Docker's rule): keep it plain.
  .map((r) =>
    formatRef({
      domain: r.domain ?? undefined,
      path: r.domain ? r.path : `acme/${r.path}`,
      tag: r.tag ?? undefined,
      digest: r.digest ?? undefined,
    }),
  );

describe('image references, for any text', () => {
  it('throw nothing but ImageReferenceError; what is accepted, distribution accepts, and it prints back the same', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        try {
          const ref = parseImageRef(value);
          expect(value).toMatch(REFERENCE);
          expect(formatRef(ref)).toBe(value);
          expect(value).not.toMatch(/^-|[^\x21-\x7e]/);
        } catch (err) {
          expect(err).toBeInstanceOf(ImageReferenceError);
        }
      }),
      RUNS,
    );
  });

  it('accept every reference the grammar makes, and read it back part by part', () => {
    fc.assert(
      fc.property(validRef, (value) => {
        expect(value).toMatch(REFERENCE);
        expect(formatRef(parseImageRef(value))).toBe(value);
      }),
      RUNS,
    );
  });

  it('refuse a digest of the wrong length or algorithm', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 32, max: 160 }),
        fc.constantFrom('sha256', 'sha512', 'md5', 'sha384'),
        (n, alg) => {
          const ok = (alg === 'sha256' && n === 64) || (alg === 'sha512' && n === 128);
          const value = `ghcr.io/acme/api@${alg}:${'a'.repeat(n)}`;
          if (ok) expect(parseImageRef(value).digest).toBe(`${alg}:${'a'.repeat(n)}`);
          else expect(() => parseImageRef(value)).toThrow(/is not a digest: /);
        },
      ),
      RUNS,
    );
  });

  it('checkRef throws nothing but InputError, naming the input', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        try {
          checkRef('tags', value);
        } catch (err) {
          expect(err).toBeInstanceOf(InputError);
          expect((err as Error).message).toMatch(/^Input "tags": .*Use \[registry\/\]name/s);
        }
      }),
      RUNS,
    );
  });
});

describe('image references: why a value is refused', () => {
  it.each([
    ['ghcr.io/acme/api:\uFFFD', /not valid UTF-8/],
    ['ghcr.io/acme/api:v1\u00001', /control character U\+0000/],
    ['ghcr.io/\uFF41cme/api', /U\+FF41 "ａ", which is not ASCII/],
    ['ghcr.io/Acme/api', /must be lowercase/],
    [
      `ghcr.io/acme/api@sha256:${'a'.repeat(63)}`,
      /sha256 takes exactly 64 lowercase hex digits, and this has 63/,
    ],
    [`ghcr.io/acme/api@sha256:${'A'.repeat(64)}`, /not all of them lowercase hex/],
    [`ghcr.io/acme/api@md5:${'a'.repeat(32)}`, /algorithm must be sha256 or sha512/],
    [`${'a/'.repeat(130)}b`, /name is longer than 255/],
    ['-x/api', /lowercase letters/],
  ])('%j', (value, why) => {
    expect(() => parseImageRef(value)).toThrow(why);
  });
});
