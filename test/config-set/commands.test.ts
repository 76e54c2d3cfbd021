import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBase } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { startPresetSim, type PresetSim } from './helpers.js';

const SNS = 'arn:aws:sns:us-east-1:123456789012:sms-events';
const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:sms-events';
const ROLE = 'arn:aws:iam::123456789012:role/SmsEvents';
const FIREHOSE = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/sms-events';

let sim: PresetSim;
beforeAll(async () => {
  sim = await startPresetSim('ready');
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.clearRequests();
});

describe('eum config-set: bad input is refused before any call', () => {
  it('create: every problem at once, exit 2, nothing sent', async () => {
    const r = await sim.eum([
      'config-set',
      'create',
      'bad name!',
      '--tag',
      'novalue',
      '--tag',
      'aws:x=1',
      '--default-message-type',
      'urgent',
      '--default-sender-id',
      'TOO-LONG-SENDER',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.problems.map((p: { field: string }) => p.field)).toEqual(['<name>', '--tag', '--tag', '--default-sender-id', '--default-message-type']);
    expect(err.hint).toBe('nothing was created');
    expect(await sim.operations()).toEqual([]);
  });

  it('destination add: ARNs of the wrong kind, a missing role, unknown event types, all at once', async () => {
    const r = await sim.eum([
      'config-set',
      'destination',
      'add',
      'otp',
      'logs',
      '--cloudwatch-logs',
      SNS,
      '--events',
      'final,deliverd',
      '--events',
      'text:sometimes',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('4 problems in the input');
    expect(r.stderr).toContain('--role: --cloudwatch-logs needs --role ROLE_ARN');
    expect(r.stderr).toContain('--cloudwatch-logs: must be a CloudWatch Logs log group ARN (this ARN is for sns)');
    expect(r.stderr).toContain('--events: "deliverd" is not an event type or group');
    expect(r.stderr).toContain('--events: "text:sometimes" is not a group');
    const two = await sim.eum(['config-set', 'destination', 'add', 'otp', 'x', '--sns', SNS, '--firehose', FIREHOSE]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--sns, --firehose: an event destination delivers to one place');
    expect(two.stderr).toContain('--events: which events?');
    const none = await sim.eum(['config-set', 'destination', 'add', 'otp', 'x', '--events', 'all']);
    expect(none.stderr).toContain('--sns: where should events go?');
    const nothing = await sim.eum(['config-set', 'destination', 'update', 'otp', 'x']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('nothing to change');
    const role = await sim.eum(['config-set', 'destination', 'update', 'otp', 'x', '--role', ROLE, '--enable', '--disable']);
    expect(role.stderr).toContain('--enable, --disable: give one of them');
    expect(role.stderr).toContain('--role: goes with --cloudwatch-logs or --firehose');
    expect(await sim.operations()).toEqual([]);
  });

  it('defaults and names: checked before any call', async () => {
    for (const args of [
      ['config-set', 'set-default-sender-id', 'otp', 'MUCH-TOO-LONG-ID'],
      ['config-set', 'set-default-message-type', 'otp', 'urgent'],
      ['config-set', 'set-default-feedback', 'otp', 'maybe'],
      ['config-set', 'show', 'no spaces'],
      ['config-set', 'delete', 'x'.repeat(300)],
      ['config-set', 'destination', 'remove', 'otp', 'bad/name'],
    ]) {
      const r = await sim.eum(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(await sim.operations()).toEqual([]);
  });
});

describe('eum config-set against the simulator', () => {
  it('create with defaults, then list and show (JSON, terminal, piped)', async () => {
    const created = await sim.json([
      'config-set',
      'create',
      'otp',
      '--default-message-type',
      'transactional',
      '--default-sender-id',
      'ACME',
      '--feedback',
      '--tag',
      'team=auth',
    ]);
    expect(created).toEqual({
      name: 'otp',
      arn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/otp',
      createdAt: expect.any(String),
      defaultSenderId: 'ACME',
      defaultMessageType: 'TRANSACTIONAL',
      defaultMessageFeedback: true,
      protectConfigurationId: null,
      eventDestinations: [],
    });
    expect(await sim.operations()).toEqual([
      'CreateConfigurationSet',
      'SetDefaultSenderId',
      'SetDefaultMessageType',
      'SetDefaultMessageFeedbackEnabled',
      'DescribeConfigurationSets',
    ]);
    await sim.json(['config-set', 'create', 'marketing']);

    const list = await sim.json(['config-set', 'list']);
    expect(list.configurationSets.map((s: { name: string }) => s.name)).toEqual(['marketing', 'otp']);
    const piped = await sim.eum(['config-set', 'list']);
    expect(piped.stdout.split('\n')[1]).toBe('otp\tACME\tTRANSACTIONAL\ttrue\t\t');
    const tty = await sim.eum(['config-set', 'list'], { tty: true });
    expect(tty.stdout).toMatch(/│ Name +│ Sender ID +│ Type +│ Feedback +│ Protect +│ Destinations +│\n/);
    expect(tty.stdout).toMatch(/│ otp +│ ACME +│ transactional +│ on /);

    const show = await sim.eum(['config-set', 'show', 'otp'], { tty: true });
    expect(show.stdout).toContain('default message type');
    expect(show.stdout).toContain('transactional');
    expect(show.stderr).toContain('no event destination: delivery events go nowhere');
  });

  it('destination add, update and remove: SNS, CloudWatch Logs, Firehose', async () => {
    const sns = await sim.json(['config-set', 'destination', 'add', 'otp', 'outcomes', '--sns', SNS, '--events', 'text:final']);
    expect(sns.configurationSet).toBe('otp');
    expect(sns.destination).toEqual({
      name: 'outcomes',
      enabled: true,
      eventTypes: expect.arrayContaining(['TEXT_DELIVERED', 'TEXT_BLOCKED']),
      target: { kind: 'sns', topicArn: SNS },
    });
    expect(sns.destination.eventTypes).toHaveLength(12);
    await sim.json(['config-set', 'destination', 'add', 'otp', 'failures', '--cloudwatch-logs', LOGS, '--role', ROLE, '--events', 'failures']);
    await sim.json(['config-set', 'destination', 'add', 'otp', 'lake', '--firehose', FIREHOSE, '--role', ROLE, '--events', 'all']);

    const show = await sim.json(['config-set', 'show', 'otp']);
    expect(show.eventDestinations.map((d: { name: string; target: { kind: string } }) => `${d.name} ${d.target.kind}`)).toEqual([
      'outcomes sns',
      'failures cloudwatch-logs',
      'lake firehose',
    ]);
    expect(show.eventDestinations[1].target).toEqual({ kind: 'cloudwatch-logs', iamRoleArn: ROLE, logGroupArn: LOGS });
    expect(show.eventDestinations[2].eventTypes).toEqual(['ALL']);

    const updated = await sim.json(['config-set', 'destination', 'update', 'otp', 'lake', '--disable', '--events', 'text,media']);
    expect(updated.destination).toMatchObject({ name: 'lake', enabled: false, eventTypes: ['TEXT_ALL', 'MEDIA_ALL'], target: { kind: 'firehose' } });
    const moved = await sim.json(['config-set', 'destination', 'update', 'otp', 'lake', '--sns', SNS]);
    expect(moved.destination.target).toEqual({ kind: 'sns', topicArn: SNS });

    const dry = await sim.eum(['config-set', 'destination', 'remove', 'otp', 'lake', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain(`dry run: would remove event destination lake (sns ${SNS}) of otp`);
    const refused = await sim.eum(['config-set', 'destination', 'remove', 'otp', 'lake']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes required when not running interactively');
    const missing = await sim.eum(['config-set', 'destination', 'remove', 'otp', 'nope', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('otp has no event destination nope; it has outcomes, failures, lake');
    await sim.clearRequests();
    const removed = await sim.json(['config-set', 'destination', 'remove', 'otp', 'lake', '--yes']);
    expect(removed).toMatchObject({ configurationSet: 'otp', name: 'lake', removed: true, dryRun: false });
    expect(await sim.operations()).toEqual(['DescribeConfigurationSets', 'DeleteEventDestination']);
  });

  it('event destinations receive the events their types match', async () => {
    // otp: "outcomes" takes text:final, "failures" every failure.
    const ok = await sim.json([
      'send',
      '--to',
      '+14254147755',
      '--body',
      'Your code is 123456',
      '--config-set',
      'otp',
      '--from',
      '+12065550100',
      '--no-record',
    ]);
    const bad = await sim.json([
      'send',
      '--to',
      '+14254147167',
      '--body',
      'Your code is 654321',
      '--config-set',
      'otp',
      '--from',
      '+12065550100',
      '--no-record',
    ]);
    sim.clock.advance(60_000);
    const { body } = await sim.hook('GET', '/_eum/events?configurationSet=otp');
    const seen = body.events.map(
      (e: { event: { messageId: string; eventType: string }; destinations: string[] }) =>
        `${e.event.messageId === ok.messageId ? 'ok' : e.event.messageId === bad.messageId ? 'bad' : '?'} ${e.event.eventType} ${e.destinations.join('+')}`,
    );
    expect(seen).toEqual(['ok TEXT_SUCCESSFUL outcomes', 'bad TEXT_SUCCESSFUL outcomes', 'ok TEXT_DELIVERED outcomes', 'bad TEXT_BLOCKED outcomes+failures']);
  });

  it('set and unset the defaults', async () => {
    expect(await sim.json(['config-set', 'unset-default-sender-id', 'otp'])).toEqual({
      configurationSet: 'otp',
      setting: 'defaultSenderId',
      value: null,
      previous: 'ACME',
    });
    const again = await sim.eum(['config-set', 'unset-default-sender-id', 'otp']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('otp had no default sender ID');
    expect(await sim.json(['config-set', 'set-default-message-type', 'otp', 'Promotional'])).toEqual({
      configurationSet: 'otp',
      setting: 'defaultMessageType',
      value: 'PROMOTIONAL',
    });
    expect(await sim.json(['config-set', 'unset-default-message-type', 'otp'])).toMatchObject({ value: null, previous: 'PROMOTIONAL' });
    expect(await sim.json(['config-set', 'set-default-sender-id', 'otp', 'NEWBRAND'])).toMatchObject({ value: 'NEWBRAND' });
    expect(await sim.json(['config-set', 'set-default-feedback', 'otp', 'off'])).toMatchObject({ setting: 'defaultMessageFeedback', value: false });
    const show = await sim.json(['config-set', 'show', 'otp']);
    expect(show).toMatchObject({ defaultSenderId: 'NEWBRAND', defaultMessageType: null, defaultMessageFeedback: false });
  });

  it('delete: a dry run, a refusal without --yes, then with --yes', async () => {
    const dryJson = await sim.eum(['config-set', 'delete', 'otp', '--dry-run', '--json']);
    expect(dryJson.code).toBe(3);
    expect(JSON.parse(dryJson.stdout)).toMatchObject({ name: 'otp', deleted: false, dryRun: true });
    const dry = await sim.eum(['config-set', 'delete', 'otp', '--dry-run']);
    expect(dry.code).toBe(3);
    expect(dry.stderr).toContain('would delete configuration set otp and its 2 event destinations (outcomes, failures)');
    const refused = await sim.eum(['config-set', 'delete', 'otp']);
    expect(refused.code).toBe(2);
    expect(await sim.operations()).not.toContain('DeleteConfigurationSet');
    const gone = await sim.json(['config-set', 'delete', 'otp', '--yes']);
    expect(gone).toMatchObject({ name: 'otp', deleted: true });
    const missing = await sim.eum(['config-set', 'show', 'otp']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('eum config-set list');
  });

  it('a name taken, and a sixth destination, are refused with what to do', async () => {
    const taken = await sim.eum(['config-set', 'create', 'marketing']);
    expect(taken.code).toBe(1);
    for (const n of ['a', 'b', 'c', 'd', 'e']) await sim.json(['config-set', 'destination', 'add', 'marketing', n, '--sns', SNS, '--events', 'all']);
    const sixth = await sim.eum(['config-set', 'destination', 'add', 'marketing', 'f', '--sns', SNS, '--events', 'all']);
    expect(sixth.code).toBe(1);
    expect(sixth.stderr).toContain('eum config-set destination remove');
  });
});

describe('eum config-set on a new account', () => {
  it('lists none, and says how to create one', async () => {
    const fresh = await startPresetSim('new');
    try {
      expect(await fresh.json(['config-set', 'list'])).toEqual({ configurationSets: [] });
      const tty = await fresh.eum(['config-set', 'list'], { tty: true });
      expect(tty.stdout).toContain('No configuration sets. Create one with: eum config-set create NAME');
    } finally {
      await fresh.close();
    }
  });
});

describe('eum config-set delete on a terminal', () => {
  async function answer(name: string, reply: string): Promise<number> {
    const { base, stdin, stderr } = fakeBase({ tty: true, env: { NO_COLOR: '1' } });
    const run = main(['config-set', 'delete', name, '--endpoint-url', sim.endpoint], base);
    for (let i = 0; i < 400 && !stderr.text.includes(`delete configuration set ${name}`); i++) await new Promise((r) => setTimeout(r, 5));
    expect(stderr.text).toContain('sends that name it (--config-set) will fail');
    stdin.write(reply);
    return run;
  }

  it('asks, keeps the set on no, deletes it on yes', async () => {
    await sim.json(['config-set', 'create', 'asked']);
    await sim.clearRequests();
    expect(await answer('asked', 'n\n')).toBe(1);
    expect(await sim.operations()).toEqual(['DescribeConfigurationSets']);
    expect(await answer('asked', 'y\n')).toBe(0);
    expect((await sim.operations()).at(-1)).toBe('DeleteConfigurationSet');
  });
});

describe('eum config-set event-types', () => {
  it('lists every type with its channel and group, or expands --events, with no call', async () => {
    const all = await sim.json(['config-set', 'event-types']);
    expect(all.eventTypes).toHaveLength(52);
    expect(all.eventTypes[0]).toEqual({ eventType: 'ALL', channel: null, group: 'all' });
    expect(all.eventTypes.find((t: { eventType: string }) => t.eventType === 'VOICE_NO_ANSWER')).toEqual({
      eventType: 'VOICE_NO_ANSWER',
      channel: 'voice',
      group: 'failures',
    });
    const piped = await sim.eum(['config-set', 'event-types', '--events', 'voice:final']);
    expect(piped.stdout).toBe(
      'VOICE_COMPLETED\tvoice\tdelivered\nVOICE_BUSY\tvoice\tfailures\nVOICE_NO_ANSWER\tvoice\tfailures\nVOICE_FAILED\tvoice\tfailures\nVOICE_TTL_EXPIRED\tvoice\tfailures\n',
    );
    const bad = await sim.eum(['config-set', 'event-types', '--events', 'nope']);
    expect(bad.code).toBe(2);
    expect(await sim.operations()).toEqual([]);
  });
});
