/** The simulator for the Protect command tests: the real one, over HTTP, with its test hooks. */
import { createMemoryStore, startSimServer } from '../../src/sim/index.js';

export interface TestSim {
  endpoint: string;
  close(): Promise<void>;
  /** The request log (GET /_eum/requests). */
  requests(): Promise<Array<{ operation: string; status: number; error?: string }>>;
  clearRequests(): Promise<void>;
  /** POST /_eum/clock. */
  advanceClock(seconds: number): Promise<void>;
}

export async function startTestSim(): Promise<TestSim> {
  const server = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 }, store: createMemoryStore() });
  const endpoint = server.endpoint;
  return {
    endpoint,
    close: () => server.close(),
    requests: async () => {
      const body = (await (await fetch(`${endpoint}/_eum/requests`)).json()) as {
        requests: Array<{ operation: string; status: number; errorType?: string; error?: string }>;
      };
      return body.requests.map((r) => ({ operation: r.operation, status: r.status, ...((r.errorType ?? r.error) ? { error: r.errorType ?? r.error } : {}) }));
    },
    clearRequests: async () => void (await fetch(`${endpoint}/_eum/requests`, { method: 'DELETE' })),
    advanceClock: async (s) =>
      void (await fetch(`${endpoint}/_eum/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceSeconds: s }),
      })),
  };
}
