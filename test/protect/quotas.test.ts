// With the API's default request quotas (1 per second for each Protect operation), reading an
// account for a plan is throttled; eum waits and tries again rather than failing the drift check.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateProtectConfigurationCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createMemoryStore, startSimServer, type SimServer } from '../../src/sim/index.js';
import { runEum } from '../helpers/streams.js';

let server: SimServer;

beforeAll(async () => {
  server = await startSimServer({ config: { quotas: true, quotaScale: 2, failRate: 0, throttleRate: 0 }, store: createMemoryStore() });
  const sdk = new PinpointSMSVoiceV2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' } });
  for (const name of ['a', 'b', 'c']) await sdk.send(new CreateProtectConfigurationCommand({ Tags: [{ Key: 'Name', Value: name }] }));
  sdk.destroy();
});
afterAll(() => server.close());

it('export paces itself through throttling', async () => {
  const r = await runEum(['protect', 'export', '--endpoint-url', server.endpoint, '--max-attempts', '1']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const name of ['a', 'b', 'c']) expect(r.stdout).toContain(`  ${name}:\n`);
  const log = (await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: Array<{ errorType: string | null }> };
  expect(log.requests.some((q) => q.errorType === 'ThrottlingException')).toBe(true);
});

it('apply runs its writes through the engine: throttled writes wait, each configuration is created once', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-protect-quotas-'));
  try {
    const doc = path.join(dir, 'p.yaml');
    const entries = ['d', 'e', 'f'].map(
      (n) =>
        `  ${n}:\n    deletionProtection: false\n    rules:\n      sms: { default: allow, block: [RU, CN] }\n      voice: { default: allow, block: [RU] }\n`,
    );
    writeFileSync(doc, `version: 1\nconfigurations:\n${entries.join('')}`);
    await fetch(`${server.endpoint}/_eum/requests`, { method: 'DELETE' });
    const r = await runEum(['protect', 'apply', '-f', doc, '--yes', '--endpoint-url', server.endpoint, '--max-attempts', '1']);
    expect(r.stderr).toBe('applied: 9 API calls\n');
    expect(r.code).toBe(0);
    const log = (await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; errorType: string | null }> };
    expect(log.requests.some((q) => q.errorType === 'ThrottlingException' && !/^(Describe|Get|List)/.test(q.operation))).toBe(true);
    const created = log.requests.filter((q) => q.operation === 'CreateProtectConfiguration' && q.errorType === null);
    expect(created).toHaveLength(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
