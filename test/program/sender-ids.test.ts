import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eumAt, isWrite, startProgramSim, writeDoc, type ProgramSim } from './helpers.js';

let sim: ProgramSim;
const eum = eumAt(() => sim.endpoint);
beforeAll(async () => {
  sim = await startProgramSim('ready');
});
afterAll(async () => {
  await sim.close();
});

describe('sender IDs in the program', () => {
  it('requests the missing countries once, exports them, and blocks a country that needs a registration', async () => {
    const doc = writeDoc(['version: 1', 'regions:', '  eu-west-2:', '    senderIds:', '      ACME: { countries: [NL, DE] }', ''].join('\n'));
    const plan = await eum(['program', 'apply', '-f', doc, '--plan']);
    expect(plan.code, plan.stdout).toBe(3);
    expect(plan.stdout).toContain('eu-west-2 RequestSenderId ACME DE');
    expect(plan.stdout).toContain('eu-west-2 RequestSenderId ACME NL');
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', doc, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await sim.requests()).filter((x) => isWrite(x.operation)).map((x) => x.operation)).toEqual(['RequestSenderId', 'RequestSenderId']);
    expect((await eum(['program', 'apply', '-f', doc, '--plan'])).code).toBe(0);
    const exp = await eum(['program', 'export', '--regions', 'eu-west-2']);
    expect(exp.stdout).toMatch(/senderIds:\n\s+ACME:\n\s+countries: \[DE, NL\]/);
    expect((await eum(['program', 'apply', '-f', writeDoc(exp.stdout), '--plan'])).code).toBe(0);

    const blocked = await eum([
      'program',
      'apply',
      '-f',
      writeDoc(['version: 1', 'regions:', '  eu-west-2:', '    senderIds:', '      ACME: { countries: [GB] }', ''].join('\n')),
      '--plan',
    ]);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/sender ID ACME in GB: .*registration/);
  });

  it('a sender ID the API refuses is a bad document (exit 2, no call)', async () => {
    await sim.clearRequests();
    const r = await eum([
      'program',
      'apply',
      '-f',
      writeDoc(['version: 1', 'regions:', '  eu-west-2:', '    senderIds:', '      "ACME CORP LTD": { countries: [GB] }', ''].join('\n')),
      '--plan',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/characters; the API takes 1 to 11/);
    expect(await sim.requests()).toEqual([]);
  });
});
