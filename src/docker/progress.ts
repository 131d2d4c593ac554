/**
 * BuildKit's progress, as `docker buildx build --progress=rawjson` writes it
 * to stderr: a stream of JSON objects (often pretty-printed over many lines),
 * each with `vertexes` (digest, inputs, name, started, completed, cached,
 * error), `statuses` (id, vertex, current, total, completed) and `logs`
 * (vertex, base64 data). Plain text lines (buildx's own `ERROR:` and
 * warnings) can come between them. Pure: the caller feeds chunks and the
 * clock.
 *
 * Three things are read from it:
 * - lines for the step log, in the spirit of `--progress=plain`;
 * - each platform's build time;
 * - whether a registry exchange has stopped making progress.
 */
import { parseImageRef } from '../oci/reference';

// ---------------------------------------------------------------- the stream

/**
 * Splits a stream of concatenated JSON objects, and text lines between them,
 * at object and line boundaries, across chunks.
 */
export class JsonObjectSplitter {
  private buffer = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private text = '';

  /** Feeds a chunk; returns the complete objects (parsed) and text lines it finished. */
  push(chunk: string): (Record<string, unknown> | string)[] {
    const out: (Record<string, unknown> | string)[] = [];
    for (const c of chunk) {
      if (this.depth === 0) {
        if (c === '{' && this.text.trim() === '') {
          this.text = '';
          this.depth = 1;
          this.buffer = c;
        } else if (c === '\n') {
          if (this.text.trim()) out.push(this.text.trimEnd());
          this.text = '';
        } else {
          this.text += c;
        }
        continue;
      }
      this.buffer += c;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
      } else if (c === '"') this.inString = true;
      else if (c === '{') this.depth++;
      else if (c === '}' && --this.depth === 0) out.push(parseObject(this.buffer));
    }
    return out;
  }

  /** What is left at the end of the stream: a last text line without its newline. */
  end(): string[] {
    const rest = (this.depth === 0 ? this.text : this.buffer).trim();
    this.text = '';
    this.buffer = '';
    this.depth = 0;
    return rest ? [rest] : [];
  }
}

function parseObject(text: string): Record<string, unknown> | string {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : text;
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------- vertices

export interface Vertex {
  digest: string;
  /** Order of first appearance, 1-based: the `#N` of the log. */
  index: number;
  name: string;
  inputs: string[];
  /** BuildKit's own timestamps (ms since the epoch), from the latest run of the vertex. */
  started?: number;
  completed?: number;
  cached: boolean;
  error?: string;
  /** Every [started, completed] this vertex ran (a vertex can be restarted). */
  intervals: [number, number][];
  /** Local clock of the last event about this vertex: the stall watch's measure. */
  lastActivity: number;
  /** A status whose id starts with `pushing` came for it: the export reached the registry. */
  pushing: boolean;
  /** A registry named by one of its statuses (`pushing manifest for HOST/…`). */
  statusRegistry?: string;
}

interface RawVertex {
  digest?: unknown;
  name?: unknown;
  inputs?: unknown;
  started?: unknown;
  completed?: unknown;
  cached?: unknown;
  error?: unknown;
}

interface RawStatus {
  id?: unknown;
  vertex?: unknown;
  completed?: unknown;
}

interface RawLog {
  vertex?: unknown;
  data?: unknown;
}

function time(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Follows a build's progress: `apply` takes one object of the stream (and
 * the local clock) and returns the log lines it makes.
 */
export class ProgressTracker {
  readonly vertices = new Map<string, Vertex>();
  private readonly partialLogs = new Map<string, string>();
  private readonly doneStatuses = new Set<string>();

  apply(obj: Record<string, unknown>, now: number): string[] {
    const lines: string[] = [];
    for (const raw of asArray<RawVertex>(obj.vertexes)) this.vertex(raw, now, lines);
    for (const raw of asArray<RawStatus>(obj.statuses)) this.status(raw, now, lines);
    for (const raw of asArray<RawLog>(obj.logs)) this.log(raw, now, lines);
    return lines;
  }

  /** The rest of every log line not yet ended by a newline (end of stream). */
  flush(): string[] {
    const lines = [...this.partialLogs].flatMap(([digest, rest]) => {
      const v = this.vertices.get(digest);
      return rest && v ? [`#${v.index} ${rest}`] : [];
    });
    this.partialLogs.clear();
    return lines;
  }

  private vertex(raw: RawVertex, now: number, lines: string[]): void {
    if (typeof raw.digest !== 'string') return;
    let v = this.vertices.get(raw.digest);
    if (!v) {
      v = {
        digest: raw.digest,
        index: this.vertices.size + 1,
        name: typeof raw.name === 'string' ? raw.name : raw.digest,
        inputs: [],
        cached: false,
        intervals: [],
        lastActivity: now,
        pushing: false,
      };
      this.vertices.set(raw.digest, v);
    }
    v.lastActivity = now;
    if (Array.isArray(raw.inputs))
      v.inputs = raw.inputs.filter((i): i is string => typeof i === 'string');
    const started = time(raw.started);
    const completed = time(raw.completed);
    if (started !== undefined && started !== v.started) {
      if (v.started === undefined) lines.push(`#${v.index} ${v.name}`);
      v.started = started;
      v.completed = undefined;
    }
    if (raw.cached === true && !v.cached) {
      v.cached = true;
      lines.push(`#${v.index} CACHED`);
    }
    if (typeof raw.error === 'string' && raw.error && raw.error !== v.error) {
      v.error = raw.error;
      lines.push(`#${v.index} ERROR: ${raw.error}`);
    }
    if (completed !== undefined && v.completed === undefined) {
      v.completed = completed;
      const begin = v.started ?? completed;
      v.intervals.push([begin, completed]);
      if (!v.cached && !v.error) lines.push(`#${v.index} DONE ${seconds(completed - begin)}`);
    }
  }

  private status(raw: RawStatus, now: number, lines: string[]): void {
    if (typeof raw.vertex !== 'string' || typeof raw.id !== 'string') return;
    const v = this.vertices.get(raw.vertex);
    if (!v) return;
    v.lastActivity = now;
    if (/^pushing\b/.test(raw.id)) v.pushing = true;
    const named = /^pushing manifest for (\S+)/.exec(raw.id);
    if (named) v.statusRegistry = registryOf(named[1] as string);
    const key = `${raw.vertex} ${raw.id}`;
    if (raw.completed !== undefined && !this.doneStatuses.has(key)) {
      this.doneStatuses.add(key);
      lines.push(`#${v.index} ${raw.id} done`);
    }
  }

  private log(raw: RawLog, now: number, lines: string[]): void {
    if (typeof raw.vertex !== 'string' || typeof raw.data !== 'string') return;
    const v = this.vertices.get(raw.vertex);
    if (!v) return;
    v.lastActivity = now;
    const text =
      (this.partialLogs.get(v.digest) ?? '') + Buffer.from(raw.data, 'base64').toString('utf8');
    const parts = text.split(/\r?\n/);
    this.partialLogs.set(v.digest, parts.pop() ?? '');
    for (const p of parts) lines.push(`#${v.index} ${p}`);
  }
}

function asArray<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

// ---------------------------------------------------------------- platforms

const PLATFORM_PREFIX = /^\[([a-z]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?)[ \]]/;

/**
 * Which target platform a vertex is built for. What BuildKit 0.13 writes,
 * checked on real multi-stage and `FROM --platform=$BUILDPLATFORM` builds:
 * - only the first vertex of a stage names its platform (`[linux/arm64 1/3]
 *   FROM …`, `[linux/arm64 builder 1/2] COPY …`, `[linux/arm64 internal] load
 *   metadata for …`), and it names the *target* platform, also for a stage
 *   that runs on the build platform;
 * - the vertices after it (`[2/3] RUN …`) name none, and take it through
 *   their `inputs`;
 * - a vertex whose inputs lead to several platforms, or to none (the build
 *   context, the export), is shared and belongs to no one platform.
 * A single-platform build names no platform at all.
 */
export function platformOf(
  vertices: ReadonlyMap<string, Vertex>,
  digest: string,
  memo = new Map<string, string | null>(),
): string | undefined {
  const known = memo.get(digest);
  if (known !== undefined) return known ?? undefined;
  memo.set(digest, null); // a cycle cannot happen in a DAG, but must not recurse forever
  const v = vertices.get(digest);
  let found: string | null = null;
  const own = v ? PLATFORM_PREFIX.exec(v.name) : null;
  if (own) {
    found = own[1] as string;
  } else if (v) {
    const fromInputs = new Set(
      v.inputs.map((i) => platformOf(vertices, i, memo)).filter((p): p is string => !!p),
    );
    if (fromInputs.size === 1) found = [...fromInputs][0] as string;
  }
  memo.set(digest, found);
  return found ?? undefined;
}

/** Total length of a union of intervals: time during which at least one of them ran. */
export function unionMs(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/**
 * Each platform's build time: the wall time during which at least one of its
 * own steps ran. Steps shared by all platforms (sending the context, the
 * export and push) are in no platform's figure.
 */
export function platformDurations(vertices: ReadonlyMap<string, Vertex>): Map<string, number> {
  const memo = new Map<string, string | null>();
  const byPlatform = new Map<string, [number, number][]>();
  for (const v of vertices.values()) {
    const p = platformOf(vertices, v.digest, memo);
    if (!p) continue;
    byPlatform.set(p, [...(byPlatform.get(p) ?? []), ...v.intervals]);
  }
  return new Map([...byPlatform].map(([p, iv]) => [p, unionMs(iv)]));
}

// ---------------------------------------------------------------- registry stalls

export interface RegistryExchange {
  /** `resolving the base image`, `pushing`, … */
  phase: string;
  /** The registry's host, when the vertex names it. */
  registry?: string;
}

function registryOf(ref: string): string | undefined {
  try {
    return parseImageRef(ref.replace(/^docker-image:\/\//, '')).domain ?? 'docker.io';
  } catch {
    return undefined;
  }
}

/**
 * Whether a vertex is a talk with a registry, and which. Only these can
 * stall: a `RUN` step may be silent for as long as it likes.
 */
export function registryExchange(v: Vertex): RegistryExchange | undefined {
  const name = v.name.replace(/^\[[^\]]*\]\s*/, '');
  const ref = (re: RegExp): string | undefined => {
    const m = re.exec(name);
    return m ? registryOf(m[1] as string) : undefined;
  };
  if (/^load metadata for /.test(name))
    return { phase: 'resolving the base image', registry: ref(/^load metadata for (\S+)/) };
  if (/^resolve image config for /.test(name))
    return { phase: 'resolving the Dockerfile frontend', registry: ref(/for (\S+)/) };
  if (/^FROM /.test(name)) return { phase: 'pulling the base image', registry: ref(/^FROM (\S+)/) };
  if (/^importing cache manifest from /.test(name))
    return { phase: 'importing the cache', registry: ref(/from (\S+)/) };
  if (/^exporting cache to registry/.test(name)) return { phase: 'exporting the cache' };
  // The docker driver pushes in a vertex of its own.
  if (/^pushing \S+ with docker/.test(name))
    return { phase: 'pushing', registry: ref(/^pushing (\S+) with docker/) };
  if (/^exporting to image/.test(name) && v.pushing)
    return { phase: 'pushing', registry: v.statusRegistry };
  return undefined;
}

export interface Stall extends RegistryExchange {
  vertex: string;
  idleMs: number;
}

/** The first running registry exchange that has made no progress for `idleMs` or longer. */
export function findStall(
  vertices: ReadonlyMap<string, Vertex>,
  now: number,
  idleMs: number,
): Stall | undefined {
  for (const v of vertices.values()) {
    if (v.started === undefined || v.completed !== undefined) continue;
    if (now - v.lastActivity < idleMs) continue;
    const exchange = registryExchange(v);
    if (exchange) return { ...exchange, vertex: v.name, idleMs: now - v.lastActivity };
  }
  return undefined;
}
