import { expect, it } from 'vitest';
import { parseBuilderDriver } from '../../../src/docker/engine';

it('reads the builder driver', () => {
  expect(parseBuilderDriver('Name:          default\nDriver:        docker\n\nNodes:\n')).toBe(
    'docker',
  );
  expect(parseBuilderDriver('Name: b1\nDriver: docker-container\n')).toBe('docker-container');
  expect(parseBuilderDriver('nothing')).toBeUndefined();
});
