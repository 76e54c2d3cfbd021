import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await clearSimRequests(sim.endpoint);
});

const at = () => ['--endpoint-url', sim.endpoint];

describe('--query', () => {
  it('filters the JSON output with JMESPath; strings print quoted, as the AWS CLI prints them', async () => {
    const r = await runEum(['help', 'environment', '--query', 'environment[0].name']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('"AWS_REGION, AWS_DEFAULT_REGION"\n');
    const names = await runEum(['--query', "environment[?starts_with(name, 'EUM_')].name", 'help', 'environment']);
    expect(JSON.parse(names.stdout)).toContain('EUM_HOME');
  });

  it('implies --json, on a terminal too', async () => {
    const r = await runEum([...at(), 'account', 'show', '--query', 'keys(@)'], { tty: true });
    expect(r.code).toBe(0);
    const full = await runEum([...at(), 'account', 'show', '--json']);
    expect(JSON.parse(r.stdout)).toEqual(Object.keys(JSON.parse(full.stdout)));
  });

  it('a result the expression does not match is null', async () => {
    const r = await runEum(['help', 'environment', '--query', 'nothing.here']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('null\n');
  });

  it('a bad expression is a usage error (exit 2) before any API call', async () => {
    for (const expr of ['items[', 'nosuchfunction(@)', '']) {
      const r = await runEum([...at(), 'account', 'show', '--query', expr]);
      expect(r.code, expr).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe('USAGE');
      expect(r.stderr).toContain('--query');
    }
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('an expression that fails on the result says so (exit 1); errors are not filtered', async () => {
    const r = await runEum(['help', 'environment', '--query', 'abs(environment)']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'QUERY_FAILED' });
    const notFound = await runEum([...at(), 'registration', 'show', 'registration-00000000000000000000000000000000', '--query', 'registrationId']);
    expect(notFound.code).not.toBe(0);
    expect(JSON.parse(notFound.stdout).error.code).toEqual(expect.any(String));
  });
});
