// End-to-end: the built binary against a simulator over HTTP, as a CI job would run it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eumSpawn } from '../helpers/spawn.js';
import { startTestSim, type TestSim } from './helpers.js';
import { tempDir } from '../helpers/temp.js';

let sim: TestSim;
const dir = tempDir('eum-protect-e2e-');
const eum = (args: string[]) => eumSpawn([...args, '--endpoint-url', sim.endpoint]).done;

beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});

describe('eum protect (built binary)', () => {
  it('apply, then --plan is a clean drift check (exit 0); a bad document exits 2', async () => {
    const doc = path.join(dir, 'protect.yaml');
    writeFileSync(doc, 'version: 1\naccountDefault: ci-guard\nconfigurations:\n  ci-guard:\n    rules:\n      sms: { default: allow, block: [RU, NG] }\n');
    const plan = await eum(['protect', 'apply', '-f', doc, '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('+ create ci-guard');
    const apply = await eum(['protect', 'apply', '-f', doc, '--yes', '--json']);
    expect(apply.code).toBe(0);
    expect(JSON.parse(apply.stdout)).toMatchObject({ applied: true, made: 3 });
    const clean = await eum(['protect', 'apply', '-f', doc, '--plan', '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).pending).toBe(false);
    const check = await eum(['protect', 'check', '+79001234567', '--json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ country: 'RU', verdict: 'BLOCK', configuration: { name: 'ci-guard', source: 'account-default' } });
    writeFileSync(doc, 'version: 3\nconfigurations: {}\n');
    await sim.clearRequests();
    const bad = await eum(['protect', 'apply', '-f', doc, '--plan']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('protect.yaml:1: version must be 1');
    expect(await sim.requests()).toEqual([]);
  });
});

describe('eum --sim protect (state kept across invocations)', () => {
  it('a configuration created in one process is enforced in the next', async () => {
    const home = tempDir('eum-protect-home-');
    const env = { EUM_HOME: home, HOME: home };
    const run = (args: string[]) => eumSpawn(['--sim', ...args], env).done;
    expect((await run(['protect', 'create', '--name', 'sim-guard', '--set-default'])).code).toBe(0);
    expect((await run(['protect', 'rules', 'set', 'sim-guard', '--block', 'NG'])).code).toBe(0);
    const check = await run(['protect', 'check', '+2348031234567', '--live', '--json']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      verdict: 'BLOCK',
      live: { blocked: true, reason: 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION', agrees: true },
    });
    const exported = await run(['protect', 'export']);
    expect(exported.stdout).toContain('sms: {default: allow, block: [NG]}');
  });
});
