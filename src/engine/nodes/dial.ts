/**
 * What a plain TCP connection to a tcp:// node says. The docker CLI reports
 * every failure there as "Cannot connect to the Docker daemon … Is the docker
 * daemon running?"; the socket error names the real cause (refused, no route,
 * unknown host).
 */
import { connect } from 'node:net';

const DIAL_TIMEOUT_MS = 5_000;

/** The socket error of connecting to host:port, as text; undefined when it connects. */
export function dialError(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | undefined): void => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(DIAL_TIMEOUT_MS, () => done(`dial tcp ${host}:${port}: i/o timeout`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const words: Partial<Record<string, string>> = {
        ECONNREFUSED: 'connect: connection refused',
        ENOTFOUND: 'no such host',
        EHOSTUNREACH: 'No route to host',
      };
      done(`dial tcp ${host}:${port}: ${(err.code && words[err.code]) ?? err.message}`);
    });
  });
}
