/** Starting a simulator for command tests, and reading its request log. */
import { startSimServer, createMemoryStore, type SimConfig, type SimStore } from '../../src/sim/index.js';

export { createMemoryStore };

export async function startSim(config: Partial<SimConfig> = {}, store: SimStore = createMemoryStore()) {
  return startSimServer({
    host: '127.0.0.1',
    port: 0,
    store,
    config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, ...config },
  });
}

export interface LoggedRequest {
  operation: string;
  region?: string;
  status?: number;
  httpStatus?: number;
  errorType?: string;
}

/** Every request the simulator received (GET /_eum/requests). */
export async function simRequests(endpoint: string): Promise<LoggedRequest[]> {
  const res = await fetch(new URL('/_eum/requests', endpoint));
  const body = (await res.json()) as LoggedRequest[] | { requests: LoggedRequest[] };
  return Array.isArray(body) ? body : body.requests;
}

export async function clearSimRequests(endpoint: string): Promise<void> {
  await fetch(new URL('/_eum/requests', endpoint), { method: 'DELETE' });
}

/** Requests of one operation that succeeded. */
export async function countOk(endpoint: string, operation: string): Promise<number> {
  return (await simRequests(endpoint)).filter((r) => r.operation === operation && (r.status ?? r.httpStatus) === 200).length;
}
