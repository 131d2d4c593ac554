import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { githubHost } from '../../../src/runner/github-host';

/** The lines @actions/core wrote to stdout since `clear()`. */
let stdout: MockInstance<typeof process.stdout.write>;
const lines = (): string[] =>
  stdout.mock.calls.flatMap((call) => String(call[0]).split('\n')).filter((l) => l !== '');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'github-host-'));
  stdout = vi.spyOn(process.stdout, 'write').mockReturnValue(true);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('githubHost', () => {
  it('reads an input from its INPUT_* variable, trimmed, and an absent one as empty', () => {
    vi.stubEnv('INPUT_SMOKE-TIMEOUT', '  5 \n');
    const host = githubHost();
    expect(host.input('smoke-timeout')).toBe('5');
    expect(host.input('tags')).toBe('');
  });

  it('writes outputs into GITHUB_OUTPUT, and none without one', () => {
    const file = path.join(dir, 'outputs');
    writeFileSync(file, '');
    vi.stubEnv('GITHUB_OUTPUT', file);
    githubHost().setOutput('published', 'true');
    expect(readFileSync(file, 'utf8')).toMatch(/^published<<ghadelimiter_.*\ntrue\nghadelimiter_/);
    vi.stubEnv('GITHUB_OUTPUT', '');
    githubHost().setOutput('published', 'false');
    expect(lines()).toEqual([]);
  });

  it('under a runner: the ::add-mask:: command, which the runner consumes', () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    githubHost().setSecret('s3cret-value');
    expect(lines()).toEqual(['::add-mask::s3cret-value']);
  });

  it('anywhere else (a CI log that is not GitHub’s): nothing, since the line would print the secret', () => {
    vi.stubEnv('GITHUB_ACTIONS', '');
    githubHost().setSecret('s3cret-value');
    expect(lines()).toEqual([]);
  });

  it('appends the summary to GITHUB_STEP_SUMMARY, and warns when it cannot', async () => {
    const file = path.join(dir, 'summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', file);
    await githubHost().summary('| a |');
    await githubHost().summary('| b |');
    expect(readFileSync(file, 'utf8')).toBe('| a |\n| b |\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', path.join(dir, 'missing', 'summary.md'));
    await githubHost().summary('| c |');
    expect(lines()).toEqual([
      expect.stringMatching(/^::warning::could not write the job summary: Error: ENOENT/),
    ]);
  });

  it('logs as workflow commands, and fails the step with an error and exit code 1', async () => {
    const host = githubHost();
    const got = await host.log.group('Build', async () => {
      host.log.info('[command] docker version');
      host.log.warning('slow', { title: 'QEMU', file: 'Dockerfile', startLine: 3 });
      return 42;
    });
    host.fail('1 of 2 platforms failed: linux/arm64');
    expect(got).toBe(42);
    expect(lines()).toEqual([
      '::group::Build',
      '[command] docker version',
      '::warning title=QEMU,file=Dockerfile,line=3::slow',
      '::endgroup::',
      '::error::1 of 2 platforms failed: linux/arm64',
    ]);
    expect(process.exitCode).toBe(1);
  });

  it("shows an image's output as text only: under a runner, between stop-commands and its token", () => {
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    githubHost().log.verbatim('::error::from the image');
    expect(lines()).toHaveLength(3);
    const [stop, text, resume] = lines() as [string, string, string];
    const token = /^::stop-commands::(multiarch-[0-9a-f]{16})$/.exec(stop)?.[1];
    expect(token).toBeDefined();
    expect([text, resume]).toEqual(['::error::from the image', `::${token}::`]);
    vi.stubEnv('GITHUB_ACTIONS', '');
    stdout.mockClear();
    githubHost().log.verbatim('plain output');
    expect(lines()).toEqual(['plain output']);
  });
});
