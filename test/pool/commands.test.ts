/** eum pool against the simulator: create, list, show, add/remove per country, update, delete; bad input with zero calls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PinpointSMSVoiceV2Client, RequestSenderIdCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startNumberSim, type NumberSim } from '../number/sim.js';

let ready: NumberSim;
let fresh: NumberSim;
beforeAll(async () => {
  [ready, fresh] = await Promise.all([startNumberSim('ready'), startNumberSim('new')]);
  const client = new PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint: ready.endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  for (const country of ['DE', 'FR'])
    await client.send(new RequestSenderIdCommand({ SenderId: 'ACME', IsoCountryCode: country, MessageTypes: ['TRANSACTIONAL'] }));
  client.destroy();
});
afterAll(async () => {
  await Promise.all([ready.close(), fresh.close()]);
});
beforeEach(async () => {
  await Promise.all([ready.clear(), fresh.clear()]);
});

describe('eum pool: input checked before any call', () => {
  it('every problem at once, exit 2, nothing sent', async () => {
    const add = await ready.eum(['pool', 'add', 'mypool', 'ACME', 'not an id', '--rate', '0', '--json']);
    expect(add.code).toBe(2);
    expect(JSON.parse(add.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['<pool>', '--rate', '--countries', '<identity> not an id']);
    const create = await ready.eum(['pool', 'create', 'ACME', '--message-type', 'bulk']);
    expect(create.code).toBe(2);
    expect(create.stderr).toContain('--country: required for a sender ID given by value: the country of ACME, e.g. --country GB');
    expect(create.stderr).toContain('--message-type: "bulk" is not a message type');
    const update = await ready.eum([
      'pool',
      'update',
      'pool-abc',
      '--shared-routes',
      'sometimes',
      '--two-way',
      'off',
      '--two-way-channel',
      'arn:aws:sns:us-east-1:111122223333:in',
    ]);
    expect(update.code).toBe(2);
    expect(update.stderr).toContain('--two-way: off, but a two-way channel or role is given');
    expect(update.stderr).toContain('--shared-routes: "sometimes" is not on or off');
    const del = await ready.eum(['pool', 'delete', 'pool-abc']);
    expect(del.code).toBe(1); // not found: the pool is read before asking
    const ask = await ready.eum(['pool', 'delete', 'nope']);
    expect(ask.code).toBe(2);
    expect((await ready.requests()).map((r) => r.operation)).toEqual(['DescribePools']);
  });
});

describe('eum pool on a ready account', () => {
  it('create, add a number and a sender ID in two countries, show, remove, update, delete', async () => {
    const created = await ready.json(['pool', 'create', '+18335550100']);
    expect(created.status).toBe('created');
    const pool = created.pool.poolId as string;
    expect(Object.keys(created.pool).sort()).toEqual([
      'createdTimestamp',
      'deletionProtectionEnabled',
      'messageType',
      'optOutListName',
      'poolArn',
      'poolId',
      'selfManagedOptOutsEnabled',
      'sharedRoutesEnabled',
      'status',
      'twoWayChannelArn',
      'twoWayChannelRole',
      'twoWayEnabled',
    ]);

    const added = await ready.json(['pool', 'add', pool, '+12065550100', 'ACME', '+18335550100', '--countries', 'DE,FR', '--rate', '50']);
    expect(added.results.map((r: { identity: string; country: string; status: string }) => [r.identity, r.country, r.status])).toEqual([
      ['+12065550100', 'US', 'added'],
      ['ACME', 'DE', 'added'],
      ['ACME', 'FR', 'added'],
      ['+18335550100', null, 'already-in-pool'],
    ]);
    expect(added.summary).toEqual({ total: 4, done: 3, unchanged: 1, failed: 0, unknown: 0 });
    expect((await ready.requests('AssociateOriginationIdentity')).length).toBe(4);

    const shown = await ready.json(['pool', 'show', pool]);
    expect(shown.originationIdentities.map((m: { country: string }) => m.country).sort()).toEqual(['DE', 'FR', 'US', 'US']);
    const piped = await ready.eum(['pool', 'show', pool]);
    expect(piped.stdout).toContain(`Pool\t${pool}\n`);
    expect(piped.stdout).toMatch(/\+18335550100\tUS\tSMS,VOICE,MMS\t/);
    const tty = await ready.eum(['pool', 'list', '--no-color'], { tty: true });
    expect(tty.stdout).toMatch(/│ Pool +│ Status/);
    expect(tty.stdout).toMatch(/│ pool-\w+ │ active │ transactional │ off +│/);

    const removed = await ready.json(['pool', 'remove', pool, 'ACME', '+12065550100', '--countries', 'FR']);
    expect(removed.results.map((r: { status: string }) => r.status)).toEqual(['removed', 'removed']);
    const notIn = await ready.json(['pool', 'remove', pool, '+12065550100']);
    expect(notIn.results[0].status).toBe('not-in-pool');

    const updated = await ready.json(['pool', 'update', pool, '--shared-routes', 'on', '--deletion-protection', 'on']);
    expect(updated.changes).toEqual({ sharedRoutesEnabled: true, deletionProtectionEnabled: true });
    expect(updated.pool).toMatchObject({ sharedRoutesEnabled: true, deletionProtectionEnabled: true });
    const kept = await ready.eum(['pool', 'delete', pool, '--yes', '--json']);
    expect(kept.code).toBe(1);
    expect(JSON.parse(kept.stdout).error.hint).toBe(`turn it off first: eum pool update ${pool} --deletion-protection off`);
    await ready.json(['pool', 'update', pool, '--deletion-protection', 'off']);

    await ready.clear();
    const dry = await ready.json(['pool', 'delete', pool, '--dry-run']);
    expect(dry).toMatchObject({ status: 'would-delete', originationIdentities: 2 });
    expect(await ready.requests('DeletePool')).toEqual([]);
    const noYes = await ready.eum(['pool', 'delete', pool]);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('--yes required when not running interactively');
    expect(await ready.requests('DeletePool')).toEqual([]);
    const deleted = await ready.json(['pool', 'delete', pool, '--yes']);
    expect(deleted.status).toBe('deleted');
    expect((await ready.json(['pool', 'list'])).pools).toEqual([]);
    // The numbers were kept.
    expect((await ready.json(['number', 'list'])).summary.total).toBe(2);
  });

  it('a missing number is reported per identity; the others are added', async () => {
    const pool = (await ready.json(['pool', 'create', '+12065550100'])).pool.poolId;
    const r = await ready.eum(['pool', 'add', pool, '+15550000000', 'phone-0000', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['failed', 'failed']);
    expect(out.results[0].error).toContain('no phone number +15550000000 in this account');
    await ready.json(['pool', 'delete', pool, '--yes']);
  });
});

describe('eum pool on a new account', () => {
  it('no pools: the empty list says how to make one; a pool from a simulator number', async () => {
    const tty = await fresh.eum(['pool', 'list', '--no-color'], { tty: true });
    expect(tty.stdout).toContain('No pools. Create one from a number: eum pool create +18335550100');
    const n = (await fresh.json(['number', 'request', '--country', 'US', '--type', 'simulator', '--yes'])).phoneNumber;
    const pool = (await fresh.json(['pool', 'create', n.phoneNumber])).pool.poolId;
    const shown = await fresh.json(['pool', 'show', pool]);
    expect(shown.originationIdentities.map((m: { phoneNumber: string }) => m.phoneNumber)).toEqual([n.phoneNumber]);
    const number = await fresh.json(['number', 'show', n.phoneNumberId]);
    expect(number.poolId).toBe(pool);
  });
});
