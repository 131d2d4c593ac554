import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runAction, type ActionSpec } from '../../../../src/actions/shared/run-action';
import type { Session, SessionOptions } from '../../../../src/engine/session';
import { formatPlatform } from '../../../../src/oci/platform';
import { made, removed } from '../../../../src/runner/state';

interface Inputs {
  image: string;
}
interface Report {
  steps: string[];
  errors: string[];
}

const SESSION: SessionOptions = { tempDir: false, needs: 'optional', prefix: 'multiarch-test' };

/** The verdicts the host was told. */
let failures: string[] = [];
const host = { fail: (message: string) => void failures.push(message) };

/** What the spec's hooks saw, in order. */
interface Seen {
  events: string[];
  sessions: Session[];
  published: { report: Report; inputs: Inputs | undefined }[];
}

function spec(
  seen: Seen,
  overrides: Partial<ActionSpec<Inputs, Report>> = {},
): ActionSpec<Inputs, Report> {
  return {
    inputs: () => {
      seen.events.push('inputs');
      return { image: 'alpine:3.20' };
    },
    report: { steps: [], errors: [] },
    session: SESSION,
    main: async (inputs, session, report) => {
      seen.events.push(`main ${inputs.image}`);
      seen.sessions.push(session);
      report.steps.push('checked');
    },
    fail: (report, message) => {
      seen.events.push(`fail ${message}`);
      report.errors.push(message);
    },
    publish: async (report, inputs) => {
      seen.events.push('publish');
      // A copy: what the report held when it was published.
      seen.published.push({ report: structuredClone(report), inputs });
    },
    verdict: (report) => report.errors[0],
    ...overrides,
  };
}

// The session probes `docker`: a stand-in on PATH keeps these tests off any engine,
// and the same whether or not one runs here.
let bin: string;
const saved = { PATH: process.env.PATH, GITHUB_STATE: process.env.GITHUB_STATE };

async function fakeDocker(script: string): Promise<void> {
  const file = join(bin, 'docker');
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
}

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'run-action-test-'));
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});
let seen: Seen;
beforeEach(async () => {
  seen = { events: [], sessions: [], published: [] };
  failures = [];
  await fakeDocker('echo "Cannot connect to the Docker daemon" >&2; exit 1');
  process.env.PATH = `${bin}${delimiter}${saved.PATH ?? ''}`;
  delete process.env.GITHUB_STATE;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env.PATH = saved.PATH;
  if (saved.GITHUB_STATE === undefined) delete process.env.GITHUB_STATE;
  else process.env.GITHUB_STATE = saved.GITHUB_STATE;
});

describe('runAction', () => {
  it('runs main in the session and publishes once, without failing', async () => {
    await runAction(host, spec(seen));
    expect(seen.events).toEqual(['inputs', 'main alpine:3.20', 'publish']);
    expect(seen.published).toEqual([
      { report: { steps: ['checked'], errors: [] }, inputs: { image: 'alpine:3.20' } },
    ]);
    const [session] = seen.sessions;
    expect(session).toMatchObject({ prefix: 'multiarch-test', tempDir: undefined });
    expect(session!.state).toMatchObject({ containerPrefix: 'multiarch-test', docker: ['docker'] });
    // No engine answered, and 'optional' does not need one.
    expect(session!.engine).toBeUndefined();
  });

  it('hands main the engine when one answers', async () => {
    await fakeDocker(
      [
        'case "$1" in',
        `  version) echo '{"Os":"linux","Arch":"arm64","Version":"27.1.0"}' ;;`,
        `  info) echo '[["driver-type","io.containerd.snapshotter.v1"]]' ;;`,
        '  *) exit 1 ;;',
        'esac',
      ].join('\n'),
    );
    await runAction(host, spec(seen));
    expect(seen.events).toEqual(['inputs', 'main alpine:3.20', 'publish']);
    const engine = seen.sessions[0]!.engine;
    expect(engine?.version).toBe('27.1.0');
    expect(formatPlatform(engine!.native)).toBe('linux/arm64');
  });

  it('fails and still publishes, without inputs, when the inputs are bad', async () => {
    await runAction(
      host,
      spec(seen, {
        inputs: () => {
          seen.events.push('inputs');
          throw new Error('Input "images": "UPPER" is not a valid image reference');
        },
      }),
    );
    expect(seen.events).toEqual([
      'inputs',
      'fail Input "images": "UPPER" is not a valid image reference',
      'publish',
    ]);
    expect(seen.sessions).toEqual([]);
    expect(seen.published).toEqual([
      {
        report: { steps: [], errors: ['Input "images": "UPPER" is not a valid image reference'] },
        inputs: undefined,
      },
    ]);
  });

  it('fails and still publishes, with the inputs and what main recorded, when main throws', async () => {
    await runAction(
      host,
      spec(seen, {
        main: async (inputs, _session, report) => {
          seen.events.push(`main ${inputs.image}`);
          report.steps.push('pulled');
          throw new Error('docker run timed out after 60 s');
        },
      }),
    );
    expect(seen.events).toEqual([
      'inputs',
      'main alpine:3.20',
      'fail docker run timed out after 60 s',
      'publish',
    ]);
    expect(seen.published).toEqual([
      {
        report: { steps: ['pulled'], errors: ['docker run timed out after 60 s'] },
        inputs: { image: 'alpine:3.20' },
      },
    ]);
  });

  it('gives fail the string form of a thrown non-Error', async () => {
    await runAction(
      host,
      spec(seen, {
        main: async () => {
          throw 'plain string';
        },
      }),
    );
    expect(seen.events).toEqual(['inputs', 'fail plain string', 'publish']);
  });

  it('derives the session from the inputs when session is a function', async () => {
    const given: Inputs[] = [];
    await runAction(
      host,
      spec(seen, {
        session: (inputs) => {
          given.push(inputs);
          return { ...SESSION, prefix: 'multiarch-from-inputs' };
        },
      }),
    );
    expect(given).toEqual([{ image: 'alpine:3.20' }]);
    expect(seen.sessions.map((s) => s.prefix)).toEqual(['multiarch-from-inputs']);
    expect(seen.events).toEqual(['inputs', 'main alpine:3.20', 'publish']);
  });

  it('tells the host the verdict after publishing, and returns it', async () => {
    expect(await runAction(host, spec(seen))).toEqual({ failed: undefined });
    expect(failures).toEqual([]);
    const outcome = await runAction(
      host,
      spec(seen, {
        main: async () => {
          throw new Error('docker run timed out after 60 s');
        },
      }),
    );
    expect(outcome).toEqual({ failed: 'docker run timed out after 60 s' });
    expect(failures).toEqual(['docker run timed out after 60 s']);
  });

  it('fails before main, with the inputs, when the session cannot open', async () => {
    await runAction(host, spec(seen, { session: { ...SESSION, needs: 'engine' } }));
    expect(seen.events).toHaveLength(3);
    expect(seen.events[0]).toBe('inputs');
    expect(seen.events[1]).toMatch(
      /^fail Cannot reach the Docker engine: Cannot connect to the Docker daemon\. Fix: start dockerd/,
    );
    expect(seen.events[2]).toBe('publish');
    expect(seen.published[0]!.inputs).toEqual({ image: 'alpine:3.20' });
  });

  describe('what main tells post', () => {
    it('that it cleaned up, once main ended on its own and saw all it made removed, failed or not', async () => {
      const smoke = { container: 'multiarch-test-0-linux-amd64', docker: ['docker'] };
      await runAction(
        host,
        spec(seen, {
          main: async (_inputs, session) => {
            seen.sessions.push(session);
            made(smoke);
            removed(smoke);
            expect(session.state.mainCleaned).toBeUndefined();
            throw new Error('linux/arm64 failed');
          },
        }),
      );
      expect(seen.events).toEqual(['inputs', 'fail linux/arm64 failed', 'publish']);
      expect(seen.sessions[0]!.state.mainCleaned).toBe(true);
    });

    it('nothing, when main made something it never saw removed: post looks for it', async () => {
      const scan = { container: 'multiarch-test-0-linux-amd64-scan', docker: ['docker'] };
      await runAction(
        host,
        spec(seen, {
          main: async (_inputs, session) => {
            seen.sessions.push(session);
            made(scan);
          },
        }),
      );
      expect(seen.sessions[0]!.state.mainCleaned).toBeUndefined();
      removed(scan);
    });
  });
});
