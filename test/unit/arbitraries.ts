/**
 * Strings for property tests: any text at all, and text made of the pieces that sit on the
 * edges of our grammars (separators, quotes, shell syntax, flags, look-alikes, invalid UTF-8 as
 * Node reads it), so that a few hundred runs reach the interesting cases.
 */
import fc from 'fast-check';

/** Fragments an attacker, or a typo, puts into an input. */
const PIECES = [
  ...'abcxyzABZ0189_.-/:@=,;|&$`"\'#\\ \t\n\r()[]{}<>*?!~%+',
  '--',
  '-o',
  '--push',
  '--output=type=local,dest=/',
  '$(touch /tmp/pwned)',
  '`id`',
  '${IFS}',
  'ssh://',
  'tcp://',
  'unix://',
  '-oProxyCommand=sh',
  'linux',
  'amd64',
  'arm64',
  'arm/v7',
  'ghcr.io',
  'localhost:5000',
  'sha256:',
  'a'.repeat(64),
  '\u2215', // DIVISION SLASH, a look-alike of "/"
  '\uFF41', // FULLWIDTH LATIN SMALL LETTER A
  '\uFFFD', // what Node makes of bytes that are not UTF-8
  '\u0000',
  '\u202E', // RIGHT-TO-LEFT OVERRIDE
  '\u00A0',
  '""',
  '\r\n',
];

export const edgy: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 24 })
  .map((parts) => parts.join(''));

/** Any string (every code point, lone surrogates included), or an edgy one. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  edgy,
);

/** Values that try to be a flag, for `examples` of every property that ends in argv. */
export const FLAG_LIKE: string[] = [
  '-',
  '-o',
  '--push',
  '--output=type=local,dest=/',
  ' --push',
  '"--push"',
  'a,--push',
  'a\n--push',
  '--x,type=sbom',
  '-x=1',
  'x=1\n-y=2',
  'id=-x',
  'default=-x',
];

/** Any text, or text that starts like a flag. */
export const flagText: fc.Arbitrary<string> = fc.oneof(
  anyText,
  edgy.map((s) => `-${s}`),
  edgy.map((s) => `--${s}`),
);

/** Runs for each property: enough to hit the edges, few enough for `npm test`. */
export const RUNS = { numRuns: 400 };
