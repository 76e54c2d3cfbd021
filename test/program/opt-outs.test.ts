import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutOptedOutNumberCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { eumAt, isWrite, startProgramSim, writeDoc, type ProgramSim } from './helpers.js';

let sim: ProgramSim;
const eum = eumAt(() => sim.endpoint);
beforeAll(async () => {
  sim = await startProgramSim('ready');
});
afterAll(async () => {
  await sim.close();
});

describe('opted-out numbers (--with-opt-outs)', () => {
  it('are exported only when asked, added when missing, never removed', async () => {
    await sim.sdk().send(new PutOptedOutNumberCommand({ OptOutListName: 'Default', OptedOutNumber: '+12065550142' }));
    const plain = await eum(['program', 'export']);
    expect(plain.stdout).not.toContain('optedOutNumbers');
    const withOptOuts = await eum(['program', 'export', '--with-opt-outs']);
    expect(withOptOuts.code, withOptOuts.stderr).toBe(0);
    expect(withOptOuts.stdout).toMatch(/optedOutNumbers:\n\s+Default:\n\s+- "\+12065550142"/);
    expect((await eum(['program', 'apply', '-f', writeDoc(withOptOuts.stdout), '--plan'])).code).toBe(0);

    const doc = writeDoc(['version: 1', 'regions:', '  us-east-1:', '    optedOutNumbers:', '      Default: ["+12065550143"]', ''].join('\n'));
    const plan = await eum(['program', 'apply', '-f', doc, '--plan']);
    expect(plan.code).toBe(3);
    expect(plan.stdout).toContain('PutOptedOutNumber Default +*******0143');
    expect(plan.stdout).toMatch(/1 opted-out number of Default not in the document \(opt-outs are never removed by apply\)/);
    await sim.clearRequests();
    expect((await eum(['program', 'apply', '-f', doc, '--yes'])).code).toBe(0);
    expect((await sim.requests()).filter((r) => isWrite(r.operation)).map((r) => r.operation)).toEqual(['PutOptedOutNumber']);
    expect((await eum(['program', 'apply', '-f', doc, '--plan'])).code).toBe(0);
  });
});
