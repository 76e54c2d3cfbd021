/**
 * Faulty network in front of the simulator, for fault tests:
 *
 * - `startDroppingProxy(target, { drop, stall })`: forwards each request to the simulator, lets it
 *   act, then (when `drop` says so) closes the client's connection instead of relaying the answer:
 *   a reply lost after the service acted. `stall`: the request is held, never forwarded or answered.
 * - `startSilentServer('silent')`: accepts connections and never answers; `'headers'` sends the
 *   status line and headers, then stalls (the body never comes).
 *
 * Every server closes its open connections on `close()`.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultServer {
  endpoint: string;
  close(): Promise<void>;
}

export interface DroppingProxy extends FaultServer {
  /** Requests forwarded so far. */
  readonly forwarded: number;
  /** Replies dropped so far. */
  readonly dropped: number;
}

/** The operation of an AWS JSON request (`X-Amz-Target: PinpointSMSVoiceV2.SendTextMessage`). */
function operationOf(req: http.IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' ? target.replace(/^.*\./, '') : '';
}

/** The Region of a signed request (its credential scope). */
function regionOf(req: http.IncomingMessage): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
}

function track(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: http.Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/**
 * A proxy to `target` that drops the reply when `drop(n, operation, region)` is true (`n` counts
 * the forwarded requests from 0). The request always reaches the target first.
 */
export async function startDroppingProxy(
  target: string,
  options: { drop: (n: number, operation: string, region: string) => boolean; stall?: (n: number, operation: string, region: string) => boolean },
): Promise<DroppingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let forwarded = 0;
  let dropped = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = forwarded++;
      const operation = operationOf(req);
      // Stalled: the request never reaches the target, and no answer ever comes.
      if (options.stall?.(n, operation, regionOf(req))) return;
      const out = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          if (options.drop(n, operation, regionOf(req))) {
            dropped++;
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(body));
        });
      });
      out.on('error', () => req.socket.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  const sockets = track(server);
  const endpoint = await listen(server);
  const close = closer(server, sockets);
  return {
    endpoint,
    get forwarded() {
      return forwarded;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      agent.destroy();
      await close();
    },
  };
}

/** A server that accepts and never answers (`silent`), or answers headers then stalls (`headers`). */
export async function startSilentServer(mode: 'silent' | 'headers' = 'silent'): Promise<FaultServer & { readonly requests: number }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    if (mode === 'headers') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': '1000' });
      res.flushHeaders();
      res.write('{');
    }
  });
  const sockets = track(server);
  const endpoint = await listen(server);
  return {
    endpoint,
    get requests() {
      return requests;
    },
    close: closer(server, sockets),
  };
}
