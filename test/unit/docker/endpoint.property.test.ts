/** Properties of node endpoints (docker/endpoint.ts), over any text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEndpoint, NodeError, parseEndpoint, parseNodes } from '../../../src/docker/endpoint';
import { parsePlatform } from '../../../src/oci/platform';
import { anyText, edgy, RUNS } from '../arbitraries';

const schemes = fc.constantFrom('ssh://', 'tcp://', 'unix://', '');
const endpointText = fc.oneof(
  anyText,
  fc.tuple(schemes, edgy).map(([s, e]) => s + e),
);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const validEndpoint = fc.oneof(
  fc
    .record({
      user: fc.option(fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,10}$/)),
      host: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
      port: fc.option(fc.integer({ min: 1, max: 65535 })),
    })
    .map((e) =>
      formatEndpoint({
        scheme: 'ssh',
        user: e.user ?? undefined,
        host: e.host,
        port: e.port ?? undefined,
      }),
    ),
  fc
    .tuple(label, fc.integer({ min: 1, max: 65535 }))
    .map(([host, port]) => formatEndpoint({ scheme: 'tcp', host, port })),
  fc
    .stringMatching(/^(\/[\w.-]{1,8}){1,3}$/)
    .map((path) => formatEndpoint({ scheme: 'unix', path })),
);

describe('endpoints, for any text', () => {
  it('throw nothing but NodeError; an accepted one has no user or host that could be an ssh or docker option', () => {
    fc.assert(
      fc.property(endpointText, (value) => {
        try {
          const e = parseEndpoint(value);
          expect(formatEndpoint(parseEndpoint(formatEndpoint(e)))).toBe(formatEndpoint(e));
          if (e.scheme === 'unix') expect(e.path).toMatch(/^\/[\w./-]+$/);
          else {
            expect(e.host).not.toMatch(/^-/);
            expect(e.host).toMatch(/^[\w.:[\]-]+$/);
          }
          if (e.scheme === 'ssh' && e.user) expect(e.user).toMatch(/^[a-z_][a-z0-9_.-]*$/i);
          expect(value).not.toMatch(/[;&|`$<>\\'"(){}\s]/);
        } catch (err) {
          expect(err).toBeInstanceOf(NodeError);
        }
      }),
      RUNS,
    );
  });

  it('accept every well-formed endpoint and print it back the same', () => {
    fc.assert(
      fc.property(validEndpoint, (value) => {
        expect(formatEndpoint(parseEndpoint(value))).toBe(value);
      }),
      RUNS,
    );
  });

  it('the nodes lines throw nothing but NodeError', () => {
    const requested = [parsePlatform('linux/amd64'), parsePlatform('linux/arm64')];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyText,
            endpointText.map((e) => `linux/arm64=${e}`),
          ),
          { maxLength: 3 },
        ),
        (lines) => {
          try {
            parseNodes(lines, requested);
          } catch (err) {
            expect(err).toBeInstanceOf(NodeError);
          }
        },
      ),
      RUNS,
    );
  });

  it.each([
    'ssh://-oProxyCommand=touch${IFS}/tmp/pwned@host',
    'ssh://-oProxyCommand=sh@host',
    'ssh://user@-oProxyCommand=sh',
    'ssh://-luser@host',
    'tcp://-H:2375',
    'tcp://--tls:2376',
    'ssh://user@host:0',
    'ssh://user@host:65536',
    'ssh://us\u0435r@host', // Cyrillic е
    'unix://relative/sock',
  ])('refuses %j', (value) => {
    expect(() => parseEndpoint(value)).toThrow(NodeError);
  });
});
