/**
 * `WWW-Authenticate` challenges (RFC 7235), as a registry answers a 401:
 * `Bearer realm="https://auth.example/token",service="x",scope="repository:a:pull"`
 * or `Basic realm="Registry"`, possibly several in one header. A scope holds
 * commas (`pull,push`), so the header cannot be split on them. Pure.
 */

export interface Challenge {
  /** Lowercase: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lowercase, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

export function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = header;
  const skip = (chars: RegExp): void => {
    const m = rest.match(chars);
    if (m) rest = rest.slice(m[0].length);
  };
  skip(/^[\s,]*/);
  while (rest.length > 0) {
    const scheme = rest.match(TOKEN)?.[0];
    if (!scheme) break;
    rest = rest.slice(scheme.length);
    const params: Record<string, string> = {};
    // A token68 (`Negotiate abc==`) stands alone after its scheme; registries do not use one.
    skip(/^\s+[A-Za-z0-9._~+/-]+=*\s*(?=,|$)/);
    for (;;) {
      skip(/^[\s,]*/);
      const param = rest.match(/^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*/);
      if (!param) break;
      const after = rest.slice(param[0].length);
      const quoted = after.match(/^"((?:[^"\\]|\\.)*)"/);
      // Unquoted values should be tokens; a realm URL sent bare is taken up to the next comma.
      const bare = after.match(/^[^\s,]+/);
      const raw = quoted?.[0] ?? bare?.[0] ?? '';
      params[(param[1] ?? '').toLowerCase()] = quoted
        ? (quoted[1] ?? '').replace(/\\(.)/g, '$1')
        : raw;
      rest = after.slice(raw.length);
    }
    challenges.push({ scheme: scheme.toLowerCase(), params });
    skip(/^[\s,]*/);
  }
  return challenges;
}

/** The challenge to answer: Bearer when offered (what docker does), else Basic; undefined for neither. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return (
    challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ??
    challenges.find((c) => c.scheme === 'basic')
  );
}
