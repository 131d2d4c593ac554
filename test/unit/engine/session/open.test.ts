import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../../../src/engine/session/open';

const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe('openSession without a docker CLI', () => {
  it('an optional engine is simply absent', async () => {
    process.env.PATH = '/nonexistent';
    const s = await openSession({ tempDir: false, needs: 'optional', prefix: 'multiarch-t1' });
    expect(s.engine).toBeUndefined();
    expect(s.prefix).toBe('multiarch-t1');
    expect(s.state).toEqual({
      tempDir: undefined,
      containerPrefix: 'multiarch-t1',
      docker: ['docker'],
    });
  });

  it('a required engine fails with the fix', async () => {
    process.env.PATH = '/nonexistent';
    await expect(openSession({ tempDir: false, needs: 'engine' })).rejects.toThrow(
      /Cannot reach the Docker engine: could not start docker.*Fix: start dockerd/s,
    );
  });
});
