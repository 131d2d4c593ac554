import { describe, expect, it } from 'vitest';
import {
  behindProxy,
  isLoopback,
  resolveRepository,
} from '../../../../src/docker/registry/endpoint';

describe('resolveRepository', () => {
  it.each([
    [
      '127.0.0.1:5000/team/app',
      { registry: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000', name: 'team/app' },
    ],
    [
      'localhost:5000/x:v1',
      { registry: 'localhost:5000', origin: 'http://localhost:5000', name: 'x', reference: 'v1' },
    ],
    ['[::1]:5000/x', { registry: '[::1]:5000', origin: 'http://[::1]:5000', name: 'x' }],
    ['ghcr.io/o/r', { registry: 'ghcr.io', origin: 'https://ghcr.io', name: 'o/r' }],
    [
      'registry.example.com:5000/a/b/c@sha256:' + 'a'.repeat(64),
      {
        registry: 'registry.example.com:5000',
        origin: 'https://registry.example.com:5000',
        name: 'a/b/c',
        reference: 'sha256:' + 'a'.repeat(64),
      },
    ],
    [
      'docker.io/library/alpine',
      { registry: 'docker.io', origin: 'https://registry-1.docker.io', name: 'library/alpine' },
    ],
    [
      'alpine',
      { registry: 'docker.io', origin: 'https://registry-1.docker.io', name: 'library/alpine' },
    ],
    [
      'index.docker.io/acme/api:1',
      {
        registry: 'docker.io',
        origin: 'https://registry-1.docker.io',
        name: 'acme/api',
        reference: '1',
      },
    ],
    [
      'acme/api',
      { registry: 'docker.io', origin: 'https://registry-1.docker.io', name: 'acme/api' },
    ],
  ])('%s', (ref, expected) => {
    expect(resolveRepository(ref)).toEqual({ reference: undefined, ...expected });
  });

  it('refuses what is not a reference', () => {
    expect(() => resolveRepository('Not A Ref')).toThrow(/not a valid image reference/);
  });
});

describe('isLoopback', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['LOCALHOST:5000', true],
    ['127.0.0.1:5000', true],
    ['127.10.20.30', true],
    ['[::1]:5000', true],
    ['128.0.0.1:5000', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['ghcr.io', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});

describe('behindProxy', () => {
  it('says a proxy carries the origin as the CLI would use it: by scheme, less NO_PROXY', () => {
    expect(behindProxy('https://ghcr.io', {})).toBe(false);
    expect(behindProxy('https://ghcr.io', { HTTPS_PROXY: 'http://p:3128' })).toBe(true);
    expect(behindProxy('https://ghcr.io', { https_proxy: 'http://p:3128' })).toBe(true);
    // An http registry goes by HTTP_PROXY only.
    expect(behindProxy('http://127.0.0.1:5000', { HTTPS_PROXY: 'http://p:3128' })).toBe(false);
    expect(behindProxy('http://127.0.0.1:5000', { HTTP_PROXY: 'http://p:3128' })).toBe(true);
    const proxied = { HTTPS_PROXY: 'http://p:3128' };
    expect(behindProxy('https://ghcr.io', { ...proxied, NO_PROXY: 'ghcr.io' })).toBe(false);
    expect(behindProxy('https://pkg.ghcr.io', { ...proxied, NO_PROXY: '.ghcr.io' })).toBe(false);
    expect(behindProxy('https://pkg.ghcr.io', { ...proxied, no_proxy: 'ghcr.io:443' })).toBe(false);
    expect(behindProxy('https://ghcr.io', { ...proxied, NO_PROXY: 'example.com, *' })).toBe(false);
    expect(behindProxy('https://notghcr.io', { ...proxied, NO_PROXY: 'ghcr.io' })).toBe(true);
  });
});
