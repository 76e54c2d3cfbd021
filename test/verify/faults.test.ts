import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';
import { startDroppingProxy, type DroppingProxy } from '../helpers/faults.js';
import { startPresetSim, type PresetSim } from '../config-set/helpers.js';

const HANDSET = '+4917612345678';

let sim: PresetSim;
let proxy: DroppingProxy;
beforeAll(async () => {
  sim = await startPresetSim('new');
  // The reply to the first code sent is lost after the simulator sent it.
  proxy = await startDroppingProxy(sim.endpoint, { drop: (_n, op) => op === 'SendDestinationNumberVerificationCode' });
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

describe('eum verify add when the reply to the code is lost', () => {
  it('sends the code once, says it may have gone, and does not send another', async () => {
    const r = await runEum(['verify', 'add', HANDSET, '--endpoint-url', proxy.endpoint, '--json']);
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('SEND_OUTCOME_UNKNOWN');
    expect(err.message).toContain('a verification code to +*********5678 may have been sent');
    expect(err.hint).toContain('check the handset');
    expect((await sim.operations()).filter((o) => o === 'SendDestinationNumberVerificationCode')).toHaveLength(1);
    // The handset did get it: confirming works.
    const { body } = await sim.hook('GET', `/_eum/messages?to=${encodeURIComponent(HANDSET)}`);
    const code = /(\d{6})/.exec(body.messages.at(-1).body)![1];
    expect((await sim.json(['verify', 'confirm', HANDSET, code])).status).toBe('VERIFIED');
  });
});
