/**
 * A token for one repository from the token service a registry's Bearer
 * challenge names (the distribution token spec): a GET with the login as
 * Basic, or, for an identity token, the OAuth refresh-token POST. What the
 * token service refused is named with the login's source, never the login.
 */
import { MultiarchError } from '../../runner/errors';
import type { Challenge } from './challenge';
import type { Credentials } from './credentials';
import type { RegistryRepository } from './endpoint';
import { basic, ERROR_BODY_MAX, readBytes, refusalError, type RegistryRequest } from './wire';

export async function bearerToken(a: {
  challenge: Challenge;
  creds: Credentials | undefined;
  repo: RegistryRepository;
  /** Sends a request within the operation's bound, tried again when dropped. */
  send: (req: RegistryRequest) => Promise<Response>;
}): Promise<string> {
  const { repo, creds } = a;
  const { realm = '', service } = a.challenge.params;
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new MultiarchError(
      'command',
      `registry ${repo.registry} asked for a token from "${realm}", which is not a URL`,
    );
  }
  // Push only with a login: an anonymous token service would refuse the whole request.
  const scope = `repository:${repo.name}:${creds ? 'pull,push' : 'pull'}`;
  let req: RegistryRequest;
  if (creds?.kind === 'identity-token') {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: creds.token,
      service: service ?? '',
      scope,
      client_id: 'multiarch-action',
    });
    req = {
      method: 'POST',
      url: url.href,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode(form.toString()),
    };
  } else {
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    req = {
      method: 'GET',
      url: url.href,
      headers: creds ? { authorization: basic(creds.username, creds.password) } : {},
    };
  }
  const res = await a.send(req);
  const where = `the token service ${url.origin}${url.pathname} of registry ${repo.registry}`;
  if (!res.ok) {
    const login = creds
      ? `the login for ${repo.registry} from the docker config was refused; run docker login ${repo.registry} again`
      : `no login for ${repo.registry} was found in the docker config (docker login ${repo.registry})`;
    throw await refusalError(
      repo.registry,
      req,
      res,
      ({ detail }) =>
        `${where} refused a token for ${scope}: HTTP ${res.status}${detail ? `: ${detail}` : ''}; ${login}`,
    );
  }
  const text = new TextDecoder().decode(
    await readBytes(res, ERROR_BODY_MAX, `the answer of ${where}`),
  );
  let body: { token?: unknown; access_token?: unknown } | null;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new MultiarchError('command', `${where} did not answer with JSON`);
  }
  const token = typeof body?.token === 'string' ? body.token : body?.access_token;
  if (typeof token !== 'string' || token === '')
    throw new MultiarchError('command', `${where} answered without a token`);
  return token;
}
