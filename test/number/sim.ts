/** A simulator for the number and pool tests: its request log, and eum run against it. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createMemoryStore, startSimServer, type SimServer } from '../../src/sim/index.js';
import { freshState } from '../../src/sim/state.js';
import { runEum, tempHome, type FakeOptions, type FakeRun } from '../helpers/streams.js';

export interface LoggedRequest {
  operation: string;
  status: number;
  errorType: string | null;
}

export interface NumberSim {
  endpoint: string;
  server: SimServer;
  /** Requests the simulator answered since the last `clear`. */
  requests(operation?: string): Promise<LoggedRequest[]>;
  clear(): Promise<void>;
  /** Runs eum against this simulator with its own state directory (one per sim unless given). */
  eum(argv: string[], opts?: FakeOptions): Promise<FakeRun>;
  json(argv: string[], opts?: FakeOptions): Promise<any>;
  close(): Promise<void>;
}

export async function startNumberSim(account: 'new' | 'ready'): Promise<NumberSim> {
  const server = await startSimServer({
    config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, account },
    store: createMemoryStore(freshState(new Date(), account)),
  });
  const home = tempHome();
  const sim: NumberSim = {
    endpoint: server.endpoint,
    server,
    async requests(operation) {
      const { requests } = (await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: LoggedRequest[] };
      return operation ? requests.filter((r) => r.operation === operation) : requests;
    },
    async clear() {
      await fetch(`${server.endpoint}/_eum/requests`, { method: 'DELETE' });
    },
    eum: (argv, opts = {}) => runEum(['--endpoint-url', server.endpoint, ...argv], { home, ...opts }),
    async json(argv, opts) {
      const r = await sim.eum([...argv, '--json'], opts);
      if (r.code !== 0) throw new Error(`eum ${argv.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return JSON.parse(r.stdout);
    },
    close: () => server.close(),
  };
  return sim;
}

/** The one `number request` journal under `home` (one endpoint, one request): its text. */
export function numberRequestJournal(home: string): string {
  const dir = path.join(home, 'journal', 'number-request');
  const [target] = readdirSync(dir);
  const [file] = readdirSync(path.join(dir, target));
  return readFileSync(path.join(dir, target, file), 'utf8');
}

/** Its entries. */
export function numberRequestEntries(home: string): Array<{ kind: string; status?: string }> {
  return numberRequestJournal(home)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}
