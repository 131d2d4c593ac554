import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// readMaskCommands sets a process-wide flag that nothing clears: each test loads the module
// afresh, so none sees a flag another test set, whatever order they run in.
let mask: typeof import('../../../src/runner/mask');

describe('setSecret', () => {
  beforeEach(async () => {
    vi.resetModules();
    mask = await import('../../../src/runner/mask');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
  });

  const written = (env: NodeJS.ProcessEnv): string => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    mask.setSecret('s3cret-value', env);
    return write.mock.calls.map((c) => String(c[0])).join('');
  };

  it("once the CLI's presenter reads mask commands: the command again, for it to mask with", () => {
    mask.readMaskCommands();
    expect(written({})).toContain('::add-mask::s3cret-value');
  });

  it('under a runner: the ::add-mask:: command, which the runner consumes', () => {
    expect(written({ GITHUB_ACTIONS: 'true' })).toContain('::add-mask::s3cret-value');
  });

  it('anywhere else (the CLI in a terminal): nothing, since the line would print the secret', () => {
    expect(written({})).toBe('');
  });
});
