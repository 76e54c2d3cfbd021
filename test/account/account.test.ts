import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPresetSim, type PresetSim } from '../config-set/helpers.js';

const LIMIT_NAMES = [
  'CONFIGURATION_SETS',
  'OPT_OUT_LISTS',
  'PHONE_NUMBERS',
  'POOLS',
  'REGISTRATIONS',
  'REGISTRATION_ATTACHMENTS',
  'SENDER_IDS',
  'VERIFIED_DESTINATION_NUMBERS',
];

let ready: PresetSim;
let fresh: PresetSim;
beforeAll(async () => {
  [ready, fresh] = await Promise.all([startPresetSim('ready'), startPresetSim('new')]);
});
afterAll(async () => {
  await Promise.all([ready.close(), fresh.close()]);
});
beforeEach(async () => {
  await Promise.all([ready.clearRequests(), fresh.clearRequests()]);
});

describe('eum account show', () => {
  it('a new account: the sandbox tier, every limit with its use, $1 spend limits, and the sandbox rules', async () => {
    const data = await fresh.json(['account', 'show']);
    expect(data.region).toBe('us-east-1');
    expect(data.tier).toBe('SANDBOX');
    expect(data.attributes).toEqual([{ name: 'ACCOUNT_TIER', value: 'SANDBOX' }]);
    expect(data.limits.map((l: { name: string }) => l.name).sort()).toEqual(LIMIT_NAMES);
    expect(data.limits.find((l: { name: string }) => l.name === 'VERIFIED_DESTINATION_NUMBERS')).toEqual({
      name: 'VERIFIED_DESTINATION_NUMBERS',
      used: 0,
      max: 10,
      remaining: 10,
    });
    expect(data.spendLimits[0]).toEqual({
      name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
      enforcedLimit: 1,
      maxLimit: 1,
      overridden: false,
      channel: 'text',
      override: null,
    });
    expect(data.spendLimits.map((l: { channel: string }) => l.channel)).toEqual(['text', 'voice', 'media', 'notify', 'rcs']);
    expect(await fresh.operations()).toEqual(['DescribeAccountAttributes', 'DescribeAccountLimits', 'DescribeSpendLimits']);
    const tty = await fresh.eum(['account', 'show'], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('Account limits');
    expect(tty.stdout).toMatch(/│ verified destination numbers +│ +0 │ +10 │ +10 │/);
    expect(tty.stdout).toContain('SANDBOX');
    expect(tty.stdout).toMatch(/│ text +│ +1 │ +1 │ +none │/);
    expect(tty.stderr).toContain('the account is in the sandbox: messages go only to verified destination numbers (eum verify add +E164)');
  });

  it('a production account: use counts what exists; piped output is plain rows', async () => {
    await ready.json(['config-set', 'create', 'otp']);
    const data = await ready.json(['account', 'show']);
    expect(data.tier).toBe('PRODUCTION');
    expect(data.limits.find((l: { name: string }) => l.name === 'CONFIGURATION_SETS')).toEqual({ name: 'CONFIGURATION_SETS', used: 1, max: 25, remaining: 24 });
    expect(data.limits.find((l: { name: string }) => l.name === 'PHONE_NUMBERS').used).toBeGreaterThan(0);
    const piped = await ready.eum(['account', 'show']);
    expect(piped.stdout).toContain('tier\tPRODUCTION\n');
    expect(piped.stdout).toContain('CONFIGURATION_SETS\t1\t25\t24\n');
    expect(piped.stdout).toContain('text\t1000\t1000\t\n');
    expect(piped.stderr).not.toContain('sandbox');
    const q = await ready.eum(['account', 'show', '--query', "limits[?name=='CONFIGURATION_SETS'].remaining | [0]"]);
    expect(q.stdout.trim()).toBe('24');
  });
});

describe('eum account spend-limit', () => {
  it('bad input: every problem at once, exit 2, no call', async () => {
    const r = await ready.eum(['account', 'spend-limit', 'set', 'fax', '12.50', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['<channel>', '<usd>']);
    expect((await ready.eum(['account', 'spend-limit', 'set', 'text', '-1'])).code).toBe(2);
    expect((await ready.eum(['account', 'spend-limit', 'unset', 'pager'])).code).toBe(2);
    expect(await ready.operations()).toEqual([]);
  });

  it('set, see the override, refuse one above the account limit, unset', async () => {
    const set = await ready.json(['account', 'spend-limit', 'set', 'sms', '$100']);
    expect(set).toEqual({
      channel: 'text',
      name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
      before: { enforcedLimit: 1000, overridden: false },
      after: { enforcedLimit: 100, overridden: true },
      maxLimit: 1000,
      changed: true,
    });
    expect(await ready.operations()).toEqual(['DescribeSpendLimits', 'SetTextMessageSpendLimitOverride']);
    const shown = await ready.json(['account', 'show']);
    expect(shown.spendLimits[0]).toMatchObject({ channel: 'text', enforcedLimit: 100, overridden: true, override: 100 });

    await ready.clearRequests();
    const above = await ready.eum(['account', 'spend-limit', 'set', 'voice', '5000']);
    expect(above.code).toBe(2);
    expect(above.stderr).toContain("$5,000 is above the account's voice limit of $1,000 a month");
    expect(above.stderr).toContain('AWS Support');
    expect(await ready.operations()).toEqual(['DescribeSpendLimits']);

    const unset = await ready.eum(['account', 'spend-limit', 'unset', 'text']);
    expect(unset.code).toBe(0);
    expect(unset.stderr).toContain('text spend limit override removed: $100 -> $1,000 a month (the account limit)');
    const again = await ready.json(['account', 'spend-limit', 'unset', 'text']);
    expect(again).toMatchObject({ changed: false, after: { enforcedLimit: 1000, overridden: false } });
  });

  it('in the sandbox an override can only lower the $1 limit', async () => {
    expect(await fresh.json(['account', 'spend-limit', 'set', 'media', '0'])).toMatchObject({
      channel: 'media',
      after: { enforcedLimit: 0, overridden: true },
      maxLimit: 1,
    });
    const r = await fresh.eum(['account', 'spend-limit', 'set', 'text', '20']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("$20 is above the account's text limit of $1 a month");
  });
});
