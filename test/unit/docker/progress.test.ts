import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findStall,
  JsonObjectSplitter,
  platformDurations,
  platformOf,
  ProgressTracker,
  registryExchange,
  unionMs,
} from '../../../src/docker/progress';

const FIXTURES = fileURLToPath(new URL('../../fixtures/progress', import.meta.url));

/** Replays a recorded `--progress=rawjson` stream in chunks of `size` characters. */
function replay(file: string, size = 97, now = 0): { tracker: ProgressTracker; lines: string[] } {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  const splitter = new JsonObjectSplitter();
  const tracker = new ProgressTracker();
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += size) {
    for (const item of splitter.push(text.slice(i, i + size)))
      lines.push(...(typeof item === 'string' ? [item] : tracker.apply(item, now)));
  }
  lines.push(...splitter.end(), ...tracker.flush());
  return { tracker, lines };
}

function byName(tracker: ProgressTracker, re: RegExp): string[] {
  return [...tracker.vertices.values()].filter((v) => re.test(v.name)).map((v) => v.digest);
}

describe('JsonObjectSplitter', () => {
  it('splits pretty-printed objects across chunks, with braces inside strings, and keeps text lines', () => {
    const s = new JsonObjectSplitter();
    const out = [
      ...s.push('{\n  "a": "x}{\\"",\n'),
      ...s.push('  "b": {"c": 1}\n}\n{"d":2}WARN'),
      ...s.push('ING: slow\nERROR: failed to solve: boom'),
      ...s.end(),
    ];
    expect(out).toEqual([
      { a: 'x}{"', b: { c: 1 } },
      { d: 2 },
      'WARNING: slow',
      'ERROR: failed to solve: boom',
    ]);
  });
});

describe('ProgressTracker on a real two-platform build (BuildKit 0.13, buildx 0.13.1)', () => {
  it('renders steps, their output and their end as plain lines', () => {
    const { lines } = replay('two-platforms-load.rawjson');
    expect(lines).toContain('#1 [internal] load build definition from Dockerfile');
    expect(lines.filter((l) => / RUN \[/.test(l))).toHaveLength(2);
    expect(lines.filter((l) => /^#\d+ done 20000$/.test(l))).toHaveLength(2);
    expect(lines.some((l) => /^#\d+ DONE \d+\.\ds$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/"vertexes"|base64/);
  });

  it('gives a RUN step without a platform prefix the platform of the stage it follows', () => {
    const { tracker } = replay('two-platforms-load.rawjson');
    const runs = byName(tracker, /\] RUN /);
    expect(runs.map((d) => platformOf(tracker.vertices, d)).sort()).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    for (const d of byName(tracker, /^\[internal\]|^exporting/))
      expect(platformOf(tracker.vertices, d)).toBeUndefined();
  });

  it('times each platform by its own steps: the emulated arm64 loop took longer than amd64', () => {
    const { tracker } = replay('two-platforms-load.rawjson');
    const d = platformDurations(tracker.vertices);
    expect([...d.keys()].sort()).toEqual(['linux/amd64', 'linux/arm64']);
    // Recorded: the arm64 RUN ran 359 ms under QEMU, the amd64 one 165 ms.
    expect(d.get('linux/arm64')).toBeGreaterThan(d.get('linux/amd64') as number);
    expect(d.get('linux/arm64')).toBeGreaterThanOrEqual(359);
    expect(d.get('linux/arm64')).toBeLessThan(500);
  });

  it('attributes a FROM --platform=$BUILDPLATFORM stage to the target it is built for', () => {
    const { tracker } = replay('buildplatform-multistage.rawjson');
    const builderRuns = byName(tracker, /^\[builder 2\/2\] RUN/);
    const byTarget = new Map(
      builderRuns.map((d) => [
        tracker.vertices.get(d)?.name.includes('arm64') ? 'arm64' : 'amd64',
        platformOf(tracker.vertices, d),
      ]),
    );
    expect(byTarget).toEqual(
      new Map([
        ['amd64', 'linux/amd64'],
        ['arm64', 'linux/arm64'],
      ]),
    );
    // The final stage joins two stages of the same target: still that target's.
    const finals = byName(tracker, /^\[stage-2 2\/2\] RUN/).map((d) =>
      platformOf(tracker.vertices, d),
    );
    expect(finals.sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('sees the push of the docker driver as a registry exchange, and a RUN step never', () => {
    const { tracker } = replay('two-platforms-push.rawjson');
    const push = [...tracker.vertices.values()].find((v) => /^pushing .* with docker/.test(v.name));
    expect(push && registryExchange(push)).toEqual({
      phase: 'pushing',
      registry: '127.0.0.1:45123',
    });
    for (const d of byName(tracker, /\] RUN /))
      expect(registryExchange(tracker.vertices.get(d)!)).toBeUndefined();
  });
});

describe('findStall', () => {
  it('names the registry and phase of a base image lookup that never ended (recorded against a silent registry)', () => {
    const { tracker } = replay('silent-registry-resolve.rawjson', 97, 1_000);
    // The recording ends with the build cancelled; replay it up to the hang.
    for (const v of tracker.vertices.values()) {
      if (/load metadata/.test(v.name)) {
        v.completed = undefined;
        v.error = undefined;
      }
    }
    expect(findStall(tracker.vertices, 1_000 + 9_999, 10_000)).toBeUndefined();
    expect(findStall(tracker.vertices, 1_000 + 10_000, 10_000)).toMatchObject({
      phase: 'resolving the base image',
      registry: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown,
      idleMs: 10_000,
    });
  });

  it('never stops a silent RUN step, however long', () => {
    const t = new ProgressTracker();
    t.apply(
      {
        vertexes: [
          {
            digest: 'sha256:a',
            name: '[linux/arm64 1/2] FROM example.com/base:1',
            started: '2026-01-01T00:00:00Z',
            completed: '2026-01-01T00:00:01Z',
          },
          {
            digest: 'sha256:b',
            name: '[2/2] RUN make',
            inputs: ['sha256:a'],
            started: '2026-01-01T00:00:01Z',
          },
        ],
      },
      0,
    );
    expect(findStall(t.vertices, 3_600_000, 1_000)).toBeUndefined();
  });

  it('counts a push status update as progress', () => {
    const t = new ProgressTracker();
    t.apply(
      {
        vertexes: [
          { digest: 'sha256:e', name: 'exporting to image', started: '2026-01-01T00:00:00Z' },
        ],
      },
      0,
    );
    // Exporting before the push is local work: not a registry exchange yet.
    expect(findStall(t.vertices, 60_000, 1_000)).toBeUndefined();
    t.apply(
      { statuses: [{ id: 'pushing layers', vertex: 'sha256:e', current: 10, total: 100 }] },
      60_000,
    );
    expect(findStall(t.vertices, 60_500, 1_000)).toBeUndefined();
    t.apply(
      { statuses: [{ id: 'pushing layers', vertex: 'sha256:e', current: 50, total: 100 }] },
      61_000,
    );
    expect(findStall(t.vertices, 61_900, 1_000)).toBeUndefined();
    expect(findStall(t.vertices, 62_000, 1_000)).toMatchObject({
      phase: 'pushing',
      vertex: 'exporting to image',
    });
  });
});

describe('unionMs', () => {
  it.each([
    [[], 0],
    [[[0, 10]], 10],
    [
      [
        [0, 10],
        [5, 15],
      ],
      15,
    ],
    [
      [
        [0, 10],
        [2, 3],
        [20, 25],
      ],
      15,
    ],
  ] as [[number, number][], number][])('%j → %d', (iv, ms) => {
    expect(unionMs(iv)).toBe(ms);
  });
});
