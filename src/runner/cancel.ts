/**
 * Cancellation the way the runner does it: SIGINT, then SIGTERM about 7.5 s
 * later, then a kill. The first signal starts an orderly stop that fits in
 * that window: `stop` hooks run side by side (signal every child, remove the
 * run's containers and builder), then `report` hooks (outputs and summary of
 * what is known), then `drain` hooks (wait for the cleanup commands still
 * running; none may start after), then the process exits non-zero. A second
 * signal means hurry: `hurry` hooks run at once (kill what is still alive).
 */
export type StopSignal = 'SIGINT' | 'SIGTERM';
type Hook = (signal: StopSignal) => Promise<unknown> | unknown;
type Phase = 'stop' | 'report' | 'drain' | 'hurry';

const hooks: Record<Phase, Set<Hook>> = {
  stop: new Set(),
  report: new Set(),
  drain: new Set(),
  hurry: new Set(),
};
let draining = false;
let cancelledBy: StopSignal | undefined;
let cancelledAt = 0;

/**
 * How long after the first signal main should be gone: the runner's SIGTERM
 * comes about 7.5 s after its SIGINT, and the exit must not race it.
 */
const EXIT_BUDGET_MS = 6_000;

/** Milliseconds left until a cancelled run should have exited (0 when none was cancelled or it is late). */
export function timeLeftToExit(now = Date.now()): number {
  return cancelledBy ? Math.max(0, cancelledAt + EXIT_BUDGET_MS - now) : 0;
}

/** Which signal cancelled the run, if one did. */
export function cancellation(): StopSignal | undefined {
  return cancelledBy;
}

/** True once a cancelled run is about to exit: no command may start from then on, cleanup included. */
export function exiting(): boolean {
  return draining;
}

/** The words every cancelled run's error starts with. */
export function cancelledMessage(signal: StopSignal): string {
  return `Cancelled (${signal}): the run was stopped before it finished. Every command it started was stopped and its containers removed; what is reported below is what was known by then.`;
}

/** Runs `fn` in a phase of the stop; returns the function that unregisters it. */
export function onCancel(phase: Phase, fn: Hook): () => void {
  hooks[phase].add(fn);
  return () => hooks[phase].delete(fn);
}

async function runPhase(phase: Phase, signal: StopSignal): Promise<void> {
  await Promise.all(
    [...hooks[phase]].map(async (fn) => {
      try {
        await fn(signal);
      } catch {
        // A hook that fails must not keep the others, or the exit, from running.
      }
    }),
  );
}

const EXIT_CODE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Listens for SIGINT and SIGTERM. `after` runs once the report is out (the
 * CLI cleans up there, as it has no post step); then the process exits.
 */
export function handleCancellation(after?: () => Promise<unknown>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (cancelledBy) {
        void runPhase('hurry', signal);
        return;
      }
      cancelledBy = signal;
      cancelledAt = Date.now();
      void (async () => {
        await runPhase('stop', signal);
        await runPhase('report', signal);
        await after?.().catch(() => undefined);
        // What is not removed by now is post's: nothing of main outlives it.
        draining = true;
        await runPhase('drain', signal);
      })().finally(() => process.exit(EXIT_CODE[signal]));
    });
  }
}
