import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateConfigurationSetCommand,
  CreateOptOutListCommand,
  PutKeywordCommand,
  UpdateEventDestinationCommand,
  UpdatePhoneNumberCommand,
  DescribeKeywordsCommand,
  DescribeConfigurationSetsCommand,
  DescribePoolsCommand,
  DescribePhoneNumbersCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumAt, isWrite, startProgramSim, writeDoc, type ProgramSim } from './helpers.js';
import { startDroppingProxy } from '../helpers/faults.js';

const TOLL_FREE = '+18335550100';
const SIMULATOR = '+12065550100';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:sms-events';
const ROLE = 'arn:aws:iam::111122223333:role/sms-logs';
const LOGS = 'arn:aws:logs:us-east-1:111122223333:log-group:sms';

const program = (region2 = 'eu-west-2') =>
  [
    'version: 1',
    'regions:',
    '  us-east-1:',
    '    optOutLists: [marketing]',
    '    phoneNumbers:',
    `      "${TOLL_FREE}":`,
    '        optOutList: marketing',
    '        deletionProtection: true',
    '        keywords:',
    '          HELP: { message: "Acme alerts: help at acme.example. Msg&data rates may apply." }',
    '          INFO: { message: "Acme alerts: 2 msgs/week" }',
    '          JOIN: { message: "Welcome back to Acme alerts", action: opt-in }',
    `      "${SIMULATOR}": {}`,
    '    pools:',
    `      alerts: { identities: ["${SIMULATOR}"], sharedRoutes: true }`,
    '    configurationSets:',
    '      otp:',
    '        defaultMessageType: transactional',
    '        feedback: true',
    '        protect: otp-guard',
    '        eventDestinations:',
    `          to-sns: { eventTypes: [TEXT_DELIVERED, TEXT_BLOCKED], sns: "${TOPIC}" }`,
    `          to-logs: { eventTypes: [TEXT_ALL], cloudWatchLogs: { role: "${ROLE}", logGroup: "${LOGS}" } }`,
    '    protect:',
    '      configurations:',
    '        otp-guard:',
    '          rules: { sms: { block: [RU, NG] } }',
    '    spendLimits: { text: 500 }',
    `  ${region2}:`,
    '    configurationSets:',
    '      otp: { defaultSenderId: ACME }',
    '',
  ].join('\n');

let sim: ProgramSim;
let endpoint: string;
const eum = eumAt(() => endpoint);
const writes = async () => (await sim.requests()).filter((r) => isWrite(r.operation)).map((r) => r.operation);

beforeAll(async () => {
  sim = await startProgramSim('ready');
  endpoint = sim.endpoint;
});
afterAll(async () => {
  await sim.close();
});

describe('eum program apply', () => {
  const file = writeDoc(program());

  it('--plan lists the changes per Region, the calls in order, and exits 3', async () => {
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', file, '--plan']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('Region us-east-1');
    expect(r.stdout).toContain('+ create opt-out list marketing');
    expect(r.stdout).toContain('+ create pool alerts');
    expect(r.stdout).toContain('+ keyword INFO');
    expect(r.stdout).toContain('Region eu-west-2');
    // Numbers are masked in the plan.
    expect(r.stdout).not.toContain(TOLL_FREE);
    const order = r.stdout.split('Calls, in order:')[1];
    expect(order.indexOf('CreateOptOutList')).toBeLessThan(order.indexOf('UpdatePhoneNumber'));
    expect(order.indexOf('CreatePool')).toBeLessThan(order.indexOf('UpdatePool'));
    expect(order.indexOf('CreateConfigurationSet')).toBeLessThan(order.indexOf('AssociateProtectConfiguration'));
    expect(await writes()).toEqual([]);
  });

  it('--json gives the plan as data', async () => {
    const r = await eum(['program', 'apply', '-f', file, '--plan', '--json']);
    expect(r.code).toBe(3);
    const data = JSON.parse(r.stdout);
    expect(data.pending).toBe(true);
    expect(data.regions).toEqual(['us-east-1', 'eu-west-2']);
    expect(data.plan.callsByOperation.PutKeyword).toBe(3);
    expect(data.plan.blockers).toEqual([]);
  });

  it('without --yes and without a terminal, nothing is applied', async () => {
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes/);
    expect(await writes()).toEqual([]);
  });

  it('applies, and a second apply makes no write call', async () => {
    const r = await eum(['program', 'apply', '-f', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/applied: \d+ API calls/);
    await sim.clearRequests();
    const again = await eum(['program', 'apply', '-f', file, '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(await writes()).toEqual([]);
    const plan = await eum(['program', 'apply', '-f', file, '--plan']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('an export of the applied program plans empty against it', async () => {
    const exp = await eum(['program', 'export', '--regions', 'us-east-1,eu-west-2']);
    expect(exp.code, exp.stderr).toBe(0);
    expect(exp.stdout).toContain('alerts:');
    expect(exp.stdout).toContain('otp-guard');
    const plan = await eum(['program', 'apply', '-f', writeDoc(exp.stdout), '--plan']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('hand changes show as drift, and apply repairs them', async () => {
    const us = sim.sdk('us-east-1');
    const tollFreeId = (await us.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers!.find((n) => n.PhoneNumber === TOLL_FREE)!.PhoneNumberId!;
    await us.send(new PutKeywordCommand({ OriginationIdentity: tollFreeId, Keyword: 'PROMO', KeywordMessage: 'added by hand' }));
    await us.send(new PutKeywordCommand({ OriginationIdentity: tollFreeId, Keyword: 'INFO', KeywordMessage: 'edited by hand' }));
    await us.send(new UpdateEventDestinationCommand({ ConfigurationSetName: 'otp', EventDestinationName: 'to-sns', MatchingEventTypes: ['TEXT_DELIVERED'] }));
    await us.send(new UpdatePhoneNumberCommand({ PhoneNumberId: tollFreeId, DeletionProtectionEnabled: false }));
    await us.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'by-hand' }));
    const plan = await eum(['program', 'apply', '-f', file, '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toMatch(/- keyword PROMO/);
    expect(plan.stdout).toMatch(/~ keyword INFO: .*edited by hand.*-> .*2 msgs\/week/);
    expect(plan.stdout).toMatch(/~ destination to-sns/);
    expect(plan.stdout).toMatch(/~ deletionProtection: false -> true/);
    expect(plan.stdout).toMatch(/not in the document \(left alone\): us-east-1: configuration set by-hand/);
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await writes()).sort()).toEqual(['DeleteKeyword', 'PutKeyword', 'UpdateEventDestination', 'UpdatePhoneNumber']);
    const kw = await us.send(new DescribeKeywordsCommand({ OriginationIdentity: tollFreeId }));
    expect(kw.Keywords?.map((k) => k.Keyword).sort()).toEqual(['HELP', 'INFO', 'JOIN', 'STOP']);
    expect((await eum(['program', 'apply', '-f', file, '--plan'])).code).toBe(0);
  });

  it('--prune deletes what the document leaves out, never with deletion protection on', async () => {
    const us = sim.sdk('us-east-1');
    await us.send(new CreateOptOutListCommand({ OptOutListName: 'old-list' }));
    const plan = await eum(['program', 'apply', '-f', file, '--plan', '--prune']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('- delete configuration set by-hand');
    expect(plan.stdout).toContain('- delete opt-out list old-list');
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', file, '--yes', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect((await writes()).sort()).toEqual(['DeleteConfigurationSet', 'DeleteOptOutList']);
    const sets = await us.send(new DescribeConfigurationSetsCommand({}));
    expect(sets.ConfigurationSets?.map((s) => s.ConfigurationSetName)).toEqual(['otp']);
    // A pool left out but protected: a blocker, nothing runs.
    const noPools = writeDoc(program().replace(/ {4}pools:\n.*\n/, '    pools: {}\n'));
    await us.send(
      new (await import('@aws-sdk/client-pinpoint-sms-voice-v2')).UpdatePoolCommand({
        PoolId: (await us.send(new DescribePoolsCommand({}))).Pools![0].PoolId!,
        DeletionProtectionEnabled: true,
      }),
    );
    await sim.clearRequests();
    const blocked = await eum(['program', 'apply', '-f', noPools, '--yes', '--prune']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/pool alerts: deletion protection is on/);
    expect(await writes()).toEqual([]);
  });

  it('a number not in the account is a blocker: --plan exits 1', async () => {
    const doc = writeDoc(['version: 1', 'regions:', '  us-east-1:', '    phoneNumbers:', '      "+12065550199": {}', ''].join('\n'));
    const r = await eum(['program', 'apply', '-f', doc, '--plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/is not in the account/);
  });
});

describe('a failure midway', () => {
  it('stops, says what was done and what was not, exits 1; the rerun completes the rest', async () => {
    const fresh = await startProgramSim('ready');
    // The first PutKeyword reply is lost after the simulator acted: the run stops there.
    let dropped = false;
    const proxy = await startDroppingProxy(fresh.endpoint, {
      drop: (_n, op) => {
        if (op === 'UpdatePool' && !dropped) {
          dropped = true;
          return true;
        }
        return false;
      },
    });
    endpoint = proxy.endpoint;
    try {
      const r = await eum(['program', 'apply', '-f', writeDoc(program('eu-west-1')), '--yes', '--max-attempts', '1']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/applied \(\d+\):/);
      expect(r.stderr).toMatch(/not applied \(\d+\):/);
      expect(r.stderr).toMatch(/run apply again to finish/);
      const rerun = await eum(['program', 'apply', '-f', writeDoc(program('eu-west-1')), '--yes']);
      expect(rerun.code, rerun.stderr).toBe(0);
      const plan = await eum(['program', 'apply', '-f', writeDoc(program('eu-west-1')), '--plan']);
      expect(plan.code, plan.stdout).toBe(0);
    } finally {
      endpoint = sim.endpoint;
      await proxy.close();
      await fresh.close();
    }
  });
});

describe('confirmation on a terminal', () => {
  it('shows the plan on stderr, asks, and applies on yes; no applies nothing', async () => {
    const { fakeBase } = await import('../helpers/streams.js');
    const { main } = await import('../../src/cli/main.js');
    const doc = writeDoc(['version: 1', 'regions:', '  us-east-1:', '    spendLimits: { text: 250 }', ''].join('\n'));
    const ask = async (answer: string) => {
      const { base, stdin, stderr } = fakeBase({ tty: true, env: { NO_COLOR: '1' } });
      const run = main(['program', 'apply', '-f', doc, '--endpoint-url', sim.endpoint], base);
      for (let i = 0; i < 400 && !stderr.text.includes('to apply this plan?'); i++) await new Promise((r) => setTimeout(r, 5));
      expect(stderr.text).toContain('~ update spend limit text');
      stdin.write(answer);
      return run;
    };
    await sim.clearRequests();
    expect(await ask('n\n')).toBe(1);
    expect(await writes()).toEqual([]);
    expect(await ask('y\n')).toBe(0);
    expect(await writes()).toEqual(['SetTextMessageSpendLimitOverride']);
  });
});
