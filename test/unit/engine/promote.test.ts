import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecOptions, ExecResult } from '../../../src/docker/exec';

// Every command promote runs goes through exec: a stand-in answers by argv and records each call.
const calls: { argv: string[]; opts: ExecOptions }[] = [];
let answer: (argv: string[]) => Partial<ExecResult> = () => ({});
const { execResult } = await import('../exec-result');
vi.mock('../../../src/docker/exec', async (original) => ({
  ...(await original<typeof import('../../../src/docker/exec')>()),
  exec: (argv: string[], opts: ExecOptions = {}): Promise<ExecResult> => {
    calls.push({ argv, opts });
    const res = execResult(argv, answer(argv));
    if (!opts.allowFailure && (res.exitCode !== 0 || res.timedOut))
      return Promise.reject(new Error(`${argv.join(' ')} failed`));
    return Promise.resolve(res);
  },
}));

const { promote, publishPhases, pushUntested } = await import('../../../src/engine/promote');

const DIGEST = `sha256:${'a'.repeat(64)}`;
const REGISTRY_TIMEOUT_MS = 7000;
const LOCAL_MS = 60_000;

/** Answers like a registry that took the push: every read-back names the tested digest. */
const healthy = (argv: string[]): Partial<ExecResult> =>
  argv.includes('inspect') && argv.includes('{{json .Manifest}}')
    ? { stdout: JSON.stringify({ digest: DIGEST }) }
    : {};

const timeoutOf = (pred: (argv: string[]) => boolean): (number | undefined)[] =>
  calls.filter((c) => pred(c.argv)).map((c) => c.opts.timeoutMs);

const is =
  (...words: string[]) =>
  (argv: string[]): boolean =>
    words.every((w, i) => argv[i + 1] === w);

let repo: string;
beforeEach(() => {
  calls.length = 0;
  answer = healthy;
  // A repository of its own: the tag locks (tag-lock.ts) are per tag.
  repo = `127.0.0.1:5000/unit/promote-${randomBytes(4).toString('hex')}`;
});

describe('publishPhases', () => {
  it('names each phase and its registry, and gives it registry-timeout', () => {
    expect(publishPhases.push(`${repo}:1`, 9000)).toEqual({
      registry: '127.0.0.1:5000',
      phase: `pushing ${repo}:1`,
      timeoutMs: 9000,
    });
    expect(publishPhases.writeTags([`${repo}:1`, 'ghcr.io/acme/api:1'], 9000)).toEqual({
      registry: '127.0.0.1:5000, ghcr.io',
      phase: `writing the tags ${repo}:1, ghcr.io/acme/api:1`,
      timeoutMs: 9000,
    });
    expect(publishPhases.readBack(`${repo}:1`)).toBe(`reading back ${repo}:1`);
  });
});

describe('promote: which command gets which bound', () => {
  it('engine gate: tag is local (60 s); each push and read-back gets registry-timeout', async () => {
    const tags = [`${repo}:1`, `${repo}:latest`];
    const gate = { kind: 'engine' as const, candidate: 'multiarch-candidate:x', tags };
    await expect(promote(gate, { digest: DIGEST, sources: [] }, REGISTRY_TIMEOUT_MS)).resolves.toBe(
      DIGEST,
    );
    expect(timeoutOf(is('tag'))).toEqual([LOCAL_MS, LOCAL_MS]);
    const pushes = calls.filter((c) => is('push')(c.argv));
    expect(pushes.map((c) => c.argv.at(-1))).toEqual(tags);
    const reads = timeoutOf(is('buildx', 'imagetools', 'inspect'));
    expect(reads).toHaveLength(2);
    for (const t of [...pushes.map((c) => c.opts.timeoutMs), ...reads]) {
      expect(t).toBeLessThanOrEqual(REGISTRY_TIMEOUT_MS);
      expect(t).toBeGreaterThan(REGISTRY_TIMEOUT_MS - 1000);
    }
  });

  it('engine gate: a push that runs out of time names the registry and the phase, and leaves no tag', async () => {
    const tags = [`${repo}:1`, `${repo}:latest`];
    answer = (argv) => (is('push')(argv) ? { timedOut: true, exitCode: 143 } : healthy(argv));
    const gate = { kind: 'engine' as const, candidate: 'multiarch-candidate:x', tags };
    const err = await promote(gate, { digest: DIGEST, sources: [] }, REGISTRY_TIMEOUT_MS).catch(
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe(
      `The registry 127.0.0.1:5000 did not finish pushing ${repo}:1 within 7 s (registry-timeout), so it was stopped. ` +
        'Fix: check that 127.0.0.1:5000 is up and reachable from the runner, or give registry-timeout more than 7 s for a slow one.',
    );
    // Stopped, not retried, and nothing read back.
    expect(calls.filter((c) => is('push')(c.argv))).toHaveLength(1);
    expect(calls.filter((c) => is('buildx', 'imagetools', 'inspect')(c.argv))).toHaveLength(0);
    // Both local names are removed again; the candidate's is not (the gate drops it).
    expect(calls.at(-1)?.argv).toEqual(['docker', 'image', 'rm', ...tags]);
  });

  it('engine gate: a read-back that runs out of time names the phase', async () => {
    const tag = `${repo}:1`;
    answer = (argv) => (is('buildx', 'imagetools')(argv) ? { timedOut: true, exitCode: 143 } : {});
    const gate = { kind: 'engine' as const, candidate: 'multiarch-candidate:x', tags: [tag] };
    await expect(
      promote(gate, { digest: DIGEST, sources: [] }, REGISTRY_TIMEOUT_MS),
    ).rejects.toThrow(
      `The registry 127.0.0.1:5000 did not finish reading back ${tag} within 7 s (registry-timeout)`,
    );
  });

  it('registry gate: imagetools create and the read-back get registry-timeout', async () => {
    const tags = [`${repo}:1`];
    const gate = { kind: 'registry' as const, tags };
    await promote(gate, { digest: DIGEST, sources: [`${repo}@${DIGEST}`] }, REGISTRY_TIMEOUT_MS);
    const creates = timeoutOf(is('buildx', 'imagetools', 'create'));
    const reads = timeoutOf(is('buildx', 'imagetools', 'inspect'));
    expect(creates).toHaveLength(1);
    expect(reads).toHaveLength(1);
    for (const t of [...creates, ...reads]) expect(t).toBeLessThanOrEqual(REGISTRY_TIMEOUT_MS);
  });

  it('registry gate: a tag write that runs out of time names the registry and the phase', async () => {
    answer = (argv) => (is('buildx', 'imagetools', 'create')(argv) ? { timedOut: true } : {});
    const gate = { kind: 'registry' as const, tags: [`${repo}:1`] };
    await expect(
      promote(gate, { digest: DIGEST, sources: [`${repo}@${DIGEST}`] }, REGISTRY_TIMEOUT_MS),
    ).rejects.toThrow(
      `The registry 127.0.0.1:5000 did not finish writing the tags ${repo}:1 within 7 s`,
    );
  });

  it('the untested push gets registry-timeout and only warns; its local name is removed', async () => {
    answer = (argv) => (is('push')(argv) ? { timedOut: true } : {});
    await pushUntested('multiarch-candidate:x', `${repo}:multiarch-untested`, REGISTRY_TIMEOUT_MS);
    expect(timeoutOf(is('push'))[0]).toBeLessThanOrEqual(REGISTRY_TIMEOUT_MS);
    expect(calls.at(-1)?.argv).toEqual(['docker', 'image', 'rm', `${repo}:multiarch-untested`]);
  });
});
