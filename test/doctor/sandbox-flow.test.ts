/**
 * The sandbox flow end to end, as a new user does it: a new account (sandbox, no number, $1),
 * `eum doctor`, a simulator number, a verified handset with the code the simulator delivered, a
 * first message, and `eum doctor` again. Every step is the real command over real HTTP.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';
import { createMemoryStore, freshState } from '../../src/sim/index.js';

const HANDSET = '+12065550142';
/** A destination simulator number: a simulator origination number sends to these. */
const SIMULATOR_DESTINATION = '+14254147755';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({}, createMemoryStore(freshState(new Date('2026-11-23T10:00:00Z'), 'new')));
});
afterAll(async () => {
  await sim.close();
});

it('a new account: doctor, number request --type simulator, verify add and confirm, send, doctor', async () => {
  const home = tempHome();
  const eum = (...args: string[]) => runEum(['--endpoint-url', sim.server.endpoint, '--region', 'us-east-1', ...args], { home });

  const before = await eum('doctor', '--country', 'US', '--json');
  expect(before.code).toBe(1);
  const b = JSON.parse(before.stdout);
  expect(b.problems.map((p: { code: string; fix: string }) => [p.code, p.fix])).toEqual([
    ['SANDBOX_NO_VERIFIED_NUMBER', expect.stringContaining('eum verify add +E164')],
    ['COUNTRY_NEEDS_IDENTITY', 'eum number request --country US --type simulator'],
    ['SPEND_LIMIT_LOW', expect.stringContaining('AWS Support')],
  ]);

  const number = await eum('number', 'request', '--country', 'US', '--type', 'simulator', '--yes', '--json');
  expect(number.code, number.stderr).toBe(0);
  const simulatorNumber = JSON.parse(number.stdout).phoneNumber.phoneNumber as string;
  expect(simulatorNumber).toMatch(/^\+1206555/);

  const added = await eum('verify', 'add', HANDSET, '--json');
  expect(added.code, added.stderr).toBe(0);
  const inbox = (await sim.hook('GET', `/_eum/messages?to=${encodeURIComponent(HANDSET)}`)).body.messages as Array<{ kind: string; body: string }>;
  const code = /(\d{6})/.exec(inbox.find((m) => m.kind === 'verification')!.body)![1];
  const confirmed = await eum('verify', 'confirm', HANDSET, code, '--json');
  expect(confirmed.code, confirmed.stderr).toBe(0);

  const mid = await eum('doctor', '--country', 'US', '--json');
  expect(JSON.parse(mid.stdout).account.verifiedNumbers).toEqual({ verified: 1, pending: 0 });

  const sent = await eum('send', '--to', SIMULATOR_DESTINATION, '--body', 'hello from the sandbox', '--json');
  expect(sent.code, sent.stderr).toBe(0);
  expect(JSON.parse(sent.stdout).messageId).toMatch(/\S/);
  const delivered = (await sim.hook('GET', `/_eum/messages?to=${encodeURIComponent(SIMULATOR_DESTINATION)}`)).body.messages as Array<{
    body: string;
    from: string;
  }>;
  expect(delivered.map((m) => [m.from, m.body])).toEqual([[simulatorNumber, 'hello from the sandbox']]);

  const after = await eum('doctor', '--country', 'US', '--json');
  expect(after.code).toBe(0);
  const a = JSON.parse(after.stdout);
  expect(a.ok).toBe(true);
  expect(a.countries).toEqual([
    {
      country: 'US',
      name: 'United States',
      status: 'simulator-only',
      carrier: expect.objectContaining({ value: simulatorNumber, numberType: 'SIMULATOR' }),
      problems: ['SIMULATOR_ONLY'],
    },
  ]);
  expect(a.problems.map((p: { code: string; severity: string }) => `${p.severity}:${p.code}`)).toEqual([
    'warning:SANDBOX',
    'warning:SPEND_LIMIT_LOW',
    'warning:SIMULATOR_ONLY',
  ]);
  expect(a.problems[0].message).toContain('+*******0142');
  expect(after.stdout).not.toContain(HANDSET);
});
