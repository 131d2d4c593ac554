import { readFileSync } from 'node:fs';

export const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/dockerfiles/${name}`, import.meta.url), 'utf8');

export const lines = (...l: string[]): string => l.join('\n');
