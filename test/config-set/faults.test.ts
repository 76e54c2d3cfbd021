import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';
import { startDroppingProxy, type DroppingProxy } from '../helpers/faults.js';
import { startPresetSim, type PresetSim } from './helpers.js';

let sim: PresetSim;
let proxy: DroppingProxy;
beforeAll(async () => {
  sim = await startPresetSim('ready');
  proxy = await startDroppingProxy(sim.endpoint, { drop: (_n, op) => op === 'SetDefaultMessageType' });
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

describe('eum config-set create when a default cannot be set', () => {
  it('says the set exists and gives the commands that finish the job', async () => {
    const r = await runEum([
      'config-set',
      'create',
      'half',
      '--default-message-type',
      'promotional',
      '--feedback',
      '--endpoint-url',
      proxy.endpoint,
      '--max-attempts',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const err = JSON.parse(r.stdout).error;
    expect(err.message).toContain('created configuration set half, but setting its default message type promotional failed');
    expect(err.hint).toContain(
      'the set exists; finish with: eum config-set set-default-message-type half promotional && eum config-set set-default-feedback half on',
    );
    expect((await sim.json(['config-set', 'show', 'half'])).name).toBe('half');
  });
});
