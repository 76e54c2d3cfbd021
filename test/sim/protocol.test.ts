// The wire protocol around the operations: authentication, unknown operations, request ids,
// quotas and injected faults (classified by the SDK as the service's), and the test hooks.
import {
  CreateConfigurationSetCommand,
  DescribeSenderIdsCommand,
  InternalServerException,
  PutMessageFeedbackCommand,
  SendTextMessageCommand,
  ThrottlingException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { afterEach, describe, expect, test } from 'vitest';
import { defineHook, PUBLISHED_RPS, rateFor } from '../../src/sim/index.js';
import { model } from '../../src/sim/model.js';
import { rejection, startTestSim, type TestSim } from './helpers.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sms-voice/aws4_request, SignedHeaders=host, Signature=0';

let sim: TestSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function post(endpoint: string, headers: Record<string, string>, body = '{}') {
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', ...headers }, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('authentication and operations', () => {
  test('no Authorization header: MissingAuthenticationTokenException, and nothing happens', async () => {
    sim = await startTestSim();
    const r = await post(sim.server.endpoint, { 'x-amz-target': 'PinpointSMSVoiceV2.CreateConfigurationSet' }, '{"ConfigurationSetName":"x"}');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' });
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].counts.configurationSets).toBe(0);
  });

  test('a signature for another service or without a credential scope is refused', async () => {
    sim = await startTestSim();
    const other = await post(sim.server.endpoint, { authorization: AUTH.replace('/sms-voice/', '/s3/'), 'x-amz-target': 'PinpointSMSVoiceV2.DescribePools' });
    expect(other.body.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    const broken = await post(sim.server.endpoint, { authorization: 'Bearer abc', 'x-amz-target': 'PinpointSMSVoiceV2.DescribePools' });
    expect(broken.body.__type).toBe('com.amazon.coral.service#IncompleteSignatureException');
  });

  test('unknown operations and targets: UnknownOperationException', async () => {
    sim = await startTestSim();
    for (const target of ['PinpointSMSVoiceV2.Frobnicate', 'SomethingElse.DescribePools', '']) {
      const r = await post(sim.server.endpoint, { authorization: AUTH, ...(target ? { 'x-amz-target': target } : {}) });
      expect(r.status).toBe(400);
      expect(r.body.__type).toBe('com.amazon.coral.service#UnknownOperationException');
    }
    // in the model: validated as the service does, never UnknownOperationException
    const known = await post(sim.server.endpoint, { authorization: AUTH, 'x-amz-target': 'PinpointSMSVoiceV2.CreatePool' });
    expect(known.body).toMatchObject({ __type: 'com.amazonaws.pinpointsmsvoicev2#ValidationException', Reason: 'MISSING_PARAMETER' });
  });
});

describe('every operation of the model, on the wire', () => {
  test('answers 200 or one of its modelled errors to an empty request; never UnknownOperationException or a 500', async () => {
    sim = await startTestSim();
    const names = Object.keys(model.operations);
    expect(names).toHaveLength(110);
    const answers: Record<string, string> = {};
    const unexpected: string[] = [];
    for (const name of names) {
      const r = await post(sim.server.endpoint, { authorization: AUTH, 'x-amz-target': `PinpointSMSVoiceV2.${name}` });
      const type = r.status === 200 ? 'OK' : String(r.body.__type).split('#')[1];
      answers[name] = type;
      const modelled = type === 'OK' || (model.operations[name].errors.includes(type) && !['InternalServerException', 'ThrottlingException'].includes(type));
      if (!modelled || !String(r.body.__type ?? '').startsWith(r.status === 200 ? '' : 'com.amazonaws.pinpointsmsvoicev2#'))
        unexpected.push(`${name}: ${r.status} ${r.body.__type}`);
    }
    expect(unexpected).toEqual([]);
    // An empty request reaches every handler's validation or its work: Send* refuse it as the service does.
    expect(answers.SendTextMessage).toBe('ValidationException');
    expect(answers.DescribePhoneNumbers).toBe('OK');
  });
});

describe('quotas', () => {
  test('1-request-per-second operations throttle on a burst, as ThrottlingException (HTTP 400)', async () => {
    sim = await startTestSim({ quotas: true });
    const sms = sim.client();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => sms.send(new DescribeSenderIdsCommand({}))));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error) instanceof ThrottlingException);
    expect(ok).toBe(2); // the burst allowance
    expect(throttled).toHaveLength(4);
    const e = (throttled[0] as PromiseRejectedResult).reason;
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$retryable).toEqual({ throttling: true });
    // another operation and another region have their own buckets
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'own-bucket' }));
    await sim.client('eu-west-1').send(new DescribeSenderIdsCommand({}));
    // the bucket refills at the published rate
    sim.clock.advance(1000);
    await sms.send(new DescribeSenderIdsCommand({}));
    await expect(sms.send(new DescribeSenderIdsCommand({}))).rejects.toBeInstanceOf(ThrottlingException);
    const log = (await sim.hook('GET', '/_eum/requests')).body.requests;
    expect(log.filter((r: { errorType: string }) => r.errorType === 'ThrottlingException')).toHaveLength(5);
  });

  test('the SDK retries a throttled call and succeeds once the bucket refills', async () => {
    sim = await startTestSim({ quotas: true });
    const quick = sim.client('us-east-1', 1);
    await quick.send(new DescribeSenderIdsCommand({}));
    await quick.send(new DescribeSenderIdsCommand({}));
    // the manual clock stands still: refill it while the SDK backs off
    const patient = sim.client('us-east-1', 5);
    const refill = setTimeout(() => sim!.clock.advance(2000), 50);
    const r = await patient.send(new DescribeSenderIdsCommand({}));
    clearTimeout(refill);
    expect(r.$metadata.attempts).toBeGreaterThan(1);
  });

  test('published rates, scale and off', async () => {
    expect(PUBLISHED_RPS.PutMessageFeedback).toBe(20);
    expect(rateFor('SendTextMessage', 1)).toBe(Number.POSITIVE_INFINITY); // paced per origination identity instead
    expect(rateFor('DescribeSenderIds', 5)).toBe(5);
    sim = await startTestSim({ quotas: true, quotaScale: 5 });
    const scaled = sim.client();
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => scaled.send(new DescribeSenderIdsCommand({}))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    await sim.close();
    sim = await startTestSim({ quotas: false });
    const off = sim.client();
    const all = await Promise.allSettled(Array.from({ length: 30 }, () => off.send(new DescribeSenderIdsCommand({}))));
    expect(all.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  test('PutMessageFeedback allows 20 per second', async () => {
    sim = await startTestSim({ quotas: true });
    const sms = sim.client();
    const sent = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550142', MessageFeedbackEnabled: true }));
    const results = await Promise.allSettled(
      Array.from({ length: 45 }, () => sms.send(new PutMessageFeedbackCommand({ MessageId: sent.MessageId, MessageFeedbackStatus: 'RECEIVED' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(40);
  });
});

describe('injected faults', () => {
  test('failRate 1: InternalServerException (500), before the handler', async () => {
    sim = await startTestSim({ failRate: 1 });
    const e = await rejection(sim.client().send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'never' })));
    expect(e).toBeInstanceOf(InternalServerException);
    expect(e.$metadata.httpStatusCode).toBe(500);
    expect(e.$fault).toBe('server');
    expect(e.RequestId).toBe(e.$metadata.requestId);
    expect((await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].counts.configurationSets).toBe(0);
  });

  test('throttleRate 1: ThrottlingException, before the handler', async () => {
    sim = await startTestSim({ throttleRate: 1 });
    const e = await rejection(sim.client().send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'never' })));
    expect(e).toBeInstanceOf(ThrottlingException);
    expect((await sim.hook('GET', '/_eum/state')).body.regions['us-east-1'].counts.configurationSets).toBe(0);
  });

  test('latency delays each request', async () => {
    sim = await startTestSim({ latencyMs: [60, 80] });
    const t0 = Date.now();
    await sim.client().send(new DescribeSenderIdsCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });
});

describe('hooks', () => {
  test('request log: every request, including refused ones; cleared by DELETE', async () => {
    sim = await startTestSim();
    await sim.client().send(new DescribeSenderIdsCommand({}));
    await post(sim.server.endpoint, { 'x-amz-target': 'PinpointSMSVoiceV2.DescribePools' });
    await rejection(sim.client('ap-south-1').send(new PutMessageFeedbackCommand({ MessageId: 'x', MessageFeedbackStatus: 'RECEIVED' })));
    const log = (await sim.hook('GET', '/_eum/requests')).body.requests;
    expect(log).toEqual([
      { operation: 'DescribeSenderIds', status: 200, errorType: null, time: '2026-11-23T10:00:00.000Z', region: 'us-east-1' },
      { operation: null, status: 400, errorType: 'MissingAuthenticationTokenException', time: expect.any(String), region: null },
      { operation: 'PutMessageFeedback', status: 400, errorType: 'ResourceNotFoundException', time: expect.any(String), region: 'ap-south-1' },
    ]);
    expect((await sim.hook('DELETE', '/_eum/requests')).status).toBe(200);
    expect((await sim.hook('GET', '/_eum/requests')).body.requests).toEqual([]);
  });

  test('clock advance returns the new time; reset; unknown hooks; registering a hook', async () => {
    sim = await startTestSim();
    const r = await sim.hook('POST', '/_eum/clock', { advanceSeconds: 90 });
    expect(r.body).toEqual({ now: '2026-11-23T10:01:30.000Z', offsetSeconds: 90 });
    expect((await sim.hook('POST', '/_eum/clock', { advanceSeconds: 'soon' })).status).toBe(400);
    await sim.client().send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'before-reset' }));
    await sim.hook('POST', '/_eum/reset', {});
    const state = (await sim.hook('GET', '/_eum/state')).body;
    expect(state.regions['us-east-1'].counts.configurationSets).toBe(0);
    expect(state.regions['us-east-1'].originationIdentities).toEqual([
      expect.objectContaining({ type: 'phone-number', numberType: 'SIMULATOR', value: '+12065550100' }),
      expect.objectContaining({ type: 'phone-number', numberType: 'TOLL_FREE', value: '+18335550100' }),
    ]);
    expect(state.clock.offsetSeconds).toBe(0);
    expect((await sim.hook('GET', '/_eum/nothing-here')).status).toBe(404);
    expect((await sim.hook('PUT', '/_eum/requests')).status).toBe(405);

    defineHook('POST', '/_eum/test-echo/:id', (ctx) => ({ status: 201, body: { id: ctx.params.id, got: ctx.body } }));
    expect(await sim.hook('POST', '/_eum/test-echo/abc', { x: 1 })).toEqual({ status: 201, body: { id: 'abc', got: { x: 1 } } });
    expect((await sim.hook('GET', '/_eum/')).body.hooks).toContain('POST /_eum/test-echo/:id');
  });
});

describe('request log', () => {
  test('keeps only the newest entries', async () => {
    const { RequestLog } = await import('../../src/sim/request-log.js');
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i++) log.add({ operation: `Op${i}`, status: 200, errorType: null, time: '', region: null });
    expect(log.list().map((e) => e.operation)).toEqual(['Op2', 'Op3', 'Op4']);
    expect(log.size).toBe(3);
    log.clear();
    expect(log.list()).toEqual([]);
  });
});
