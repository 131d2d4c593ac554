import { describe, expect, it } from 'vitest';
import { byRepository, promoteArgs } from '../../../src/engine/promote';

const userTags = ['ghcr.io/acme/api:1.5', 'ghcr.io/acme/api:latest', 'docker.io/acme/api:1.5'];

describe('promotion', () => {
  it('groups tags by repository, first seen first', () => {
    expect(byRepository(['r/a:1', 'q/b:1', 'r/a:latest'])).toEqual([
      ['r/a:1', 'r/a:latest'],
      ['q/b:1'],
    ]);
  });

  it('points every repository at the tested digest, one imagetools create each', () => {
    expect(promoteArgs(userTags, ['ghcr.io/acme/api@sha256:abc'])).toEqual([
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--tag',
        'ghcr.io/acme/api:1.5',
        '--tag',
        'ghcr.io/acme/api:latest',
        'ghcr.io/acme/api@sha256:abc',
      ],
      [
        'docker',
        'buildx',
        'imagetools',
        'create',
        '--tag',
        'docker.io/acme/api:1.5',
        'ghcr.io/acme/api@sha256:abc',
      ],
    ]);
  });
});
