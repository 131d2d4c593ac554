import { expect, it } from 'vitest';
import { during, finished, onProgress, type ProgressEvent } from '../../../src/runner/progress';

it('announces a phase around the work, passes its result through, and stops when told', async () => {
  const seen: string[] = [];
  const stop = onProgress((e: ProgressEvent) =>
    seen.push(`${e.platform} ${e.kind} ${e.kind === 'done' ? e.ok : e.phase}`),
  );
  expect(await during(['linux/amd64', 'linux/arm64'], 'building', Promise.resolve(7))).toBe(7);
  await expect(during('linux/arm64', 'smoke test', Promise.reject(new Error('x')))).rejects.toThrow(
    'x',
  );
  finished('linux/arm64', false);
  stop();
  finished('linux/amd64', true);
  expect(seen).toEqual([
    'linux/amd64 start building',
    'linux/arm64 start building',
    'linux/amd64 end building',
    'linux/arm64 end building',
    'linux/arm64 start smoke test',
    'linux/arm64 end smoke test',
    'linux/arm64 done false',
  ]);
});

it('never lets a listener that throws break the engine', async () => {
  const stop = onProgress(() => {
    throw new Error('display broke');
  });
  await expect(during('linux/amd64', 'pulling', Promise.resolve('ok'))).resolves.toBe('ok');
  stop();
});
