import { expect, it } from 'vitest';
import { isTransient } from '../../../src/docker/imagetools';

it.each([
  [
    'failed to do request: Head "https://r/v2/x/manifests/1": net/http: TLS handshake timeout',
    true,
  ],
  ['unexpected status from HEAD request: 503 Service Unavailable', true],
  ['read: connection reset by peer', true],
  ['ERROR: 127.0.0.1:5000/x:1: not found', false],
  ['unexpected status: 401 Unauthorized', false],
  ['denied: requested access to the resource is denied', false],
])('isTransient(%j) → %s', (output, transient) => {
  expect(isTransient(output)).toBe(transient);
});
