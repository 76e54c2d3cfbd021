// eum and the AWS CLI (an independent client, botocore's own copy of the model) see the same opt-outs
// and keywords: what one writes, the other reads.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithAwsCli, runAwsCli } from '../helpers/aws-cli.js';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';

let sim: TestSim;
const at = () => ['--endpoint-url', sim.server.endpoint];

describeWithAwsCli('opt-outs and keywords: eum and the AWS CLI agree', () => {
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  test('eum writes, the AWS CLI reads; the AWS CLI writes, eum reads', async () => {
    expect((await runEum([...at(), 'opt-out', 'add', '+12065550190', '--rate', '100'])).code).toBe(0);
    const phoneId = JSON.parse((await runEum([...at(), 'keyword', 'list', '+12065550100', '--json'])).stdout).identity;
    expect((await runEum([...at(), 'keyword', 'set', phoneId, 'INFO', '--message', 'Acme: open 9-5.'])).code).toBe(0);
    const [numbers, keywords, put] = await Promise.all([
      runAwsCli(sim.server.endpoint, ['describe-opted-out-numbers', '--opt-out-list-name', 'Default']),
      runAwsCli(sim.server.endpoint, ['describe-keywords', '--origination-identity', phoneId, '--keywords', 'INFO']),
      runAwsCli(sim.server.endpoint, ['put-opted-out-number', '--opt-out-list-name', 'Default', '--opted-out-number', '+12065550191']),
    ]);
    expect(numbers.json.OptedOutNumbers.map((n: { OptedOutNumber: string }) => n.OptedOutNumber)).toContain('+12065550190');
    expect(keywords.json.Keywords).toEqual([{ Keyword: 'INFO', KeywordMessage: 'Acme: open 9-5.', KeywordAction: 'AUTOMATIC_RESPONSE' }]);
    expect(put.code).toBe(0);
    const check = JSON.parse((await runEum([...at(), 'opt-out', 'check', '+12065550191', '--rate', '100', '--json'])).stdout);
    expect(check.numbers[0]).toMatchObject({ verdict: 'opted-out', endUserOptedOut: false });
  }, 120_000);
});
