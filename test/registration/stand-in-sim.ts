/**
 * A stand-in for the simulator's HTTP front end while src/sim is a placeholder on main: AWS
 * JSON 1.0 over real HTTP, dispatching to the registration handlers (the same ones the simulator
 * wires), with the request log, clock and review hooks at the simulator's paths.
 * Replaced by `startSimServer` once the simulator lands.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { registrationHandlers, advanceRegistrations, reviewHook, RegistrationApiError, emptyRegistrationsState, loadCatalog } from '../../src/sim/ops/registrations.js';

export interface StandInSim {
  endpoint: string;
  close(): Promise<void>;
  requests: Array<{ operation: string; status: number; errorType?: string }>;
}

function toWire(v: unknown): unknown {
  if (v instanceof Date) return v.getTime() / 1000;
  if (Array.isArray(v)) return v.map(toWire);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toWire(x)]));
  return v;
}

export async function startStandInSim(opts: { registrationTypesDir?: string } = {}): Promise<StandInSim> {
  const rs = emptyRegistrationsState();
  const catalog = loadCatalog(opts.registrationTypesDir);
  let offset = 0;
  const requests: StandInSim['requests'] = [];
  const env = () => ({ now: new Date(Date.now() + offset), region: 'us-east-1', accountId: '111122223333', catalog });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'stand-in', ...headers });
        res.end(JSON.stringify(json));
      };
      const url = req.url ?? '/';
      if (url === '/_eum/requests') {
        if (req.method === 'DELETE') requests.length = 0;
        return send(200, { requests });
      }
      if (url === '/_eum/clock') {
        offset += (JSON.parse(body || '{}').advanceSeconds ?? 0) * 1000;
        return send(200, { now: env().now.toISOString() });
      }
      const m = /^\/_eum\/registrations\/([^/]+)\/review$/.exec(url);
      if (m) {
        const [status, out] = reviewHook({ rs, env: env() }, m[1], JSON.parse(body || 'null'));
        return send(status, toWire(out));
      }
      const op = String(req.headers['x-amz-target'] ?? '').replace('PinpointSMSVoiceV2.', '');
      const handler = registrationHandlers[op];
      if (!handler) {
        requests.push({ operation: op, status: 400, errorType: 'UnknownOperationException' });
        return send(400, { __type: 'UnknownOperationException', message: `unknown operation ${op}` });
      }
      try {
        const e = env();
        advanceRegistrations(rs, e.now);
        const out = handler(JSON.parse(body || '{}'), { rs, env: e, setTags: () => undefined, dropTags: () => undefined });
        requests.push({ operation: op, status: 200 });
        send(200, toWire(out));
      } catch (err) {
        if (err instanceof RegistrationApiError) {
          requests.push({ operation: op, status: err.httpStatus, errorType: err.type });
          return send(err.httpStatus, { __type: err.type, message: err.message, ...err.extra }, { 'x-amzn-errortype': err.type });
        }
        requests.push({ operation: op, status: 500, errorType: 'InternalServerException' });
        send(500, { __type: 'InternalServerException', message: String((err as Error).stack) });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
