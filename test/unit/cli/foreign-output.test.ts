import { expect, it } from 'vitest';
import { ForeignOutput } from '../../../src/cli/foreign-output';

/** A stream that keeps what reaches it. */
function stream(): NodeJS.WriteStream & { got: string } {
  const s = {
    got: '',
    isTTY: false,
    columns: 80,
    write(text: string): boolean {
      s.got += text;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { got: string };
}

it("hands a library's core output to the log, and lets the presenter's own writes through", () => {
  const out = stream();
  const seen: string[] = [];
  const foreign = new ForeignOutput(out);
  foreign.start({ info: (m) => seen.push(`info ${m}`), debug: (m) => seen.push(`debug ${m}`) });
  out.write('::debug::Downloading https://x/checksums.txt%0Ato /tmp/a\n');
  out.write('Waiting 10 seconds before trying again\n::debug::par');
  out.write('tial\n');
  foreign.own.write('» Build (load)\n');
  foreign.stop();
  out.write('after\n');
  expect(seen).toEqual([
    'debug Downloading https://x/checksums.txt\nto /tmp/a',
    'info Waiting 10 seconds before trying again',
    'debug partial',
  ]);
  expect(out.got).toBe('» Build (load)\nafter\n');
  expect([foreign.own.isTTY, foreign.own.columns]).toEqual([false, 80]);
});
