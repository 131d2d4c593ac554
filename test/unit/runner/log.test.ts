import { afterEach, describe, expect, it } from 'vitest';
import type { Host, Log } from '../../../src/runner/host';
import { aside, log, useHost } from '../../../src/runner/log';

/** A host whose log is a list of lines, groups as `>title` and `<`. */
function recordingHost(lines: string[]): Host {
  const rec: Log = {
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    notice: (m) => lines.push(`notice: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    verbatim: (t) => lines.push(`verbatim: ${t}`),
    async group(title, work) {
      lines.push(`>${title}`);
      try {
        return await work();
      } finally {
        lines.push('<');
      }
    },
  };
  return {
    input: () => '',
    setOutput: () => undefined,
    setSecret: () => undefined,
    summary: async () => undefined,
    log: rec,
    fail: () => undefined,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe('aside', () => {
  it('holds what the work logs, groups and all, until shown after the group open beside it', async () => {
    const lines: string[] = [];
    restore = useHost(recordingHost(lines));
    const show = aside(async () => {
      log.info('before');
      return log.group('Attest', async () => {
        await tick();
        log.warning('refused');
        log.verbatim('text');
        return 42;
      });
    });
    await log.group('Publish', async () => {
      log.info('tag written');
      await tick();
      await tick();
      log.info('tag read back');
    });
    expect(lines).toEqual(['>Publish', 'tag written', 'tag read back', '<']);
    expect(await show()).toBe(42);
    expect(lines).toEqual([
      '>Publish',
      'tag written',
      'tag read back',
      '<',
      'before',
      '>Attest',
      'warning: refused',
      'verbatim: text',
      '<',
    ]);
  });

  it("throws the work's error once its log is shown, and holds no unhandled rejection until then", async () => {
    const lines: string[] = [];
    restore = useHost(recordingHost(lines));
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const show = aside(async () => {
        log.info('trying');
        throw new Error('refused');
      });
      await tick();
      await tick();
      expect(unhandled).toEqual([]);
      expect(lines).toEqual([]);
      await expect(show()).rejects.toThrow('refused');
      expect(lines).toEqual(['trying']);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('leaves the log of work outside it where it is written', async () => {
    const lines: string[] = [];
    restore = useHost(recordingHost(lines));
    const show = aside(async () => {
      await tick();
      log.info('inside');
    });
    log.info('outside');
    await tick();
    await tick();
    log.info('outside again');
    await show();
    expect(lines).toEqual(['outside', 'outside again', 'inside']);
  });
});
