import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, EVENT_TYPES, expandEventTypes, groupTypes, matchesEventType } from '../../src/core/config-set/events.js';
import { arnProblem } from '../../src/core/config-set/arn.js';

const facts = JSON.parse(readFileSync('data/service-facts/events.json', 'utf8'));
const MODEL: string[] = facts.event_types.model_EventType_enum;

describe('event types and groups', () => {
  it('are exactly the model enum', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...MODEL].sort());
    expect(EVENT_TYPES).toHaveLength(52);
  });

  it('put every type in exactly one of delivered, failures, progress (the ALL groups aside)', () => {
    const seen = new Map<string, string[]>();
    for (const c of EVENT_CHANNELS) {
      for (const g of ['delivered', 'failures', 'progress'] as const) for (const t of groupTypes(g, c)) seen.set(t, [...(seen.get(t) ?? []), g]);
    }
    const groups = MODEL.filter((t) => t.endsWith('ALL'));
    expect(groups.sort()).toEqual(['ALL', 'MEDIA_ALL', 'RCS_ALL', 'TEXT_ALL', 'VOICE_ALL']);
    for (const t of MODEL.filter((x) => !x.endsWith('ALL'))) expect(seen.get(t), t).toHaveLength(1);
    expect([...seen.keys()].every((t) => MODEL.includes(t))).toBe(true);
  });

  it('include every documented SMS failure in failures', () => {
    const failures = expandEventTypes(['text:failures']).types;
    for (const t of [
      'TEXT_BLOCKED',
      'TEXT_CARRIER_BLOCKED',
      'TEXT_CARRIER_UNREACHABLE',
      'TEXT_UNREACHABLE',
      'TEXT_INVALID',
      'TEXT_INVALID_MESSAGE',
      'TEXT_SPAM',
      'TEXT_UNKNOWN',
      'TEXT_TTL_EXPIRED',
      'TEXT_PROTECT_BLOCKED',
    ]) {
      expect(failures).toContain(t);
    }
    expect(failures.every((t) => t.startsWith('TEXT_'))).toBe(true);
  });

  it('expand names, groups and channels, in the model order, without repeats', () => {
    expect(expandEventTypes(['all']).types).toEqual(['ALL']);
    expect(expandEventTypes(['text', 'VOICE']).types).toEqual(['TEXT_ALL', 'VOICE_ALL']);
    expect(expandEventTypes(['text:all']).types).toEqual(['TEXT_ALL']);
    expect(expandEventTypes(['text-blocked', 'TEXT_DELIVERED', 'text_delivered']).types).toEqual(['TEXT_DELIVERED', 'TEXT_BLOCKED']);
    const final = expandEventTypes(['final']).types;
    expect(final).toContain('TEXT_DELIVERED');
    expect(final).toContain('VOICE_NO_ANSWER');
    expect(final).toContain('RCS_FAILED');
    expect(final).not.toContain('TEXT_PENDING');
    expect(final).not.toContain('TEXT_ALL');
    expect(expandEventTypes(['text:final', 'text:delivered']).types).toEqual(expandEventTypes(['text:final']).types);
    expect(expandEventTypes(['progress']).types).toEqual([
      'TEXT_SENT',
      'TEXT_PENDING',
      'TEXT_QUEUED',
      'MEDIA_PENDING',
      'MEDIA_QUEUED',
      'VOICE_INITIATED',
      'VOICE_RINGING',
      'VOICE_ANSWERED',
      'RCS_QUEUED',
      'RCS_SENT',
      'RCS_FALLEN_BACK_TO_SMS',
    ]);
  });

  it('name every word that is neither, with a suggestion where one is near', () => {
    const r = expandEventTypes(['final', 'BLOCKED', 'fax:final', 'text:nope', 'whatever']);
    expect(r.types.length).toBeGreaterThan(0);
    expect(r.problems.map((p) => p.word)).toEqual(['BLOCKED', 'fax:final', 'text:nope', 'whatever']);
    expect(r.problems[0].message).toContain('did you mean TEXT_BLOCKED, MEDIA_BLOCKED?');
    expect(r.problems[1].message).toContain('CHANNEL:GROUP');
  });

  it('match as the API does: ALL and CHANNEL_ALL take every event of theirs', () => {
    expect(matchesEventType(['ALL'], 'VOICE_BUSY')).toBe(true);
    expect(matchesEventType(['TEXT_ALL'], 'TEXT_DELIVERED')).toBe(true);
    expect(matchesEventType(['TEXT_ALL'], 'MEDIA_DELIVERED')).toBe(false);
    expect(matchesEventType(expandEventTypes(['failures']).types, 'TEXT_SUCCESSFUL')).toBe(false);
  });
});

describe('destination ARNs', () => {
  it('accept the ARN of each kind', () => {
    expect(arnProblem('arn:aws:sns:us-east-1:123456789012:sms-events', 'sns-topic')).toBeUndefined();
    expect(arnProblem('arn:aws:sns:us-east-1:123456789012:sms-events.fifo', 'sns-topic')).toBeUndefined();
    expect(arnProblem('arn:aws:logs:eu-west-2:123456789012:log-group:/sms/events:*', 'log-group')).toBeUndefined();
    expect(arnProblem('arn:aws:firehose:us-east-1:123456789012:deliverystream/sms', 'firehose-stream')).toBeUndefined();
    expect(arnProblem('arn:aws:iam::123456789012:role/service-role/SmsEvents', 'iam-role')).toBeUndefined();
    expect(arnProblem('arn:aws-cn:sns:cn-north-1:123456789012:t', 'sns-topic')).toBeUndefined();
  });

  it('refuse another service, a missing account, and what is no ARN, saying which', () => {
    expect(arnProblem('arn:aws:sqs:us-east-1:123456789012:queue', 'sns-topic')).toBe(
      'must be an SNS topic ARN (this ARN is for sqs), e.g. arn:aws:sns:us-east-1:123456789012:sms-events',
    );
    expect(arnProblem('arn:aws:sns:us-east-1::sms-events-topic', 'sns-topic')).toContain('must be an SNS topic ARN');
    expect(arnProblem('my-topic', 'sns-topic')).toContain('20 to 2048 characters');
    expect(arnProblem('https://sns.example.com/topic/x', 'sns-topic')).toContain('an ARN starts with arn:');
    expect(arnProblem('arn:aws:iam::123456789012:user/bob', 'iam-role')).toContain('an IAM role ARN');
  });
});

describe('event types, summarised for people', () => {
  it('write whole groups by their names and the rest as they are', async () => {
    const { summarizeEventTypes } = await import('../../src/core/config-set/events.js');
    expect(summarizeEventTypes(expandEventTypes(['final']).types)).toEqual(['final']);
    expect(summarizeEventTypes(expandEventTypes(['text:final', 'voice:failures', 'MEDIA_QUEUED']).types)).toEqual([
      'text:final',
      'voice:failures',
      'MEDIA_QUEUED',
    ]);
    expect(summarizeEventTypes(['ALL', 'TEXT_ALL'])).toEqual(['all', 'text']);
    expect(summarizeEventTypes(expandEventTypes(['delivered', 'failures']).types)).toEqual(['final']);
    expect(summarizeEventTypes(['TEXT_DELIVERED'])).toEqual(['TEXT_DELIVERED']);
  });
});
