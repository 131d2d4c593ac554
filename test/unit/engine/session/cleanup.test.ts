import { describe, expect, it } from 'vitest';
import { removalsFor } from '../../../../src/engine/session/cleanup';
import type { PostState } from '../../../../src/runner/state';

const ssh: NonNullable<PostState['ssh']> = {
  config: '/t/ssh/ssh_config',
  realSsh: '/usr/bin/ssh',
  binDir: '/t/ssh/bin',
  controlDir: '/tmp/mcm-1',
  targets: [{ host: 'arm1' }],
};

const what = (state: PostState) =>
  removalsFor(state).map(({ removals }) => removals.map((r) => r.what));

describe('the removals of the full cleanup', () => {
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

  it('after a main that cleaned up, still removes the builder, contexts, ssh and files', () => {
    const state: PostState = {
      containerPrefix: 'multiarch-ab',
      docker: ['docker'],
      contexts: ['multiarch-ab-arm1'],
      images: ['a:1'],
      builder: 'multiarch-ab',
      ssh,
      tempDir: '/rt/m-1',
      mainCleaned: true,
    };
    expect(what(state)).toEqual([
      ['remove builder multiarch-ab'],
      ['remove docker contexts'],
      ['close the ssh connections'],
      ['remove /tmp/mcm-1'],
      ['remove /rt/m-1'],
    ]);
  });
});
