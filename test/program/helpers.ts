/** The simulator for the program tests: the real one over HTTP, a preset, its request log, and eum in-process. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createMemoryStore, startSimServer } from '../../src/sim/index.js';
import { runEum, type FakeRun } from '../helpers/streams.js';
import { tempDir } from '../helpers/temp.js';

export interface ProgramSim {
  endpoint: string;
  requests(): Promise<Array<{ operation: string; status: number; region?: string }>>;
  clearRequests(): Promise<void>;
  sdk(region?: string): PinpointSMSVoiceV2Client;
  close(): Promise<void>;
}

export async function startProgramSim(account: 'new' | 'ready'): Promise<ProgramSim> {
  const server = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, account }, store: createMemoryStore() });
  const endpoint = server.endpoint;
  const clients: PinpointSMSVoiceV2Client[] = [];
  return {
    endpoint,
    requests: async () => {
      const body = (await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; status: number; region?: string }> };
      return body.requests.map((r) => ({ operation: r.operation, status: r.status, region: r.region }));
    },
    clearRequests: async () => void (await fetch(`${endpoint}/_eum/requests`, { method: 'DELETE' })),
    sdk(region = 'us-east-1') {
      const c = new PinpointSMSVoiceV2Client({ endpoint, region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
      clients.push(c);
      return c;
    },
    close: async () => {
      for (const c of clients) c.destroy();
      await server.close();
    },
  };
}

export const isWrite = (op: string) => !/^(Describe|Get|List)/.test(op);

/** eum against an endpoint, with a private home shared by the runs of one test file. */
export function eumAt(endpointOf: () => string) {
  const home = tempDir('eum-program-home-');
  return (args: string[], opts: { tty?: boolean; stdin?: string } = {}): Promise<FakeRun> =>
    runEum([...args, '--endpoint-url', endpointOf()], { ...opts, home, env: { NO_COLOR: '1' } });
}

/** Writes a document into a temp dir and returns its path. */
export function writeDoc(text: string, name = 'program.yaml'): string {
  const file = path.join(tempDir('eum-program-doc-'), name);
  writeFileSync(file, text);
  return file;
}
