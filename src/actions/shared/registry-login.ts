/**
 * The registry credentials, the same in every action: `registry`, `username`
 * and `password`, one entry per line, matched by position (line 2 of each is
 * the second login). A password never appears in an error: it is named by
 * its line. Pure, except `maskRegistryLogins`, which hands the secrets to the
 * runner's masking before anything can print them.
 */
import type { RegistryLogin } from '../../engine/request';
import type { Host } from '../../runner/host';
import { InputError } from '../../runner/inputs';
import type { Get as SpecGet } from './input-spec';
import type { LoginInput } from './specs';

type Get = SpecGet<LoginInput>;

const lines = (raw: string): string[] =>
  raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

// A registry host: DNS labels or an IPv4 address, or [IPv6], and an optional port. No scheme or path.
const REGISTRY =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::[0-9]{1,5})?$/;
// Basic auth joins user:password, so a colon cannot be part of the user name.
const USERNAME = /^[^\s:\p{Cc}]+$/u;
const PASSWORD = /^[^\p{Cc}]+$/u;

const EXAMPLE =
  'For example registry: ghcr.io, username: ${{ github.actor }}, password: ${{ secrets.GITHUB_TOKEN }}; for several registries, one line each in all three inputs, in the same order.';

function checkRegistry(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) {
    throw new InputError(
      'registry',
      value,
      'is not a registry host',
      'Give the host (and port) only, like ghcr.io or registry.example.com:5000: no scheme and no image path. Docker Hub is docker.io.',
    );
  }
  const port = /:([0-9]+)$/.exec(value)?.[1];
  if (!REGISTRY.test(value.toLowerCase()) || (port && Number(port) > 65535)) {
    throw new InputError(
      'registry',
      value,
      'is not a registry host',
      'Write host or host:port, like ghcr.io or 127.0.0.1:5000.',
    );
  }
  return value.toLowerCase();
}

/**
 * Why no login is made although a registry is named: a fork's pull request
 * runs without the repository's secrets, so the password is empty. The step
 * goes on with the runner's existing login, if any.
 */
export function skippedLogin(get: Get): string | undefined {
  const registries = lines(get('registry'));
  if (registries.length === 0 || lines(get('password')).length > 0) return undefined;
  if (lines(get('username')).length !== registries.length) return undefined;
  return `Input "password" is empty, so there is no login to ${registries.join(', ')} (a pull request from a fork cannot see the repository's secrets). Pulls and pushes there use the runner's existing login, if any.`;
}

/** The validated logins; none when all three inputs are empty, or the password is (see skippedLogin). */
export function registryLogins(get: Get): RegistryLogin[] {
  const registries = lines(get('registry'));
  const usernames = lines(get('username'));
  const passwords = lines(get('password'));
  if (registries.length + usernames.length + passwords.length === 0) return [];
  if (registries.length === 0) {
    throw new InputError(
      'registry',
      '',
      'is empty, but username or password is given',
      `Name the registry to log in to. ${EXAMPLE}`,
    );
  }
  if (skippedLogin(get)) return [];
  for (const [name, given] of [
    ['username', usernames.length],
    ['password', passwords.length],
  ] as const) {
    if (given !== registries.length) {
      throw new InputError(
        name,
        name === 'password' ? `(${given} line${given === 1 ? '' : 's'})` : usernames.join('\n'),
        `has ${given} line${given === 1 ? '' : 's'}, but registry has ${registries.length}`,
        `Give one ${name} line per registry line, in the same order. ${EXAMPLE}`,
      );
    }
  }
  const seen = new Set<string>();
  return registries.map((raw, i) => {
    const registry = checkRegistry(raw);
    if (seen.has(registry)) {
      throw new InputError(
        'registry',
        raw,
        'is listed twice',
        'Log in to each registry once: one line per registry.',
      );
    }
    seen.add(registry);
    const username = usernames[i] as string;
    if (!USERNAME.test(username) || username.startsWith('-')) {
      throw new InputError(
        'username',
        username,
        'is not a user name (no spaces, colons or control characters, and no leading -)',
        EXAMPLE,
      );
    }
    const password = passwords[i] as string;
    if (!PASSWORD.test(password)) {
      throw new InputError(
        'password',
        `(line ${i + 1})`,
        'holds a control character',
        'Pass the token exactly as the registry issued it, one per line.',
      );
    }
    return { registry, username, password };
  });
}

/** What a registry password turns into on its way: itself, and the `user:password` base64 of basic auth and config.json. */
export function loginSecrets(login: RegistryLogin): string[] {
  return [login.password, Buffer.from(`${login.username}:${login.password}`).toString('base64')];
}

/**
 * Masks every password line before anything is validated (an error must not
 * print one), then each login's base64 form.
 */
export function maskRegistryLogins(get: Get, mask: (text: string) => void): void {
  const usernames = lines(get('username'));
  lines(get('password')).forEach((password, i) => {
    mask(password);
    const username = usernames[i];
    if (username) mask(loginSecrets({ registry: '', username, password })[1] as string);
  });
}

/** Before the inputs are parsed: every secret masked, and a login left out said so. */
export function announceLogins(
  get: Get,
  mask: (text: string) => void,
  warn: (text: string) => void,
): void {
  maskRegistryLogins(get, mask);
  const skipped = skippedLogin(get);
  if (skipped) warn(skipped);
}

/** announceLogins for a host: its inputs, its masking, its log. */
export function announceHostLogins(host: Pick<Host, 'input' | 'setSecret' | 'log'>): void {
  announceLogins(
    (name) => host.input(name),
    (value) => host.setSecret(value),
    (warning) => host.log.warning(warning),
  );
}

// How the engine, buildx and the registry say a request had no login, or one that may not do this.
const REFUSED =
  /no basic auth credentials|401 Unauthorized|unauthorized: authentication required|denied: requested access to the resource is denied|insufficient_scope/i;

/** A registry's refusal, with the fix: the raw engine text alone does not say what to do. */
export function explainRefusal(message: string): string {
  if (!REFUSED.test(message) || message.startsWith('Could not log in')) return message;
  return `${message}\nThe registry refused the request: no login, or one without the right to do this. Fix: give registry, username and password (a token that may read and push that repository), or log in with docker/login-action before this step.`;
}
