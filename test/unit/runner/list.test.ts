import { describe, expect, it } from 'vitest';
import { csvRecords, splitList, UnclosedQuoteError } from '../../../src/runner/list';

// The cases of docker/actions-toolkit's getInputList tests, which
// build-push-action's inputs follow, plus this action's comment lines.
describe('splitList', () => {
  it.each<[string, string, 'split' | 'keep', string[]]>([
    ['one line', 'bar', 'split', ['bar']],
    ['lines', 'bar\nbaz', 'split', ['bar', 'baz']],
    ['empty lines', 'bar\n\nbaz', 'split', ['bar', 'baz']],
    ['commas', 'bar,baz', 'split', ['bar', 'baz']],
    ['a trailing comma', 'bar,baz,', 'split', ['bar', 'baz']],
    ['CRLF', 'bar\r\nbaz', 'split', ['bar', 'baz']],
    ['CRLF and commas', 'bar\r\nbaz,bat', 'split', ['bar', 'baz', 'bat']],
    ['spaces around items', ' a , b ', 'split', ['a', 'b']],
    [
      'lines, commas kept',
      'user/app:cache\ntype=local,src=path/to/dir',
      'keep',
      ['user/app:cache', 'type=local,src=path/to/dir'],
    ],
    [
      '# is a comment only at the start of a line',
      'foo=bar\nbar=qux#baz',
      'keep',
      ['foo=bar', 'bar=qux#baz'],
    ],
    ['comment lines', '# note\nA=1\n  # indented note\nB=2', 'keep', ['A=1', 'B=2']],
    [
      'a quoted item is split on its commas when commas split',
      'linux/amd64\n"linux/arm64,linux/arm/v7"',
      'split',
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
    ],
    [
      'a quoted item keeps its commas, without its quotes',
      '"k=Fast, small"',
      'keep',
      ['k=Fast, small'],
    ],
    [
      'multi-line quoted values',
      'GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789\n"MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc"\nFOO=bar',
      'keep',
      [
        'GIT_AUTH_TOKEN=abcdefgh,ijklmno=0123456789',
        'MYSECRET=aaaaaaaa\nbbbbbbb\nccccccccc',
        'FOO=bar',
      ],
    ],
    [
      'multi-line quoted values with empty lines',
      'FOO=bar\n"EMPTYLINE=aaaa\n\nbbbb\nccc"',
      'keep',
      ['FOO=bar', 'EMPTYLINE=aaaa\n\nbbbb\nccc'],
    ],
    [
      'a # line inside quotes is a value',
      '"K=a\n# not a comment"',
      'keep',
      ['K=a\n# not a comment'],
    ],
    [
      'multi-line values without quotes are lines',
      'MYSECRET=aaaaaaaa\nbbbbbbb\nFOO=bar',
      'keep',
      ['MYSECRET=aaaaaaaa', 'bbbbbbb', 'FOO=bar'],
    ],
    [
      '"" in a quoted value is one quote',
      '"MYSECRET=aaaa\nbbbb""bbb"\nFOO=bar',
      'keep',
      ['MYSECRET=aaaa\nbbbb"bbb', 'FOO=bar'],
    ],
    ['a quote inside an item is a character', 'A="x y"', 'keep', ['A="x y"']],
    [
      'a quoted field among fields, commas kept',
      'type=local,"src=a b"',
      'keep',
      ['type=local,src=a b'],
    ],
    [
      'a quote closing mid-item leaves the item as written (csv-parse, relax_quotes)',
      '"a"b,c',
      'split',
      ['"a"b', 'c'],
    ],
    ['a quote after a space opens nothing', 'a, "b,c"', 'split', ['a', '"b', 'c"']],
  ])('%s', (_name, raw, commas, expected) => {
    expect(splitList(raw, { commas })).toEqual(expected);
  });

  it('keeps quotes as written with quotes: false (outputs, driver-opts)', () => {
    const output =
      'type=image,"name=ghcr.io/nginxinc/nginx-unprivileged,docker.io/nginxinc/nginx-unprivileged",push-by-digest=true,name-canonical=true,push=true';
    expect(splitList(output, { commas: 'keep', quotes: false })).toEqual([output]);
    expect(
      splitList('"env.no_proxy=localhost,127.0.0.1,.mydomain"', { commas: 'keep', quotes: false }),
    ).toEqual(['"env.no_proxy=localhost,127.0.0.1,.mydomain"']);
  });

  it('refuses a quote that never closes, naming the line it opened on', () => {
    let error: unknown;
    try {
      splitList('A=1\n"B=2\nC=3', { commas: 'keep' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UnclosedQuoteError);
    expect((error as UnclosedQuoteError).line).toBe(2);
  });
});

describe('csvRecords', () => {
  it('reads fields as csv-parse does with relax_quotes and skip_empty_lines', () => {
    expect(csvRecords('a,"b,c",d\n\n"e"\nf')).toEqual([['a', 'b,c', 'd'], ['e'], ['f']]);
    expect(csvRecords('type=gha,scope=CI build')).toEqual([['type=gha', 'scope=CI build']]);
    // The first line break ends records; a quoted value keeps other ones.
    expect(csvRecords('"a\nb"\r\nc')).toEqual([['a\nb'], ['c']]);
  });
});
