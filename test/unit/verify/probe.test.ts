import { describe, expect, it } from 'vitest';
import {
  describeProbe,
  judgeHealth,
  judgeHttp,
  parseProbe,
  probePort,
} from '../../../src/verify/probe';

describe('parseProbe', () => {
  it.each([
    ['http://:8080/healthz', { kind: 'http', port: 8080, path: '/healthz' }],
    ['http://:80', { kind: 'http', port: 80, path: '/' }],
    ['http://:8080/a/b?x=1', { kind: 'http', port: 8080, path: '/a/b?x=1' }],
    ['tcp://:5432', { kind: 'tcp', port: 5432 }],
    [' healthcheck ', { kind: 'healthcheck' }],
  ])('reads %j', (raw, probe) => {
    expect(parseProbe(raw)).toEqual(probe);
  });

  it('reads log:REGEX as a multi-line regular expression', () => {
    const p = parseProbe('log:^listening on :\\d+$');
    expect(p?.kind).toBe('log');
    expect(p?.kind === 'log' && p.pattern.test('boot\nlistening on :8080\n')).toBe(true);
  });

  it('is empty without a probe', () => {
    expect(parseProbe('  ')).toBeUndefined();
  });

  it.each([
    ['http://:0/x', /port "0", which is not from 1 to 65535/],
    ['http://:65536/', /port "65536"/],
    ['tcp://:http', /port "http"/],
    ['http://localhost:8080/', /is not a probe/],
    ['https://:443/', /is not a probe/],
    ['tcp://:80/path', /port "80\/path"|is not a probe/],
    ['log:', /needs a regular expression/],
    ['log:(', /is not a valid regular expression/],
    ['exec:/bin/true', /is not a probe\. Use http:\/\/:PORT\/PATH/],
  ])('rejects %j with the forms that work', (raw, message) => {
    expect(() => parseProbe(raw)).toThrow(message);
  });

  it('describes each probe as the user wrote it, and knows its port', () => {
    const http = parseProbe('http://:8080/healthz');
    expect(http && describeProbe(http)).toBe('http://:8080/healthz');
    expect(http && probePort(http)).toBe(8080);
    const hc = parseProbe('healthcheck');
    expect(hc && probePort(hc)).toBeUndefined();
  });
});

describe('judgeHttp', () => {
  it.each([200, 204, 301, 302, 399])('%i is ready', (status) => {
    expect(judgeHttp(status, '')).toEqual({ state: 'ready' });
  });
  it('a 404 is a definite answer, with the body tail', () => {
    expect(judgeHttp(404, '<html>\n  <h1>Not Found</h1>\n</html>')).toEqual({
      state: 'failed',
      why: 'answered 404 (<html> <h1>Not Found</h1> </html>)',
    });
  });
  it.each([500, 502, 503, 408, 429])('%i is a server still warming up: keep probing', (status) => {
    expect(judgeHttp(status, 'starting').state).toBe('waiting');
  });
});

describe('judgeHealth', () => {
  it('healthy is ready; starting waits; unhealthy fails with the last check', () => {
    expect(judgeHealth({ Health: { Status: 'healthy' } })).toEqual({ state: 'ready' });
    expect(judgeHealth({ Health: { Status: 'starting' } }).state).toBe('waiting');
    expect(
      judgeHealth({
        Health: {
          Status: 'unhealthy',
          Log: [{ ExitCode: 1, Output: 'wget: server returned error: HTTP/1.0 500' }],
        },
      }),
    ).toEqual({
      state: 'failed',
      why: 'HEALTHCHECK reports unhealthy (last check: exit 1, wget: server returned error: HTTP/1.0 500)',
    });
  });
  it('an image without a HEALTHCHECK fails with the fix', () => {
    const a = judgeHealth({ Status: 'running', Running: true });
    expect(a.state).toBe('failed');
    expect(a.state === 'failed' && a.why).toMatch(/has no HEALTHCHECK\. Give smoke-probe an http/);
  });
});
