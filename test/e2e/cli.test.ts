/**
 * The CLI end to end: `node dist/cli/index.js` against the real engine and
 * QEMU, once piped and once under a pseudo-terminal, and both outputs read.
 */
// The terminal test reads ANSI escapes, which start with a control character.
/* eslint-disable no-control-regex */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, docker, engineAvailable, makeContext, uniqueName } from './harness';

const hasEngine = engineAvailable();
const CLI = path.join(ROOT, 'dist/cli/index.js');

// Runs argv under a pseudo-terminal (python3's pty module) and passes its bytes to stdout.
const PTY = `
import os, pty, sys
def read(fd):
    data = os.read(fd, 65536)
    sys.stdout.buffer.write(data)
    return data
sys.exit(os.waitstatus_to_exitcode(pty.spawn(sys.argv[1:], read)))
`;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a person runs it: no runner variables, no INPUT_* left over from elsewhere. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(k) && k !== 'NO_COLOR' && k !== 'FORCE_COLOR',
    ),
  );
  return { ...env, TERM: 'xterm', ...extra };
}

function run(argv: string[], env = cliEnv()): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const images: string[] = [];
afterAll(() => {
  for (const image of images) docker('image', 'rm', '--force', image);
});

/** Flags for a two-platform build loaded into the engine under a name of its own. */
function buildFlags(copyFrom: string): string[] {
  const tag = `${uniqueName('multiarch-e2e/cli')}:1`;
  images.push(tag);
  return [
    '--context',
    makeContext({ copyFrom }),
    '--platforms',
    'linux/amd64,linux/arm64',
    '--tags',
    tag,
    '--no-push',
  ];
}

const ANSI = '\x1b[';

// Bad input stops the CLI before it asks for an engine: this runs with or without one.
describe('the multiarch CLI (no engine needed)', () => {
  it('a bad input: exit 2 before anything runs, naming the input and the fix', async () => {
    const r = await run(['node', CLI, '--context', 'examples/hello', '--platforms', 'linux/amd65']);
    expect(r.code).toBe(2);
    expect(r.stdout.trim()).toBe(
      'error: Input "platforms": "linux/amd65" is not a platform: "amd65" is not an architecture (did you mean amd64?). Use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7.',
    );
    const usage = await run(['node', CLI, 'check', '--context']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('multiarch: --context needs a value. See: multiarch check --help\n');
  });
});

describe.skipIf(!hasEngine)('the multiarch CLI (real engine)', { timeout: 300_000 }, () => {
  it('piped: plain text, progress lines and the table, no workflow commands, exit 0', async () => {
    const r = await run(['node', CLI, 'build', ...buildFlags('${TARGETARCH}')]);
    const all = r.stdout + r.stderr;
    expect(r.code, all).toBe(0);
    expect(all).not.toContain('::');
    expect(all).not.toContain(ANSI);
    expect(all).not.toContain('\r');
    expect(r.stdout).toMatch(/^» Build \(load\)$/m);
    expect(r.stdout).toMatch(/^linux\/arm64: building…$/m);
    expect(r.stdout).toMatch(/^linux\/arm64: smoke test…$/m);
    expect(r.stdout).toMatch(/^linux\/arm64: passed \(\d+\.\d s\)$/m);
    expect(r.stdout).toMatch(/^ {4}PLATFORM {5}NODE/m);
    expect(r.stdout).toMatch(/^ok {2}linux\/amd64 {2}local .* no {8}ok \(1 ELF file/m);
    expect(r.stdout).toMatch(/^ok {2}linux\/arm64 {2}local .* yes {7}ok \(1 ELF file/m);
  });

  it('a failing platform: its error as text with the fix, the FAIL row, exit 1', async () => {
    // An amd64 busybox in every platform: the classic mistake the architecture check catches.
    const r = await run(['node', CLI, ...buildFlags('amd64')]);
    const all = r.stdout + r.stderr;
    expect(r.code, all).toBe(1);
    expect(all).not.toContain('::');
    expect(all).not.toContain('%0A');
    expect(r.stdout).toMatch(/^FAIL {2}linux\/arm64 /m);
    expect(r.stdout).toMatch(/^ok +linux\/amd64 /m);
    expect(r.stdout).toMatch(/^linux\/arm64: FAILED/m);
    expect(r.stdout).toMatch(/^error: linux\/arm64: .*x86-64 executable/m);
    expect(r.stdout).toMatch(/^error: 1 of 2 platforms failed: linux\/arm64/m);
  });

  it('--json: the platforms output alone on stdout, the log on stderr', async () => {
    // The smoke run prints a secret the action masked: the CLI masks it as the runner would.
    const secret = `Sup3r${uniqueName('s3cret')}`;
    const r = await run([
      'node',
      CLI,
      '--json',
      ...buildFlags('${TARGETARCH}'),
      '--secrets',
      `token=${secret}`,
      '--smoke-command',
      `echo ${secret}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.stderr).toMatch(/^── linux\/arm64 \(passed, exit 0\) ──\n\*\*\*$/m);
    const platforms = JSON.parse(r.stdout) as Record<
      string,
      { ok: boolean; emulated: boolean; output: string }
    >;
    expect(Object.keys(platforms).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(platforms['linux/arm64']).toMatchObject({ ok: true, emulated: true, output: '***' });
    expect(r.stderr).toMatch(/^ok {2}linux\/arm64 /m);
    expect(r.stderr).not.toContain('::');
  });

  it('on a terminal: live lines per platform, colour, then the table', async () => {
    const r = await run(['python3', '-c', PTY, 'node', CLI, ...buildFlags('${TARGETARCH}')]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('::');
    // A live line is redrawn in place: cursor up two lines (one per platform), clear, draw.
    expect(r.stdout).toContain('\x1b[2A\r\x1b[J');
    expect(r.stdout).toMatch(/linux\/arm64 {2}building \d+\.\d s/);
    expect(r.stdout).toMatch(/linux\/arm64 {2}(smoke test|arch check)/);
    expect(r.stdout).toMatch(/ {2}linux\/arm64 {2}\x1b\[32m✔ passed\x1b\[0m {2}\x1b\[2m\d+\.\d s/);
    expect(r.stdout).toMatch(/\x1b\[1m» Build \(load\)\x1b\[0m/);
    expect(r.stdout).toMatch(/^\x1b\[32mok\x1b\[0m {2}linux\/arm64 {2}local /m);
    // Piped lines are for pipes only.
    expect(r.stdout).not.toContain('linux/arm64: building…');
  });

  it('on a terminal with NO_COLOR: live lines still, no colour', async () => {
    const r = await run(
      ['python3', '-c', PTY, 'node', CLI, ...buildFlags('${TARGETARCH}')],
      cliEnv({ NO_COLOR: '1' }),
    );
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('\x1b[2A\r\x1b[J');
    expect(r.stdout).not.toMatch(/\x1b\[\d+m/);
    expect(r.stdout).toMatch(/^ok {2}linux\/arm64 /m);
  });
});
