import { describe, expect, it } from 'vitest';
import { smokeInputs } from '../../../../src/actions/shared/smoke-inputs';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';

describe('smoke-probe and smoke-env', () => {
  it('reads them', () => {
    const s = smokeInputs(
      get({ 'smoke-probe': 'http://:8080/healthz', 'smoke-env': 'A=1\n# c\nB=x=y' }),
    );
    expect(s.smokeProbe).toEqual({ kind: 'http', port: 8080, path: '/healthz' });
    expect(s.smokeEnv).toEqual(['A=1', 'B=x=y']);
  });
  it('has no probe and no env by default', () => {
    const s = smokeInputs(get({}));
    expect(s.smokeProbe).toBeUndefined();
    expect(s.smokeEnv).toEqual([]);
  });
  it.each([
    [
      { 'smoke-probe': 'tcp://:99999' },
      /^Input "smoke-probe": "tcp:\/\/:99999" is not valid\. .*not from 1 to 65535/,
    ],
    [{ 'smoke-probe': 'log:[' }, /^Input "smoke-probe".*not a valid regular expression/],
    [{ 'smoke-env': 'NOEQUALS' }, /^Input "smoke-env": "NOEQUALS" is not KEY=VALUE/],
    [{ 'smoke-env': '1A=x' }, /^Input "smoke-env": "1A=x" is not KEY=VALUE/],
  ])('rejects %j naming the input', (values, message) => {
    expect(() => smokeInputs(get(values))).toThrow(message);
  });
});
