import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { SendTextMessageCommand, DescribeAccountAttributesCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { fakeBase } from '../helpers/streams.js';
import { startDroppingProxy, startSilentServer } from '../helpers/faults.js';
import { createContext, type Context } from '../../src/cli/context.js';
import { resolveGlobals } from '../../src/cli/program.js';
import { defaultSmsFactory } from '../../src/cli/sms-factory.js';
import { ambiguityReason, classifyError } from '../../src/aws/retry.js';
import { callWithRetry, runBulk, StopRun, type BulkOutcome } from '../../src/runtime/bulk.js';
import { createMemoryStore, startSimServer, type SimServer } from '../../src/sim/index.js';

interface LoggedRequest {
  operation: string;
  status: number;
}

let sim: SimServer;
let throttled: SimServer;
const contexts: Context[] = [];
const homes: string[] = [];
beforeAll(async () => {
  sim = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 }, store: createMemoryStore() });
  throttled = await startSimServer({ config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0.3 }, store: createMemoryStore() });
});
afterAll(async () => {
  for (const c of contexts) await c.dispose();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
  await sim.close();
  await throttled.close();
});
beforeEach(async () => {
  await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
  await fetch(`${throttled.endpoint}/_eum/requests`, { method: 'DELETE' });
});

async function logged(server: SimServer, op: string): Promise<LoggedRequest[]> {
  const { requests } = (await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: LoggedRequest[] };
  return requests.filter((r) => r.operation === op);
}

function context(endpoint: string, signal?: AbortSignal, env: Record<string, string> = {}, hardSignal?: AbortSignal): Context {
  const { base } = fakeBase({ signal, env });
  base.hardSignal = hardSignal;
  homes.push(base.env.EUM_HOME!);
  const ctx = createContext(base, resolveGlobals({ endpointUrl: endpoint }, base.env), { smsFactory: defaultSmsFactory });
  contexts.push(ctx);
  return ctx;
}

const to = (i: number) => `+1206555${String(100 + i).padStart(4, '0')}`;

describe('classifyError', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error('x'), props);
  it('throttling is retried for every call; server errors only for idempotent ones', () => {
    expect(classifyError(err({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }), { idempotent: false })).toBe('throttle');
    expect(classifyError(err({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }), { idempotent: true })).toBe('retry');
    expect(classifyError(err({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }), { idempotent: false })).toBe('ambiguous');
  });
  it('a dropped connection or a read timeout may have acted; a refused connection did not', () => {
    expect(classifyError(err({ name: 'TimeoutError', code: 'ECONNRESET' }), { idempotent: false })).toBe('ambiguous');
    expect(classifyError(err({ name: 'TimeoutError', message: 'the request socket timed out after 10 ms of inactivity' }), { idempotent: false })).toBe(
      'ambiguous',
    );
    expect(
      classifyError(err({ name: 'TimeoutError', message: 'the request socket did not establish a connection with the server within the configured timeout' }), {
        idempotent: false,
      }),
    ).toBe('retry');
    expect(classifyError(err({ code: 'ECONNREFUSED' }), { idempotent: false })).toBe('retry');
    expect(ambiguityReason(err({ name: 'TimeoutError', code: 'ECONNRESET' }))).toBe('the connection was lost after the request was sent (ECONNRESET)');
    expect(ambiguityReason(err({ name: 'TimeoutError', message: 'timed out waiting' }))).toBe('no answer in time after the request was sent');
    expect(classifyError(err({ name: 'AbortError' }), { idempotent: true })).toBe('ambiguous');
  });
  it('answers that refuse are permanent', () => {
    expect(classifyError(err({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }), { idempotent: true })).toBe('permanent');
    expect(classifyError(err({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } }), { idempotent: false })).toBe('permanent');
  });
});

describe('runBulk', () => {
  it('under 30% throttling every item succeeds once, and throttled attempts are retried', async () => {
    const ctx = context(throttled.endpoint);
    const outcomes: BulkOutcome<string>[] = [];
    const run = await runBulk(
      ctx,
      Array.from({ length: 40 }, (_, i) => i),
      {
        idempotent: false,
        rate: 200,
        maxAttempts: 20,
        backoff: { baseMs: 5, capMs: 50 },
        call: async (i, call) =>
          (await call.client.send(new SendTextMessageCommand({ DestinationPhoneNumber: to(i), MessageBody: `m${i}` }), { abortSignal: call.signal }))
            .MessageId!,
        onOutcome: (_, o) => void outcomes.push(o),
      },
    );
    expect(run.counts).toEqual({ ok: 40, failed: 0, unknown: 0 });
    const sends = await logged(throttled, 'SendTextMessage');
    expect(sends.filter((r) => r.status === 200)).toHaveLength(40);
    expect(sends.length).toBeGreaterThan(40);
  });

  it('a send whose reply is lost is unknown and never sent again', async () => {
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (n) => n % 3 === 1 });
    try {
      const ctx = context(proxy.endpoint);
      const kinds: string[] = [];
      const run = await runBulk(
        ctx,
        Array.from({ length: 12 }, (_, i) => i),
        {
          idempotent: false,
          concurrency: 1,
          call: async (i, call) =>
            (await call.client.send(new SendTextMessageCommand({ DestinationPhoneNumber: to(i), MessageBody: `m${i}` }), { abortSignal: call.signal }))
              .MessageId!,
          onOutcome: (_, o) => void kinds.push(o.kind),
        },
      );
      expect(run.counts).toEqual({ ok: 8, failed: 0, unknown: 4 });
      // Exactly one message per item: the lost replies were not retried.
      expect((await logged(sim, 'SendTextMessage')).filter((r) => r.status === 200)).toHaveLength(12);
      expect(proxy.dropped).toBe(4);
    } finally {
      await proxy.close();
    }
  });

  it('retries an idempotent call whose reply was lost', async () => {
    const proxy = await startDroppingProxy(sim.endpoint, { drop: (n) => n % 2 === 0 });
    try {
      const ctx = context(proxy.endpoint);
      const run = await runBulk(ctx, [1, 2, 3], {
        idempotent: true,
        concurrency: 1,
        backoff: { baseMs: 1, capMs: 5 },
        call: async (_, call) => call.client.send(new DescribeAccountAttributesCommand({}), { abortSignal: call.signal }),
        onOutcome: () => undefined,
      });
      expect(run.counts).toEqual({ ok: 3, failed: 0, unknown: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('Regions run in parallel lanes, each with its own rate and concurrency', async () => {
    const ctx = context(sim.endpoint);
    const started: string[] = [];
    const items = ['us-east-1/a', 'us-east-1/b', 'us-east-1/c', 'eu-west-2/a', 'eu-west-2/b', 'eu-west-2/c'];
    const run = await runBulk(ctx, items, {
      idempotent: true,
      concurrency: 1,
      regionOf: (s) => s.split('/')[0],
      call: async (s, call) => {
        expect(call.region).toBe(s.split('/')[0]);
        started.push(s);
        await new Promise((r) => setTimeout(r, 5));
        return s;
      },
      onOutcome: () => undefined,
    });
    expect(run.counts.ok).toBe(6);
    // The second Region did not wait for the first to finish.
    expect(started.indexOf('eu-west-2/a')).toBeLessThan(started.indexOf('us-east-1/c'));
  });

  it('items with the same key run in input order, one after another', async () => {
    const ctx = context(sim.endpoint);
    const order: string[] = [];
    let running = 0;
    let overlap = false;
    const items = ['a1', 'b1', 'a2', 'a3', 'b2', 'c1', 'a4'];
    await runBulk(ctx, items, {
      idempotent: true,
      concurrency: 8,
      keyOf: (s) => s[0],
      call: async (s) => {
        if (s.startsWith('a') && running++ > 0) overlap = true;
        await new Promise((r) => setTimeout(r, 3 + (s.charCodeAt(1) % 3)));
        if (s.startsWith('a')) running--;
        return s;
      },
      onOutcome: (s) => void order.push(s),
    });
    expect(overlap).toBe(false);
    expect(order.filter((s) => s.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(order).toHaveLength(items.length);
  });

  it('a failing onOutcome (a journal that cannot be written) stops new work and says why', async () => {
    const ctx = context(sim.endpoint);
    const unfinished: number[] = [];
    const run = await runBulk(
      ctx,
      Array.from({ length: 50 }, (_, i) => i),
      {
        idempotent: true,
        concurrency: 2,
        call: async (i) => i,
        onOutcome: (i) => {
          if (i === 3) throw new Error('EISDIR: journal is a directory');
        },
        onUnfinished: (i) => void unfinished.push(i),
      },
    );
    expect((run.stopped as Error).message).toContain('EISDIR');
    expect(run.counts.ok).toBeLessThan(10);
    expect(run.unfinished).toBe(unfinished.length);
    expect(run.counts.ok + run.unfinished).toBe(50);
  });

  it('StopRun from a call ends the run', async () => {
    const ctx = context(sim.endpoint);
    const run = await runBulk(ctx, [1, 2, 3, 4], {
      idempotent: true,
      concurrency: 1,
      call: async (i) => {
        if (i === 2) throw new StopRun(new Error('journal full'));
        return i;
      },
      onOutcome: () => undefined,
    });
    expect(run.counts.ok).toBe(1);
    expect(run.unfinished).toBe(3);
    expect((run.stopped as Error).message).toBe('journal full');
  });

  it('Ctrl-C aborts a stalled request after the grace period and reports it unknown', async () => {
    const silent = await startSilentServer('silent');
    try {
      const controller = new AbortController();
      const ctx = context(silent.endpoint, controller.signal, { EUM_READ_TIMEOUT: '0' });
      const outcomes: BulkOutcome<unknown>[] = [];
      const running = runBulk(ctx, [1, 2, 3, 4, 5], {
        idempotent: false,
        concurrency: 2,
        graceMs: 50,
        call: async (i, call) =>
          call.client.send(new SendTextMessageCommand({ DestinationPhoneNumber: to(i), MessageBody: 'x' }), { abortSignal: call.signal }),
        onOutcome: (_, o) => void outcomes.push(o),
      });
      while (silent.requests < 2) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const run = await running;
      expect(run.interrupted).toBe(true);
      expect(run.counts).toEqual({ ok: 0, failed: 0, unknown: 2 });
      expect(run.unfinished).toBe(3);
      expect(outcomes.every((o) => o.kind === 'unknown' && /interrupted/.test(o.reason))).toBe(true);
    } finally {
      await silent.close();
    }
  });

  it('a second Ctrl-C aborts requests in flight at once, without the grace period', async () => {
    const silent = await startSilentServer('headers');
    try {
      const first = new AbortController();
      const second = new AbortController();
      const ctx = context(silent.endpoint, first.signal, { EUM_READ_TIMEOUT: '0' }, second.signal);
      const running = runBulk(ctx, [1, 2, 3], {
        idempotent: true,
        concurrency: 3,
        graceMs: 600_000,
        call: async (_, call) => call.client.send(new DescribeAccountAttributesCommand({}), { abortSignal: call.signal }),
        onOutcome: () => undefined,
      });
      while (silent.requests < 3) await new Promise((r) => setTimeout(r, 5));
      first.abort();
      second.abort();
      const run = await running;
      expect(run.counts).toEqual({ ok: 0, failed: 0, unknown: 3 });
    } finally {
      await silent.close();
    }
  });

  it('draws progress on a terminal stderr only: a bar for an array, a count for a stream', async () => {
    const { base, stderr } = fakeBase({ tty: true });
    homes.push(base.env.EUM_HOME!);
    const ctx = createContext(base, resolveGlobals({ endpointUrl: sim.endpoint }, base.env), { smsFactory: defaultSmsFactory });
    contexts.push(ctx);
    await runBulk(ctx, [1, 2, 3], { idempotent: true, call: async (i) => i, onOutcome: () => undefined, progress: { label: 'testing' } });
    expect(stderr.text).toContain('testing');
    expect(stderr.text).toContain('3/3 100%');
    async function* stream() {
      yield* [1, 2];
    }
    await runBulk(ctx, stream(), { idempotent: true, call: async (i) => i, onOutcome: () => undefined, progress: { label: 'streaming' } });
    expect(stderr.text).toMatch(/streaming \d done/);
    const piped = context(sim.endpoint);
    await runBulk(piped, [1], { idempotent: true, call: async (i) => i, onOutcome: () => undefined, progress: { label: 'quiet' } });
    expect((piped.stderr as unknown as { text: string }).text).toBe('');
  });

  it('reads a stream only as work frees up', async () => {
    const ctx = context(sim.endpoint);
    let read = 0;
    let maxAhead = 0;
    let finished = 0;
    async function* items() {
      for (let i = 0; i < 200; i++) {
        read++;
        maxAhead = Math.max(maxAhead, read - finished);
        yield i;
      }
    }
    const run = await runBulk(ctx, items(), {
      idempotent: true,
      concurrency: 4,
      call: async (i) => i,
      onOutcome: () => void finished++,
    });
    expect(run.counts.ok).toBe(200);
    expect(maxAhead).toBeLessThanOrEqual(10);
  });
});

describe('callWithRetry', () => {
  it('retries throttling, and gives an unknown outcome for a lost reply to a send', async () => {
    const proxy = await startDroppingProxy(sim.endpoint, { drop: () => true });
    try {
      const ctx = context(proxy.endpoint);
      const o = await callWithRetry(
        ctx,
        (call) => call.client.send(new SendTextMessageCommand({ DestinationPhoneNumber: to(1), MessageBody: 'x' }), { abortSignal: call.signal }),
        { idempotent: false, maxAttempts: 5 },
      );
      expect(o.kind).toBe('unknown');
      expect(proxy.forwarded).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
