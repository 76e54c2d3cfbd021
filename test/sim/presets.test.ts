// The account presets (`eum sim start --account new|ready`), how stores keep them, and the state
// directory's mode.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { parseSimStartOptions } from '../../src/commands/sim/start.js';
import { createFileStore, createMemoryStore, describeState, freshState, normalizeState } from '../../src/sim/index.js';
import { startTestSim } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eum-sim-presets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eum sim start --account', () => {
  test('ready by default; new accepted; anything else is an input error naming the flag', () => {
    expect(parseSimStartOptions({}, '/').account).toBe('ready');
    expect(parseSimStartOptions({ account: 'new' }, '/').account).toBe('new');
    expect(parseSimStartOptions({ s3Dir: 'bucket-root' }, '/tmp').s3Dir).toBe('/tmp/bucket-root');
    let err: unknown;
    try {
      parseSimStartOptions({ account: 'sandbox' }, '/');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(JSON.stringify((err as InputError).problems)).toContain('--account');
  });
});

describe('presets in the state', () => {
  test('new: sandbox, no numbers, $1 limits of every name; ready: production with a registered toll-free number', () => {
    const n = freshState(new Date('2026-11-23T10:00:00Z'), 'new');
    const r = n.regions['us-east-1'];
    expect(r.account.tier).toBe('SANDBOX');
    expect(r.phoneNumbers).toEqual({});
    expect(Object.keys(r.account.spendLimits)).toHaveLength(5);
    expect(Object.values(r.account.spendLimits).every((l) => l.maxLimit === 1)).toBe(true);
    const ready = freshState(new Date('2026-11-23T10:00:00Z')).regions['us-east-1'];
    expect(ready.account.tier).toBe('PRODUCTION');
    expect(Object.values(ready.phoneNumbers).map((p) => p.numberType)).toEqual(['SIMULATOR', 'TOLL_FREE']);
    expect(Object.values(ready.registrations.registrations).map((x) => x.RegistrationType)).toEqual(['US_TOLL_FREE_REGISTRATION']);
    expect((describeState(n) as { account: string }).account).toBe('new');
  });

  test('a region first used later is created from the account preset; older files gain the newer spend limits', () => {
    const s = normalizeState(
      {
        createdAt: 1,
        preset: 'new',
        regions: {
          'us-east-1': {
            account: {
              tier: 'SANDBOX',
              spendLimits: { TEXT_MESSAGE_MONTHLY_SPEND_LIMIT: { enforcedLimit: 1, maxLimit: 1, overridden: false } },
              defaultProtectConfigurationId: null,
            },
          },
        },
      },
      1,
    );
    expect(Object.keys(s.regions['us-east-1'].account.spendLimits)).toHaveLength(5);
    expect(s.preset).toBe('new');
  });

  test('the file store creates a missing file from its preset, and /_eum/reset keeps the preset', async () => {
    const file = path.join(dir, 'new.json');
    const store = createFileStore(file, { account: 'new', ownDirectory: false });
    expect(await store.transact((s) => s.regions['us-east-1'].account.tier)).toBe('SANDBOX');
    const sim = await startTestSim({}, createMemoryStore(freshState(new Date(), 'new')));
    try {
      await sim.hook('POST', '/_eum/reset');
      expect((await sim.hook('GET', '/_eum/state')).body.account).toBe('new');
    } finally {
      await sim.close();
    }
  });
});

describe('the state directory', () => {
  test('an own directory that already existed is made 0700; a --state file leaves its directory alone', async () => {
    const own = path.join(dir, 'home', 'sim');
    mkdirSync(own, { recursive: true });
    chmodSync(own, 0o755);
    await createFileStore(path.join(own, 'state.json')).transact(() => undefined);
    expect(statSync(own).mode & 0o777).toBe(0o700);
    const users = path.join(dir, 'project');
    mkdirSync(users);
    chmodSync(users, 0o755);
    await createFileStore(path.join(users, 'sim.json'), { ownDirectory: false }).transact(() => undefined);
    expect(statSync(users).mode & 0o777).toBe(0o755);
  });
});
