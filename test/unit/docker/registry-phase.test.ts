import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../src/docker/exec';

// registryCall runs its commands through exec: a stand-in answers as told and records each call.
const calls: { argv: string[]; opts: ExecOptions }[] = [];
let answers: Partial<ExecResult>[] = [];
const { execResult } = await import('../exec-result');
vi.mock('../../../src/docker/exec', async (original) => ({
  ...(await original<typeof import('../../../src/docker/exec')>()),
  exec: (argv: string[], opts: ExecOptions = {}): Promise<ExecResult> => {
    calls.push({ argv, opts });
    const a = answers.shift() ?? {};
    return Promise.resolve(execResult(argv, a));
  },
}));

const {
  attemptTimeout,
  DEFAULT_REGISTRY_TIMEOUT_MS,
  phaseOf,
  registryCall,
  registryOf,
  registryTimeoutMessage,
  RegistryTimeoutError,
} = await import('../../../src/docker/registry-phase');

beforeEach(() => {
  calls.length = 0;
  answers = [];
});

describe('registryOf / phaseOf', () => {
  it.each([
    ['127.0.0.1:5000/e2e/x:1', '127.0.0.1:5000'],
    ['ghcr.io/acme/api@sha256:' + 'a'.repeat(64), 'ghcr.io'],
    ['alpine:3.20', 'docker.io'],
    ['docker-image://localhost:5000/base', 'localhost:5000'],
  ])('%s lives in %s', (ref, registry) => {
    expect(registryOf(ref)).toBe(registry);
    expect(phaseOf(`pushing ${ref}`, ref, 10_000)).toEqual({
      registry,
      phase: `pushing ${ref}`,
      timeoutMs: 10_000,
    });
  });

  it('a reference that cannot be read names no registry', () => {
    expect(registryOf('UPPER/Case::')).toBeUndefined();
    expect(phaseOf('reading x', 'UPPER/Case::', 1000).registry).toBeUndefined();
  });

  it('the default is 2 minutes', () => {
    expect(DEFAULT_REGISTRY_TIMEOUT_MS).toBe(120_000);
  });
});

describe('registryTimeoutMessage', () => {
  it('a phase outside BuildKit: names the registry, the phase, the bound and the fix', () => {
    expect(
      registryTimeoutMessage({
        registry: '127.0.0.1:5000',
        phase: 'pushing 127.0.0.1:5000/acme/api:1',
        timeoutMs: 10_000,
      }),
    ).toBe(
      'The registry 127.0.0.1:5000 did not finish pushing 127.0.0.1:5000/acme/api:1 within 10 s (registry-timeout), so it was stopped. ' +
        'Fix: check that 127.0.0.1:5000 is up and reachable from the runner, or give registry-timeout more than 10 s for a slow one.',
    );
  });

  it("a BuildKit exchange that went quiet: the build's wording, with the vertex", () => {
    expect(
      registryTimeoutMessage({
        registry: 'ghcr.io',
        phase: 'pushing',
        timeoutMs: 5000,
        idleMs: 6400,
        vertex: 'exporting to image',
        stopped: 'the build',
        from: 'the builder',
      }),
    ).toBe(
      'The registry ghcr.io made no progress for 6 s while pushing ("exporting to image"), so the build was stopped. ' +
        'Fix: check that ghcr.io is up and reachable from the builder, or give registry-timeout more than 5 s for a slow one.',
    );
  });

  it('without a registry, says "the registry"', () => {
    expect(registryTimeoutMessage({ phase: 'reading x', timeoutMs: 1000 })).toBe(
      'The registry did not finish reading x within 1 s (registry-timeout), so it was stopped. ' +
        'Fix: check that the registry is up and reachable from the runner, or give registry-timeout more than 1 s for a slow one.',
    );
  });
});

describe('attemptTimeout: the attempts of a phase share its bound', () => {
  const phase = { registry: 'r', phase: 'p', timeoutMs: 10_000 };
  it.each([
    [0, 10_000],
    [2500, 7500],
    [9000, 1000],
    [9001, undefined],
    [12_000, undefined],
  ])('after %i ms: %s left', (elapsed, left) => {
    expect(attemptTimeout(phase, 1_000_000, 1_000_000 + elapsed)).toBe(left);
  });
});

describe('registryCall', () => {
  const phase = {
    registry: '127.0.0.1:5000',
    phase: 'pushing 127.0.0.1:5000/x:1',
    timeoutMs: 10_000,
  };
  const noSleep = () => Promise.resolve();

  it('gives the command the whole bound, as an array, and returns its result', async () => {
    answers = [{ stdout: 'ok' }];
    const res = await registryCall(['docker', 'push', '--quiet', '127.0.0.1:5000/x:1'], phase);
    expect(res.stdout).toBe('ok');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.argv).toEqual(['docker', 'push', '--quiet', '127.0.0.1:5000/x:1']);
    expect(calls[0]?.opts.timeoutMs).toBeLessThanOrEqual(10_000);
    expect(calls[0]?.opts.timeoutMs).toBeGreaterThan(9_000);
    expect(calls[0]?.opts.allowFailure).toBe(true);
  });

  it('a timed-out attempt is not retried: it throws, naming the registry and the phase', async () => {
    answers = [{ timedOut: true, exitCode: 143 }];
    const err = await registryCall(['docker', 'push', 'x'], phase, { sleep: noSleep }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RegistryTimeoutError);
    expect((err as Error).message).toContain('The registry 127.0.0.1:5000 did not finish pushing');
    expect((err as Error).message).toContain('within 10 s (registry-timeout)');
    expect(calls).toHaveLength(1);
  });

  it('retries a transient failure within the bound, then succeeds', async () => {
    answers = [{ exitCode: 1, output: 'read: connection reset by peer' }, { exitCode: 0 }];
    const slept: number[] = [];
    const res = await registryCall(['docker', 'push', 'x'], phase, {
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    });
    expect(res.exitCode).toBe(0);
    expect(calls).toHaveLength(2);
    expect(slept).toEqual([1000]);
    // The second attempt gets what is left, never more than the phase's bound.
    expect(calls[1]?.opts.timeoutMs).toBeLessThanOrEqual(10_000);
  });

  it('returns a lasting failure at once (a refused login is not retried)', async () => {
    answers = [{ exitCode: 1, output: 'unauthorized: authentication required' }];
    const res = await registryCall(['docker', 'push', 'x'], phase, { sleep: noSleep });
    expect(res.exitCode).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('attempts: 1 runs once, even for a transient failure', async () => {
    answers = [{ exitCode: 1, output: 'EOF' }];
    const res = await registryCall(['docker', 'manifest', 'push', 'x'], phase, {
      attempts: 1,
      sleep: noSleep,
    });
    expect(res.exitCode).toBe(1);
    expect(calls).toHaveLength(1);
  });
});
