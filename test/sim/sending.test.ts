/**
 * Sending as the service does it, through the AWS SDK over HTTP: the sandbox and spend limits, the
 * SIMULATOR number's restriction, registration gating, opt-outs and keywords from inbound replies,
 * pools, throughput, events, media and voice, and the hooks' refusal of web pages.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CreateConfigurationSetCommand,
  CreateOptOutListCommand,
  RequestSenderIdCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  CreatePoolCommand,
  DescribeOptedOutNumbersCommand,
  DescribeSpendLimitsCommand,
  SetTextMessageSpendLimitOverrideCommand,
  PutKeywordCommand,
  PutOptedOutNumberCommand,
  UpdatePoolCommand,
  CreateRegistrationCommand,
  DeleteRegistrationCommand,
  DescribeRegistrationsCommand,
  SendMediaMessageCommand,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { InputError } from '../../src/cli/errors.js';
import { parseSimStartOptions } from '../../src/commands/sim/start.js';
import { createMemoryStore, freshState, type SimConfig, type SimState } from '../../src/sim/index.js';
import type { PhoneNumberRecord } from '../../src/sim/state.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

const START = new Date('2026-11-23T10:00:00Z');
const TOLL_FREE = '+18335550100';
const SIMULATOR = '+12065550100';
const US_SIM_SUCCESS = '+14254147755';
const US_SIM_FAILURE = '+14254147167';
const GB_SIM_SUCCESS = '+447860019066';

let sim: TestSim;
const dirs: string[] = [];

/** A ready account, changed by `edit` before the simulator starts. */
async function start(edit: (s: SimState) => void = () => {}, config: Partial<SimConfig> = {}): Promise<TestSim> {
  const state = freshState(START);
  edit(state);
  sim = await startTestSim(config, createMemoryStore(state));
  return sim;
}

const region = (s: SimState) => s.regions['us-east-1'];
const phoneBy = (s: SimState, n: string) => Object.values(region(s).phoneNumbers).find((p) => p.phoneNumber === n)!;

function addConfigSet(s: SimState, name: string, destinations: Array<{ name: string; types: string[]; sns?: boolean; enabled?: boolean }>): void {
  region(s).configurationSets[name] = {
    name,
    arn: `arn:aws:sms-voice:us-east-1:123456789012:configuration-set/${name}`,
    createdAt: START.getTime(),
    eventDestinations: destinations.map((d) => ({
      EventDestinationName: d.name,
      Enabled: d.enabled ?? true,
      MatchingEventTypes: d.types,
      ...(d.sns
        ? { SnsDestination: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:sms-events' } }
        : {
            CloudWatchLogsDestination: { IamRoleArn: 'arn:aws:iam::123456789012:role/sms', LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:sms' },
          }),
    })),
  };
}

const text = (input: Partial<ConstructorParameters<typeof SendTextMessageCommand>[0]> & { DestinationPhoneNumber: string }) =>
  sim.client().send(new SendTextMessageCommand({ MessageBody: 'hello', ...input }));
const hook = (method: string, p: string, body?: unknown) => sim.hook(method, p, body);

afterEach(async () => {
  await sim?.close();
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the sandbox', () => {
  beforeEach(() => start((s) => (region(s).account.tier = 'SANDBOX')));

  test('only verified destinations and destination simulator numbers; POST /_eum/account leaves it', async () => {
    const e = await rejection(text({ DestinationPhoneNumber: '+12065550142' }));
    expect(e).toMatchObject({
      name: 'ConflictException',
      Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
      ResourceType: 'verified-destination-number',
      ResourceId: '+12065550142',
    });
    expect((await hook('GET', '/_eum/messages?to=%2B12065550142')).body.messages).toEqual([]);

    await text({ DestinationPhoneNumber: US_SIM_SUCCESS });
    expect((await hook('GET', `/_eum/messages?to=${encodeURIComponent(US_SIM_SUCCESS)}`)).body.messages).toEqual([
      expect.objectContaining({ kind: 'text', from: SIMULATOR, to: US_SIM_SUCCESS, body: 'hello' }),
    ]);

    expect((await hook('POST', '/_eum/account', { tier: 'PRODUCTION' })).body).toMatchObject({ tier: 'PRODUCTION' });
    await text({ DestinationPhoneNumber: '+12065550142' });
    expect((await hook('POST', '/_eum/account', { tier: 'GOLD' })).status).toBe(400);
  });

  test('a VERIFIED destination passes, a PENDING one does not', async () => {
    await sim.store.transact((s) => {
      region(s).verifiedDestinations['verified-1'] = {
        id: 'verified-1',
        arn: 'arn:x',
        phoneNumber: '+12065550150',
        status: 'VERIFIED',
        createdAt: 0,
        codesSent: 1,
      };
      region(s).verifiedDestinations['verified-2'] = {
        id: 'verified-2',
        arn: 'arn:y',
        phoneNumber: '+12065550151',
        status: 'PENDING',
        createdAt: 0,
        codesSent: 1,
      };
    });
    await text({ DestinationPhoneNumber: '+12065550150' });
    expect(await rejection(text({ DestinationPhoneNumber: '+12065550151' }))).toMatchObject({ Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED' });
  });
});

describe('spend limits', () => {
  test('a send over the monthly limit is refused; the next month starts afresh', async () => {
    // US: 0.00581 + 0.00302 carrier fee per part (synthesized prices): two fit under 0.02.
    await start((s) => (region(s).account.spendLimits.TEXT_MESSAGE_MONTHLY_SPEND_LIMIT.enforcedLimit = 0.02));
    await text({ DestinationPhoneNumber: '+12065550142' });
    await text({ DestinationPhoneNumber: '+12065550142' });
    const e = await rejection(text({ DestinationPhoneNumber: '+12065550142' }));
    expect(e).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' });
    expect((await hook('GET', '/_eum/account')).body).toMatchObject({ month: '2026-11', spend: { TEXT: 0.01766 } });
    // Media has its own limit.
    await sim
      .client()
      .send(new SendMediaMessageCommand({ DestinationPhoneNumber: '+12065550142', OriginationIdentity: TOLL_FREE, MediaUrls: ['s3://bucket/cat.jpg'] }));
    await hook('POST', '/_eum/clock', { advanceSeconds: 8 * 24 * 3600 });
    await text({ DestinationPhoneNumber: '+12065550142' });
  });

  test('--max-spend-limit raises every maximum and the limits not overridden; an override stays under it', async () => {
    expect(parseSimStartOptions({ maxSpendLimit: '100000' }, '/')).toMatchObject({ maxSpendLimit: 100000 });
    expect(() => parseSimStartOptions({ maxSpendLimit: 'lots' }, '/')).toThrow(InputError);
    expect(() => parseSimStartOptions({ maxSpendLimit: '-1' }, '/')).toThrow(InputError);
    await start((s) => (region(s).account.spendLimits.TEXT_MESSAGE_MONTHLY_SPEND_LIMIT.enforcedLimit = 0.02), { maxSpendLimit: 100_000 });
    const limits = (await sim.client().send(new DescribeSpendLimitsCommand({}))).SpendLimits!;
    expect(limits).toHaveLength(5);
    for (const l of limits) expect(l).toMatchObject({ MaxLimit: 100_000, EnforcedLimit: 100_000, Overridden: false });
    // The enforced limit went up with the maximum: three sends fit (two did at 0.02).
    for (let i = 0; i < 3; i++) await text({ DestinationPhoneNumber: '+12065550142' });
    await sim.client().send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 50_000 }));
    const text2 = (await sim.client().send(new DescribeSpendLimitsCommand({}))).SpendLimits!.find((l) => l.Name === 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT');
    expect(text2).toMatchObject({ MaxLimit: 100_000, EnforcedLimit: 50_000, Overridden: true });
  });

  test('MaxPrice below the price: PRICE_OVER_THRESHOLD, nothing sent', async () => {
    await start();
    expect(await rejection(text({ DestinationPhoneNumber: '+12065550142', MaxPrice: '0.001' }))).toMatchObject({
      name: 'ValidationException',
      Reason: 'PRICE_OVER_THRESHOLD',
    });
    expect((await hook('GET', '/_eum/messages?to=%2B12065550142')).body.messages).toHaveLength(0);
  });
});

describe("the configuration set's defaults", () => {
  beforeEach(() => start());

  test('its default sender ID carries a send without an origination identity, and its default message type applies', async () => {
    const FR = '+33755512501';
    const sms = sim.client();
    await sms.send(new RequestSenderIdCommand({ SenderId: 'Other', IsoCountryCode: 'FR' }));
    await sms.send(new RequestSenderIdCommand({ SenderId: 'Brand', IsoCountryCode: 'FR' }));
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'brand' }));
    await sms.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: 'brand', SenderId: 'Brand' }));
    await sms.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: 'brand', MessageType: 'PROMOTIONAL' }));

    await text({ DestinationPhoneNumber: FR, ConfigurationSetName: 'brand' });
    await text({ DestinationPhoneNumber: FR, ConfigurationSetName: 'brand', MessageType: 'TRANSACTIONAL' });
    await text({ DestinationPhoneNumber: FR });
    const sent = (await hook('GET', `/_eum/messages?to=${encodeURIComponent(FR)}`)).body.messages as Array<{ from: string; messageType?: string }>;
    expect(sent.map((m) => [m.from, m.messageType])).toEqual([
      ['Brand', 'PROMOTIONAL'],
      ['Brand', 'TRANSACTIONAL'],
      ['Other', undefined],
    ]);
    // A default sender ID the country has not got: the send falls back to what reaches it.
    await text({ DestinationPhoneNumber: US_SIM_SUCCESS, ConfigurationSetName: 'brand' });
    const us = (await hook('GET', `/_eum/messages?to=${encodeURIComponent(US_SIM_SUCCESS)}`)).body.messages as Array<{ from: string }>;
    expect(us.map((m) => m.from)).toEqual([expect.stringMatching(/^\+1\d{10}$/)]);
  });
});

describe('origination identities that cannot send', () => {
  test('the SIMULATOR number reaches destination simulator numbers of the US only', async () => {
    await start();
    await text({ DestinationPhoneNumber: US_SIM_SUCCESS, OriginationIdentity: SIMULATOR });
    const other = await rejection(text({ DestinationPhoneNumber: '+12065550142', OriginationIdentity: SIMULATOR }));
    expect(other).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'DestinationPhoneNumber' }] });
    const gb = await rejection(text({ DestinationPhoneNumber: GB_SIM_SUCCESS, OriginationIdentity: SIMULATOR }));
    expect(gb).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY' });
  });

  test('a toll-free number without a COMPLETE registration is refused, and skipped when picking', async () => {
    await start((s) => {
      const tf = phoneBy(s, TOLL_FREE);
      const id = 'phone-11111111111111111111111111111111';
      region(s).phoneNumbers[id] = { ...tf, id, arn: tf.arn.replace(tf.id, id), phoneNumber: '+18335550199', registrationId: undefined } as PhoneNumberRecord;
    });
    const e = await rejection(text({ DestinationPhoneNumber: '+12065550142', OriginationIdentity: '+18335550199' }));
    expect(e).toMatchObject({
      name: 'ConflictException',
      Reason: 'REGISTRATION_NOT_COMPLETE',
      ResourceType: 'phone-number',
      ResourceId: 'phone-11111111111111111111111111111111',
    });
    const r = await text({ DestinationPhoneNumber: '+12065550142' });
    expect((await hook('GET', `/_eum/messages/${r.MessageId}`)).body.origination.value).toBe(TOLL_FREE);
  });

  test('voice needs a VOICE number; media and voice are recorded with their kind', async () => {
    await start((s) => (phoneBy(s, TOLL_FREE).numberCapabilities = ['SMS', 'MMS']));
    const voice = await rejection(
      sim.client().send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550142', OriginationIdentity: TOLL_FREE, MessageBody: 'hi' })),
    );
    expect(voice).toMatchObject({ name: 'ValidationException', Reason: 'VOICE_CAPABILITY_NOT_AVAILABLE' });
    await sim.client().send(
      new SendMediaMessageCommand({
        DestinationPhoneNumber: '+12065550142',
        OriginationIdentity: TOLL_FREE,
        MessageBody: 'a cat',
        MediaUrls: ['s3://bucket/cat.jpg'],
      }),
    );
    expect((await hook('GET', '/_eum/messages?to=%2B12065550142')).body.messages).toEqual([expect.objectContaining({ kind: 'media', body: 'a cat' })]);
  });
});

describe('inbound replies, keywords and opt-outs', () => {
  const from = '+12065550199';

  test('STOP to a US toll-free number opts out (QUIT does not); sends to it are refused; HELP answers', async () => {
    await start();
    const quit = await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: 'quit' });
    expect(quit.body).toMatchObject({ keyword: null, optedOut: false, response: null });
    const help = await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: 'help me' });
    expect(help.body).toMatchObject({ keyword: 'HELP', action: 'AUTOMATIC_RESPONSE', response: { body: 'Default Help Message' } });
    const stop = await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: 'Stop' });
    expect(stop.body).toMatchObject({ keyword: 'STOP', action: 'OPT_OUT', optedOut: true, optOutListName: 'Default' });
    const e = await rejection(text({ DestinationPhoneNumber: from }));
    expect(e).toMatchObject({ name: 'ConflictException', Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT' });
    const received = (await hook('GET', `/_eum/messages?to=${encodeURIComponent(from)}`)).body.messages;
    expect(received.map((m: { kind: string; from: string }) => [m.kind, m.from])).toEqual([
      ['keyword-response', TOLL_FREE],
      ['keyword-response', TOLL_FREE],
    ]);
    expect(received[1].body).toBe('You are now opted out and will no longer receive messages.');
    expect((await hook('GET', `/_eum/messages?from=${encodeURIComponent(TOLL_FREE)}`)).body.messages).toHaveLength(2);
    expect((await hook('GET', '/_eum/messages?from=%2B19999999999')).body.messages).toEqual([]);
  });

  test("AWS's opt-out keywords on other numbers; custom keywords; OPT_IN; self-managed opt-outs and two-way", async () => {
    await start((s) => {
      const p = phoneBy(s, SIMULATOR);
      p.keywords.JOIN = { message: 'Welcome back', action: 'OPT_IN' };
      p.keywords.HOURS = { message: 'Open 9-5', action: 'AUTOMATIC_RESPONSE' };
    });
    expect((await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'unsubscribe' })).body).toMatchObject({
      keyword: 'UNSUBSCRIBE',
      optedOut: true,
      response: { body: 'You are now opted out and will no longer receive messages.' },
    });
    expect((await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'STOPALL' })).body).toMatchObject({ keyword: null, optedOut: false });
    expect((await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'hours?' })).body).toMatchObject({ keyword: null });
    expect((await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'hours please' })).body).toMatchObject({
      keyword: 'HOURS',
      response: { body: 'Open 9-5' },
    });
    expect((await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'JOIN' })).body).toMatchObject({
      action: 'OPT_IN',
      optedIn: true,
      response: { body: 'Welcome back' },
    });
    expect((await hook('GET', '/_eum/inbound')).body.messages).toEqual([]);

    await sim.store.transact((s) => {
      const p = phoneBy(s, SIMULATOR);
      p.twoWayEnabled = true;
      p.twoWayChannelArn = 'arn:aws:sns:us-east-1:123456789012:two-way';
      p.selfManagedOptOutsEnabled = true;
    });
    const stop = await hook('POST', '/_eum/inbound', { from, to: SIMULATOR, body: 'STOP' });
    expect(stop.body).toMatchObject({
      keyword: 'STOP',
      action: null,
      optedOut: false,
      response: null,
      twoWay: { channelArn: 'arn:aws:sns:us-east-1:123456789012:two-way' },
    });
    expect((await hook('GET', '/_eum/inbound')).body.messages).toEqual([
      expect.objectContaining({ originationNumber: from, destinationNumber: SIMULATOR, messageBody: 'STOP', inboundMessageId: stop.body.inboundMessageId }),
    ]);
    expect((await hook('GET', '/_eum/events?type=inbound')).body.events).toHaveLength(1);
  });

  test('a number in a pool answers with the pool keywords and opts out onto the pool list', async () => {
    await start((s) => {
      const r = region(s);
      const tf = phoneBy(s, TOLL_FREE);
      r.optOuts.PoolList = { name: 'PoolList', arn: 'arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/PoolList', createdAt: 0, numbers: {} };
      const id = 'pool-0123456789abcdef0123456789abcdef';
      r.pools[id] = {
        id,
        arn: `arn:aws:sms-voice:us-east-1:123456789012:pool/${id}`,
        status: 'ACTIVE',
        messageType: 'TRANSACTIONAL',
        twoWayEnabled: false,
        selfManagedOptOutsEnabled: false,
        optOutListName: 'PoolList',
        sharedRoutesEnabled: false,
        deletionProtectionEnabled: false,
        originationIdentities: [tf.arn],
        keywords: { HELP: { message: 'Pool help', action: 'AUTOMATIC_RESPONSE' }, STOP: { message: 'Pool stop', action: 'OPT_OUT' } },
        createdAt: 0,
      };
      tf.poolId = id;
    });
    expect((await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: 'help' })).body.response.body).toBe('Pool help');
    expect((await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: 'stop' })).body).toMatchObject({
      optOutListName: 'PoolList',
      response: { body: 'Pool stop' },
    });
    expect(await rejection(text({ DestinationPhoneNumber: from, OriginationIdentity: 'pool-0123456789abcdef0123456789abcdef' }))).toMatchObject({
      Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
    });
    // The SIMULATOR number is not in the pool and keeps the Default list.
    await text({ DestinationPhoneNumber: US_SIM_SUCCESS, OriginationIdentity: SIMULATOR });
  });

  test('bad inbound requests: 400 naming the field, 404 for a number the account does not have', async () => {
    await start();
    expect((await hook('POST', '/_eum/inbound', { from: '12065550199', to: TOLL_FREE, body: 'STOP' })).body.message).toMatch(/^from must be/);
    expect((await hook('POST', '/_eum/inbound', { from, to: TOLL_FREE, body: '' })).body.message).toMatch(/^body must be/);
    expect((await hook('POST', '/_eum/inbound', { from, to: '+18005550000', body: 'STOP' })).status).toBe(404);
    expect((await hook('GET', '/_eum/messages?to=12065550199')).status).toBe(400);
  });
});

describe('pools and opt-out lists through the API', () => {
  test('a pool sends from its number, answers with its keywords, opts out onto its list; PutOptedOutNumber blocks too', async () => {
    await start();
    const c = sim.client();
    await c.send(new CreateOptOutListCommand({ OptOutListName: 'pool-list' }));
    const tollFreeId = await sim.store.transact((s) => phoneBy(s, TOLL_FREE).id);
    const pool = await c.send(new CreatePoolCommand({ OriginationIdentity: tollFreeId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    await c.send(
      new UpdatePoolCommand({
        PoolId: pool.PoolId,
        OptOutListName: 'pool-list',
        TwoWayEnabled: true,
        TwoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:pool-replies',
      }),
    );
    await c.send(new PutKeywordCommand({ OriginationIdentity: pool.PoolId, Keyword: 'hours', KeywordMessage: 'Open 9-5' }));

    const r = await text({ DestinationPhoneNumber: '+12065550160', OriginationIdentity: pool.PoolArn });
    expect((await hook('GET', `/_eum/messages/${r.MessageId}`)).body.origination).toMatchObject({ type: 'phone-number', value: TOLL_FREE });
    expect((await hook('POST', '/_eum/inbound', { from: '+12065550160', to: TOLL_FREE, body: 'Hours?' })).body).toMatchObject({ keyword: null });
    expect((await hook('POST', '/_eum/inbound', { from: '+12065550160', to: TOLL_FREE, body: 'hours' })).body.response.body).toBe('Open 9-5');
    expect((await hook('POST', '/_eum/inbound', { from: '+12065550160', to: TOLL_FREE, body: 'stop' })).body).toMatchObject({
      optedOut: true,
      optOutListName: 'pool-list',
    });
    const listed = await c.send(new DescribeOptedOutNumbersCommand({ OptOutListName: 'pool-list' }));
    expect(listed.OptedOutNumbers).toEqual([expect.objectContaining({ OptedOutNumber: '+12065550160', EndUserOptedOut: true })]);
    expect(await rejection(text({ DestinationPhoneNumber: '+12065550160', OriginationIdentity: pool.PoolId }))).toMatchObject({
      Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
    });
    expect((await hook('GET', `/_eum/inbound?to=${encodeURIComponent(TOLL_FREE)}`)).body.messages.map((m: { messageBody: string }) => m.messageBody)).toEqual([
      'Hours?',
      'hours',
      'stop',
    ]);

    await c.send(new PutOptedOutNumberCommand({ OptOutListName: 'Default', OptedOutNumber: US_SIM_SUCCESS }));
    expect(await rejection(text({ DestinationPhoneNumber: US_SIM_SUCCESS, OriginationIdentity: SIMULATOR }))).toMatchObject({
      Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
    });
  });
});

describe('the tier flag', () => {
  test('eum sim start --tier, --events-dir, --delivery-failure-rate: parsed, and bad values are input errors naming the flag', () => {
    expect(parseSimStartOptions({ tier: 'production', eventsDir: 'ev', deliveryFailureRate: '0.25' }, '/tmp')).toMatchObject({
      tier: 'PRODUCTION',
      eventsDir: '/tmp/ev',
      deliveryFailureRate: 0.25,
    });
    expect(parseSimStartOptions({}, '/')).toMatchObject({ tier: undefined, eventsDir: undefined, deliveryFailureRate: 0 });
    let err: unknown;
    try {
      parseSimStartOptions({ tier: 'gold', deliveryFailureRate: '2' }, '/');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const problems = JSON.stringify((err as InputError).problems);
    expect(problems).toContain('--tier');
    expect(problems).toContain('--delivery-failure-rate');
  });

  test('config tier SANDBOX puts a ready account in the sandbox', async () => {
    await start(() => {}, { tier: 'SANDBOX' });
    expect(await rejection(text({ DestinationPhoneNumber: '+12065550142' }))).toMatchObject({ Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED' });
    expect((await hook('GET', '/_eum/account')).body.tier).toBe('SANDBOX');
  });
});

describe('throughput per origination identity', () => {
  test('a toll-free number sends 3 parts per second (ThrottlingException beyond), on the simulator clock', async () => {
    // Request quotas scaled out of the way; MPS is not scaled.
    await start(() => {}, { quotas: true, quotaScale: 1000 });
    for (let i = 0; i < 3; i++) await text({ DestinationPhoneNumber: '+12065550142' });
    const e = await rejection(text({ DestinationPhoneNumber: '+12065550143' }));
    expect(e).toMatchObject({ name: 'ThrottlingException' });
    expect(e.message).toMatch(/\+18335550100 sends at most 3 message parts per second/);
    // The SIMULATOR number has its own bucket.
    await text({ DestinationPhoneNumber: US_SIM_SUCCESS, OriginationIdentity: SIMULATOR });
    sim.clock.advance(1000);
    await text({ DestinationPhoneNumber: '+12065550143' });
  });

  test('--no-quotas lifts it', async () => {
    await start();
    for (let i = 0; i < 10; i++) await text({ DestinationPhoneNumber: '+12065550142' });
  });
});

describe('events', () => {
  test('TEXT_SUCCESSFUL at once to matching destinations, TEXT_DELIVERED after the carrier delay', async () => {
    await start((s) =>
      addConfigSet(s, 'app', [
        { name: 'all-text', types: ['TEXT_ALL'] },
        { name: 'delivered', types: ['TEXT_DELIVERED'], sns: true },
        { name: 'off', types: ['ALL'], enabled: false },
      ]),
    );
    const r = await text({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'app', Context: { order: '42' }, MessageBody: 'Your code is 123456' });
    const first = (await hook('GET', '/_eum/events?configurationSet=app')).body;
    expect(first.pending).toBe(1);
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({ type: 'message', configurationSet: 'app', destinations: ['all-text'] });
    expect(first.events[0].event).toEqual({
      eventType: 'TEXT_SUCCESSFUL',
      eventVersion: '1.0',
      eventTimestamp: START.getTime(),
      isFinal: false,
      originationPhoneNumber: TOLL_FREE,
      destinationPhoneNumber: '+12065550142',
      isInternationalSend: false,
      isoCountryCode: 'US',
      mcc: '310',
      mnc: '800',
      messageId: r.MessageId,
      messageRequestTimestamp: START.getTime(),
      messageEncoding: 'GSM',
      messageType: 'TRANSACTIONAL',
      messageStatus: 'SUCCESSFUL',
      messageStatusDescription: 'Message has been accepted by phone carrier',
      context: { order: '42' },
      totalMessageParts: 1,
      totalMessagePrice: 0.00581,
      totalCarrierFee: 0.00302,
    });

    await hook('POST', '/_eum/clock', { advanceSeconds: 5 });
    const after = (await hook('GET', `/_eum/events?configurationSet=app&after=${first.events[0].seq}`)).body.events;
    expect(after).toHaveLength(1);
    expect(after[0].destinations).toEqual(['all-text', 'delivered']);
    expect(after[0].event).toMatchObject({
      eventType: 'TEXT_DELIVERED',
      isFinal: true,
      messageStatus: 'DELIVERED',
      eventTimestamp: START.getTime() + 5000,
      messageId: r.MessageId,
    });
    expect((await hook('GET', `/_eum/messages/${r.MessageId}`)).body.deliveryStatus).toBe('DELIVERED');
    // since: by event time
    expect(
      (await hook('GET', `/_eum/events?since=${START.getTime() + 1}`)).body.events.map((e: { event: { eventType: string } }) => e.event.eventType),
    ).toEqual(['TEXT_DELIVERED']);
    expect((await hook('GET', '/_eum/events?since=yesterday')).status).toBe(400);
  });

  test('failure simulator numbers end in TEXT_BLOCKED; --delivery-failure-rate in TEXT_UNREACHABLE; unicode parts', async () => {
    await start((s) => addConfigSet(s, 'app', [{ name: 'all', types: ['ALL'] }]), { deliveryFailureRate: 1 });
    const blocked = await text({ DestinationPhoneNumber: US_SIM_FAILURE, ConfigurationSetName: 'app', OriginationIdentity: SIMULATOR });
    const lost = await text({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'app', MessageBody: 'ß'.repeat(10) + '😀'.repeat(40) });
    sim.clock.advance(5000);
    const finals = (await hook('GET', '/_eum/events?configurationSet=app')).body.events.filter((e: { event: { isFinal: boolean } }) => e.event.isFinal);
    expect(finals.find((e: { messageId?: string; event: { messageId: string } }) => e.event.messageId === blocked.MessageId).event).toMatchObject({
      eventType: 'TEXT_BLOCKED',
      messageStatus: 'BLOCKED',
      messageStatusDescription: 'Phone has blocked SMS',
      totalMessagePrice: 0,
    });
    expect(finals.find((e: { event: { messageId: string } }) => e.event.messageId === lost.MessageId).event).toMatchObject({
      eventType: 'TEXT_UNREACHABLE',
      messageStatus: 'UNREACHABLE',
      messageEncoding: 'UNICODE',
      totalMessageParts: 2,
    });
  });

  test('media and voice events; events without a configuration set go nowhere but are listed', async () => {
    await start((s) => addConfigSet(s, 'app', [{ name: 'media', types: ['MEDIA_ALL', 'VOICE_ALL'] }]));
    await sim.client().send(
      new SendMediaMessageCommand({
        DestinationPhoneNumber: '+12065550142',
        OriginationIdentity: TOLL_FREE,
        MediaUrls: ['s3://bucket/k.png'],
        ConfigurationSetName: 'app',
      }),
    );
    await sim
      .client()
      .send(
        new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550142', OriginationIdentity: TOLL_FREE, MessageBody: 'hi', ConfigurationSetName: 'app' }),
      );
    await text({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'app' });
    await text({ DestinationPhoneNumber: '+12065550142' });
    sim.clock.advance(5000);
    const types = (await hook('GET', '/_eum/events?configurationSet=app')).body.events.map((e: { event: { eventType: string } }) => e.event.eventType);
    expect(types).toEqual(['MEDIA_SUCCESSFUL', 'VOICE_INITIATED', 'MEDIA_DELIVERED', 'VOICE_COMPLETED']);
    const all = (await hook('GET', '/_eum/events')).body.events;
    expect(all).toHaveLength(8);
    expect(all.filter((e: { destinations: string[] }) => e.destinations.length === 0)).toHaveLength(4);
    expect(all[0].event).toMatchObject({ contentType: 'MMS', totalMessagePrice: 0.0195 });
    const completed = all.find((e: { event: { eventType: string } }) => e.event.eventType === 'VOICE_COMPLETED').event;
    expect(completed).toMatchObject({ messageStatus: 'COMPLETED', callDurationInSeconds: 60, totalDurationInMinutes: 1, totalMessagePrice: 0.013 });
    expect(completed).not.toHaveProperty('messageStatusDescription');
  });

  test('--events-dir: JSON lines per destination (SNS wrapped as a notification), 0600 files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eum-events-'));
    dirs.push(dir);
    await start(
      (s) =>
        addConfigSet(s, 'app', [
          { name: 'logs', types: ['TEXT_ALL'] },
          { name: 'topic', types: ['TEXT_DELIVERED'], sns: true },
        ]),
      { eventsDir: dir },
    );
    const r = await text({ DestinationPhoneNumber: '+12065550142', ConfigurationSetName: 'app' });
    sim.clock.advance(5000);
    await hook('GET', '/_eum/events');
    const base = path.join(dir, 'us-east-1', 'app');
    expect(readdirSync(base).sort()).toEqual(['logs.jsonl', 'topic.jsonl']);
    const logs = readFileSync(path.join(base, 'logs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logs.map((e) => [e.eventType, e.messageId])).toEqual([
      ['TEXT_SUCCESSFUL', r.MessageId],
      ['TEXT_DELIVERED', r.MessageId],
    ]);
    const topic = readFileSync(path.join(base, 'topic.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(topic).toHaveLength(1);
    expect(topic[0]).toMatchObject({ Type: 'Notification', TopicArn: 'arn:aws:sns:us-east-1:123456789012:sms-events' });
    expect(JSON.parse(topic[0].Message)).toMatchObject({ eventType: 'TEXT_DELIVERED', messageId: r.MessageId });
    expect(statSync(path.join(base, 'logs.jsonl')).mode & 0o777).toBe(0o600);
    expect(statSync(base).mode & 0o777).toBe(0o700);
  });
});

describe('registration events', () => {
  test('Registration Status Change for a new registration and its deletion; none for the preset one', async () => {
    await start();
    await sim.client().send(new DescribeRegistrationsCommand({}));
    expect((await hook('GET', '/_eum/events?type=registration')).body.events).toEqual([]);
    const created = await sim.client().send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    await sim.client().send(new DeleteRegistrationCommand({ RegistrationId: created.RegistrationId }));
    const events = (await hook('GET', '/_eum/events?type=registration')).body.events.map((e: { event: unknown }) => e.event);
    expect(events).toEqual([
      {
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'Registration Status Change',
        source: 'aws.sms-voice',
        account: '123456789012',
        time: '2026-11-23T10:00:00Z',
        region: 'us-east-1',
        resources: [created.RegistrationArn],
        detail: {
          registrationDetails: {
            registrationId: created.RegistrationId,
            registrationVersionNumber: 1,
            registrationType: 'US_TEN_DLC_BRAND_REGISTRATION',
            registrationStatusChangeTimestamp: START.getTime(),
            currentStatus: 'CREATED',
          },
          registrationArn: created.RegistrationArn,
        },
      },
      expect.objectContaining({ detail: expect.objectContaining({ registrationDetails: expect.objectContaining({ currentStatus: 'DELETED' }) }) }),
    ]);
  });
});

describe('hooks refuse what a web page could send', () => {
  test('an Origin header: 403; a body that is not JSON: 415; over 1 MiB: 413; nothing changes', async () => {
    await start();
    const url = `${sim.server.endpoint}/_eum/clock`;
    const fromPage = await fetch(url, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{"advanceSeconds":3600}',
    });
    expect(fromPage.status).toBe(403);
    const form = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"advanceSeconds":3600}' });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { message: string }).message).toMatch(/content-type: application\/json/);
    expect((await hook('GET', '/_eum/clock')).body.offsetSeconds).toBe(0);
    expect((await hook('POST', '/_eum/clock', { advanceSeconds: 1 })).status).toBe(200);
    const huge = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 1, pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await hook('GET', '/_eum/clock')).body.offsetSeconds).toBe(1);
  });
});
