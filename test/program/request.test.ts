import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eumAt, isWrite, startProgramSim, writeDoc, type ProgramSim } from './helpers.js';

let sim: ProgramSim;
const eum = eumAt(() => sim.endpoint);
beforeAll(async () => {
  sim = await startProgramSim('new');
});
afterAll(async () => {
  await sim.close();
});

describe('request: true', () => {
  const doc = (extra = '') =>
    writeDoc(
      [
        'version: 1',
        'regions:',
        '  us-east-1:',
        '    phoneNumbers:',
        '      "+12065550177":',
        `        request: true${extra}`,
        '        type: simulator',
        '        deletionProtection: true',
        '        keywords: { INFO: { message: "Acme: 2 msgs/week" } }',
        '',
      ].join('\n'),
    );

  it('without it, a number not in the account is a blocker', async () => {
    const r = await eum(['program', 'apply', '-f', writeDoc('version: 1\nregions:\n  us-east-1:\n    phoneNumbers:\n      "+12065550177": {}\n'), '--plan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/is not in the account/);
  });

  it('requests the number by its digits, sets it up, and a second apply makes no write', async () => {
    const plan = await eum(['program', 'apply', '-f', doc(), '--plan']);
    expect(plan.code, plan.stdout).toBe(3);
    expect(plan.stdout).toContain('RequestPhoneNumber +*******0177 (simulator, US)');
    await sim.clearRequests();
    const r = await eum(['program', 'apply', '-f', doc(), '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect((await sim.requests()).filter((x) => isWrite(x.operation)).map((x) => x.operation)).toEqual([
      'RequestPhoneNumber',
      'UpdatePhoneNumber',
      'PutKeyword',
    ]);
    await sim.clearRequests();
    expect((await eum(['program', 'apply', '-f', doc(), '--yes'])).code).toBe(0);
    expect((await sim.requests()).filter((x) => isWrite(x.operation))).toEqual([]);
  });

  it('request: true without a type is a bad document', async () => {
    const r = await eum([
      'program',
      'apply',
      '-f',
      writeDoc('version: 1\nregions:\n  us-east-1:\n    phoneNumbers:\n      "+12065550178": { request: true }\n'),
      '--plan',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/request: true needs the type of number/);
  });
});
