/**
 * A TCP proxy on loopback in front of a test registry, that misbehaves as
 * told: the registry faults a runner meets, made on purpose.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyFault =
  /** Pass everything through. */
  | { kind: 'none' }
  /**
   * Accept connections and never answer a request. A TLS hello is refused at
   * once (the plain-http registry's own answer), so the client falls back to
   * http and hangs there, as behind a registry that completed TLS and went quiet.
   */
  | { kind: 'silent' }
  /** Pass through until the client has sent this many bytes, then reset every connection, then and after. */
  | { kind: 'drop-after'; bytes: number };

export interface Proxy {
  host: string;
  /** Connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startProxy(upstream: string, fault: ProxyFault): Promise<Proxy> {
  const [upHost, upPort] = upstream.split(':');
  const sockets = new Set<Socket>();
  let accepted = 0;
  let sent = 0;
  let dropping = false;
  const server: Server = createServer((client) => {
    accepted++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (fault.kind === 'silent') {
      client.once('data', (first: Buffer) => {
        if (first[0] === 0x16)
          client.end(
            'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n',
          );
      });
      return;
    }
    if (dropping) {
      client.resetAndDestroy();
      return;
    }
    const up = connect(Number(upPort), upHost);
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
    up.pipe(client);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (fault.kind === 'drop-after' && sent > fault.bytes) dropping = true;
      if (dropping) {
        for (const s of sockets) s.resetAndDestroy();
        return;
      }
      up.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    connections: () => accepted,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
