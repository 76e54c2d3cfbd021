import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateProtectConfigurationCommand,
  CreateRegistrationCommand,
  SetAccountDefaultProtectConfigurationCommand,
  UpdateProtectConfigurationCountryRuleSetCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { runEum } from '../helpers/streams.js';
import { startSilentServer } from '../helpers/faults.js';
import { waitUntil } from '../helpers/wait.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';
import { createMemoryStore, freshState } from '../../src/sim/index.js';

const START = new Date('2026-11-23T10:00:00Z');
const startSim = (account: 'new' | 'ready', config: Parameters<typeof startTestSim>[0] = {}) =>
  startTestSim(config, createMemoryStore(freshState(START, account)));

interface Logged {
  operation: string;
  status: number;
}
const requests = async (sim: TestSim): Promise<Logged[]> => (await sim.hook('GET', '/_eum/requests')).body.requests;
const clear = (sim: TestSim) => sim.hook('DELETE', '/_eum/requests');
const doctor = (sim: TestSim, args: string[], tty = false) =>
  runEum(['--endpoint-url', sim.server.endpoint, '--region', 'us-east-1', '--no-color', 'doctor', ...args], { tty });

let fresh: TestSim;
let ready: TestSim;
beforeAll(async () => {
  [fresh, ready] = await Promise.all([startSim('new'), startSim('ready')]);
});
afterAll(async () => {
  await Promise.all([fresh.close(), ready.close()]);
});

describe('eum doctor on a new (sandbox) account', () => {
  it('lists every blocker with its fix and exits 1, reading only', async () => {
    await clear(fresh);
    const r = await doctor(fresh, ['--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { code: string; severity: string }) => `${p.severity}:${p.code}`)).toEqual([
      'blocker:SANDBOX_NO_VERIFIED_NUMBER',
      'blocker:NO_ORIGINATION_IDENTITY',
      'warning:SPEND_LIMIT_LOW',
    ]);
    for (const p of report.problems) expect(p.fix).toMatch(/\S/);
    expect(report.account).toMatchObject({
      region: 'us-east-1',
      tier: 'SANDBOX',
      sandbox: true,
      textSpendLimit: { enforcedLimit: 1, maxLimit: 1, overridden: false },
      textSpentThisMonth: null,
      endpointSource: '--endpoint-url',
    });
    const ops = (await requests(fresh)).map((q) => q.operation);
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) expect(op).toMatch(/^(Describe|List|Get)/);
  });

  it('on a terminal: a checklist, then the fixes', async () => {
    const r = await doctor(fresh, ['--country', 'US'], true);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ credentials accepted: Region us-east-1, profile (default chain), endpoint http://127.0.0.1:');
    expect(r.stdout).toContain('✗ tier SANDBOX: verified destination numbers only (0 verified of at most 10) and simulator numbers');
    expect(r.stdout).toContain('! text spend limit USD 1 a month (max USD 1); spent this month: unknown (not in the API)');
    expect(r.stdout).toContain('✗ United States (US): no identity can send');
    expect(r.stdout).toContain('To fix:');
    expect(r.stdout).toContain('    $ eum number request --country US --type simulator');
    expect(r.stderr).toContain('2 problems block sending');
  });

  it('piped: one tab-separated line per finding', async () => {
    const r = await doctor(fresh, ['--country', 'us,de']);
    expect(r.code).toBe(1);
    const rows = r.stdout
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => l.split('\t'));
    for (const row of rows) expect(row).toHaveLength(5);
    expect(rows.map((row) => row.slice(0, 3).join(' '))).toEqual([
      'ok CREDENTIALS account',
      'blocker SANDBOX_NO_VERIFIED_NUMBER account',
      'warning SPEND_LIMIT_LOW account',
      'blocker COUNTRY_NEEDS_IDENTITY US',
      'ok COUNTRY DE',
    ]);
    expect(rows[1][3]).toBe('the account is in the sandbox: it sends only to verified destination numbers and simulator numbers, and none is verified');
    expect(rows[3][4]).toBe('eum number request --country US --type simulator');
    expect(rows[4][3]).toBe('Germany (DE): carried by an AWS shared route, throughput unknown');
  });
});

describe('eum doctor on a ready account', () => {
  it('says which number carries the US, with its throughput, and exits 0', async () => {
    const r = await doctor(ready, ['--country', 'US', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, problems: [], registrations: [], numbers: [], account: { tier: 'PRODUCTION', sandbox: false } });
    expect(report.countries).toEqual([
      {
        country: 'US',
        name: 'United States',
        status: 'ok',
        carrier: { kind: 'phone-number', id: expect.stringMatching(/^phone-/), value: '+18335550100', numberType: 'TOLL_FREE', mps: 3 },
        problems: [],
      },
    ]);
    const tty = await doctor(ready, ['--country', 'US'], true);
    expect(tty.stdout).toContain('✓ United States (US): carried by toll-free number +18335550100, 3 parts/s');
    expect(tty.stderr).toContain('nothing blocks sending');
  });

  it('a country that needs a registered sender ID: what to create, then the registration to submit', async () => {
    const before = JSON.parse((await doctor(ready, ['--country', 'GB', '--json'])).stdout);
    expect(before.problems).toEqual([
      expect.objectContaining({ code: 'COUNTRY_NEEDS_IDENTITY', subject: 'GB', fix: 'eum registration create GB_SENDER_ID_REGISTRATION' }),
    ]);
    expect(before.problems[0].message).toContain('it needs a registered sender ID');
    const { RegistrationId: id } = await ready.client().send(new CreateRegistrationCommand({ RegistrationType: 'GB_SENDER_ID_REGISTRATION' }));
    const r = await doctor(ready, ['--country', 'GB', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.registrations).toEqual([{ registrationId: id, registrationType: 'GB_SENDER_ID_REGISTRATION', status: 'CREATED' }]);
    expect(report.problems).toEqual([
      {
        code: 'REGISTRATION_INCOMPLETE',
        severity: 'blocker',
        subject: 'GB',
        message: `United Kingdom (GB): no identity can send until sender-ID registration ${id} is approved; the registration ${id} is a draft, not submitted`,
        fix: `eum registration submit ${id}`,
      },
      {
        code: 'REGISTRATION_INCOMPLETE',
        severity: 'warning',
        subject: id,
        message: `registration ${id} (GB_SENDER_ID_REGISTRATION) is a draft, not submitted`,
        fix: `eum registration submit ${id}`,
      },
    ]);
  });

  it('a country the account default Protect configuration blocks', async () => {
    const sim = await startSim('ready');
    try {
      const client = sim.client();
      const { ProtectConfigurationId: id } = await client.send(new CreateProtectConfigurationCommand({}));
      await client.send(new SetAccountDefaultProtectConfigurationCommand({ ProtectConfigurationId: id }));
      await client.send(
        new UpdateProtectConfigurationCountryRuleSetCommand({
          ProtectConfigurationId: id,
          NumberCapability: 'SMS',
          CountryRuleSetUpdates: { DE: { ProtectStatus: 'BLOCK' } },
        }),
      );
      const r = await doctor(sim, ['--country', 'DE,US', '--json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.account.protectAccountDefault).toBe(id);
      expect(report.countries.map((c: { country: string; status: string }) => `${c.country}:${c.status}`)).toEqual(['DE:blocked', 'US:ok']);
      expect(report.problems).toEqual([
        {
          code: 'PROTECT_BLOCKS_COUNTRY',
          severity: 'blocker',
          subject: 'DE',
          message: `Germany (DE): the account default Protect configuration ${id} blocks SMS to this country`,
          fix: `eum protect rules set ${id} --channel sms --allow DE`,
        },
      ]);
    } finally {
      await sim.close();
    }
  });

  it('reads that are throttled are retried', async () => {
    const sim = await startSim('ready', { throttleRate: 0.3 });
    try {
      const r = await runEum(['--endpoint-url', sim.server.endpoint, '--region', 'us-east-1', '--max-attempts', '10', 'doctor', '--country', 'US', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).countries[0].carrier.value).toBe('+18335550100');
    } finally {
      await sim.close();
    }
  });
});

/** A proxy in front of the simulator that refuses one operation with AccessDeniedException, as an IAM policy without it would. */
async function denying(target: string, operation: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (String(req.headers['x-amz-target']).endsWith(`.${operation}`)) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'AccessDeniedException', 'x-amzn-requestid': 'denied-1' });
      res.end(
        JSON.stringify({
          __type: 'com.amazonaws.pinpointsmsvoicev2#AccessDeniedException',
          Message: `User is not authorized to perform: sms-voice:${operation}`,
        }),
      );
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('eum doctor: input and connection', () => {
  it('a read the credentials may not make is a blocker naming the action; the rest is still checked', async () => {
    const proxy = await denying(ready.server.endpoint, 'DescribeProtectConfigurations');
    try {
      const r = await runEum(['--endpoint-url', proxy.endpoint, '--region', 'us-east-1', 'doctor', '--country', 'US', '--json']);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      // (the shared ready account has a draft registration from an earlier test: a warning)
      expect(report.problems.filter((p: { severity: string }) => p.severity === 'blocker')).toEqual([
        expect.objectContaining({ code: 'READ_FAILED', subject: 'account' }),
      ]);
      expect(report.problems[0].message).toMatch(/^could not read Protect configurations \(DescribeProtectConfigurations\): .*not authorized/);
      expect(report.problems[0].fix).toContain('sms-voice:DescribeProtectConfigurations');
      expect(report.countries[0]).toMatchObject({ country: 'US', status: 'ok', carrier: { value: '+18335550100' } });
    } finally {
      await proxy.close();
    }
  });

  it('bad --country values: every one named, exit 2, no request', async () => {
    await clear(fresh);
    const r = await doctor(fresh, ['--country', 'US,XX', '--country', 'germany', '--json']);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.problems).toEqual([
      { field: '--country', message: 'not a country AWS End User Messaging SMS lists: XX, germany (use ISO 3166-1 alpha-2 codes such as US, GB, DE)' },
    ]);
    expect(await requests(fresh)).toEqual([]);
  });

  it('Ctrl-C while a read waits: exit 130, no report', async () => {
    const silent = await startSilentServer();
    try {
      const ac = new AbortController();
      const run = runEum(['--endpoint-url', silent.endpoint, '--region', 'us-east-1', 'doctor', '--json'], { signal: ac.signal });
      await waitUntil(() => silent.requests > 0, 'the first read');
      ac.abort();
      const r = await run;
      expect(r.code).toBe(130);
      expect(r.stdout).not.toContain('"problems"');
    } finally {
      await silent.close();
    }
  });

  it('an endpoint that does not answer is the report (exit 1), not a crash', async () => {
    const r = await runEum(['--endpoint-url', 'http://127.0.0.1:9', '--region', 'us-east-1', '--max-attempts', '1', 'doctor', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'CONNECTION_FAILED', severity: 'blocker', subject: 'account' })]);
    expect(report.problems[0].message).toMatch(/^the account could not be read: /);
  });
});
