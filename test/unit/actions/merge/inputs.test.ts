import { describe, expect, it } from 'vitest';
import { parseMergeInputs } from '../../../../src/actions/merge/inputs';

const get = (values: Record<string, string>) => (n: string) => values[n] ?? '';

describe('merge inputs', () => {
  it('takes the digests repository from the first tag by default', () => {
    const i = parseMergeInputs(
      get({ 'digests-dir': '/tmp/d', tags: 'ghcr.io/acme/api:1.5\nghcr.io/acme/api:latest' }),
    );
    expect(i).toMatchObject({
      image: 'ghcr.io/acme/api',
      digestsDir: '/tmp/d',
      tool: 'auto',
      sources: [],
      smoke: true,
    });
  });
  it.each([
    [{ sources: 'r/a:1' }, /Input "tags": "" is empty/],
    [{ tags: 'r/a:1' }, /Input "sources": "" is empty and no digests-dir is given/],
    [{ tags: 'r/a:1', sources: 'r/a:$(id)' }, /Input "sources"/],
    [
      { tags: 'r/a:1', 'digests-dir': '/d', image: 'r/a:1' },
      /Input "image": "r\/a:1" has a tag or digest/,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', tool: 'crane' },
      /Input "tool": "crane" is not one of auto, imagetools, manifest\. Use auto, imagetools or manifest\./,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', annotations: 'no equals' },
      /Input "annotations": "no equals" is not an annotation/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseMergeInputs(get(values))).toThrow(why);
  });
});
