/**
 * The HTTP front of the simulator: AWS JSON 1.0 (`POST /`, `X-Amz-Target: PinpointSMSVoiceV2.Op`)
 * for the API, and test hooks under /_eum/.
 *
 * Order for an API request, as in the service: authentication (a SigV4 Authorization header must be
 * present; any key is accepted, the region comes from its credential scope), the operation, then
 * quotas and injected faults (before the handler: no side effects), then reading and validating
 * the JSON input, then the handler inside one store transaction.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, simNow, type SimClock } from './clock.js';
import type { SimConfig } from './config.js';
import { SimError, coralError, internalError, throttlingError } from './errors.js';
import { matchHook } from './hooks/index.js';
import { model } from './model.js';
import { operations } from './ops/index.js';
import { QuotaBuckets } from './quotas.js';
import { RequestLog } from './request-log.js';
import { regionState } from './state.js';
import type { SimStore } from './store.js';
import { checkInput } from './validate.js';

export interface SimServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

export interface SimServerOptions {
  host?: string;
  port?: number;
  config: SimConfig;
  store: SimStore;
  clock?: SimClock;
}

const TARGET_PREFIX = `${model.service.targetPrefix}.`;
const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a simulator on host:port (default 127.0.0.1, a free port). */
export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const { config, store } = opts;
  const clock = opts.clock ?? systemClock;
  const requests = new RequestLog();
  const quotas = new QuotaBuckets({ quotas: config.quotas, quotaScale: config.quotaScale || 1 }, () => clock.now());
  // The clock offset seen by the last transaction: request-log times without a store round trip.
  let lastOffsetMs = 0;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    let operation: string | null = null;
    let region: string | null = null;
    let status = 200;
    let errorType: string | null = null;
    try {
      const body = await readBody(req);
      const auth = req.headers.authorization;
      if (!auth) throw coralError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
      const scope = CREDENTIAL_SCOPE.exec(auth);
      if (!auth.startsWith('AWS4-HMAC-SHA256') || !scope) {
        throw coralError('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of a SigV4 signature. Authorization=${auth.split(' ')[0]}`);
      }
      if (scope[3] !== model.service.signingName) {
        throw coralError('InvalidSignatureException', `Credential should be scoped to correct service: '${model.service.signingName}'.`);
      }
      region = scope[2];

      const target = req.headers['x-amz-target'];
      const name = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
      if (req.method !== 'POST' || !name || !model.operations[name]) throw coralError('UnknownOperationException');
      operation = name;
      const handler = operations[name];
      if (!handler) throw coralError('UnknownOperationException', `The eum simulator does not implement ${name} yet.`);

      if (config.latencyMs) {
        const [lo, hi] = config.latencyMs;
        await sleep(lo + Math.random() * Math.max(0, hi - lo));
      }
      // An injected throttle, like a quota throttle, refuses the request before it is served: it
      // does not spend the caller's quota.
      if (config.throttleRate > 0 && Math.random() < config.throttleRate) throw throttlingError();
      if (!quotas.take(name, region)) throw throttlingError();
      if (config.failRate > 0 && Math.random() < config.failRate) throw internalError(requestId);

      let input: unknown;
      try {
        const text = body.toString('utf8');
        // JSON nulls mean "absent" to the service; drop them so handlers see only set members.
        input = body.length === 0 ? {} : text.includes('null') ? JSON.parse(text, (_k, v) => (v === null ? undefined : v)) : JSON.parse(text);
      } catch {
        throw coralError('SerializationException', 'Unable to parse the request body as JSON');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw coralError('SerializationException', 'Start of structure or map expected');
      checkInput(name, input);

      const regionName = region;
      const output = await store.transact((s) => {
        lastOffsetMs = s.clockOffsetMs;
        return handler({ state: s, region: regionState(s, regionName), regionName, now: simNow(clock, s), requestId, config }, input);
      });
      send(res, 200, output, { 'Content-Type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId });
    } catch (err) {
      const e = err instanceof SimError ? err : internalError(requestId, `The simulator failed: ${(err as Error)?.message ?? String(err)}`, 'SIMULATOR_STATE_CORRUPT');
      status = e.status;
      errorType = e.errorType;
      send(res, e.status, e.wireBody(), { 'Content-Type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': e.errorType });
    } finally {
      requests.add({ operation, status, errorType, time: new Date(clock.now() + lastOffsetMs).toISOString(), region });
    }
  }

  async function handleHook(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const headers = { 'Content-Type': 'application/json' };
    const match = matchHook(req.method ?? 'GET', url.pathname);
    if (match === undefined) return send(res, 404, { message: `no simulator hook ${req.method} ${url.pathname}; GET /_eum/ lists them` }, headers);
    if (match === 'method-not-allowed') return send(res, 405, { message: `${req.method} is not allowed on ${url.pathname}` }, headers);
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    if (raw.length) {
      try {
        const parsed = JSON.parse(raw.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed;
      } catch {
        return send(res, 400, { message: 'the body is not JSON' }, headers);
      }
    }
    try {
      const result = await match.handler({ method: req.method ?? 'GET', params: match.params, query: url.searchParams, body, store, clock, config, requests });
      send(res, result.status ?? 200, result.body, headers);
    } catch (err) {
      send(res, 500, { message: (err as Error)?.message ?? String(err) }, headers);
    }
  }

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const done = rawUrl.startsWith('/_eum') ? handleHook(req, res, new URL(rawUrl, 'http://sim')) : handleApi(req, res);
    done.catch((err) => {
      if (!res.headersSent) send(res, 500, { message: String(err) }, { 'Content-Type': 'application/json' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${shownHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
