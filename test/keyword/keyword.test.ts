/** `eum keyword` against the simulator: list, set (carrier rules, reserved keywords, registration answers), delete. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CreatePoolCommand, CreateRegistrationCommand, PutRegistrationFieldValueCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { regionState } from '../../src/sim/index.js';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';
import { AWS_OPT_OUT_KEYWORDS } from '../../src/core/keywords.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.hook('DELETE', '/_eum/requests');
});

const at = () => ['--endpoint-url', sim.server.endpoint];
const calls = async () => ((await sim.hook('GET', '/_eum/requests')).body.requests as Array<{ operation: string }>).map((r) => r.operation);
const SIM_NUMBER = '+12065550100';
const TOLL_FREE = '+18335550100';
const HELP = 'Acme: for help call +1 206 555 0199 or visit acme.example/help. Reply STOP to opt out.';
const STOP = 'Acme: you are opted out and will no longer receive messages.';

describe('eum keyword list', () => {
  it('lists HELP and STOP of a new number, as a table, piped and as JSON', async () => {
    const tty = await runEum([...at(), 'keyword', 'list', SIM_NUMBER], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('Keyword');
    expect(tty.stdout).toMatch(/HELP\s+│\s+AUTOMATIC_RESPONSE/);
    const piped = await runEum([...at(), 'keyword', 'list', SIM_NUMBER]);
    expect(
      piped.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 2)),
    ).toEqual([
      ['HELP', 'AUTOMATIC_RESPONSE'],
      ['STOP', 'OPT_OUT'],
    ]);
    const json = JSON.parse((await runEum([...at(), 'keyword', 'list', SIM_NUMBER, '--json'])).stdout);
    expect(json.identity).toMatch(/^phone-/);
    expect(json.identityArn).toMatch(/^arn:aws:sms-voice:/);
    expect(json.keywords.map((k: { keyword: string; action: string }) => [k.keyword, k.action])).toEqual([
      ['HELP', 'AUTOMATIC_RESPONSE'],
      ['STOP', 'OPT_OUT'],
    ]);
    const only = JSON.parse((await runEum([...at(), 'keyword', 'list', json.identity, '--action', 'opt_out', '--json'])).stdout);
    expect(only.keywords.map((k: { keyword: string }) => k.keyword)).toEqual(['STOP']);
  });

  it('refuses a bad identity and action before any call', async () => {
    const r = await runEum([...at(), 'keyword', 'list', '+1 206', '--action', 'REPLY', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['<identity>', '--action']);
    expect(await calls()).toEqual([]);
  });

  it('a number the account does not have: not found, exit 1, masked', async () => {
    const r = await runEum([...at(), 'keyword', 'list', '+12065559999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('+*******9999');
    expect(r.stderr).not.toContain('+12065559999');
  });
});

describe('eum keyword set: checked before any call', () => {
  it('reports every problem at once, exit 2, nothing sent', async () => {
    const r = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, ' INFO', '--message', '   ', '--action', 'maybe', '--json']);
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).error.problems;
    expect(problems.map((p: { field: string }) => p.field)).toEqual(['<keyword>', '--action', '--message']);
    expect(problems[0].message).toContain('starts or ends with a space');
    const long = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'X'.repeat(31), '--message', 'y'.repeat(1601)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('has 31 characters; a keyword is at most 30');
    expect(long.stderr).toContain('has 1601 characters; an answer is at most 1600');
    expect(await calls()).toEqual([]);
  });

  it('HELP and STOP answers must carry the brand, the help contact and the opt-out instruction', async () => {
    const help = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'help', '--message', 'Thanks for asking!', '--json']);
    expect(help.code).toBe(2);
    const messages = JSON.parse(help.stdout).error.problems.map((p: { message: string }) => p.message);
    expect(messages).toEqual([
      expect.stringContaining('does not start with the brand'),
      expect.stringContaining('gives no way to reach support'),
      expect.stringContaining('does not say how to opt out'),
    ]);
    const stop = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'STOP', '--brand', 'Globex', '--message', STOP]);
    expect(stop.code).toBe(2);
    expect(stop.stderr).toContain('does not name the brand "Globex"');
    const unsub = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'STOP', '--message', 'Acme: bye']);
    expect(unsub.stderr).toContain('does not confirm the opt-out');
    expect(await calls()).toEqual([]);
  });

  it('reserved keywords: HELP and STOP keep their action, AWS opt-out keywords only opt out', async () => {
    const r = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'STOP', '--action', 'AUTOMATIC_RESPONSE', '--message', STOP]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('STOP always has the action OPT_OUT');
    const quit = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'quit', '--message', 'Acme: bye for now. Reply STOP to opt out, call 2065550199']);
    expect(quit.code).toBe(2);
    expect(quit.stderr).toContain("QUIT is one of AWS's opt-out keywords");
    expect(await calls()).toEqual([]);
  });

  it('the reserved list is the one in data/service-facts', () => {
    const facts = JSON.parse(readFileSync('data/service-facts/numbers.json', 'utf8'));
    expect([...AWS_OPT_OUT_KEYWORDS]).toEqual(facts.keywords.opt_out_keywords);
  });
});

describe('eum keyword set and delete', () => {
  it('creates, replaces, leaves unchanged, and deletes a keyword', async () => {
    const created = JSON.parse((await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'info', '--message', 'Acme: open 9-5.', '--json'])).stdout);
    expect(created).toMatchObject({ keyword: 'INFO', action: 'AUTOMATIC_RESPONSE', message: 'Acme: open 9-5.', status: 'created', previous: null });
    const replaced = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'INFO', '--message', 'Acme: open 8-6.']);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('replaced');
    expect(replaced.stderr).toContain('replaced INFO on +*******0100');
    const same = JSON.parse((await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'INFO', '--message', 'Acme: open 8-6.', '--json'])).stdout);
    expect(same.status).toBe('unchanged');
    const dry = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'INFO', '--message', 'Acme: closed.', '--dry-run']);
    expect(dry.code).toBe(3);
    await sim.hook('DELETE', '/_eum/requests');
    const noYes = await runEum([...at(), 'keyword', 'delete', SIM_NUMBER, 'INFO']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('--yes required');
    expect(await calls()).not.toContain('DeleteKeyword');
    const deleted = JSON.parse((await runEum([...at(), 'keyword', 'delete', SIM_NUMBER, 'info', '--yes', '--json'])).stdout);
    expect(deleted).toMatchObject({ keyword: 'INFO', status: 'deleted', message: 'Acme: open 8-6.' });
    const gone = await runEum([...at(), 'keyword', 'delete', SIM_NUMBER, 'INFO', '--yes']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('has no keyword INFO');
  });

  it('HELP and STOP cannot be deleted: exit 2, nothing sent', async () => {
    const r = await runEum([...at(), 'keyword', 'delete', SIM_NUMBER, 'help', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('HELP is required on every number and pool and cannot be deleted');
    expect(await calls()).toEqual([]);
  });

  it('sets a good HELP answer; warns when it takes several parts', async () => {
    const ok = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'HELP', '--message', HELP]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('warning');
    const long = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'HELP', '--message', `${HELP} ${'More details follow here. '.repeat(5)}`]);
    expect(long.code).toBe(0);
    expect(long.stderr).toContain('SMS parts');
  });

  it('US toll-free: STOP belongs to the carriers and no other keyword may opt out (after one read, nothing written)', async () => {
    const stop = await runEum([...at(), 'keyword', 'set', TOLL_FREE, 'STOP', '--message', STOP]);
    expect(stop.code).toBe(2);
    expect(stop.stderr).toContain('the carriers answer STOP');
    const optOut = await runEum([...at(), 'keyword', 'set', TOLL_FREE, 'LEAVE', '--action', 'OPT_OUT', '--message', STOP]);
    expect(optOut.code).toBe(2);
    expect(optOut.stderr).toContain('STOP is the only opt-out keyword of a US toll-free number');
    expect(await calls()).not.toContain('PutKeyword');
    const start = await runEum([
      ...at(),
      'keyword',
      'set',
      TOLL_FREE,
      'START',
      '--action',
      'OPT_IN',
      '--message',
      'Acme: welcome back. Reply STOP to opt out.',
    ]);
    expect(start.code).toBe(0);
  });
});

describe('eum keyword set: the registration the number belongs to', () => {
  it('warns when the HELP answer differs from the 10DLC campaign registration (of the number, or of a pool\u2019s numbers), not when it matches', async () => {
    const client = sim.client();
    const reg = await client.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION' }));
    const registered = 'Acme Alerts: help at acme.example/help or +1 206 555 0199. Reply STOP to cancel.';
    await client.send(
      new PutRegistrationFieldValueCommand({ RegistrationId: reg.RegistrationId, FieldPath: 'campaignInfo.helpMessage', TextValue: registered }),
    );
    // The simulator links a number to a campaign when it is requested with it (which needs an
    // approved campaign): link this draft directly.
    await sim.store.transact((s) => {
      const phone = Object.values(regionState(s, 'us-east-1').phoneNumbers).find((p) => p.phoneNumber === SIM_NUMBER)!;
      phone.registrationId = reg.RegistrationId;
    });
    const differs = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'HELP', '--message', HELP, '--json']);
    expect(differs.code).toBe(0);
    const data = JSON.parse(differs.stdout);
    expect(data.registrations).toHaveLength(1);
    expect(data.registrations[0]).toMatchObject({
      registrationId: reg.RegistrationId,
      field: 'campaignInfo.helpMessage',
      approvedMessage: registered,
      matches: false,
    });
    expect(data.warnings[0]).toContain('differs from the one registration');
    expect(differs.stderr).toContain('warning');
    const same = await runEum([...at(), 'keyword', 'set', SIM_NUMBER, 'HELP', '--message', `  ${registered.toLowerCase()} `, '--no-content-check', '--json']);
    expect(JSON.parse(same.stdout).registrations[0].matches).toBe(true);
    expect(same.stderr).not.toContain('differs');
    // A pool's HELP answers for its numbers: their registrations count too.
    const phoneId = JSON.parse(differs.stdout).identity;
    const pool = await client.send(new CreatePoolCommand({ OriginationIdentity: phoneId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    const pooled = JSON.parse((await runEum([...at(), 'keyword', 'set', pool.PoolId!, 'HELP', '--message', HELP, '--json'])).stdout);
    expect(pooled.identity).toBe(pool.PoolId);
    expect(pooled.registrations).toEqual([
      { registrationId: reg.RegistrationId, field: 'campaignInfo.helpMessage', approvedMessage: registered, matches: false },
    ]);
    await sim.store.transact((s) => {
      const phone = Object.values(regionState(s, 'us-east-1').phoneNumbers).find((p) => p.phoneNumber === SIM_NUMBER)!;
      delete phone.registrationId;
    });
  });
});
