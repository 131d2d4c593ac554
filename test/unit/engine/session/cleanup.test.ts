import { describe, expect, it } from 'vitest';
import { CLEANERS, cleanersFor } from '../../../../src/engine/session/cleanup';
import type { PostState } from '../../../../src/runner/state';

const ssh: NonNullable<PostState['ssh']> = {
  config: '/t/ssh/ssh_config',
  realSsh: '/usr/bin/ssh',
  binDir: '/t/ssh/bin',
  controlDir: '/tmp/mcm-1',
  targets: [{ host: 'arm1' }],
};

const removes = (state: PostState) => cleanersFor(state).map((c) => c.removes);
const what = (state: PostState) =>
  cleanersFor(state).map((c) => c.removals(state).map((r) => r.what));

describe('the cleaners table', () => {
  it('runs in this order: containers before the contexts that reach them, the temp dir last', () => {
    expect(CLEANERS.map((c) => c.removes)).toEqual([
      'leftover containers',
      'images',
      'builder',
      'docker contexts',
      'ssh connections',
      'ssh control dir',
      'temp dir',
    ]);
  });

  it.each<[string, PostState, string[]]>([
    ['nothing but the docker CLI', { docker: ['docker'] }, []],
    [
      'what every session saves when it opens',
      { tempDir: '/rt/m-1', containerPrefix: 'multiarch-ab', docker: ['docker'] },
      ['leftover containers', 'temp dir'],
    ],
    ['empty lists', { docker: ['docker'], images: [], contexts: [] }, []],
    [
      'a gated docker-driver build',
      { containerPrefix: 'multiarch-ab', docker: ['docker'], images: ['multiarch-ab-candidate'] },
      ['leftover containers', 'images'],
    ],
    [
      'append over an ssh node',
      {
        tempDir: '/rt/m-1',
        containerPrefix: 'multiarch-ab',
        docker: ['docker'],
        contexts: ['multiarch-ab-arm1'],
        builder: 'multiarch-ab',
        ssh,
      },
      [
        'leftover containers',
        'builder',
        'docker contexts',
        'ssh connections',
        'ssh control dir',
        'temp dir',
      ],
    ],
  ])('for %s: %j', (_name, state, expected) => {
    expect(removes(state)).toEqual(expected);
  });

  it('looks for containers on the runner and on every node that answered, and says what it tried', () => {
    const state: PostState = {
      containerPrefix: 'multiarch-ab',
      docker: [],
      contexts: ['multiarch-ab-arm1', 'multiarch-ab-arm2'],
      unreachable: ['multiarch-ab-arm2'],
      images: ['a:1', 'b:2'],
      builder: 'multiarch-ab',
      ssh,
      tempDir: '/rt/m-1',
    };
    expect(what(state)).toEqual([
      [
        'remove leftover containers on docker',
        'remove leftover containers on docker --context multiarch-ab-arm1',
      ],
      ['remove a:1, b:2'],
      ['remove builder multiarch-ab'],
      ['remove docker contexts'],
      ['close the ssh connections'],
      ['remove /tmp/mcm-1'],
      ['remove /rt/m-1'],
    ]);
  });
});
