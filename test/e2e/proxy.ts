/**
 * A TCP proxy on loopback in front of a test registry, that misbehaves as
 * told: the registry faults a runner meets, made on purpose.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

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
  | { kind: 'drop-after'; bytes: number }
  /**
   * Complete every TLS handshake (with this PEM certificate and key), then
   * never answer: a registry that accepts TLS and hangs. A plain-http request
   * gets what a TLS-only server answers, at once.
   */
  | { kind: 'tls-black-hole'; cert: string; key: string }
  /**
   * Pass everything through, but send the registry's answers back one byte
   * every `everyMs`: a registry that answers, slowly. A TLS hello is refused
   * as `silent` refuses it, so clients talk plain http.
   */
  | { kind: 'trickle'; everyMs: number }
  /**
   * Pass everything through, but answer the first request whose request
   * line and headers match with a 500, then close: a registry that hiccups once.
   */
  | { kind: 'fail-once'; request: RegExp };

export interface Proxy {
  host: string;
  /** Connections accepted so far. */
  connections(): number;
  /** TLS handshakes completed so far (tls-black-hole). */
  handshakes(): number;
  /** Bytes of answers sent so far (trickle). */
  trickled(): number;
  /** Requests answered with the fault's 500 (fail-once). */
  failed(): number;
  stop(): Promise<void>;
}

/** What Go's TLS servers answer to a plain-http request: the registry's own answer. */
const HTTP_TO_HTTPS =
  'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';

/**
 * Writes what it is given to `to` one byte every `everyMs`, in order; `end`
 * ends `to` once everything queued is written.
 */
function trickler(
  to: Socket,
  everyMs: number,
  count: () => void,
): { write(data: Buffer): void; end(): void } {
  const queue: number[] = [];
  let ending = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const byte = queue.shift();
    if (byte === undefined || to.destroyed) {
      clearInterval(timer);
      timer = undefined;
      if (ending) to.end();
      return;
    }
    to.write(Buffer.of(byte));
    count();
  };
  to.on('close', () => clearInterval(timer));
  return {
    write(data) {
      queue.push(...data);
      timer ??= setInterval(tick, everyMs);
    },
    end() {
      ending = true;
      if (!timer) to.end();
    },
  };
}

export async function startProxy(upstream: string, fault: ProxyFault): Promise<Proxy> {
  const [upHost, upPort] = upstream.split(':');
  const sockets = new Set<Socket>();
  let accepted = 0;
  let sent = 0;
  let dropping = false;
  let handshakes = 0;
  let trickled = 0;
  let failed = 0;
  const server: Server = createServer((client) => {
    accepted++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (fault.kind === 'silent') {
      client.once('data', (first: Buffer) => {
        if (first[0] === 0x16) client.end(HTTP_TO_HTTPS);
      });
      return;
    }
    if (fault.kind === 'tls-black-hole') {
      client.once('data', (first: Buffer) => {
        if (first[0] !== 0x16) {
          client.end(HTTP_TO_HTTPS);
          return;
        }
        // Hand the hello back and let TLS take the connection over; what
        // comes through it is read and never answered.
        client.pause();
        client.unshift(first);
        const tls = new TLSSocket(client, { isServer: true, cert: fault.cert, key: fault.key });
        tls.on('secure', () => handshakes++);
        tls.on('error', () => client.destroy());
        tls.on('data', () => undefined);
      });
      return;
    }
    if (fault.kind === 'trickle') {
      client.once('data', (first: Buffer) => {
        if (first[0] === 0x16) {
          client.end(HTTP_TO_HTTPS);
          return;
        }
        const up = connect(Number(upPort), upHost);
        const slow = trickler(client, fault.everyMs, () => trickled++);
        sockets.add(up);
        up.on('close', () => {
          sockets.delete(up);
          slow.end();
        });
        up.on('error', () => client.destroy());
        client.on('close', () => up.destroy());
        up.on('data', (chunk: Buffer) => slow.write(chunk));
        up.write(first);
        client.on('data', (chunk: Buffer) => up.write(chunk));
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
      if (
        fault.kind === 'fail-once' &&
        failed === 0 &&
        fault.request.test(chunk.toString('latin1'))
      ) {
        failed++;
        client.end(
          'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
        );
        up.destroy();
        return;
      }
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
    handshakes: () => handshakes,
    trickled: () => trickled,
    failed: () => failed,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
