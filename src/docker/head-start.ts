/**
 * The engine probe's docker calls, started by the entry point before the rest
 * of the bundle is loaded: compiling that megabyte takes about as long as the
 * calls do, so they overlap. exec.ts hands a call's result to the probe when
 * it asks for the very same argv in the very same docker environment;
 * otherwise it is dropped. Nothing but node's own modules here, so the entry
 * chunk stays small.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** The probe's two calls to an engine: its server's version and platform, and all it tells of itself. */
export function probeArgv(docker: readonly string[]): [string[], string[]] {
  return [
    [...docker, 'version', '--format', '{{json .Server}}'],
    [...docker, 'info', '--format', '{{json .}}'],
  ];
}

/** What decides which engine and CLI plugins a docker call sees. */
const ENV_KEYS = [
  'PATH',
  'HOME',
  'DOCKER_HOST',
  'DOCKER_CONTEXT',
  'DOCKER_CONFIG',
  'DOCKER_CERT_PATH',
  'DOCKER_TLS_VERIFY',
  'DOCKER_API_VERSION',
];

export function dockerEnvKey(env: NodeJS.ProcessEnv): string {
  return ENV_KEYS.map((k) => `${k}=${env[k] ?? ''}`).join('\0');
}

export interface HeadStart {
  child: ChildProcess;
  began: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr in arrival order. */
  output: string;
  /** Settles when the child has exited and its pipes are read to the end. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>;
}

type Handle = { ref?: () => void; unref?: () => void };

/** Whether the child and its pipes keep node running. */
function holdOpen(run: HeadStart, hold: boolean): void {
  for (const h of [run.child, run.child.stdout, run.child.stderr] as Handle[])
    (hold ? h.ref : h.unref)?.call(h);
}

const started = new Map<string, { envKey: string; run: HeadStart }>();

/** Starts each argv now, detached in a group of its own like exec's children. */
export function startEarly(argvs: readonly (readonly string[])[]): void {
  const envKey = dockerEnvKey(process.env);
  for (const argv of argvs) {
    const [file, ...args] = argv;
    if (!file) continue;
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const done: HeadStart['done'] = new Promise((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    });
    const run: HeadStart = { child, began: Date.now(), stdout: '', stderr: '', output: '', done };
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      run.stdout += c;
      run.output += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      run.stderr += c;
      run.output += c;
    });
    // Not taken, it must not hold the process open, nor outlive it.
    holdOpen(run, false);
    started.set(JSON.stringify(argv), { envKey, run });
  }
  process.once('exit', () => {
    for (const { run } of started.values()) {
      if (run.child.exitCode === null && run.child.pid !== undefined) {
        try {
          process.kill(-run.child.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    }
  });
}

/**
 * The early run of `argv`, once: undefined when none was started, or when the
 * docker environment changed since (a login's or a fetched buildx's config).
 */
export function takeEarly(argv: readonly string[], env: NodeJS.ProcessEnv): HeadStart | undefined {
  const key = JSON.stringify(argv);
  const entry = started.get(key);
  if (!entry) return undefined;
  started.delete(key);
  if (entry.envKey !== dockerEnvKey(env)) return undefined;
  // Taken, it holds the process open like any other call.
  holdOpen(entry.run, true);
  return entry.run;
}
