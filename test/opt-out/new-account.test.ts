/** On a new (sandbox) account: the Default list exists and is empty; a number requested there has HELP and STOP; Ctrl-C stops a bulk run with partial results. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestPhoneNumberCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';
import { createMemoryStore, freshState } from '../../src/sim/index.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ account: 'new' }, createMemoryStore(freshState(new Date('2026-11-23T10:00:00Z'), 'new')));
});
afterAll(async () => {
  await sim.close();
});

const at = () => ['--endpoint-url', sim.server.endpoint];

describe('eum opt-out and keyword on --account new', () => {
  it('the Default list exists and is empty; check says may send', async () => {
    const lists = JSON.parse((await runEum([...at(), 'opt-out', 'lists', '--json'])).stdout);
    expect(lists.lists.map((l: { name: string }) => l.name)).toEqual(['Default']);
    const empty = await runEum([...at(), 'opt-out', 'list'], { tty: true, env: { NO_COLOR: '1' } });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('No numbers on opt-out list Default.\n');
    const check = JSON.parse((await runEum([...at(), 'opt-out', 'check', '+12065550142', '--rate', '100', '--json'])).stdout);
    expect(check).toMatchObject({ identity: null, list: 'Default', summary: { total: 1, maySend: 1 } });
  });

  it('no number yet: keyword list says so; a requested number has HELP and STOP', async () => {
    const none = await runEum([...at(), 'keyword', 'list', '+12065550100']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no phone number, pool or sender ID +*******0100');
    const phone = await sim
      .client()
      .send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR' }));
    const list = JSON.parse((await runEum([...at(), 'keyword', 'list', phone.PhoneNumber!, '--json'])).stdout);
    expect(list.identity).toBe(phone.PhoneNumberId);
    expect(list.keywords.map((k: { keyword: string }) => k.keyword)).toEqual(['HELP', 'STOP']);
  });

  it('Ctrl-C during an import: exit 130, what was done is listed, the rest is unfinished', async () => {
    const numbers = Array.from({ length: 10 }, (_, i) => `+1206555${4000 + i}`).join('\n');
    const controller = new AbortController();
    const run = runEum([...at(), 'opt-out', 'import', '-', '--rate', '2', '--json'], { stdin: numbers, signal: controller.signal });
    // Interrupt once the first number is on the list (at 2 a second, most are still waiting).
    for (let i = 0; i < 200; i++) {
      const r = await sim.hook('GET', '/_eum/requests');
      if ((r.body.requests as Array<{ operation: string }>).some((q) => q.operation === 'PutOptedOutNumber')) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    controller.abort();
    const r = await run;
    expect(r.code).toBe(130);
    const data = JSON.parse(r.stdout);
    expect(data.summary.unfinished).toBeGreaterThan(0);
    expect(data.summary.added + data.summary.unknown + data.summary.unfinished).toBe(10);
  });
});
