/** Terminal and piped output, help examples. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runEum, tempHome } from '../helpers/streams.js';
import { fastWrites, startRegistrationSim, type RegistrationSim } from './sim-server.js';

let sim: RegistrationSim;
const home = tempHome();
const eum = (args: string[], tty = false) => runEum(fastWrites(['--endpoint-url', sim.endpoint, ...args]), { home, tty, env: { NO_COLOR: '1' } });
const VERBS = ['types', 'fields', 'lint', 'create', 'edit', 'list', 'show', 'watch', 'update', 'submit', 'discard', 'delete', 'associate', 'export'];

beforeAll(async () => {
  sim = await startRegistrationSim();
  await eum([
    'registration',
    'create',
    'US_TEN_DLC_BRAND_REGISTRATION',
    '--answers',
    path.resolve('test/registration/answers/US_TEN_DLC_BRAND_REGISTRATION.yaml'),
    '--submit',
  ]);
});
afterAll(async () => {
  await sim.close();
});

describe('registration output', () => {
  it('list: a table on a terminal, tab-separated rows when piped', async () => {
    const tty = await eum(['registration', 'list'], true);
    expect(tty.stdout).toContain('│ Registration');
    // The table fits the (fake) terminal's 100 columns: long values wrap.
    expect(tty.stdout).toMatch(/US_TEN_DLC_BRAND_ *│[^\n]*\n[^\n]*REGISTRATION/);
    const piped = await eum(['registration', 'list']);
    // The default (ready) account also holds its toll-free number's COMPLETE registration; the
    // Name column is empty for a registration created without --name.
    const line = piped.stdout
      .trim()
      .split('\n')
      .find((l) => l.includes('US_TEN_DLC_BRAND_REGISTRATION'))!;
    expect(line.split('\t')).toEqual([
      expect.stringMatching(/^registration-/),
      '',
      'US_TEN_DLC_BRAND_REGISTRATION',
      'SUBMITTED',
      '1',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    ]);
  });

  it('lint: findings as a table on a terminal and rows when piped; messages on stderr', async () => {
    const file = path.resolve('test/registration/answers/US_TEN_DLC_CAMPAIGN_REGISTRATION.yaml');
    const clean = await eum(['registration', 'lint', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file], true);
    expect(clean.stdout).toBe('no problems found\n');
    expect(clean.stderr).toContain('no errors');
    const bad = await eum(['registration', 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', file]);
    expect(bad.code).toBe(2);
    expect(bad.stdout.split('\n')[0].split('\t').slice(0, 3)).toEqual(['error', 'campaignInfo.campaignName', 'definition.unknown-field']);
  });

  it('every registration command has examples in its help', async () => {
    for (const verb of VERBS) {
      const r = await runEum(['registration', verb, '--help']);
      expect(r.code, verb).toBe(0);
      expect(r.stdout, verb).toContain('Examples:');
    }
  });

  it('a bad registration id is refused before any request', async () => {
    await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
    const r = await eum(['registration', 'show', 'not an id!', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('INVALID_INPUT');
    expect(await sim.requests()).toEqual([]);
  });
});
