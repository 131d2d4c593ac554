import { describe, expect, it } from 'vitest';
import { splitByRepository, tagsMovedError } from '../../../src/engine/put-tags';

describe('writing tags through the registry API', () => {
  it('splits the tags in the tested repository from the rest, as docker reads names', () => {
    expect(
      splitByRepository(
        ['127.0.0.1:5000/team/app:1', '127.0.0.1:5000/team/app:latest', '127.0.0.1:5000/mirror:1'],
        '127.0.0.1:5000/team/app',
      ),
    ).toEqual({
      here: ['127.0.0.1:5000/team/app:1', '127.0.0.1:5000/team/app:latest'],
      elsewhere: ['127.0.0.1:5000/mirror:1'],
    });
    // Docker Hub's short and long spellings are one repository; another registry is not.
    expect(
      splitByRepository(
        [
          'alpine:1',
          'docker.io/library/alpine:2',
          'index.docker.io/library/alpine:3',
          'ghcr.io/library/alpine:4',
        ],
        'docker.io/library/alpine@sha256:' + 'a'.repeat(64),
      ),
    ).toEqual({
      here: ['alpine:1', 'docker.io/library/alpine:2', 'index.docker.io/library/alpine:3'],
      elsewhere: ['ghcr.io/library/alpine:4'],
    });
  });

  it('names each tag that points elsewhere after the write, and the likely cause', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    expect(
      tagsMovedError(
        [
          ['r/a:1', `sha256:${'c'.repeat(64)}`],
          ['r/a:2', undefined],
        ],
        digest,
      ).message,
    ).toBe(
      `After writing the tags, r/a:1 points at sha256:${'c'.repeat(64)}, r/a:2 points at nothing, not at the tested ${digest}. Another run may have written the same tag at the same time.`,
    );
  });
});
