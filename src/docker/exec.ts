/**
 * The one way this action runs a program.
 *
 * Built on node:child_process rather than @actions/exec because every call we
 * make must be bounded and killable (a hung `docker run`, a daemon that stops
 * answering), and @actions/exec has neither a timeout nor a handle on the
 * child. Commands are always argv arrays; no shell is ever involved.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { log } from '../runner/log';
import { cancellation, exiting, onCancel, timeLeftToExit } from '../runner/cancel';
import { MultiarchError } from '../runner/errors';

export interface ExecOptions {
  /** Kill the process after this long. Undefined means no bound (builds). */
  timeoutMs?: number;
  /** Runs when the timeout hits, before the kill: e.g. `docker rm -f` so a container does not outlive its client. */
  onTimeout?: () => Promise<unknown>;
  /** Return the result on a non-zero exit instead of throwing. */
  allowFailure?: boolean;
  /** Echo output lines to the log while the command runs (long builds); a string prefixes each line, for commands that run side by side. */
  stream?: boolean | string;
  /** Don't log the command line (probes that run every time). */
  quiet?: boolean;
  /** Sees every chunk of stdout and stderr as it arrives (a progress stream the caller reads itself). */
  onOutput?: (chunk: string) => void;
  /** Stops the command (SIGTERM, then SIGKILL) when aborted; the result then reads as a failure. */
  signal?: AbortSignal;
  input?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Runs even after the run was cancelled: the cleanup that cancellation itself does. */
  whenCancelled?: boolean;
}

export interface ExecResult {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order, capped at the tail. */
  output: string;
  timedOut: boolean;
  durationMs: number;
}

// Build logs can run to many megabytes; keep what a person reads: the tail.
const OUTPUT_CAP = 4 * 1024 * 1024;
const KILL_GRACE_MS = 5_000;
// After a timeout kill, how long to wait for the output pipes to drain before giving up on them.
const PIPE_GRACE_MS = 1_000;

export class CommandError extends MultiarchError {
  constructor(
    message: string,
    readonly result: ExecResult,
    kind: 'command' | 'timeout' = result.timedOut ? 'timeout' : 'command',
  ) {
    super(kind, message);
  }
}

export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** The last `lines` non-empty lines of a text, for error messages. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

class Capped {
  private text = '';
  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > OUTPUT_CAP) this.text = this.text.slice(-OUTPUT_CAP);
  }
  toString(): string {
    return this.text;
  }
}

export async function exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const { result } = start(argv, opts);
  return result;
}

/**
 * Starts a command whose stdout the caller consumes as a stream (a `docker
 * export` tar). stderr is still captured for the error message.
 */
export function execStream(
  argv: readonly string[],
  opts: ExecOptions = {},
): { stdout: Readable; result: Promise<ExecResult> } {
  return start(argv, opts, true);
}

function start(
  argv: readonly string[],
  opts: ExecOptions,
  rawStdout = false,
): { stdout: Readable; result: Promise<ExecResult> } {
  const [file, ...args] = argv;
  if (!file) throw new Error('exec: empty argv');
  const cancelled = cancellation();
  if (cancelled && (!opts.whenCancelled || exiting()))
    throw new Error(`not started, the run was cancelled (${cancelled}): ${commandLine(argv)}`);
  if (!opts.quiet) log.info(`[command] ${commandLine(argv)}`);
  const began = Date.now();
  const child = spawn(file, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    // A group of its own, so that cancellation reaches what it starts in turn (docker's ssh).
    detached: true,
  });
  track(child);
  const stdout = new Capped();
  const stderr = new Capped();
  const output = new Capped();
  let pending = '';
  const echo = (chunk: string, flush = false): void => {
    if (!opts.stream) return;
    pending += chunk;
    const lines = pending.split('\n');
    pending = flush ? '' : (lines.pop() ?? '');
    const prefix = typeof opts.stream === 'string' ? `[${opts.stream}] ` : '';
    for (const line of lines) if (line || !flush) log.info(prefix + line);
  };
  if (!rawStdout) {
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout.add(c);
      output.add(c);
      echo(c);
      opts.onOutput?.(c);
    });
  }
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr.add(c);
    output.add(c);
    echo(c);
    opts.onOutput?.(c);
  });
  child.stdin.on('error', () => undefined); // the child may exit before reading its input
  child.stdin.end(opts.input ?? '');

  let timedOut = false;
  let exited = false;
  let timer: NodeJS.Timeout | undefined;
  // A killed child's descendants (`sh -c 'a; b'` killed while `a` runs) inherit
  // its pipes and can hold them open long after it died; 'close' would wait for
  // them. Once the child is gone, stop waiting for its output.
  const abandonPipes = (): void => {
    setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    }, PIPE_GRACE_MS).unref();
  };
  child.on('exit', () => {
    exited = true;
    if (timedOut || opts.signal?.aborted) abandonPipes();
  });
  const stop = (): void => {
    if (exited) return;
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
  };
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  const result = new Promise<ExecResult>((resolve, reject) => {
    if (opts.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        timedOut = true;
        void (async () => {
          try {
            await opts.onTimeout?.();
          } catch (err) {
            log.warning(`cleanup after timeout failed: ${String(err)}`);
          }
          if (exited) {
            abandonPipes();
            return;
          }
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
        })();
      }, opts.timeoutMs);
    }
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = err.code === 'ENOENT' ? ` (is ${file} installed and on PATH?)` : '';
      reject(new Error(`could not start ${file}: ${err.message}${hint}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stop);
      echo('', true);
      const res: ExecResult = {
        argv: [...argv],
        exitCode: code ?? (signal ? 128 + signalNumber(signal) : -1),
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        output: output.toString(),
        timedOut,
        durationMs: Date.now() - began,
      };
      if (timedOut && !opts.allowFailure) {
        reject(
          new CommandError(
            `${commandLine(argv)} timed out after ${Math.round((opts.timeoutMs ?? 0) / 1000)} s`,
            res,
          ),
        );
      } else if (res.exitCode !== 0 && !opts.allowFailure) {
        const detail = tail(res.stderr || res.stdout) || '(no output)';
        reject(
          new CommandError(
            `${commandLine(argv)} failed with exit code ${res.exitCode}:\n${detail}`,
            res,
          ),
        );
      } else {
        resolve(res);
      }
    });
  });
  return { stdout: child.stdout, result };
}

/** The shell's convention: a death by signal N reads as exit code 128 + N. */
function signalNumber(signal: NodeJS.Signals): number {
  return (constants.signals as Partial<Record<string, number>>)[signal] ?? 0;
}

// ── Cancellation: every live child of the run, so that none outlives it ──

/** Each running child, and a promise that settles when it exits. */
const live = new Map<ChildProcess, Promise<void>>();
/** Time a docker CLI gets to act on SIGINT (buildx cancels the build, run stops attaching). */
const CANCEL_GRACE_MS = 3_000;
const REAP_MS = 1_500;

function track(child: ChildProcess): void {
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  live.set(child, gone);
  void gone.then(() => live.delete(child));
}

/** Signals a child's whole process group; one already gone is fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

const within = (ms: number, work: Promise<unknown>): Promise<unknown> =>
  Promise.race([work, new Promise((r) => setTimeout(r, ms).unref())]);

onCancel('stop', async () => {
  // Only the children of the run's work: the cleanup the cancellation starts is spared.
  const running = [...live];
  for (const [child] of running) signalGroup(child, 'SIGINT');
  await within(CANCEL_GRACE_MS, Promise.all(running.map(([, gone]) => gone)));
  // Whatever ignored SIGINT, and anything its group still holds (an ssh helper).
  for (const [child] of running) signalGroup(child, 'SIGKILL');
  await within(REAP_MS, Promise.all(running.map(([, gone]) => gone)));
});

// The cleanup a cancelled run started (a candidate's removal, say) ends before
// main does: it gets what is left of the exit budget (at least REAP_MS), and
// what still runs then is killed, so no command of main outlives it. What it
// did not remove is post's to remove.
onCancel('drain', async () => {
  await within(Math.max(REAP_MS, timeLeftToExit()), Promise.all([...live.values()]));
  const late = [...live];
  for (const [child] of late) signalGroup(child, 'SIGKILL');
  await within(REAP_MS, Promise.all(late.map(([, gone]) => gone)));
});

onCancel('hurry', () => {
  for (const child of live.keys()) signalGroup(child, 'SIGKILL');
});
