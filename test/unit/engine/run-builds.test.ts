import { describe, expect, it } from 'vitest';
import { outcomeShape, registryHiccup, type OutcomeShape } from '../../../src/engine/run-builds';
import type { BuildMode, Plan } from '../../../src/engine/plan/index';

const repository = 'ghcr.io/acme/api';
const gate: Plan['gate'] = { kind: 'fanout', tags: [`${repository}:1`] };

describe('outcomeShape: what each build mode reads its outcome from', () => {
  it.each<[BuildMode, Partial<Plan>, OutcomeShape]>([
    ['push', { repository }, { kind: 'pushed', repository }],
    ['push', {}, { kind: 'local' }],
    ['load-then-push', {}, { kind: 'loaded-index' }],
    ['fanout-push', { repository, gate }, { kind: 'parts', repository }],
    ['fanout-push', { repository }, { kind: 'merged', repository }],
    ['fanout-push', { gate }, { kind: 'local' }],
    ['load', {}, { kind: 'local' }],
    ['load-per-platform', {}, { kind: 'local' }],
    ['fanout-load', {}, { kind: 'local' }],
  ])('%s with %j', (mode, rest, expected) => {
    expect(outcomeShape({ mode, ...rest })).toEqual(expected);
  });

  it('refuses a mode it does not know', () => {
    expect(() => outcomeShape({ mode: 'sideload' as BuildMode })).toThrow(
      /No outcome is defined for build mode sideload/,
    );
  });
});

describe('registryHiccup: a push inside a build that met a registry 5xx is built once more', () => {
  it('names what the registry answered, and only for a 5xx from a registry request', () => {
    expect(
      registryHiccup(
        '#9 exporting to image\nERROR: unexpected status from HEAD request to http://127.0.0.1:33179/v2/bench/four/manifests/b26262: 500 Internal Server Error\n',
      ),
    ).toBe(
      'unexpected status from HEAD request to http://127.0.0.1:33179/v2/bench/four/manifests/b26262: 500 Internal Server Error',
    );
    expect(
      registryHiccup(
        'unexpected status from PUT request to https://r.example/v2/a/blobs/uploads/x: 503 Service Unavailable',
      ),
    ).toMatch(/: 503 Service Unavailable$/);
    // Quoted in the rawjson progress stream: the quote is not part of it.
    expect(
      registryHiccup(
        '{"error":"unexpected status from HEAD request to http://r:5000/v2/a/manifests/1: 500 Internal Server Error\\"}',
      ),
    ).toBe(
      'unexpected status from HEAD request to http://r:5000/v2/a/manifests/1: 500 Internal Server Error',
    );
    // A refusal, a missing image or a failed RUN is not a hiccup.
    expect(
      registryHiccup(
        'unexpected status from HEAD request to https://r.example/v2/a/manifests/1: 401 Unauthorized',
      ),
    ).toBeUndefined();
    expect(
      registryHiccup(
        'ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 500',
      ),
    ).toBeUndefined();
    expect(registryHiccup('failed to solve: failed to push: 500')).toBeUndefined();
  });
});
