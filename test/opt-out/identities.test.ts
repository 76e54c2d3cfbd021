/** `eum opt-out check --from` follows the identity: a number in a pool uses the pool's list and self-managed setting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePoolCommand, UpdatePoolCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});

const at = () => ['--endpoint-url', sim.server.endpoint];
const SIM_NUMBER = '+12065550100';
const FAST = ['--rate', '100'];

describe('eum opt-out check --from', () => {
  it('a number in a pool: the pool\u2019s list; self-managed opt-outs: your own records decide', async () => {
    expect((await runEum([...at(), 'opt-out', 'lists', 'create', 'pooled'])).code).toBe(0);
    expect((await runEum([...at(), 'opt-out', 'add', '+12065550180', '--list', 'pooled', ...FAST])).code).toBe(0);
    const client = sim.client();
    const phoneId = JSON.parse((await runEum([...at(), 'keyword', 'list', SIM_NUMBER, '--json'])).stdout).identity;
    const pool = await client.send(new CreatePoolCommand({ OriginationIdentity: phoneId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    await client.send(new UpdatePoolCommand({ PoolId: pool.PoolId, OptOutListName: 'pooled' }));

    const inPool = JSON.parse((await runEum([...at(), 'opt-out', 'check', '+12065550180', '--from', SIM_NUMBER, ...FAST, '--json'])).stdout);
    expect(inPool.identity).toMatchObject({ kind: 'phone-number', poolId: pool.PoolId, optOutList: 'pooled', selfManagedOptOuts: false });
    expect(inPool.numbers[0]).toMatchObject({ sendable: false, verdict: 'opted-out', endUserOptedOut: false });
    expect(inPool.numbers[0].reason).toContain('the account added it');
    const text = await runEum([...at(), 'opt-out', 'check', '+12065550180', '--from', SIM_NUMBER, ...FAST]);
    expect(text.stderr).toContain(`uses opt-out list pooled (through pool ${pool.PoolId})`);

    // The pool's keywords are listed by its id.
    const keywords = JSON.parse((await runEum([...at(), 'keyword', 'list', pool.PoolId!, '--json'])).stdout);
    expect(keywords.identity).toBe(pool.PoolId);
    expect(keywords.keywords.map((k: { keyword: string }) => k.keyword)).toEqual(['HELP', 'STOP']);

    await client.send(new UpdatePoolCommand({ PoolId: pool.PoolId, SelfManagedOptOutsEnabled: true }));
    const selfManaged = JSON.parse(
      (await runEum([...at(), 'opt-out', 'check', '+12065550180', '+12065550181', '--from', pool.PoolId!, ...FAST, '--json'])).stdout,
    );
    expect(selfManaged.identity).toMatchObject({ kind: 'pool', selfManagedOptOuts: true });
    expect(selfManaged.numbers.map((n: { verdict: string; sendable: boolean }) => [n.verdict, n.sendable])).toEqual([
      ['self-managed', true],
      ['self-managed', true],
    ]);
    expect(selfManaged.numbers[0].reason).toMatch(/^self-managed opt-outs: the service checks no list; on pooled since .*, your own records decide$/);
    expect(selfManaged.summary).toMatchObject({ selfManaged: 2, optedOut: 0 });
  });

  it('an identity that does not exist: exit 1 with the hint; a list that does not exist: exit 1', async () => {
    const r = await runEum([...at(), 'opt-out', 'check', '+12065550180', '--from', 'pool-00000000000000000000000000000000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no phone number, pool or sender ID');
    const l = await runEum([...at(), 'opt-out', 'check', '+12065550180', '--list', 'nope', '--json']);
    expect(l.code).toBe(1);
    expect(JSON.parse(l.stdout).error.code).toBe('ResourceNotFoundException');
  });
});
