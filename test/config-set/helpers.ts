/** The simulator for config-set, verify and account tests: either account preset, its request log, and eum run against it. */
import { createMemoryStore, freshState } from '../../src/sim/index.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';
import { runEum, type FakeRun } from '../helpers/streams.js';

export interface PresetSim extends TestSim {
  endpoint: string;
  /** Operations the simulator answered since the last `clearRequests`. */
  operations(): Promise<string[]>;
  clearRequests(): Promise<void>;
  eum(args: string[], opts?: { tty?: boolean; stdin?: string; home?: string }): Promise<FakeRun>;
  /** `eum ... --json`, parsed; fails the test on an unexpected exit code. */
  json(args: string[], codes?: number[]): Promise<any>;
}

export async function startPresetSim(preset: 'new' | 'ready'): Promise<PresetSim> {
  const start = Date.parse('2026-11-23T10:00:00Z');
  const sim = await startTestSim({}, createMemoryStore(freshState(new Date(start), preset)));
  const endpoint = sim.server.endpoint;
  const eum = (args: string[], opts: { tty?: boolean; stdin?: string; home?: string } = {}) =>
    runEum([...args, '--endpoint-url', endpoint], { ...opts, env: { NO_COLOR: '1' } });
  return {
    ...sim,
    endpoint,
    async operations() {
      const body = (await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string }> };
      return body.requests.map((r) => r.operation);
    },
    async clearRequests() {
      await fetch(`${endpoint}/_eum/requests`, { method: 'DELETE' });
    },
    eum,
    async json(args, codes = [0]) {
      const r = await eum([...args, '--json']);
      if (!codes.includes(r.code)) throw new Error(`eum ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
      return JSON.parse(r.stdout);
    },
  };
}
