import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMaskCommands, setSecret } from '../../../src/runner/mask';

describe('setSecret', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const written = (env: NodeJS.ProcessEnv): string => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    setSecret('s3cret-value', env);
    return write.mock.calls.map((c) => String(c[0])).join('');
  };

  it('under a runner: the ::add-mask:: command, which the runner consumes', () => {
    expect(written({ GITHUB_ACTIONS: 'true' })).toContain('::add-mask::s3cret-value');
  });

  it('anywhere else (the CLI in a terminal): nothing, since the line would print the secret', () => {
    expect(written({})).toBe('');
  });

  // Last: the flag is process-wide, as in the CLI.
  it("once the CLI's presenter reads mask commands: the command again, for it to mask with", () => {
    readMaskCommands();
    expect(written({})).toContain('::add-mask::s3cret-value');
  });
});
