/**
 * How a probe reaches a port a node's container published on the node's own
 * loopback: an ssh node through the action's shared ssh connection (a local
 * forward), a unix:// node directly (it is this machine), a tcp:// node not at
 * all (its loopback is out of reach), said clearly.
 */
import { createServer } from 'node:net';
import { exec, tail } from '../../docker/exec';
import type { NodeSpec } from '../../docker/endpoint';
import { formatEndpoint } from '../../docker/endpoint';
import { sshForwardArgs, sshMasterArgs, type SshTarget } from '../../docker/ssh';
import type { PostState } from '../../runner/state';
import { reachLocal, type ReachPort } from '../../verify/probe-run';

const SSH_TIMEOUT_MS = 30_000;

function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

function sshReach(ssh: NonNullable<PostState['ssh']>, target: SshTarget, node: string): ReachPort {
  return async (remotePort) => {
    const local = await freeLocalPort();
    const opts = { timeoutMs: SSH_TIMEOUT_MS, allowFailure: true, quiet: true } as const;
    let res = await exec(sshForwardArgs(ssh, target, 'forward', local, remotePort), opts);
    if (res.exitCode !== 0) {
      // The shared connection may have timed out (ControlPersist): open it again.
      await exec(sshMasterArgs(ssh, target), opts);
      res = await exec(sshForwardArgs(ssh, target, 'forward', local, remotePort), opts);
    }
    if (res.exitCode !== 0) {
      throw new Error(
        `could not forward a local port to port ${remotePort} on node ${node} over ssh: ${tail(res.output, 3)}`,
      );
    }
    return {
      host: '127.0.0.1',
      port: local,
      close: async () => {
        await exec(sshForwardArgs(ssh, target, 'cancel', local, remotePort), opts);
      },
    };
  };
}

/** The way to reach each node's published ports, by node name (its endpoint). */
export function reachByNode(
  nodes: NodeSpec[],
  ssh: PostState['ssh'],
): (node: string) => ReachPort | undefined {
  return (node) => {
    const spec = nodes.find((n) => formatEndpoint(n.endpoint) === node);
    if (!spec) return undefined; // the runner's own engine
    const e = spec.endpoint;
    if (e.scheme === 'unix') return reachLocal;
    if (e.scheme === 'ssh') {
      if (!ssh) {
        return () =>
          Promise.reject(
            new Error(
              `smoke-probe on ssh node ${node} needs the action's own ssh connection: give ssh-private-key (and ssh-known-hosts)`,
            ),
          );
      }
      return sshReach(ssh, { user: e.user, host: e.host, port: e.port }, node);
    }
    return () =>
      Promise.reject(
        new Error(
          `a port published on tcp:// node ${node} is on that machine's loopback, out of the runner's reach. Use an ssh:// node to probe a server, or drop smoke-probe`,
        ),
      );
  };
}
