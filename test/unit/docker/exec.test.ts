import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError, commandLine, exec, execStream, tail } from '../../../src/docker/exec';

const OUTPUT_CAP = 4 * 1024 * 1024;
const SLOW = 15_000;

/** Every line core wrote to stdout while a test ran (core.info and core.warning write there). */
let written: string[] = [];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** What `fn` rejected with, so its fields can be checked. */
async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('exec: exit code and capture', () => {
  it('captures stdout, stderr and their interleaving', async () => {
    const res = await exec(['sh', '-c', 'echo a; sleep 0.2; echo b >&2; sleep 0.2; echo c']);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe('a\nc\n');
    expect(res.stderr).toBe('b\n');
    expect(res.output).toBe('a\nb\nc\n');
    expect(res.timedOut).toBe(false);
    expect(res.argv).toEqual(['sh', '-c', 'echo a; sleep 0.2; echo b >&2; sleep 0.2; echo c']);
    expect(res.durationMs).toBeGreaterThanOrEqual(350);
  });

  it('returns a non-zero exit with allowFailure', async () => {
    const res = await exec(['sh', '-c', 'echo out; echo err >&2; exit 3'], { allowFailure: true });
    expect(res).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('throws a CommandError naming the command, the code and the stderr tail', async () => {
    const script = 'echo out; for i in $(seq 1 20); do echo "err line $i" >&2; done; exit 3';
    const err = await rejection(() => exec(['sh', '-c', script]));
    expect(err).toBeInstanceOf(CommandError);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe(`sh -c ${JSON.stringify(script)} failed with exit code 3:`);
    // The last 15 lines of stderr, not stdout.
    expect(lines.slice(1)).toEqual(Array.from({ length: 15 }, (_, i) => `err line ${i + 6}`));
    expect((err as CommandError).result).toMatchObject({ exitCode: 3, stdout: 'out\n' });
  });

  it('falls back to stdout, then to "(no output)", in the message', async () => {
    const fromStdout = await rejection(() => exec(['sh', '-c', 'echo only-stdout; exit 1']));
    expect(fromStdout.message).toMatch(/failed with exit code 1:\nonly-stdout$/);
    const silent = await rejection(() => exec(['sh', '-c', 'exit 2']));
    expect(silent.message).toBe('sh -c "exit 2" failed with exit code 2:\n(no output)');
  });

  it.each([
    ['TERM', 143],
    ['KILL', 137],
    ['INT', 130],
    ['HUP', 129],
    ['USR1', 138],
  ])('reports death by SIG%s as exit code %i', async (signal, code) => {
    const res = await exec(['sh', '-c', `kill -${signal} $$`], { allowFailure: true });
    expect(res.exitCode).toBe(code);
    expect(res.timedOut).toBe(false);
  });

  it('rejects an empty argv', async () => {
    await expect(exec([])).rejects.toThrow('exec: empty argv');
  });

  it('passes cwd and env to the child', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exec-test-'));
    try {
      const res = await exec(['sh', '-c', 'pwd; echo "$EXEC_TEST_VALUE"'], {
        cwd: dir,
        env: { PATH: process.env.PATH, EXEC_TEST_VALUE: 'from the test' },
      });
      expect(res.stdout.split('\n').slice(0, 2)).toEqual([
        expect.stringContaining('exec-test-'),
        'from the test',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // buildx's type=gha cache reads the runner's cache variables from its own environment.
  it("passes the step's whole environment by default: the runner's cache variables reach buildx", async () => {
    const vars = ['ACTIONS_CACHE_URL', 'ACTIONS_RESULTS_URL', 'ACTIONS_RUNTIME_TOKEN'] as const;
    const saved = vars.map((v) => process.env[v]);
    vars.forEach((v) => (process.env[v] = `value of ${v}`));
    try {
      const res = await exec(['sh', '-c', vars.map((v) => `echo "$${v}"`).join(';')]);
      expect(res.stdout.trim().split('\n')).toEqual(vars.map((v) => `value of ${v}`));
    } finally {
      vars.forEach((v, i) => {
        if (saved[i] === undefined) Reflect.deleteProperty(process.env, v);
        else process.env[v] = saved[i];
      });
    }
  });
});

describe('exec: timeouts', () => {
  it(
    'kills the child and reports timedOut with allowFailure',
    async () => {
      const res = await exec(['sh', '-c', 'sleep 5'], { timeoutMs: 300, allowFailure: true });
      expect(res.timedOut).toBe(true);
      expect(res.exitCode).toBe(143);
      expect(res.durationMs).toBeGreaterThanOrEqual(290);
      expect(res.durationMs).toBeLessThan(3_000);
    },
    SLOW,
  );

  it(
    'throws "timed out after N s" without allowFailure',
    async () => {
      const began = Date.now();
      const err = await rejection(() => exec(['sh', '-c', 'sleep 5'], { timeoutMs: 1_000 }));
      expect(err).toBeInstanceOf(CommandError);
      expect(err.message).toBe('sh -c "sleep 5" timed out after 1 s');
      expect((err as CommandError).result.timedOut).toBe(true);
      expect(Date.now() - began).toBeLessThan(4_000);
    },
    SLOW,
  );

  it('does not time out a command that finishes first', async () => {
    const res = await exec(['sh', '-c', 'echo quick'], { timeoutMs: 5_000 });
    expect(res).toMatchObject({ exitCode: 0, stdout: 'quick\n', timedOut: false });
  });

  it(
    'escalates to SIGKILL when the child ignores SIGTERM',
    async () => {
      const res = await exec(['sh', '-c', 'trap "" TERM; while :; do sleep 0.1; done'], {
        timeoutMs: 300,
        allowFailure: true,
      });
      expect(res.timedOut).toBe(true);
      expect(res.exitCode).toBe(137);
      // 300 ms to the timeout, then the 5 s grace before SIGKILL.
      expect(res.durationMs).toBeGreaterThanOrEqual(5_200);
      expect(res.durationMs).toBeLessThan(8_000);
    },
    SLOW,
  );

  it(
    'is bounded even when a grandchild keeps the output pipes open',
    async () => {
      // sh dies of SIGTERM, but `sleep 12` (not exec'd: a command follows) inherits
      // stdout and stderr and would hold them open for 12 s.
      const res = await exec(['sh', '-c', 'echo started; sleep 12; echo never'], {
        timeoutMs: 300,
        allowFailure: true,
      });
      expect(res.timedOut).toBe(true);
      expect(res.exitCode).toBe(143);
      expect(res.stdout).toBe('started\n');
      expect(res.durationMs).toBeLessThan(4_000);
    },
    SLOW,
  );

  it(
    'is bounded when the child exits but a background process keeps its output open',
    async () => {
      const res = await exec(['sh', '-c', 'echo bye; sleep 6 &'], {
        timeoutMs: 300,
        allowFailure: true,
      });
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toBe('bye\n');
      // Its output did not end within the bound.
      expect(res.timedOut).toBe(true);
      expect(res.durationMs).toBeLessThan(3_000);
    },
    SLOW,
  );

  it(
    'runs and awaits onTimeout before killing the child',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'exec-test-'));
      const marker = join(dir, 'cleaned-up');
      try {
        // On SIGTERM the child reports whether onTimeout's file existed by then.
        const script =
          'trap \'if [ -f "$0" ]; then echo seen; else echo missing; fi; exit 7\' TERM; ' +
          'while :; do sleep 0.1; done';
        const res = await exec(['sh', '-c', script, marker], {
          timeoutMs: 300,
          allowFailure: true,
          onTimeout: async () => {
            await delay(300);
            await writeFile(marker, 'x');
          },
        });
        expect(existsSync(marker)).toBe(true);
        expect(res.stdout).toBe('seen\n');
        expect(res.exitCode).toBe(7);
        expect(res.timedOut).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'still kills the child when onTimeout fails, with a warning',
    async () => {
      const res = await exec(['sh', '-c', 'sleep 5'], {
        timeoutMs: 300,
        allowFailure: true,
        onTimeout: () => Promise.reject(new Error('cleanup boom')),
      });
      expect(res.timedOut).toBe(true);
      expect(res.exitCode).toBe(143);
      expect(written).toContain('::warning::cleanup after timeout failed: Error: cleanup boom');
    },
    SLOW,
  );
});

describe('exec: output cap', () => {
  it(
    'keeps only the last 4 MiB of a larger output',
    async () => {
      const line = '0123456789abcdefghijklmnopqrstuvwxyz\n';
      const size = 6 * 1024 * 1024;
      const res = await exec([
        'sh',
        '-c',
        `yes ${line.trim()} | head -c ${size}; echo; echo LAST-LINE`,
      ]);
      const full = line.repeat(Math.ceil(size / line.length)).slice(0, size) + '\nLAST-LINE\n';
      expect(res.stdout.length).toBe(OUTPUT_CAP);
      expect(res.output.length).toBe(OUTPUT_CAP);
      expect(res.stdout.endsWith('\nLAST-LINE\n')).toBe(true);
      expect(res.stdout).toBe(full.slice(-OUTPUT_CAP));
      expect(res.output).toBe(res.stdout);
      expect(res.stderr).toBe('');
    },
    SLOW,
  );

  it('keeps an output under the cap whole', async () => {
    const res = await exec(['sh', '-c', 'yes abc | head -c 100000']);
    expect(res.stdout).toBe('abc\n'.repeat(25_000));
  });
});

describe('exec: stdin', () => {
  it('feeds input to stdin', async () => {
    const res = await exec(['cat'], { input: 'hello\nwörld\n' });
    expect(res.stdout).toBe('hello\nwörld\n');
  });

  it('feeds a large input whole', async () => {
    const res = await exec(['wc', '-c'], { input: 'x'.repeat(1024 * 1024) });
    expect(res.stdout.trim()).toBe('1048576');
  });

  it('closes stdin when there is no input', async () => {
    const res = await exec(['cat'], { timeoutMs: 5_000 });
    expect(res).toMatchObject({ exitCode: 0, stdout: '', timedOut: false });
  });

  it('survives a child that exits without reading its input', async () => {
    const res = await exec(['sh', '-c', 'exit 0'], { input: 'y'.repeat(4 * 1024 * 1024) });
    expect(res.exitCode).toBe(0);
  });
});

describe('exec: a program that cannot start', () => {
  it('says to install it or put it on PATH', async () => {
    const err = await rejection(() => exec(['multiarch-no-such-program', '--version']));
    expect(err).not.toBeInstanceOf(CommandError);
    expect(err.message).toMatch(
      /^could not start multiarch-no-such-program: .*ENOENT.* \(is multiarch-no-such-program installed and on PATH\?\)$/,
    );
  });

  it('does not time out later', async () => {
    await expect(exec(['multiarch-no-such-program'], { timeoutMs: 200 })).rejects.toThrow(
      /could not start/,
    );
    await delay(400); // a stray timer would kill nothing and warn nothing
    expect(written.some((l) => l.includes('::warning::'))).toBe(false);
  });
});

describe('exec: logging', () => {
  it('logs the command line unless quiet', async () => {
    await exec(['sh', '-c', 'echo hi there']);
    expect(written).toContain('[command] sh -c "echo hi there"');
    written = [];
    await exec(['sh', '-c', 'echo hi there'], { quiet: true });
    expect(written).toEqual([]);
  });

  it('does not echo output unless asked', async () => {
    await exec(['sh', '-c', 'echo secret-output'], { quiet: true });
    expect(written).toEqual([]);
  });

  it('streams lines with a [prefix], including a last line without a newline', async () => {
    const res = await exec(
      ['sh', '-c', 'printf "one\\n"; sleep 0.1; printf "two\\npar"; printf "tial"'],
      {
        stream: 'linux/arm64',
        quiet: true,
      },
    );
    expect(res.stdout).toBe('one\ntwo\npartial');
    expect(written).toEqual(['[linux/arm64] one', '[linux/arm64] two', '[linux/arm64] partial']);
  });

  it('streams stderr too, and without a prefix when stream is true', async () => {
    await exec(['sh', '-c', 'echo to-stdout; sleep 0.1; echo to-stderr >&2'], {
      stream: true,
      quiet: true,
    });
    expect(written).toEqual(['to-stdout', 'to-stderr']);
  });
});

describe('execStream', () => {
  it('hands stdout over as a stream and still captures stderr', async () => {
    const { stdout, result } = execStream(['sh', '-c', 'printf raw-bytes; echo oops >&2'], {
      quiet: true,
    });
    const chunks: Buffer[] = [];
    for await (const c of stdout) chunks.push(c as Buffer);
    const res = await result;
    expect(Buffer.concat(chunks).toString()).toBe('raw-bytes');
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('oops\n');
  });
});

describe('tail', () => {
  const text = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');

  it('keeps the last 15 lines by default', () => {
    expect(tail(text).split('\n')).toEqual(Array.from({ length: 15 }, (_, i) => `line ${i + 6}`));
  });

  it('keeps the last n lines, ignoring trailing blank lines and spaces', () => {
    expect(tail(`${text}\n\n  \n`, 3)).toBe('line 18\nline 19\nline 20');
  });

  it('returns short texts whole, and "" for blank ones', () => {
    expect(tail('a\nb', 5)).toBe('a\nb');
    expect(tail('')).toBe('');
    expect(tail('\n\n')).toBe('');
  });
});

describe('commandLine', () => {
  it('leaves plain words bare', () => {
    expect(
      commandLine(['docker', 'run', '--rm', 'ghcr.io/acme/api:1.5@sha256:abc', 'KEY=v,w', '50%']),
    ).toBe('docker run --rm ghcr.io/acme/api:1.5@sha256:abc KEY=v,w 50%');
  });

  it('quotes words with spaces, quotes, shell characters or nothing', () => {
    expect(commandLine(['sh', '-c', 'echo "hi" $HOME', '', 'a;b', "it's", 'x\ny'])).toBe(
      'sh -c "echo \\"hi\\" $HOME" "" "a;b" "it\'s" "x\\ny"',
    );
  });
});

describe('exec onOutput and signal', () => {
  it('hands every chunk of both streams to onOutput', async () => {
    const seen: string[] = [];
    await exec(['sh', '-c', 'echo out; echo err >&2'], {
      quiet: true,
      onOutput: (c) => seen.push(c),
    });
    expect(seen.join('').split('\n').filter(Boolean).sort()).toEqual(['err', 'out']);
  });

  it('stops the command when aborted, and reads as a failure', async () => {
    const abort = new AbortController();
    const began = Date.now();
    setTimeout(() => abort.abort(), 200);
    const res = await exec(['sleep', '30'], {
      quiet: true,
      allowFailure: true,
      signal: abort.signal,
    });
    expect(res.exitCode).toBe(143);
    expect(Date.now() - began).toBeLessThan(5_000);
  });
});
