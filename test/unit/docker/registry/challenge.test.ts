import { describe, expect, it } from 'vitest';
import { parseChallenges, pickChallenge } from '../../../../src/docker/registry/challenge';

describe('parseChallenges', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    ],
    [
      // A scope with commas in it, and spaces around the separators.
      'Bearer realm="https://ghcr.io/token", service="ghcr.io", scope="repository:o/r:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://ghcr.io/token',
            service: 'ghcr.io',
            scope: 'repository:o/r:pull,push',
          },
        },
      ],
    ],
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    ['basic', [{ scheme: 'basic', params: {} }]],
    // Unquoted values, names in any case, an escaped quote.
    [
      'BEARER Realm=https://x/t,Service=x,error="say \\"hi\\""',
      [{ scheme: 'bearer', params: { realm: 'https://x/t', service: 'x', error: 'say "hi"' } }],
    ],
    [
      'Basic realm="a, b", Bearer realm="https://t/token",service="s"',
      [
        { scheme: 'basic', params: { realm: 'a, b' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 's' } },
      ],
    ],
    [
      'Negotiate abc==, Basic realm="r"',
      [
        { scheme: 'negotiate', params: {} },
        { scheme: 'basic', params: { realm: 'r' } },
      ],
    ],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });
});

describe('pickChallenge', () => {
  it('prefers Bearer with a realm over Basic', () => {
    const picked = pickChallenge(parseChallenges('Basic realm="r", Bearer realm="https://t"'));
    expect(picked?.scheme).toBe('bearer');
  });

  it('takes Basic when it is all there is', () => {
    expect(pickChallenge(parseChallenges('Basic realm="r"'))?.scheme).toBe('basic');
  });

  it('answers none for a Bearer without a realm, or an unknown scheme', () => {
    expect(pickChallenge(parseChallenges('Bearer service="x"'))).toBeUndefined();
    expect(pickChallenge(parseChallenges('Negotiate'))).toBeUndefined();
  });
});
