/**
 * Names the first character of a value that none of our grammars take, so that an error
 * about `linux∕arm64` (U+2215, not "/") or a fullwidth letter says why a value that looks
 * right is refused. Pure.
 */

/** U+FFFD is what Node makes of bytes that are not UTF-8: the value was never text. */
const REPLACEMENT = '\uFFFD';

/** "U+2215 ∕" for a visible character, "U+0000" for a control one. */
function codePoint(c: string): string {
  const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return /[\p{Cc}\p{Cf}\p{Z}]/u.test(c) ? `U+${hex}` : `U+${hex} "${c}"`;
}

/**
 * Why a value holds something outside printable ASCII, or undefined when it does not:
 * invalid UTF-8, a control character, or a non-ASCII look-alike.
 */
export function foreignCharacter(value: string): string | undefined {
  if (value.includes(REPLACEMENT)) return 'it is not valid UTF-8';
  const c = /[^\x20-\x7e]/u.exec(value)?.[0];
  if (c === undefined) return undefined;
  if (/\p{Cc}/u.test(c)) return `it contains the control character ${codePoint(c)}`;
  return `it contains ${codePoint(c)}, which is not ASCII (a look-alike of an ASCII character?)`;
}
