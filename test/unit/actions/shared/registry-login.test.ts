import { describe, expect, it } from 'vitest';
import {
  announceLogins,
  explainRefusal,
  loginSecrets,
  registryLogins,
  skippedLogin,
} from '../../../../src/actions/shared/registry-login';

const get = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('registryLogins', () => {
  it('gives no login when all three inputs are empty', () => {
    expect(registryLogins(get({}))).toEqual([]);
  });

  it('pairs the lines of the three inputs by position', () => {
    expect(
      registryLogins(
        get({
          registry: 'ghcr.io\n  Registry.Example.com:5000 \n',
          username: 'octo\nci-bot',
          password: 'tok-1\n\ntok-2',
        }),
      ),
    ).toEqual([
      { registry: 'ghcr.io', username: 'octo', password: 'tok-1' },
      { registry: 'registry.example.com:5000', username: 'ci-bot', password: 'tok-2' },
    ]);
  });

  it.each([
    [{ username: 'u', password: 'p' }, 'Input "registry": "" is empty, but username or password'],
    [
      { registry: 'a.io\nb.io', username: 'u', password: 'p\nq' },
      'Input "username": "u" has 1 line, but registry has 2',
    ],
    [
      { registry: 'a.io', username: 'u', password: 'p\nq' },
      'Input "password": "(2 lines)" has 2 lines, but registry has 1',
    ],
    [
      { registry: 'https://ghcr.io', username: 'u', password: 'p' },
      'Input "registry": "https://ghcr.io" is not a registry host',
    ],
    [{ registry: 'ghcr.io/acme/api', username: 'u', password: 'p' }, 'no scheme and no image path'],
    [
      { registry: '-H.io', username: 'u', password: 'p' },
      'Input "registry": "-H.io" is not a registry host',
    ],
    [{ registry: 'a.io:99999', username: 'u', password: 'p' }, 'is not a registry host'],
    [
      { registry: 'a.io\nA.io', username: 'u\nv', password: 'p\nq' },
      'Input "registry": "A.io" is listed twice',
    ],
    [
      { registry: 'a.io', username: 'us:er', password: 'p' },
      'Input "username": "us:er" is not a user name',
    ],
    [
      { registry: 'a.io', username: '--config=/x', password: 'p' },
      'Input "username": "--config=/x" is not a user name',
    ],
    [
      { registry: 'a.io', username: 'u', password: 'p\u0000w' },
      'Input "password": "(line 1)" holds a control character',
    ],
  ])('rejects %j, naming the input and the fix', (inputs, message) => {
    expect(() => registryLogins(get(inputs))).toThrow(message);
  });

  it('never puts a password in an error', () => {
    const secret = 'hunter2-secret';
    for (const inputs of [
      { registry: 'a.io', username: 'u', password: `${secret}\nx` },
      { registry: 'a.io', username: 'u', password: `${secret}\u0007` },
      { registry: '-a', username: 'u', password: secret },
    ]) {
      expect(() => registryLogins(get(inputs))).toThrow(/^Input/);
      try {
        registryLogins(get(inputs));
      } catch (err) {
        expect(String(err)).not.toContain(secret);
      }
    }
  });

  it('an empty password (a fork pull request without secrets) means no login, with a warning', () => {
    const inputs = get({ registry: 'ghcr.io', username: 'octo', password: '' });
    expect(registryLogins(inputs)).toEqual([]);
    expect(skippedLogin(inputs)).toMatch(/password" is empty, so there is no login to ghcr.io/);
    expect(
      skippedLogin(get({ registry: 'ghcr.io', username: 'u', password: 'p' })),
    ).toBeUndefined();
  });
});

describe('masking', () => {
  it('masks every password line and its user:password base64, even when the inputs do not parse', () => {
    const masked: string[] = [];
    const warned: string[] = [];
    announceLogins(
      get({ registry: 'a.io', username: 'u1\nu2', password: 'p1\np2\np3' }),
      (t) => masked.push(t),
      (t) => warned.push(t),
    );
    expect(masked).toEqual([
      'p1',
      Buffer.from('u1:p1').toString('base64'),
      'p2',
      Buffer.from('u2:p2').toString('base64'),
      'p3',
    ]);
    expect(warned).toEqual([]);
  });

  it('loginSecrets: the password and the base64 config.json stores', () => {
    expect(loginSecrets({ registry: 'a.io', username: 'u', password: 'p' })).toEqual(['p', 'dTpw']);
  });
});

describe('explainRefusal', () => {
  it.each([
    'docker push x failed with exit code 1:\nauthorization failed: no basic auth credentials',
    'failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized',
    'denied: requested access to the resource is denied',
  ])('adds the fix to %j', (message) => {
    expect(explainRefusal(message)).toBe(
      `${message}\nThe registry refused the request: no login, or one without the right to do this. Fix: give registry, username and password (a token that may read and push that repository), or log in with docker/login-action before this step.`,
    );
  });

  it('leaves other errors, and the login error with its own fix, as they are', () => {
    expect(explainRefusal('exec format error')).toBe('exec format error');
    const login = 'Could not log in to a.io as u: 401 Unauthorized. Fix: …';
    expect(explainRefusal(login)).toBe(login);
  });
});
