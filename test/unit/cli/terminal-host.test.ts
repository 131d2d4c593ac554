import { afterEach, describe, expect, it } from 'vitest';
import { TerminalHost } from '../../../src/cli/terminal-host';
import { Presenter, type Output } from '../../../src/cli/terminal';

/** A pipe: what was written to it, as text, and as the lines a reader sees. */
function pipe(): Output & { text: () => string; lines: () => string[] } {
  let text = '';
  return {
    write: (t: string) => (text += t),
    text: () => text,
    lines: () => text.split('\n').slice(0, -1),
  };
}

let presenters: Presenter[] = [];
afterEach(() => {
  for (const p of presenters) p.stop();
  presenters = [];
});

function host(flags: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const log = pipe();
  const stdout = pipe();
  const ui = new Presenter({ log, env, stdout });
  ui.start();
  presenters.push(ui);
  return { host: new TerminalHost(flags, ui, env), ui, log, stdout };
}

describe('TerminalHost', () => {
  it('reads inputs from the flags, trimmed as the runner trims them; an absent one is empty', () => {
    const { host: h } = host({ tags: ' r/a:1 \n', smoke: 'false' });
    expect([h.input('tags'), h.input('smoke'), h.input('context')]).toEqual(['r/a:1', 'false', '']);
    expect(h.input('constructor')).toBe('');
  });

  it('reads an INPUT_* variable the user set when no flag gives the input; a flag wins', () => {
    const env = {
      INPUT_PASSWORD: ' s3cret \n',
      INPUT_TAGS: 'from-env:1',
      'INPUT_PUSH-BY-DIGEST': 'true',
    };
    const { host: h } = host({ tags: 'from-flag:1' }, env);
    expect([h.input('password'), h.input('tags'), h.input('push-by-digest')]).toEqual([
      's3cret',
      'from-flag:1',
      'true',
    ]);
    expect(env).toEqual({
      INPUT_PASSWORD: ' s3cret \n',
      INPUT_TAGS: 'from-env:1',
      'INPUT_PUSH-BY-DIGEST': 'true',
    });
  });

  it('keeps the outputs for --json, and writes nothing for them', () => {
    const { host: h, log } = host();
    h.setOutput('platforms', '{"linux/amd64":{}}');
    h.setOutput('published', 'false');
    expect(h.outputs).toEqual({ platforms: '{"linux/amd64":{}}', published: 'false' });
    expect(log.text()).toBe('');
  });

  it('masks each secret in the log and on stdout, without ever writing a command', async () => {
    const { host: h, ui, log, stdout } = host();
    h.setSecret('hunter22-token');
    h.log.info('token=hunter22-token');
    await h.log.group('Smoke test every platform', async () => {
      h.log.info('── linux/arm64 (passed, exit 0) ──');
      h.log.verbatim('hunter22-token\n::error::from the image');
    });
    ui.stdout('{"output":"hunter22-token"}\n');
    expect(log.lines()).toEqual([
      'token=***',
      '» Smoke test every platform',
      '── linux/arm64 (passed, exit 0) ──',
      '***',
      '::error::from the image',
    ]);
    expect(stdout.text()).toBe('{"output":"***"}\n');
  });

  it.each<[string, (h: TerminalHost) => void, string]>([
    [
      'a warning, its file and line first',
      (h) => h.log.warning('FROM without --platform', { file: 'Dockerfile', startLine: 3 }),
      'warning: Dockerfile:3: FROM without --platform',
    ],
    ['a notice', (h) => h.log.notice('pinned'), 'note: pinned'],
    [
      'the verdict',
      (h) => h.fail('1 of 2 platforms failed: linux/arm64'),
      'error: 1 of 2 platforms failed: linux/arm64',
    ],
  ])('shows %s as text', (_what, say, shown) => {
    const { host: h, log } = host();
    say(h);
    expect(log.text()).toBe(`${shown}\n`);
  });

  it('shows debug lines only with RUNNER_DEBUG=1', () => {
    const quiet = host();
    quiet.host.log.debug('why');
    expect(quiet.log.text()).toBe('');
    const debugged = host({}, { RUNNER_DEBUG: '1' });
    debugged.host.log.debug('why');
    expect(debugged.log.text()).toBe('debug: why\n');
  });
});
