import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { eumAt, isWrite, startProgramSim, writeDoc, type ProgramSim } from './helpers.js';
import { tempDir } from '../helpers/temp.js';

const sims: ProgramSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
});

describe.each(['ready', 'new'] as const)('export then plan, --account %s, two Regions', (preset) => {
  it('the plan of a fresh export is empty, and --plan exits 0 without a write', async () => {
    const sim = await startProgramSim(preset);
    sims.push(sim);
    const eum = eumAt(() => sim.endpoint);
    const file = path.join(tempDir('eum-program-out-'), 'program.yaml');
    const exp = await eum(['program', 'export', '--regions', 'us-east-1,eu-west-2', '-o', file]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('us-east-1:');
    expect(text).toContain('eu-west-2:');
    await sim.clearRequests();
    const plan = await eum(['program', 'apply', '-f', file, '--plan']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes. The account matches the document.');
    expect((await sim.requests()).filter((r) => isWrite(r.operation))).toEqual([]);
    // --json: counts per Region and the document itself.
    const json = JSON.parse((await eum(['program', 'export', '--regions', 'us-east-1', '--json'])).stdout);
    expect(json.regions).toEqual([
      { region: 'us-east-1', phoneNumbers: expect.any(Number), pools: 0, optOutLists: 1, configurationSets: 0, protectConfigurations: 0 },
    ]);
    expect(json.document).toMatch(/^# eum program document/);
    expect(json.file).toBeNull();
  });
});

describe('bad documents exit 2 before any call', () => {
  it('names the line and path of each problem', async () => {
    const sim = await startProgramSim('ready');
    sims.push(sim);
    const eum = eumAt(() => sim.endpoint);
    const file = writeDoc(
      [
        'version: 1',
        'regions:',
        '  us-east-1:',
        '    phoneNumbers:',
        '      "+1206": {}',
        '      "+18335550100":',
        '        keywords:',
        '          THIS-KEYWORD-IS-FAR-TOO-LONG-TO-BE-ONE: { message: hi }',
        '          QUIT: { message: bye }',
        '    configurationSets:',
        '      otp:',
        '        eventDestinations:',
        '          d1: { eventTypes: [TEXT_FAILED], sns: "arn:aws:sqs:us-east-1:111122223333:q" }',
        '    protect:',
        '      configurations:',
        '        guard: { rules: { sms: { block: [XX] } } }',
        '',
      ].join('\n'),
    );
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', file, '--plan', '--json']);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout || r.stderr).error ?? JSON.parse(r.stderr).error;
    const fields = err.problems.map((p: { field: string; message: string }) => `${p.field} ${p.message}`).join('\n');
    expect(fields).toMatch(/program\.yaml:5 .*"\+1206" is not an E\.164 phone number/);
    expect(fields).toMatch(/program\.yaml:8 .*keyword "THIS-KEYWORD-IS-FAR-TOO-LONG-TO-BE-ONE" has 38 characters; a keyword is at most 30/);
    expect(fields).toMatch(/program\.yaml:9 .*QUIT is one of AWS's opt-out keywords.*action: opt-out/);
    expect(fields).toMatch(/program\.yaml:13 .*"TEXT_FAILED" is not an event type/);
    expect(fields).toMatch(/program\.yaml:13 .*must be an SNS topic ARN/);
    expect(fields).toMatch(/program\.yaml:16 .*XX/);
    expect(await sim.requests()).toEqual([]);
  });

  it('an unknown key is named with its own line', async () => {
    const sim = await startProgramSim('ready');
    sims.push(sim);
    const eum = eumAt(() => sim.endpoint);
    await sim.clearRequests();
    const r = await eum([
      'program',
      'apply',
      '-f',
      writeDoc('version: 1\nregions:\n  us-east-1:\n    pools:\n      alerts:\n        identities: ["+18335550100"]\n        colour: blue\n'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/program\.yaml:7.*unknown key colour/);
    expect(await sim.requests()).toEqual([]);
  });

  it('duplicate names: a number in two pools, a keyword twice, a pool named by two', async () => {
    const sim = await startProgramSim('ready');
    sims.push(sim);
    const eum = eumAt(() => sim.endpoint);
    await sim.clearRequests();
    const doc = [
      'version: 1',
      'regions:',
      '  us-east-1:',
      '    optOutLists: [a, a]',
      '    phoneNumbers:',
      '      "+18335550100":',
      '        keywords: { info: { message: x }, INFO: { message: y } }',
      '    pools:',
      '      p1: { identities: ["+18335550100"] }',
      '      p2: { identities: ["+18335550100"] }',
      '',
    ].join('\n');
    const r = await eum(['program', 'apply', '-f', writeDoc(doc), '--plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a is listed twice/);
    expect(r.stderr).toMatch(/keyword INFO is written twice/);
    expect(r.stderr).toMatch(/is in pools p1 and p2/);
    // The numbers in the messages (in a path, or named by the problem) are masked.
    expect(r.stderr).toContain('us-east-1.phoneNumbers.+*******0100.keywords.INFO: keyword INFO is written twice');
    expect(r.stderr).toContain('+*******0100 is in pools p1 and p2');
    expect(r.stderr).not.toContain('8335550100');
    expect(await sim.requests()).toEqual([]);
  });

  it('a wrong version, and unknown keys at the top', async () => {
    const sim = await startProgramSim('ready');
    sims.push(sim);
    const eum = eumAt(() => sim.endpoint);
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', writeDoc('version: 2\nregion: {}\n'), '--plan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/program\.yaml:1.*version must be 1/);
    expect(r.stderr).toMatch(/unknown key region/);
    expect(await sim.requests()).toEqual([]);
  });
});
