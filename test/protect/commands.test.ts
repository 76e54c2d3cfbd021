import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PinpointSMSVoiceV2Client,
  CreateConfigurationSetCommand,
  UpdateProtectConfigurationCountryRuleSetCommand,
  SendTextMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { fakeBase, runEum } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { startTestSim, type TestSim } from './helpers.js';
import { tempDir } from '../helpers/temp.js';

let sim: TestSim;
let sdk: PinpointSMSVoiceV2Client;
const dir = tempDir('eum-protect-');

const eum = (args: string[], opts: { tty?: boolean; stdin?: string } = {}) =>
  runEum([...args, '--endpoint-url', sim.endpoint], { ...opts, env: { NO_COLOR: '1' } });
const json = async (args: string[]) => {
  const r = await eum([...args, '--json']);
  if (r.code !== 0 && r.code !== 3) throw new Error(`eum ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const writes = (reqs: Array<{ operation: string }>) => reqs.filter((r) => !/^(Describe|Get|List)/.test(r.operation));

beforeAll(async () => {
  sim = await startTestSim();
  sdk = new PinpointSMSVoiceV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  await sdk.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'otp' }));
  await sdk.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'marketing' }));
});
afterAll(async () => {
  sdk.destroy();
  await sim.close();
});
beforeEach(async () => {
  await sim.clearRequests();
});

describe('eum protect, by hand', () => {
  let id: string;

  it('create, list (terminal and piped), show', async () => {
    const created = await json(['protect', 'create', '--name', 'otp-guard', '--set-default']);
    id = created.id;
    expect(created).toEqual({
      id: expect.stringMatching(/^protect-/),
      arn: expect.stringContaining(':protect-configuration/'),
      name: 'otp-guard',
      deletionProtection: false,
      accountDefault: true,
    });
    const piped = await eum(['protect', 'list']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.split('\t').slice(0, 4)).toEqual([id, 'otp-guard', 'true', 'false']);
    const tty = await eum(['protect', 'list'], { tty: true });
    expect(tty.stdout).toContain('│ otp-guard');
    // The table fits the (fake) terminal's 100 columns: the header wraps.
    expect(tty.stdout).toMatch(/Deletion +│[^\n]*\n[^\n]*protection/);
    expect(await json(['protect', 'list'])).toEqual({
      configurations: [
        { id, name: 'otp-guard', accountDefault: true, deletionProtection: false, configurationSets: [], createdAt: expect.stringMatching(/^\d{4}-/) },
      ],
    });
    const showPiped = await eum(['protect', 'show', 'otp-guard']);
    expect(showPiped.stdout).toContain(`id\t${id}\nname\totp-guard\naccount default\tyes\n`);
    expect(showPiped.stdout).toMatch(/^sms\t\d+\t0\t0\t0\tnone: all ALLOW$/m);
    const show = await json(['protect', 'show', 'otp-guard']);
    expect(show.channels).toHaveLength(4);
    expect(show.channels[0]).toMatchObject({ channel: 'sms', majority: 'ALLOW', exceptions: [] });
    expect(show.channels[0].counts.ALLOW).toBeGreaterThan(200);
  });

  it('rules set sends only the countries that change and prints them', async () => {
    const r = await eum(['protect', 'rules', 'set', 'otp-guard', '--channel', 'sms', '--block', 'RU,NG', '--monitor', 'in']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('IN\tIndia\tALLOW\tMONITOR\nNG\tNigeria\tALLOW\tBLOCK\nRU\tRussian Federation\tALLOW\tBLOCK\n');
    expect(r.stderr).toContain('sms: 3 countries changed in 1 call');
    const again = await json(['protect', 'rules', 'set', 'otp-guard', '--block', 'RU']);
    expect(again).toEqual({ id, channel: 'sms', changes: [], calls: 0 });
    expect(writes(await sim.requests()).map((x) => x.operation)).toEqual(['UpdateProtectConfigurationCountryRuleSet']);
  });

  it('block-all-except needs batches of 300 at most', async () => {
    const r = await json(['protect', 'rules', 'set', 'otp-guard', '--channel', 'voice', '--block-all-except', 'US,CA']);
    expect(r.changes.length).toBeGreaterThan(200);
    const calls = writes(await sim.requests());
    expect(calls.every((c) => c.operation === 'UpdateProtectConfigurationCountryRuleSet')).toBe(true);
    const get = await json(['protect', 'rules', 'get', 'otp-guard', '--channel', 'voice']);
    expect(get.channels[0].majority).toBe('BLOCK');
    expect(get.channels[0].countries.find((c: { country: string }) => c.country === 'US').status).toBe('ALLOW');
  });

  it('check: account default, country rule, override, configuration set, live dry run', async () => {
    const ng = await json(['protect', 'check', '+2348031234567', '--live']);
    expect(ng).toMatchObject({
      country: 'NG',
      configuration: { id, name: 'otp-guard', source: 'account-default' },
      rule: { kind: 'country', country: 'NG', status: 'BLOCK' },
      verdict: 'BLOCK',
      blocked: true,
      live: { blocked: true, reason: 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION', agrees: true },
    });
    expect((await eum(['protect', 'override', 'add', 'otp-guard', '+2348031234567', '--action', 'allow', '--expires', '1h'])).code).toBe(0);
    const allowed = await json(['protect', 'check', '+2348031234567', '--live']);
    expect(allowed).toMatchObject({ rule: { kind: 'override', action: 'ALLOW' }, verdict: 'ALLOW', blocked: false, live: { blocked: false, agrees: true } });
    const tty = await eum(['protect', 'check', '+2348031234567'], { tty: true });
    expect(tty.stdout).toMatch(/decided by\s+number override: always ALLOW until/);
    // The override lapses on the simulator's clock.
    await sim.advanceClock(3601);
    expect((await json(['protect', 'override', 'list', 'otp-guard'])).overrides).toEqual([]);
    expect((await json(['protect', 'check', '+2348031234567'])).verdict).toBe('BLOCK');
  });

  it('associate and the configuration set wins over the default; delete refuses clearly', async () => {
    const other = await json(['protect', 'create', '--name', 'otp-only']);
    expect((await eum(['protect', 'associate', 'otp-only', '--config-set', 'otp'])).code).toBe(0);
    const viaSet = await json(['protect', 'check', '+2348031234567', '--config-set', 'otp', '--live']);
    expect(viaSet).toMatchObject({ configuration: { id: other.id, source: 'configuration-set' }, verdict: 'ALLOW', live: { blocked: false } });
    const refused = await eum(['protect', 'delete', 'otp-only', '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('cannot delete');
    expect(refused.stderr).toContain('associated with configuration set otp');
    expect(refused.stderr).toContain(`eum protect disassociate ${other.id} --config-set otp`);
    const refusedDefault = await eum(['protect', 'delete', 'otp-guard', '--yes', '--json']);
    expect(JSON.parse(refusedDefault.stdout).error.code).toBe('PROTECT_CONFIGURATION_IN_USE');
    expect(writes(await sim.requests()).filter((r) => r.operation.startsWith('Delete'))).toEqual([]);
    expect((await eum(['protect', 'disassociate', 'otp-only', '--config-set', 'otp'])).code).toBe(0);
    expect((await json(['protect', 'delete', 'otp-only', '--yes'])).deleted).toBe(true);
  });

  it('an override blocks through the API with the override reason', async () => {
    await eum(['protect', 'override', 'add', 'otp-guard', '+12065550100', '--action', 'block']);
    const err = await sdk.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550100', MessageBody: 'hi' })).catch((e) => e);
    expect(err.name).toBe('ConflictException');
    expect(err.Reason).toBe('DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE');
    expect((await eum(['protect', 'override', 'remove', 'otp-guard', '+12065550100'])).code).toBe(0);
  });

  it('messages mask phone numbers: override add and remove, a bad number (terminal and piped)', async () => {
    for (const tty of [false, true]) {
      const add = await eum(['protect', 'override', 'add', 'otp-guard', '+12065550177', '--action', 'block'], { tty });
      expect(add.code).toBe(0);
      expect(add.stderr).toContain('+*******0177: always BLOCK in');
      const removed = await eum(['protect', 'override', 'remove', 'otp-guard', '+12065550177'], { tty });
      expect(removed.code).toBe(0);
      expect(removed.stderr).toContain('removed the override for +*******0177 from');
      const bad = await eum(['protect', 'override', 'add', 'otp-guard', '+1206555017', '--action', 'block'], { tty });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('"+******5017" is not a possible phone number');
      for (const r of [add, removed, bad]) expect(r.stderr).not.toMatch(/20655501\d/);
    }
  });

  it('bad input exits 2 and sends nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['protect', 'rules', 'set', 'otp-guard', '--block', 'RU,XX,RU', '--allow', 'RU'],
        /"XX" is not an ISO 3166 country code[\s\S]*RU is listed twice[\s\S]*RU is in both --allow and --block/,
      ],
      [['protect', 'override', 'add', 'otp-guard', '+1', '--action', 'allow'], /not an E.164 phone number/],
      [['protect', 'override', 'add', 'otp-guard', '+12065550100', '--action', 'allow', '--expires', '2001-01-01'], /is in the past/],
      [['protect', 'check', 'not-a-number'], /not an E.164/],
      [['protect', 'rules', 'get', 'otp-guard', '--channel', 'fax'], /must be one of sms, mms, voice, rcs/],
    ];
    for (const [args, message] of cases) {
      const r = await eum(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const j = await eum(['protect', 'rules', 'set', 'otp-guard', '--block', 'ZZ', '--json']);
    expect(JSON.parse(j.stdout).error).toMatchObject({
      code: 'INVALID_INPUT',
      problems: [{ field: '--block', message: '"ZZ" is not an ISO 3166 country code' }],
    });
    expect(await sim.requests()).toEqual([]);
  });
});

describe('eum protect as code', () => {
  const file = path.join(dir, 'protect.yaml');

  it('export then apply is a no-op with no write call', async () => {
    const exp = await eum(['protect', 'export', '-o', file]);
    expect(exp.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('version: 1');
    expect(text).toContain('accountDefault: otp-guard');
    expect(text).toMatch(/sms: \{default: allow, block: \[NG, RU\], monitor: \[IN\]\}/);
    await sim.clearRequests();
    const plan = await eum(['protect', 'apply', '-f', file, '--plan']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes. The account matches the document.');
    const apply = await eum(['protect', 'apply', '-f', file, '--yes']);
    expect(apply.code).toBe(0);
    expect(writes(await sim.requests())).toEqual([]);
  });

  it('a hand edit is drift (exit 3), apply repairs it, a second apply writes nothing', async () => {
    const { id } = (await json(['protect', 'list'])).configurations.find((c: { name: string }) => c.name === 'otp-guard');
    await sdk.send(
      new UpdateProtectConfigurationCountryRuleSetCommand({
        ProtectConfigurationId: id,
        NumberCapability: 'SMS',
        CountryRuleSetUpdates: { FR: { ProtectStatus: 'BLOCK' } },
      }),
    );
    const plan = await eum(['protect', 'apply', '-f', file, '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain(`~ update otp-guard (${id})\n    ~ sms: BLOCK -> ALLOW (1): FR France`);
    expect(plan.stdout).toContain('1 API call: UpdateProtectConfigurationCountryRuleSet x1');
    const pj = JSON.parse((await eum(['protect', 'apply', '-f', file, '--plan', '--json'])).stdout);
    expect(pj).toMatchObject({ pending: true, applied: false, plan: { calls: 1, callsByOperation: { UpdateProtectConfigurationCountryRuleSet: 1 } } });
    await sim.clearRequests();
    const apply = await eum(['protect', 'apply', '-f', file, '--yes']);
    expect(apply.code).toBe(0);
    expect(apply.stderr).toContain('applied: 1 API call');
    expect(writes(await sim.requests()).map((r) => r.operation)).toEqual(['UpdateProtectConfigurationCountryRuleSet']);
    await sim.clearRequests();
    expect((await eum(['protect', 'apply', '-f', file, '--yes'])).code).toBe(0);
    expect(writes(await sim.requests())).toEqual([]);
  });

  it('creates, associates, tags and moves the default from a document', async () => {
    const doc = path.join(dir, 'new.yaml');
    writeFileSync(
      doc,
      `version: 1
accountDefault: marketing-guard
configurations:
  marketing-guard:
    deletionProtection: true
    tags: { team: growth }
    configurationSets: [marketing]
    rules:
      sms: { default: block, allow: [US, CA, GB] }
    overrides:
      - { number: "+447700900123", action: block, expires: "2099-01-01T00:00:00Z" }
`,
    );
    const plan = await eum(['protect', 'apply', '-f', doc, '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('+ create marketing-guard');
    expect(plan.stdout).toContain('+ override +********0123 BLOCK until 2099-01-01T00:00:00.000Z');
    expect(plan.stdout).not.toContain('+447700900123');
    expect(plan.stdout).toContain('+ configuration set marketing');
    expect(plan.stdout).toContain('~ account default: otp-guard -> marketing-guard');
    expect(plan.stdout).toContain('not in the document (left alone; --prune deletes them): otp-guard');
    const apply = await eum(['protect', 'apply', '-f', doc, '--yes', '--json']);
    expect(apply.code).toBe(0);
    expect(JSON.parse(apply.stdout)).toMatchObject({ applied: true, pending: true });
    const again = await eum(['protect', 'apply', '-f', doc, '--plan']);
    expect(again.stdout).toContain('No changes');
    expect(again.code).toBe(0);
    const check = await json(['protect', 'check', '+33612345678', '--live']);
    expect(check).toMatchObject({
      configuration: { name: 'marketing-guard', source: 'account-default' },
      verdict: 'BLOCK',
      live: { blocked: true, agrees: true },
    });
  });

  it('a bad document exits 2 with lines and sends nothing', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 2\nconfigurations:\n  a:\n    rules:\n      sms: { block: [RU, QQ] }\n');
    const r = await eum(['protect', 'apply', '-f', bad, '--plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:1: version must be 1`);
    const r2 = await eum(['protect', 'apply', '-f', bad.replace('bad', 'missing')]);
    expect(r2.code).toBe(2);
    writeFileSync(bad, 'version: 1\nconfigurations:\n  a:\n    rules:\n      sms: { block: [RU, QQ] }\n');
    const r3 = await eum(['protect', 'apply', '-f', bad, '--json']);
    expect(r3.code).toBe(2);
    expect(JSON.parse(r3.stdout).error.problems).toEqual([{ field: `${bad}:5`, message: 'a.rules.sms.block: "QQ" is not an ISO 3166 country code' }]);
    expect(await sim.requests()).toEqual([]);
  });

  it('apply without --yes and without a terminal refuses and names --yes', async () => {
    const doc = path.join(dir, 'drift.yaml');
    writeFileSync(doc, readFileSync(file, 'utf8').replace('block: [NG, RU]', 'block: [NG, RU, FR]'));
    const r = await eum(['protect', 'apply', '-f', doc]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes required');
    expect(writes(await sim.requests())).toEqual([]);
  });
});

describe('eum protect apply and Ctrl-C', () => {
  it('stops before the next write and exits 130 with a partial result', async () => {
    const doc = path.join(dir, 'ctrlc.yaml');
    writeFileSync(doc, 'version: 1\nconfigurations:\n  ctrl-c:\n    rules:\n      sms: { default: allow, block: [RU] }\n');
    const ac = new AbortController();
    ac.abort();
    const r = await runEum(['protect', 'apply', '-f', doc, '--yes', '--json', '--endpoint-url', sim.endpoint], { signal: ac.signal });
    expect(r.code).toBe(130);
    // Interrupted before the plan could be read: every request is aborted, nothing written.
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'INTERRUPTED' } });
    expect(writes(await sim.requests())).toEqual([]);
  });
});

describe('eum protect apply on a terminal', () => {
  it('shows the plan on stderr, asks, and applies on yes', async () => {
    const doc = path.join(dir, 'prompt.yaml');
    writeFileSync(doc, 'version: 1\nconfigurations:\n  prompted:\n    rules:\n      sms: { default: allow, block: [RU] }\n');
    const { base, stdin, stderr, stdout } = fakeBase({ tty: true, env: { NO_COLOR: '1' } });
    const run = main(['protect', 'apply', '-f', doc, '--endpoint-url', sim.endpoint], base);
    for (let i = 0; i < 400 && !stderr.text.includes('to apply this plan?'); i++) await new Promise((r) => setTimeout(r, 5));
    expect(stderr.text).toContain('+ create prompted');
    expect(stderr.text).toContain('~ sms: ALLOW -> BLOCK (1): RU Russian Federation');
    stdin.write('y\n');
    expect(await run).toBe(0);
    expect(stdout.text).toBe('');
    // (the prompt library ends the fake stderr after answering, so the closing note is not checked here)
    expect(writes(await sim.requests()).map((r) => r.operation)).toEqual(['CreateProtectConfiguration', 'UpdateProtectConfigurationCountryRuleSet']);
  });
});

describe('eum protect apply --prune and the smaller verbs', () => {
  it('prune deletes what the document leaves out, but never a protected configuration', async () => {
    const keep = path.join(dir, 'prune.yaml');
    await eum(['protect', 'create', '--name', 'doomed']);
    await eum(['protect', 'create', '--name', 'guarded', '--deletion-protection']);
    await sim.clearRequests();
    writeFileSync(keep, 'version: 1\naccountDefault: null\nconfigurations:\n  survivor: {}\n');
    const blocked = await eum(['protect', 'apply', '-f', keep, '--prune', '--yes']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('guarded: deletion protection is on, so --prune cannot delete it');
    expect(writes(await sim.requests())).toEqual([]);
    expect((await eum(['protect', 'update', 'guarded', '--no-deletion-protection'])).code).toBe(0);
    expect((await eum(['protect', 'update', 'marketing-guard', '--no-deletion-protection'])).code).toBe(0);
    const plan = await eum(['protect', 'apply', '-f', keep, '--prune', '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toMatch(/- delete doomed \(protect-/);
    expect(plan.stdout).toContain('~ account default: marketing-guard -> none');
    await sim.clearRequests();
    const applied = await eum(['protect', 'apply', '-f', keep, '--prune', '--yes']);
    expect(applied.stderr).toMatch(/applied: \d+ API calls/);
    expect(applied.code).toBe(0);
    const ops = writes(await sim.requests()).map((r) => r.operation);
    expect(ops.indexOf('DeleteAccountDefaultProtectConfiguration')).toBeLessThan(ops.indexOf('DeleteProtectConfiguration'));
    expect(ops).toContain('DisassociateProtectConfiguration');
    const names = (await json(['protect', 'list'])).configurations.map((c: { name: string }) => c.name);
    expect(names).toEqual(['survivor']);
    expect((await eum(['protect', 'apply', '-f', keep, '--prune', '--plan'])).code).toBe(0);
  });

  it('unset-default, rules get piped, export of one configuration, unknown names', async () => {
    expect((await eum(['protect', 'set-default', 'survivor'])).code).toBe(0);
    expect(await json(['protect', 'unset-default'])).toEqual({ accountDefault: null, previous: expect.stringMatching(/^protect-/), changed: true });
    const none = await eum(['protect', 'unset-default']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('no default Protect configuration: nothing to do');
    const rules = await eum(['protect', 'rules', 'get', 'survivor', '--channel', 'mms']);
    expect(rules.stdout.split('\n')[0]).toBe('mms\tAD\tAndorra\tALLOW');
    const exp = await eum(['protect', 'export', 'survivor']);
    expect(exp.stdout).toContain('  survivor:\n');
    expect(exp.stdout).not.toContain('accountDefault');
    const missing = await eum(['protect', 'show', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no Protect configuration has the id or Name nobody');
  });
});
