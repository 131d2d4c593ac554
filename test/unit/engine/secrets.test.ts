import { describe, expect, it } from 'vitest';
import { gitAuthSecret, gitHost } from '../../../src/engine/secrets';
import { ghaCacheProblem } from '../../../src/engine/prepare';

describe('gitHost', () => {
  it.each([
    ['https://github.com/acme/api.git#main', 'github.com'],
    ['https://GitHub.com/acme/api.git?ref=main', 'github.com'],
    ['git@github.com:acme/api.git', 'github.com'],
    ['github.com/acme/api.git', 'github.com'],
    ['ssh://git@ghe.example.com/acme/api.git', 'ghe.example.com'],
    ['git://example.org/x.git', 'example.org'],
    ['.', undefined],
    ['app/sub', undefined],
    ['docker-image://alpine:3.20', undefined],
  ])('%s → %s', (context, host) => {
    expect(gitHost(context)).toBe(host);
  });
});

describe('gitAuthSecret', () => {
  const git = 'https://github.com/acme/api.git';
  it('offers the token to the GitHub server host only', () => {
    expect(gitAuthSecret('t', [git], [])).toEqual({
      kind: 'value',
      id: 'GIT_AUTH_TOKEN.github.com',
      value: 't',
    });
    expect(gitAuthSecret('t', ['https://gitlab.com/a/b.git'], [])).toBeUndefined();
    expect(gitAuthSecret('t', ['.'], [])).toBeUndefined();
    expect(gitAuthSecret(undefined, [git], [])).toBeUndefined();
    expect(gitAuthSecret('t', [git], [], 'https://ghe.example.com')).toBeUndefined();
  });
  it("gives way to the user's own secret, plain or host-scoped", () => {
    for (const id of ['GIT_AUTH_TOKEN', 'GIT_AUTH_TOKEN.github.com'])
      expect(gitAuthSecret('t', [git], [{ kind: 'value', id, value: 'mine' }])).toBeUndefined();
  });
});

describe('ghaCacheProblem', () => {
  it('is quiet without type=gha, on a runner, or with url and token given', () => {
    expect(ghaCacheProblem(['type=registry,ref=r/a:cache'], {})).toBeUndefined();
    expect(
      ghaCacheProblem(['type=gha'], { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'u' }),
    ).toBeUndefined();
    expect(ghaCacheProblem(['type=gha,url=http://c,token=t'], {})).toBeUndefined();
  });
  it('names what is missing', () => {
    expect(ghaCacheProblem(['type=gha,mode=max'], { ACTIONS_RESULTS_URL: 'u' })).toMatch(
      /^type=gha,mode=max: buildx reads ACTIONS_RUNTIME_TOKEN from the environment/,
    );
  });
});
