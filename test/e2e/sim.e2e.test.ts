// End-to-end: `eum sim start` as a separate process, and `--sim` state across invocations.
import { describe, expect, it } from 'vitest';
import { eumSpawn, eumSync } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';

describe('eum sim start', () => {
  it('prints the endpoint as the first JSON line, serves the SDK, and exits 0 on SIGINT', async () => {
    const sim = eumSpawn(['sim', 'start', '--port', '0', '--json']);
    const first = JSON.parse(await sim.firstLine()) as { endpoint: string };
    expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const r = eumSync(['account', 'show', '--endpoint-url', first.endpoint, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).region).toBe('us-east-1');

    const log = (await (await fetch(`${first.endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string }> };
    expect(log.requests.map((q) => q.operation)).toEqual(['DescribeAccountAttributes', 'DescribeAccountLimits', 'DescribeSpendLimits']);

    sim.child.kill('SIGINT');
    const done = await sim.done;
    expect(done.code).toBe(0);
    // stdout holds that one JSON line and nothing else, so `jq` and line readers stay simple.
    expect(done.stdout).toBe(`${JSON.stringify({ endpoint: first.endpoint })}\n`);
  });

  it('a bad flag is a usage error before anything listens', () => {
    const r = eumSync(['sim', 'start', '--fail-rate', '2', '--port', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-rate');
    expect(r.stderr).toContain('--port');
  });
});

describe('--sim', () => {
  it('keeps state across invocations and shows it in eum sim status', () => {
    const home = tempHome();
    const status = eumSync(['sim', 'status', '--json'], { EUM_HOME: home });
    expect(status.code).toBe(0);
    const body = JSON.parse(status.stdout);
    expect(JSON.stringify(body)).toContain('SIMULATOR');

    const reset = eumSync(['sim', 'reset', '--json'], { EUM_HOME: home });
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout).reset).toBe(true);
  });
});

describe('eum sim start --registration-types', () => {
  it('a directory that cannot be read is an input error at start', () => {
    const r = eumSync(['sim', 'start', '--registration-types', '/nonexistent/forms']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--registration-types: cannot read /nonexistent/forms');
  });
});
