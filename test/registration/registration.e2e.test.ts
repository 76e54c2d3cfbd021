// End-to-end: the built binary against the simulator's registration operations, as CI runs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { eumSpawn } from '../helpers/spawn.js';
import { tempHome } from '../helpers/streams.js';
import { startRegistrationSim, TOLL_FREE_NUMBER_IDS, type RegistrationSim } from './sim-server.js';

let sim: RegistrationSim;
const home = tempHome();
const run = (args: string[]) => eumSpawn(['--endpoint-url', sim.endpoint, ...args], { EUM_HOME: home, HOME: home }).done;

beforeAll(async () => {
  sim = await startRegistrationSim();
});
afterAll(async () => {
  await sim.close();
});

describe('built binary: registration', () => {
  it('creates and submits from an answers file with --attach (CI=true: no prompts), JSON on stdout', async () => {
    const answers = path.resolve('test/registration/answers/US_TOLL_FREE_REGISTRATION.yaml');
    const r = await run([
      'registration',
      'create',
      'US_TOLL_FREE_REGISTRATION',
      '--answers',
      answers,
      '--attach',
      `messagingUseCase.optInImage=${path.resolve('test/registration/answers/optin.png')}`,
      '--associate',
      TOLL_FREE_NUMBER_IDS[0],
      '--rate',
      '1000',
      '--submit',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ registrationType: 'US_TOLL_FREE_REGISTRATION', status: 'SUBMITTED', submitted: true });
  });

  it('an answers file with problems: exit 2, every problem listed, nothing created', async () => {
    const before = (await sim.requests()).filter((x) => x.operation === 'CreateRegistration').length;
    const r = await run([
      'registration',
      'create',
      'US_TEN_DLC_BRAND_REGISTRATION',
      '--answers',
      path.resolve('test/registration/answers/US_TOLL_FREE_REGISTRATION.yaml'),
      '--json',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.problems.length).toBeGreaterThan(5);
    expect((await sim.requests()).filter((x) => x.operation === 'CreateRegistration').length).toBe(before);
  });
});
