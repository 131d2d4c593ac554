import { expect, it } from 'vitest';
import { markdownCell } from '../../../src/runner/markdown';

it.each([
  ['a | b', 'a \\| b'],
  ['line 1\nline 2\r\nline 3', 'line 1<br>line 2<br>line 3'],
  ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ['</details><img src=x>', '&lt;/details&gt;&lt;img src=x&gt;'],
  ['AT&T', 'AT&amp;T'],
])('markdownCell(%j) → %j', (raw, cell) => {
  expect(markdownCell(raw)).toBe(cell);
});
