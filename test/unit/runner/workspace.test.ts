import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  confineGlob,
  confinePath,
  isRemoteContext,
  workspaceRoot,
} from '../../../src/runner/workspace';

// A workspace with a real file, a directory, and links that lead out of it.
const base = mkdtempSync(path.join(os.tmpdir(), 'ws-test-'));
const ws = path.join(base, 'repo');
const outside = path.join(base, 'secret.txt');
mkdirSync(path.join(ws, 'app'), { recursive: true });
writeFileSync(path.join(ws, 'app/Dockerfile'), 'FROM scratch\n');
writeFileSync(outside, 'not for pull requests\n');
symlinkSync(outside, path.join(ws, 'Dockerfile.link'));
symlinkSync(base, path.join(ws, 'up'));
symlinkSync('app', path.join(ws, 'app-link'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('confinePath', () => {
  it.each([
    '.',
    'app',
    'app/Dockerfile',
    './app/../app/Dockerfile',
    'app-link/Dockerfile', // a link that stays inside
    'app/not-yet-there/digests', // digests-dir is created later
    `${ws}/app/Dockerfile`,
    '/tmp/digests', // absolute and elsewhere: the workflow's own choice
    '/home/runner/.npmrc',
  ])('accepts %j', (value) => {
    expect(confinePath('file', value, ws, ws)).toBe(value);
  });

  it.each([
    ['..', /leads out of the workspace/],
    ['app/../../secret.txt', /leads out of the workspace/],
    [`${ws}/../secret.txt`, /leads out of the workspace/],
    ['Dockerfile.link', /symbolic link that leads out of the workspace .* to .*secret\.txt/],
    ['up/secret.txt', /symbolic link that leads out/],
    ['up', /symbolic link that leads out/],
    ['up/not-there/x', /symbolic link that leads out/],
  ])('refuses %j', (value, why) => {
    expect(() => confinePath('file', value, ws, ws)).toThrow(why);
    expect(() => confinePath('file', value, ws, ws)).toThrow(/^Input "file": /);
  });

  it('applies no rule outside a runner', () => {
    expect(confinePath('file', '../../etc/passwd', undefined, ws)).toBe('../../etc/passwd');
  });

  it('reads GITHUB_WORKSPACE', () => {
    expect(workspaceRoot({ GITHUB_WORKSPACE: ws })).toBe(ws);
    expect(workspaceRoot({})).toBeUndefined();
  });
});

describe('confineGlob', () => {
  it.each(['k8s/**/*.yaml', '!k8s/skip.yaml', `${ws}/deploy/*.yml`, '/srv/manifests/*.yaml'])(
    'accepts %j',
    (glob) => expect(confineGlob('kubernetes-manifests', glob, ws, ws)).toBe(glob),
  );
  it.each(['../**/*.yaml', '**/../../*.yaml', '!../x.yaml'])('refuses %j', (glob) => {
    expect(() => confineGlob('kubernetes-manifests', glob, ws, ws)).toThrow(
      /Input "kubernetes-manifests": .* leads out of the workspace/,
    );
  });
});

describe('isRemoteContext', () => {
  it.each([
    ['https://github.com/acme/api.git#main', true],
    ['git@github.com:acme/api.git', true],
    ['github.com/acme/api', true],
    ['docker-image://alpine:3.20', true],
    ['.', false],
    ['app/sub', false],
    ['/abs/path', false],
  ])('%s → %s', (value, remote) => expect(isRemoteContext(value)).toBe(remote));
});
