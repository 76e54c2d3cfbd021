/** The simulator for the registration tests: a real server on a free port, quotas off, in memory. */
import { createMemoryStore, startSimServer } from '../../src/sim/index.js';

export interface RegistrationSim {
  endpoint: string;
  close(): Promise<void>;
  /** The simulator's request log (GET /_eum/requests). */
  requests(): Promise<Array<{ operation: string | null; status: number; errorType: string | null }>>;
}

export async function startRegistrationSim(opts: { registrationTypesDir?: string } = {}): Promise<RegistrationSim> {
  const server = await startSimServer({
    store: createMemoryStore(),
    config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, registrationTypesDir: opts.registrationTypesDir },
  });
  return {
    endpoint: server.endpoint,
    close: () => server.close(),
    requests: async () => ((await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: [] }).requests,
  };
}
