// Input validation from the model: missing required members, enums, patterns, lengths, list
// sizes, ranges, nested members; the Reason and Fields the SDK sees; type mismatches on the wire.
import {
  DescribeSenderIdsCommand,
  PutMessageFeedbackCommand,
  RequestSenderIdCommand,
  SendTextMessageCommand,
  ValidationException,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compilePattern, findViolations, validationMessage } from '../../src/sim/validate.js';
import { model } from '../../src/sim/model.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sms: PinpointSMSVoiceV2Client;
beforeAll(async () => {
  sim = await startTestSim();
  sms = sim.client();
});
afterAll(() => sim.close());

/** A raw, unvalidated call (the SDK serialises by schema and would not send some of these). */
async function raw(operation: string, body: unknown) {
  const res = await fetch(sim.server.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `PinpointSMSVoiceV2.${operation}`,
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sms-voice/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('through the SDK', () => {
  test('missing required member: MISSING_PARAMETER', async () => {
    const e = await rejection(sms.send(new PutMessageFeedbackCommand({ MessageId: 'x' } as never)));
    expect(e).toBeInstanceOf(ValidationException);
    expect(e.Reason).toBe('MISSING_PARAMETER');
    expect(e.Fields).toEqual([{ Name: 'MessageFeedbackStatus', Message: 'Member must not be null' }]);
    expect(e.message).toBe("1 validation error detected: Value null at 'messageFeedbackStatus' failed to satisfy constraint: Member must not be null");
  });

  test('bad enum: FIELD_VALIDATION_FAILED', async () => {
    const e = await rejection(sms.send(new PutMessageFeedbackCommand({ MessageId: 'x', MessageFeedbackStatus: 'DELIVERED' as never })));
    expect(e).toMatchObject({ name: 'ValidationException', Reason: 'FIELD_VALIDATION_FAILED' });
    expect(e.Fields).toEqual([{ Name: 'MessageFeedbackStatus', Message: 'Member must satisfy enum value set: [RECEIVED, FAILED]' }]);
  });

  test('pattern, with the service wording', async () => {
    const e = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+0123' })));
    expect(e.message).toBe(
      "1 validation error detected: Value '+0123' at 'destinationPhoneNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: \\+?[1-9][0-9]{1,18}",
    );
    expect(e.Fields).toEqual([{ Name: 'DestinationPhoneNumber', Message: 'Member must satisfy regular expression pattern: \\+?[1-9][0-9]{1,18}' }]);
  });

  test('length and several violations at once', async () => {
    const e = await rejection(sms.send(new RequestSenderIdCommand({ SenderId: 'WayTooLongSenderId', IsoCountryCode: 'deu' })));
    expect(e.Reason).toBe('FIELD_VALIDATION_FAILED');
    expect(e.message).toMatch(/^3 validation errors detected: /);
    expect(e.Fields).toEqual([
      { Name: 'SenderId', Message: 'Member must have length less than or equal to 11' },
      { Name: 'IsoCountryCode', Message: 'Member must have length less than or equal to 2' },
      { Name: 'IsoCountryCode', Message: 'Member must satisfy regular expression pattern: [A-Z]{2}' },
    ]);
  });

  test('list size and nested members', async () => {
    const six = Array.from({ length: 6 }, () => ({ SenderId: 'A', IsoCountryCode: 'DE' }));
    const e = await rejection(sms.send(new DescribeSenderIdsCommand({ SenderIds: six })));
    expect(e.Fields).toEqual([{ Name: 'SenderIds', Message: 'Member must have length less than or equal to 5' }]);
    const nested = await rejection(sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: 'A' } as never] })));
    expect(nested.Reason).toBe('MISSING_PARAMETER');
    expect(nested.Fields).toEqual([{ Name: 'SenderIds.0.IsoCountryCode', Message: 'Member must not be null' }]);
    expect(nested.message).toContain("at 'senderIds.1.member.isoCountryCode'");
  });

  test('numeric range', async () => {
    const e = await rejection(sms.send(new DescribeSenderIdsCommand({ MaxResults: 0 })));
    expect(e.Fields).toEqual([{ Name: 'MaxResults', Message: 'Member must have value greater than or equal to 1' }]);
  });

  test('maps: size, keys and values', async () => {
    const context = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`k${i}`, 'v']));
    const e = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', Context: context })));
    expect(e.Fields).toEqual([{ Name: 'Context', Message: 'Member must have length less than or equal to 5' }]);
    const badValue = await rejection(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', Context: { k: ' padded ' } })));
    expect(badValue.Fields[0].Message).toMatch(/^Map value must satisfy constraint: \[Member must satisfy regular expression pattern/);
  });
});

describe('on the wire', () => {
  test('a wrong JSON type is a SerializationException of the framework', async () => {
    const r = await raw('DescribeSenderIds', { MaxResults: 'ten' });
    expect(r.status).toBe(400);
    expect(r.body.__type).toBe('com.amazon.coral.service#SerializationException');
    expect(r.body.message).toContain('STRING_VALUE can not be converted');
    const notJson = await raw('DescribeSenderIds', '{nope');
    expect(notJson.body.__type).toBe('com.amazon.coral.service#SerializationException');
  });

  test('validation errors carry __type, x-amzn-ErrorType and x-amzn-RequestId', async () => {
    const r = await raw('PutMessageFeedback', {});
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(r.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).toMatchObject({ __type: 'com.amazonaws.pinpointsmsvoicev2#ValidationException', Reason: 'MISSING_PARAMETER' });
    expect(r.body.Fields.map((f: { Name: string }) => f.Name)).toEqual(['MessageId', 'MessageFeedbackStatus']);
    expect(r.body.Message).toMatch(/^2 validation errors detected: /);
  });

  test('null members count as absent; unknown members are ignored', async () => {
    const r = await raw('DescribeSenderIds', { NextToken: null, SomethingNew: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ SenderIds: [] });
  });
});

describe('the validator', () => {
  test('every model pattern compiles as an anchored ECMAScript regex', () => {
    const patterns = new Set(Object.values(model.shapes).flatMap((s) => (s.pattern ? [s.pattern] : [])));
    expect(patterns.size).toBeGreaterThan(20);
    for (const p of patterns) expect(compilePattern(p)).toBeInstanceOf(RegExp);
    // anchored to the whole value
    expect(compilePattern('[A-Z]{2}').test('DEU')).toBe(false);
    // lookahead and lookbehind as Java has them
    const contextValue = compilePattern('(?!\\s)^[\\s\\S]+(?<!\\s)');
    expect(contextValue.test('ok value')).toBe(true);
    expect(contextValue.test(' leading')).toBe(false);
    expect(contextValue.test('trailing ')).toBe(false);
    expect(compilePattern('(?!\\s*$)[\\s\\S]+').test('   ')).toBe(false);
  });

  test('lengths count code points, as the service does', () => {
    expect(findViolations('SenderId', '\u{1F600}'.repeat(11))).toHaveLength(1); // pattern only, not length
    expect(findViolations('SenderId', '\u{1F600}'.repeat(11))[0].constraint).toMatch(/pattern/);
  });

  test('every input shape of the model can be walked', () => {
    for (const [name, op] of Object.entries(model.operations)) {
      if (!op.input) continue;
      expect(() => findViolations(op.input!, {}), name).not.toThrow();
    }
    expect(validationMessage(findViolations('SendTextMessageRequest', {}))).toBe(
      "1 validation error detected: Value null at 'destinationPhoneNumber' failed to satisfy constraint: Member must not be null",
    );
  });
});
