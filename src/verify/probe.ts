/**
 * Readiness probes for images that serve: what `smoke-probe` says, and how one
 * answer is judged. Pure; probe-run.ts does the waiting.
 */
import { MultiarchError } from '../runner/errors';

export type Probe =
  | { kind: 'http'; port: number; path: string }
  | { kind: 'tcp'; port: number }
  | { kind: 'healthcheck' }
  | { kind: 'log'; pattern: RegExp };

export class ProbeError extends MultiarchError {
  constructor(message: string) {
    super('invalid', message);
  }
}

const FORMS =
  'Use http://:PORT/PATH (passes on a 2xx or 3xx answer), tcp://:PORT (passes when a connection is accepted), healthcheck (the image’s own HEALTHCHECK) or log:REGEX (the container’s output matches).';

function port(raw: string, value: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ProbeError(
      `${JSON.stringify(value)} names port ${JSON.stringify(raw)}, which is not from 1 to 65535. ${FORMS}`,
    );
  }
  return Number(raw);
}

/** Parses the smoke-probe input. Undefined when empty: the smoke run then waits for the command to exit. */
export function parseProbe(raw: string): Probe | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  if (v === 'healthcheck') return { kind: 'healthcheck' };
  if (v.startsWith('log:')) {
    const source = v.slice(4);
    if (source === '') throw new ProbeError(`"log:" needs a regular expression after it. ${FORMS}`);
    try {
      return { kind: 'log', pattern: new RegExp(source, 'm') };
    } catch (err) {
      throw new ProbeError(
        `${JSON.stringify(v)} is not a valid regular expression (${err instanceof Error ? err.message : String(err)}). ${FORMS}`,
      );
    }
  }
  const http = /^http:\/\/:([^/]*)(\/[^\s]*)?$/.exec(v);
  if (http) return { kind: 'http', port: port(http[1] ?? '', v), path: http[2] ?? '/' };
  const tcp = /^tcp:\/\/:([^/]*)$/.exec(v);
  if (tcp) return { kind: 'tcp', port: port(tcp[1] ?? '', v) };
  throw new ProbeError(`${JSON.stringify(v)} is not a probe. ${FORMS}`);
}

/** The probe as the smoke-probe input spells it (parseProbe reads it back), so a record of it compares with the workflow. */
export function probeText(p: Probe): string {
  switch (p.kind) {
    case 'http':
      return `http://:${p.port}${p.path}`;
    case 'tcp':
      return `tcp://:${p.port}`;
    case 'healthcheck':
      return 'healthcheck';
    case 'log':
      return `log:${p.pattern.source}`;
  }
}

/** The probe as the user wrote it, for messages; a bare "healthcheck" would read as a word there. */
export function describeProbe(p: Probe): string {
  return p.kind === 'healthcheck' ? 'the image’s HEALTHCHECK' : probeText(p);
}

/** The container port a probe reaches through a published host port. */
export function probePort(p: Probe): number | undefined {
  return p.kind === 'http' || p.kind === 'tcp' ? p.port : undefined;
}

/** One answer from the container: ready, not yet (keep probing), or a definite no. */
export type ProbeAnswer =
  { state: 'ready' } | { state: 'waiting'; why: string } | { state: 'failed'; why: string };

/**
 * An HTTP answer. 2xx and 3xx mean ready. A 5xx (or 408/429) is a server still
 * warming up: keep probing. Any other 4xx is an answer that will not change by
 * waiting, such as a 404 for a path that does not exist.
 */
export function judgeHttp(status: number, body: string): ProbeAnswer {
  if (status >= 200 && status < 400) return { state: 'ready' };
  const tail = body.replace(/\s+/g, ' ').trim().slice(-200);
  const why = `answered ${status}${tail ? ` (${tail})` : ''}`;
  if (status >= 400 && status < 500 && status !== 408 && status !== 429)
    return { state: 'failed', why };
  return { state: 'waiting', why };
}

export interface ContainerState {
  Status?: string;
  Running?: boolean;
  ExitCode?: number;
  Health?: { Status?: string; Log?: { ExitCode?: number; Output?: string }[] };
}

/** The image's own HEALTHCHECK, as the engine reports it. */
export function judgeHealth(state: ContainerState): ProbeAnswer {
  const health = state.Health;
  if (!health) {
    return {
      state: 'failed',
      why: 'the image has no HEALTHCHECK. Give smoke-probe an http://:PORT/PATH or tcp://:PORT instead, or add a HEALTHCHECK to the Dockerfile',
    };
  }
  if (health.Status === 'healthy') return { state: 'ready' };
  const last = health.Log?.at(-1);
  const detail = last
    ? ` (last check: exit ${last.ExitCode ?? '?'}${last.Output?.trim() ? `, ${last.Output.trim().slice(-200)}` : ''})`
    : '';
  if (health.Status === 'unhealthy')
    return { state: 'failed', why: `HEALTHCHECK reports unhealthy${detail}` };
  return {
    state: 'waiting',
    why: `HEALTHCHECK reports ${health.Status ?? 'nothing yet'}${detail}`,
  };
}
