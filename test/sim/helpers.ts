/** Shared set-up for the simulator tests: a server on a free port and SDK clients pointed at it. */
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createMemoryStore, manualClock, startSimServer, type SimClock, type SimConfig, type SimServer, type SimStore } from '../../src/sim/index.js';

export const NO_QUOTAS: SimConfig = { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 };

export interface TestSim {
  server: SimServer;
  store: SimStore;
  clock: ReturnType<typeof manualClock>;
  client(region?: string, maxAttempts?: number): PinpointSMSVoiceV2Client;
  hook(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestSim(config: Partial<SimConfig> = {}, store: SimStore = createMemoryStore(), clock?: SimClock): Promise<TestSim> {
  const c = (clock as ReturnType<typeof manualClock>) ?? manualClock(Date.parse('2026-11-23T10:00:00Z'));
  const server = await startSimServer({ config: { ...NO_QUOTAS, ...config }, store, clock: c });
  const clients: PinpointSMSVoiceV2Client[] = [];
  return {
    server,
    store,
    clock: c,
    client(region = 'us-east-1', maxAttempts = 1) {
      const client = new PinpointSMSVoiceV2Client({
        region,
        endpoint: server.endpoint,
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        maxAttempts,
      });
      clients.push(client);
      return client;
    },
    async hook(method, path, body) {
      const res = await fetch(`${server.endpoint}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

/** Runs `p` and returns the error it rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
