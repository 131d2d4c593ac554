import { describe, expect, it } from 'vitest';
import { filesOnly, LEFTOVERS, postWork } from '../../../../src/engine/session/post-plan';
import type { PostState } from '../../../../src/runner/post-state';

const ssh: NonNullable<PostState['ssh']> = {
  config: '/t/ssh/ssh_config',
  realSsh: '/usr/bin/ssh',
  binDir: '/t/ssh/bin',
  controlDir: '/tmp/mcm-1',
  targets: [{ host: 'arm1' }],
};

/** What every session saves when it opens. */
const opened: PostState = {
  tempDir: '/rt/m-1',
  containerPrefix: 'multiarch-ab',
  docker: ['docker'],
};
const gated: PostState = { ...opened, images: ['multiarch-ab-candidate'] };
const append: PostState = {
  ...opened,
  contexts: ['multiarch-ab-arm1'],
  builder: 'multiarch-ab',
  ssh,
};

describe('what post removes', () => {
  it('in this order: containers before the contexts that reach them, the temp dir last', () => {
    expect(LEFTOVERS).toEqual([
      'leftover containers',
      'images',
      'builder',
      'docker contexts',
      'ssh connections',
      'ssh control dir',
      'temp dir',
    ]);
  });

  it.each<[string, PostState, string[], boolean]>([
    ['nothing but the docker CLI', { docker: ['docker'] }, [], true],
    ['empty lists', { docker: ['docker'], images: [], contexts: [] }, [], true],
    // Cancelled or killed: main never said it cleaned up.
    ['a session main never finished', opened, ['leftover containers', 'temp dir'], false],
    ['the same, once main cleaned up', { ...opened, mainCleaned: true }, ['temp dir'], true],
    [
      'a gated docker-driver build main never finished',
      gated,
      ['leftover containers', 'images', 'temp dir'],
      false,
    ],
    [
      'the same, once main removed the candidate',
      { ...gated, mainCleaned: true },
      ['temp dir'],
      true,
    ],
    [
      'main cleaned up, no temp dir (check)',
      { ...opened, tempDir: undefined, mainCleaned: true },
      [],
      true,
    ],
    [
      'append over an ssh node main never finished',
      append,
      [
        'leftover containers',
        'builder',
        'docker contexts',
        'ssh connections',
        'ssh control dir',
        'temp dir',
      ],
      false,
    ],
    [
      // The builder, contexts and ssh masters are post's alone.
      'the same, once main cleaned up',
      { ...append, mainCleaned: true },
      ['builder', 'docker contexts', 'ssh connections', 'ssh control dir', 'temp dir'],
      false,
    ],
    [
      'a fetched buildx (its config is in the temp dir)',
      { ...opened, dockerConfig: '/rt/m-1/docker-config', mainCleaned: true },
      ['temp dir'],
      true,
    ],
    [
      'mainCleaned false is not clean',
      { ...opened, mainCleaned: false },
      ['leftover containers', 'temp dir'],
      false,
    ],
  ])('for %s: %j, files only: %s', (_name, state, expected, files) => {
    expect(postWork(state)).toEqual(expected);
    expect(filesOnly(postWork(state))).toBe(files);
  });
});
