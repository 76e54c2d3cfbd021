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
import { createEventsWriter, registrationEvents, releaseDueEvents, takeOutbox } from './events.js';
import { matchHook } from './hooks/index.js';
import { MpsBuckets } from './mps.js';
import { model } from './model.js';
import { operations } from './ops/index.js';
import { QuotaBuckets } from './quotas.js';
import { RequestLog } from './request-log.js';
import { regionState, type RegionState, type SimState } from './state.js';
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

/** Hook bodies are small JSON documents; anything larger is refused while reading (413). */
const MAX_HOOK_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, maxBytes = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
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

/**
 * Hooks move the clock, approve registrations and reset the account, so a web page the user has
 * open must not reach them. A browser marks its requests with `Origin` (and `Sec-Fetch-*`), and the
 * only bodies it can send without a CORS preflight (which the simulator never answers) are
 * `text/plain`, form-encoded or multipart: so hooks refuse any request carrying an Origin (or a
 * cross-site Sec-Fetch-Site) and any body or content type that is not JSON.
 */
function hookRequestRefusal(req: http.IncomingMessage, bodyLength: number): { status: number; message: string } | undefined {
  // Node's fetch sends Sec-Fetch-Mode too, so that header alone does not mark a browser.
  const site = req.headers['sec-fetch-site'];
  if (req.headers.origin !== undefined || (site !== undefined && site !== 'none')) {
    return { status: 403, message: 'simulator hooks refuse requests from web pages (Origin or Sec-Fetch-Site header present)' };
  }
  const type = req.headers['content-type'];
  const json = type !== undefined && /^application\/(?:[a-z0-9.+-]*\+)?json\s*(?:;|$)/i.test(type);
  if ((type !== undefined || bodyLength > 0) && !json) {
    return { status: 415, message: 'simulator hooks take JSON: send the header content-type: application/json' };
  }
  return undefined;
}

/** Starts a simulator on host:port (default 127.0.0.1, a free port). */
export async function startSimServer(opts: SimServerOptions): Promise<SimServer> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const requests = new RequestLog();
  const quotas = new QuotaBuckets({ quotas: config.quotas, quotaScale: config.quotaScale || 1 }, () => clock.now());
  const mps = config.quotas ? new MpsBuckets() : undefined;
  const writer = config.eventsDir ? createEventsWriter(config.eventsDir) : undefined;
  // Regions whose tier (and maximum spend limit) this server has set from `config` (once each: POST /_eum/account may change the tier later).
  const tierSet = new Set<string>();
  const applyAccountConfig = (name: string, region: RegionState) => {
    if (tierSet.has(name) || (!config.tier && config.maxSpendLimit === undefined)) return;
    tierSet.add(name);
    if (config.tier) region.account.tier = config.tier;
    if (config.maxSpendLimit !== undefined) {
      for (const l of Object.values(region.account.spendLimits)) {
        l.maxLimit = config.maxSpendLimit;
        if (!l.overridden || l.enforcedLimit > l.maxLimit) l.enforcedLimit = config.maxSpendLimit;
      }
    }
  };

  /**
   * The store every request and hook goes through: each transaction first records the delivery
   * events that have come due, and afterwards the events it recorded go to `--events-dir`.
   */
  const store: SimStore = {
    transact<T>(fn: (s: SimState) => T): Promise<T> {
      let entries: ReturnType<typeof takeOutbox> = [];
      const run = opts.store.transact((s) => {
        try {
          const now = simNow(clock, s);
          for (const [name, region] of Object.entries(s.regions)) {
            applyAccountConfig(name, region);
            releaseDueEvents(region, name, now);
          }
          const out = fn(s);
          // Registration statuses change in operations and on the clock's schedule: compare after each transaction.
          for (const [name, region] of Object.entries(s.regions)) registrationEvents(region, name, now);
          return out;
        } finally {
          entries = takeOutbox();
        }
      });
      return writer ? run.finally(() => entries.length && writer.add(entries)) : run;
    },
    ...(opts.store.save ? { save: () => opts.store.save!() } : {}),
  };
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
        throw coralError(
          'IncompleteSignatureException',
          `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of a SigV4 signature. Authorization=${auth.split(' ')[0]}`,
        );
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
        const region = regionState(s, regionName);
        const now = simNow(clock, s);
        applyAccountConfig(regionName, region);
        const out = handler({ state: s, region, regionName, now, requestId, config, mps }, input);
        return out;
      });
      send(res, 200, output, { 'Content-Type': JSON_CONTENT_TYPE, 'x-amzn-RequestId': requestId });
    } catch (err) {
      const e =
        err instanceof SimError ? err : internalError(requestId, `The simulator failed: ${(err as Error)?.message ?? String(err)}`, 'SIMULATOR_STATE_CORRUPT');
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
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_HOOK_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, { message: `simulator hook bodies are at most ${MAX_HOOK_BODY_BYTES} bytes` }, headers);
      throw err;
    }
    const refused = hookRequestRefusal(req, raw.length);
    if (refused) return send(res, refused.status, { message: refused.message }, headers);
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
      writer?.flush();
      send(res, result.status ?? 200, result.body, headers);
    } catch (err) {
      send(res, 500, { message: (err as Error)?.message ?? String(err) }, headers);
    }
  }

  // With --events-dir, final events reach their files on time even when no request comes.
  const ticker = config.eventsDir ? setInterval(() => void store.transact(() => undefined).catch(() => undefined), 1000) : undefined;
  ticker?.unref();

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
      if (ticker) clearInterval(ticker);
      writer?.flush();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
