/**
 * Protect edge cases from issue 12: duplicate names, expired overrides, a failure midway, a plan
 * with blockers, nothing to do, a YAML bomb. A simulator of its own (these tests move its clock).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PinpointSMSVoiceV2Client, CreateConfigurationSetCommand, CreateProtectConfigurationCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { fakeBase, runEum } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { startTestSim, type TestSim } from './helpers.js';

let sim: TestSim;
let sdk: PinpointSMSVoiceV2Client;
const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-protect-edges-'));

const eum = (args: string[], opts: { tty?: boolean; stdin?: string } = {}) =>
  runEum([...args, '--endpoint-url', sim.endpoint], { ...opts, env: { NO_COLOR: '1' } });
const writes = (reqs: Array<{ operation: string }>) => reqs.filter((r) => !/^(Describe|Get|List)/.test(r.operation));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  sim = await startTestSim();
  sdk = new PinpointSMSVoiceV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
  await sdk.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'otp' }));
});
afterAll(async () => {
  sdk.destroy();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await sim.clearRequests();
});

describe('protect: nothing to do is not a failure', () => {
  it('unset-default without a default exits 0 and says nothing to do', async () => {
    const r = await eum(['protect', 'unset-default']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing to do');
    const j = await eum(['protect', 'unset-default', '--json']);
    expect(JSON.parse(j.stdout)).toEqual({ accountDefault: null, previous: null, changed: false });
    expect(writes(await sim.requests())).toEqual([]);
  });

  it('a second disassociate exits 0 and says nothing to do', async () => {
    const created = JSON.parse((await eum(['protect', 'create', '--name', 'assoc-guard', '--json'])).stdout);
    expect((await eum(['protect', 'associate', 'assoc-guard', '--config-set', 'otp'])).code).toBe(0);
    expect((await eum(['protect', 'disassociate', 'assoc-guard', '--config-set', 'otp'])).code).toBe(0);
    await sim.clearRequests();
    const again = await eum(['protect', 'disassociate', 'assoc-guard', '--config-set', 'otp', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ id: created.id, configurationSet: 'otp', associated: false, changed: false });
    const third = await eum(['protect', 'disassociate', 'assoc-guard', '--config-set', 'otp']);
    expect(third.code).toBe(0);
    expect(third.stderr).toContain(`configuration set otp does not use Protect configuration ${created.id}: nothing to do`);
    expect(writes(await sim.requests())).toEqual([]);
    expect((await eum(['protect', 'delete', 'assoc-guard', '--yes'])).code).toBe(0);
  });
});

describe('protect: names are unique', () => {
  it('create refuses a Name another configuration has: exit 2, nothing created', async () => {
    expect((await eum(['protect', 'create', '--name', 'dup-guard'])).code).toBe(0);
    await sim.clearRequests();
    const r = await eum(['protect', 'create', '--name', 'dup-guard']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a protect configuration named "dup-guard" exists \(protect-/);
    expect(writes(await sim.requests())).toEqual([]);
  });

  it('export of an account with two configurations of one Name fails and names them', async () => {
    await sdk.send(new CreateProtectConfigurationCommand({ Tags: [{ Key: 'Name', Value: 'dup-guard' }] }));
    const out = path.join(dir, 'dup.yaml');
    const r = await eum(['protect', 'export', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2 protect configurations are named "dup-guard" \(protect-\w+, protect-\w+\)/);
    expect(r.stderr).toContain('eum protect update');
    expect(r.stdout).toBe('');
    // The hint's way out: rename one (a name another has is refused), then export works.
    const ids = [...new Set([...r.stderr.matchAll(/protect-[0-9a-f]+/g)].map((m) => m[0]))];
    expect((await eum(['protect', 'update', ids[1], '--name', 'dup-guard'])).code).toBe(2);
    const renamed = await eum(['protect', 'update', ids[1], '--name', 'dup-guard-b', '--json']);
    expect(JSON.parse(renamed.stdout)).toEqual({ id: ids[1], name: 'dup-guard-b' });
    expect((await eum(['protect', 'export', '-o', out])).code).toBe(0);
    for (const id of ids) expect((await eum(['protect', 'delete', id, '--yes'])).code).toBe(0);
  });
});

describe('protect apply', () => {
  it('--plan exits 1 when the plan has blockers', async () => {
    const doc = file('blocked.yaml', 'version: 1\nconfigurations:\n  blocked-guard:\n    configurationSets: [no-such-set]\n');
    const r = await eum(['protect', 'apply', '-f', doc, '--plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('! blocked-guard: configuration set no-such-set does not exist');
    const j = await eum(['protect', 'apply', '-f', doc, '--plan', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout).plan.blockers).toHaveLength(1);
  });

  it('a YAML bomb is exit 2, nothing sent', async () => {
    const lines = ['version: 1', 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    lines.push('configurations: {}');
    const r = await eum(['protect', 'apply', '-f', file('bomb.yaml', lines.join('\n')), '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('remove the YAML aliases');
    expect(r.stderr).not.toContain('bug in eum');
    expect(await sim.requests()).toEqual([]);
  });

  it('-f /dev/zero and a FIFO are exit 2 at once, nothing sent', async () => {
    const zero = await eum(['protect', 'apply', '-f', '/dev/zero', '--plan']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('/dev/zero is not a regular file');
    const fifo = path.join(dir, 'doc.fifo');
    execFileSync('mkfifo', [fifo]);
    const f = await eum(['protect', 'apply', '-f', fifo, '--plan']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('is not a regular file');
    expect(await sim.requests()).toEqual([]);
  });

  it('-f - reads the document from stdin; more than 16 MiB on stdin is exit 2 with the limit named', async () => {
    const doc = 'version: 1\nconfigurations:\n  stdin-guard:\n    overrides:\n      - { number: "+12065550102", action: block }\n';
    const plan = await eum(['protect', 'apply', '-f', '-', '--plan', '--json'], { stdin: doc });
    expect(plan.code, plan.stderr).toBe(3);
    expect(plan.stdout).toContain('stdin-guard');
    await sim.clearRequests();
    const huge = await eum(['protect', 'apply', '-f', '-', '--plan'], { stdin: `# ${'x'.repeat(17 * 1024 * 1024)}\n` });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('stdin is larger than 16 MiB: a Protect document is far smaller');
    expect(await sim.requests()).toEqual([]);
  });

  it('an override whose expiry has passed is reported as expired, not planned', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const doc = file(
      'expiring.yaml',
      `version: 1\nconfigurations:\n  exp-guard:\n    overrides:\n      - { number: "+12065550100", action: allow, expires: "${soon}" }\n      - { number: "+12065550101", action: block }\n`,
    );
    expect((await eum(['protect', 'apply', '-f', doc, '--yes'])).code).toBe(0);
    // Two hours later, on both clocks: the service has dropped the override.
    await sim.advanceClock(7200);
    await sim.clearRequests();
    const { base, stdout, stderr } = fakeBase({ env: { NO_COLOR: '1' } });
    const later = { ...base, clock: { ...base.clock, now: () => new Date(Date.now() + 7_200_000) } };
    const code = await main(['protect', 'apply', '-f', doc, '--yes', '--json', '--endpoint-url', sim.endpoint], later);
    expect(stderr.text).not.toContain('error');
    expect(code).toBe(0);
    const data = JSON.parse(stdout.text);
    expect(data.plan.expired).toEqual([{ configuration: 'exp-guard', number: '+12065550100', action: 'ALLOW', expires: expect.any(String) }]);
    expect(data.plan.calls).toBe(0);
    expect(writes(await sim.requests())).toEqual([]);
  });

  it('a failure midway prints what was applied and what was not', async () => {
    // The simulator's clock runs ahead of ours: the override's expiry is past for the service only.
    await sim.advanceClock(7200);
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const doc = file(
      'midway.yaml',
      `version: 1\nconfigurations:\n  mid-guard:\n    deletionProtection: false\n    rules:\n      sms: { default: allow, block: [RU] }\n    overrides:\n      - { number: "+12065550100", action: allow, expires: "${soon}" }\n      - { number: "+12065550101", action: block }\n`,
    );
    const r = await eum(['protect', 'apply', '-f', doc, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /applied \(2\):\n {2}CreateProtectConfiguration mid-guard\n {2}UpdateProtectConfigurationCountryRuleSet mid-guard sms \(1 country\)/,
    );
    expect(r.stderr).toMatch(/failed:\n {2}PutProtectConfigurationRuleSetNumberOverride mid-guard \+\*+0100\n/);
    expect(r.stderr).toMatch(/not applied \(1\):\n {2}PutProtectConfigurationRuleSetNumberOverride mid-guard \+\*+0101\n/);
    expect(r.stderr).toContain('run apply again');
  });
});
