import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../src/runner/words';

describe('splitCommand', () => {
  it.each([
    ['', []],
    ['/app --version', ['/app', '--version']],
    [`sh -c 'echo "$HOME" ; uname -m'`, ['sh', '-c', 'echo "$HOME" ; uname -m']],
    ['echo ""', ['echo', '']],
    ['["/bin/sh","-c","echo a b"]', ['/bin/sh', '-c', 'echo a b']],
  ])('%j', (raw, argv) => {
    expect(splitCommand(raw)).toEqual(argv);
  });
  it.each(['echo "unclosed', '["/bin/sh", 1]', '[not json'])('rejects %j', (raw) => {
    expect(() => splitCommand(raw)).toThrow(/Input "smoke-command"/);
  });
});
