/**
 * Phase events per platform, for whoever shows progress live (the CLI's
 * terminal lines). The engine only announces; with no listener nothing
 * happens, so the actions pay nothing for it.
 */
export type Phase = 'building' | 'pulling' | 'smoke test' | 'arch check';

export type ProgressEvent =
  | { platform: string; kind: 'start' | 'end'; phase: Phase; at: number }
  | { platform: string; kind: 'done'; ok: boolean; at: number };

type Listener = (event: ProgressEvent) => void;

const listeners = new Set<Listener>();

/** Listens until the returned function is called. */
export function onProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: ProgressEvent): void {
  // A listener that throws must never break a build.
  for (const l of listeners) {
    try {
      l(event);
    } catch {
      /* presentation only */
    }
  }
}

/** Announces `phase` for these platforms while `work` runs, and passes its result through. */
export function during<T>(
  platforms: string | string[],
  phase: Phase,
  work: Promise<T>,
): Promise<T> {
  const all = typeof platforms === 'string' ? [platforms] : platforms;
  for (const platform of all) emit({ platform, kind: 'start', phase, at: Date.now() });
  const end = (): void => {
    for (const platform of all) emit({ platform, kind: 'end', phase, at: Date.now() });
  };
  work.then(end, end);
  return work;
}

/** A platform's verdict is known. */
export function finished(platform: string, ok: boolean): void {
  emit({ platform, kind: 'done', ok, at: Date.now() });
}
