import { describe, expect, it } from 'vitest';
import { formatRef, parseImageRef, repository } from '../../../src/oci/reference';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageRef', () => {
  it.each([
    ['alpine', { path: 'alpine' }],
    ['ghcr.io/acme/api:1.5', { domain: 'ghcr.io', path: 'acme/api', tag: '1.5' }],
    ['127.0.0.1:5000/t/hello:1', { domain: '127.0.0.1:5000', path: 't/hello', tag: '1' }],
    ['localhost/app', { domain: 'localhost', path: 'app' }],
    [
      `registry.example.com:443/a/b_c/d-e@${D}`,
      { domain: 'registry.example.com:443', path: 'a/b_c/d-e', digest: D },
    ],
    [`acme/api:1.5@${D}`, { path: 'acme/api', tag: '1.5', digest: D }],
  ])('%s', (input, expected) => {
    const ref = parseImageRef(input);
    expect(ref).toEqual({ domain: undefined, tag: undefined, digest: undefined, ...expected });
    expect(formatRef(ref)).toBe(input);
  });

  it.each([
    ['app:$(touch /tmp/x)', /space or control/],
    ['app:$(id)', /not a valid tag/],
    ['app:1 ;rm', /space or control/],
    ['App/Name', /lowercase/],
    ['acme/api@sha256:xyz', /not a digest/],
    ['', /empty/],
    ['ghcr.io/acme/api:`id`', /not a valid tag/],
    ['a/../b', /lowercase/],
  ])('rejects %j', (input, why) => {
    expect(() => parseImageRef(input)).toThrow(why);
  });

  it('gives the repository a digest lives in', () => {
    expect(repository(parseImageRef('ghcr.io/acme/api:1.5'))).toBe('ghcr.io/acme/api');
  });
});
