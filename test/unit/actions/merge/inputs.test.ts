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
    [
      { tags: 'r/a:1', sources: 'r/b:1', annotations: 'manifest:org.opencontainers.image.title=a' },
      /Input "annotations": "manifest:org.opencontainers.image.title=a" is a manifest annotation, which imagetools create cannot set.*Set it where the image is built/,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', annotations: 'index,manifest:k=v' },
      /is a manifest annotation/,
    ],
    [
      { tags: 'r/a:1', sources: 'r/b:1', annotations: 'index-descriptor:k=v' },
      /Input "annotations": "index-descriptor:k=v" is an index-descriptor annotation.*Write index:/,
    ],
  ])('rejects %j', (values, why) => {
    expect(() => parseMergeInputs(get(values))).toThrow(why);
  });

  it('reads a bare annotation as an index annotation, as imagetools create needs it typed', () => {
    const i = parseMergeInputs(
      get({
        tags: 'r/a:1',
        sources: 'r/b:1',
        annotations:
          'org.opencontainers.image.description=Fast, small\nindex:k=v\nmanifest-descriptor[linux/arm64]:d=1\n"index:q=a, b"',
      }),
    );
    expect(i.annotations).toEqual([
      'index:org.opencontainers.image.description=Fast, small',
      'index:k=v',
      'manifest-descriptor[linux/arm64]:d=1',
      'index:q=a, b',
    ]);
  });
  it('registry-timeout: 2m when empty, a duration otherwise, checked', () => {
    const base = { tags: 'r/a:1', sources: 'r/b:1' };
    expect(parseMergeInputs(get(base)).registryTimeoutMs).toBe(120_000);
    expect(parseMergeInputs(get({ ...base, 'registry-timeout': '1m30s' })).registryTimeoutMs).toBe(
      90_000,
    );
    expect(() => parseMergeInputs(get({ ...base, 'registry-timeout': 'soon' }))).toThrow(
      /Input "registry-timeout": "soon" is not a duration/,
    );
  });
});
