/** Docker contexts for nodes: argv, and what a failed connection means. Pure. */
import { formatEndpoint, type Endpoint } from './endpoint';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export function contextCreateArgs(name: string, endpoint: Endpoint, tls?: TlsFiles): string[] {
  const parts = [`host=${formatEndpoint(endpoint)}`];
  if (endpoint.scheme === 'tcp' && tls) {
    if (tls.ca) parts.push(`ca=${tls.ca}`);
    if (tls.cert) parts.push(`cert=${tls.cert}`);
    if (tls.key) parts.push(`key=${tls.key}`);
  }
  return [
    'docker',
    'context',
    'create',
    name,
    '--description',
    `multiarch-action node ${formatEndpoint(endpoint)}`,
    '--docker',
    parts.join(','),
  ];
}

export function contextRemoveArgs(names: string[]): string[] {
  return ['docker', 'context', 'rm', '--force', ...names];
}

/** The docker CLI aimed at one node. */
export function dockerFor(context: string): string[] {
  return ['docker', '--context', context];
}

export type FailureCause =
  'host key' | 'dns' | 'refused' | 'auth' | 'timeout' | 'tls' | 'no docker' | 'unknown';

const CAUSES: [FailureCause, RegExp, string][] = [
  [
    'host key',
    /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key is known|Host key for .* has changed/i,
    "the node's host key is not the one in ssh-known-hosts. Check the key with ssh-keyscan and update ssh-known-hosts (or, to trust on first use, set ssh-accept-new-host-keys: true).",
  ],
  [
    'dns',
    /Could not resolve hostname|no such host|Name or service not known|Temporary failure in name resolution/i,
    'the host name does not resolve. Check the spelling in "nodes" and the runner\'s DNS.',
  ],
  [
    'refused',
    /Connection refused|connect: connection refused/i,
    'nothing listens on that port. Check the port in "nodes" and that sshd or dockerd runs there.',
  ],
  [
    'auth',
    /Permission denied|Authentication failed|Too many authentication failures|publickey/i,
    'the node refused the key. Check ssh-private-key and the user in "nodes", and that the public key is in the node\'s authorized_keys.',
  ],
  [
    'timeout',
    /timed out|i\/o timeout|Operation timed out|No route to host/i,
    'the node did not answer in time. Check the address and the firewall between the runner and the node.',
  ],
  [
    'tls',
    /x509|certificate|tls:/i,
    "the TLS handshake failed. Check tls-ca, tls-cert and tls-key against the node's dockerd.",
  ],
  [
    'no docker',
    /docker: (command )?not found|Cannot connect to the Docker daemon|Is the docker daemon running/i,
    'the node was reached, but its Docker engine was not. Make sure dockerd runs there and the docker CLI is on the PATH of ssh sessions.',
  ],
];

/** A tcp:// node is a dockerd listening on a port, no ssh in between: its own advice. */
const TCP_FIXES: Partial<Record<FailureCause, string>> = {
  refused:
    'nothing listens on that port. Check the address and port in "nodes", and that dockerd there listens on them (dockerd --host tcp://0.0.0.0:2376 --tlsverify …).',
  timeout:
    'the node did not answer in time. Check the address, and that a firewall between the runner and the node lets the port through.',
  'no docker':
    'no Docker engine answered at that address. Check the address and port in "nodes", and that dockerd there listens on them.',
};

/**
 * Names the cause of a failed connection, and its fix for the node's scheme.
 * A command that was stopped for taking too long, and said nothing known, is
 * a timeout; one that said nothing known at all is quoted as it is.
 */
export function classifyFailure(
  output: string,
  scheme: Endpoint['scheme'] = 'ssh',
  timedOut = false,
): { cause: FailureCause; fix: string } {
  const found =
    CAUSES.find(([, pattern]) => pattern.test(output)) ??
    (timedOut ? CAUSES.find(([c]) => c === 'timeout') : undefined);
  if (found) {
    const [cause, , fix] = found;
    return { cause, fix: (scheme === 'tcp' ? TCP_FIXES[cause] : undefined) ?? fix };
  }
  return {
    cause: 'unknown',
    fix: output.trim()
      ? "the docker CLI's own words, quoted below, name no cause this action knows."
      : 'the docker CLI exited without saying why.',
  };
}
