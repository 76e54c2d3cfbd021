/** `eum send --to-file`: the price estimate from --prices, the spend check, and the progress per identity. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';
import { checkSpend, formatUsd, parsePriceList, pricePerPart } from '../../src/core/send-many/prices.js';
import { identityRates } from '../../src/core/send-many/plan.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = () => ['--endpoint-url', sim.endpoint];

function file(home: string, name: string, text: string): string {
  const f = path.join(home, name);
  writeFileSync(f, text);
  return f;
}

/** The simulator's synthesized prices (src/sim/README.md), as a user's copy of a price list would give them. */
const SIM_PRICES = 'country,price_per_part_usd,carrier_fee_usd\nUS,0.00581,0.00302\nCA,0.00581,0.006\n*,0.05,\n';

describe('price list (pure)', () => {
  it('parses country,price_per_part_usd with an optional carrier fee, a * row and comments', () => {
    const r = parsePriceList(
      '# my copy of the AWS page, 2026-11\nCountry,Price_per_part_usd,carrier_fee_usd,note\nus,0.00581,0.00302,toll-free\nDE,$0.0726,,\n*,0.05\n',
      'p.csv',
    );
    expect(r.problems).toEqual([]);
    expect(pricePerPart(r.prices, 'US')).toBe(0.00883);
    expect(pricePerPart(r.prices, 'DE')).toBe(0.0726);
    expect(pricePerPart(r.prices, 'BR')).toBe(0.05);
    expect(pricePerPart(undefined, 'US')).toBeNull();
  });

  it('every problem at once, naming the line', () => {
    const r = parsePriceList('country,price_per_part_usd\nUSA,0.01\nDE,cheap\nFR,0.05\nFR,0.06\n', 'p.csv');
    expect(r.problems).toEqual([
      { field: 'p.csv line 2', message: 'country "USA" is not an ISO 3166-1 alpha-2 code (e.g. US, DE) or *' },
      { field: 'p.csv line 3', message: 'price_per_part_usd "cheap" is not a price in US dollars from 0 to 100, e.g. 0.00581' },
      { field: 'p.csv line 5', message: 'FR is listed twice: keep one row per country' },
    ]);
    expect(parsePriceList('iso,usd\nUS,1\n', 'p.csv').problems[0].message).toBe(
      'no country and price_per_part_usd column (header: iso, usd): the header is country,price_per_part_usd',
    );
    expect(parsePriceList('', 'p.csv').problems[0].message).toContain('the file is empty');
  });

  it('the spend check: exceeds even with countries unpriced; within only when all are priced', () => {
    expect(checkSpend({ total: 12, priced: 12 }, 10)).toBe('exceeds');
    expect(checkSpend({ total: null, priced: 12 }, 10)).toBe('exceeds');
    expect(checkSpend({ total: 8, priced: 8 }, 10)).toBe('within');
    expect(checkSpend({ total: null, priced: 8 }, 10)).toBe('unknown');
    expect(checkSpend({ total: 8, priced: 8 }, null)).toBe('unknown');
    expect([formatUsd(1000), formatUsd(12.345), formatUsd(0.01766), formatUsd(0.00883), formatUsd(0)]).toEqual([
      '$1,000',
      '$12.35',
      '$0.02',
      '$0.00883',
      '$0.00',
    ]);
  });
});

describe('rates per identity (pure)', () => {
  it('busiest first, phone numbers masked, three at most', () => {
    const sent = new Map([
      ['+18335550100', 30],
      ['ACME (DE)', 100],
      ['pool-0123456789abcdef', 20],
      ['shared route (BR)', 5],
      ['+18335550101', 0],
    ]);
    expect(identityRates(sent, 10)).toBe('ACME (DE) 10/s, +*******0100 3.0/s, pool-0123456789abcdef 2.0/s, 1 more');
    expect(identityRates(new Map(), 10)).toBe('');
  });
});

describe('the plan prices the run', () => {
  it('--prices: the estimate per country and in total, and the spend limit', async () => {
    const home = tempHome();
    const f = file(home, 'r.csv', 'phone,name\n+12065550142,Ana\n+12065550143,Bo\n+4915123456789,Cy\n');
    const p = file(home, 'prices.csv', SIM_PRICES);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--prices', p, '--dry-run'], { home });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('  US: 2 recipients, 2 parts, $0.02 from +*******0100 2\n');
    expect(r.stdout).toContain('  DE: 1 recipient, 1 part, $0.05 from shared route (DE) 1\n');
    expect(r.stdout).toContain(`  price: about $0.07 for 3 parts (prices from ${p})\n`);
    expect(r.stdout).toContain(
      "  spend limit: $1,000 a month; the run fits if less than $999.93 was spent this month (the API does not say what was; CloudWatch's TextMessageMonthlySpend does)\n",
    );
    const j = await runEum([...at(), 'send', '--to-file', f, '--body', 'Hi {{name}}', '--prices', p, '--dry-run', '--json'], { home });
    const plan = JSON.parse(j.stdout).plan;
    expect(plan).toMatchObject({
      estimatedPrice: 0.06766,
      estimatedPriceKnown: 0.06766,
      unpricedCountries: [],
      prices: p,
      monthlySpendLimit: 1000,
      spendCheck: 'within',
    });
    expect(plan.countries.map((c: { isoCountryCode: string; pricePerPart: number; price: number }) => [c.isoCountryCode, c.pricePerPart, c.price])).toEqual([
      ['US', 0.00883, 0.01766],
      ['DE', 0.05, 0.05],
    ]);
  });

  it('without --prices, or a country not in it: "unknown" and what to do', async () => {
    const home = tempHome();
    const f = file(home, 'r.csv', 'phone\n+12065550142\n+4915123456789\n');
    const none = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--dry-run'], { home });
    expect(none.stdout).toContain(
      '  price: unknown: the API gives no price per country; give your copy of the AWS price list with --prices FILE (country,price_per_part_usd)\n',
    );
    expect(none.stdout).toContain('  spend limit: $1,000 a month; whether the run fits is unknown without a price for every country\n');
    const p = file(home, 'us.csv', 'country,price_per_part_usd\nUS,0.00883\n');
    const some = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--prices', p, '--dry-run', '--json'], { home });
    expect(JSON.parse(some.stdout).plan).toMatchObject({
      estimatedPrice: null,
      estimatedPriceKnown: 0.00883,
      unpricedCountries: ['DE'],
      spendCheck: 'unknown',
    });
    const text = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--prices', p, '--dry-run'], { home });
    expect(text.stdout).toContain(`  price: unknown for DE: not in ${p} (add a row, or a * row for every other country); $0.00883 for the other countries\n`);
  });

  it('a bad price file is an input error naming the line; exit 2, no API call', async () => {
    const home = tempHome();
    const f = file(home, 'r.csv', 'phone\n+12065550142\n');
    const p = file(home, 'bad.csv', 'country,price_per_part_usd\nUS,-1\n');
    await clearSimRequests(sim.endpoint);
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--prices', p], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--prices ${p} line 2: price_per_part_usd "-1" is not a price in US dollars from 0 to 100, e.g. 0.00581`);
    const missing = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--prices', path.join(home, 'nope.csv')], { home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--prices: no such file');
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });
});

describe('the spend check', () => {
  // Its own simulator: the limit is lowered to $1 and the month's spend grows.
  let low: Awaited<ReturnType<typeof startSim>>;
  beforeAll(async () => {
    low = await startSim();
  });
  afterAll(async () => {
    await low.close();
  });

  it('an estimate over the monthly limit stops before sending (exit 1); --yes sends until the limit', async () => {
    const home = tempHome();
    const to = ['--endpoint-url', low.endpoint];
    const set = await runEum([...to, 'account', 'spend-limit', 'set', 'text', '1'], { home });
    expect(set.code).toBe(0);
    // Eight DE rows of three parts at the simulator's $0.05 a part: $1.20 against $1.
    const rows = Array.from({ length: 8 }, (_, i) => `+49151234567${String(i).padStart(2, '0')}`);
    const f = file(home, 'de.csv', `phone\n${rows.join('\n')}\n`);
    const p = file(home, 'prices.csv', SIM_PRICES);
    const body = 'x'.repeat(400);
    await clearSimRequests(low.endpoint);
    const r = await runEum([...to, 'send', '--to-file', f, '--body', body, '--prices', p, '--json'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  spend limit: $1.00 a month: the estimate ($1.20) exceeds it; the run stops here unless --yes, which sends until the limit\n');
    const err = JSON.parse(r.stdout).error;
    expect(err).toMatchObject({
      code: 'PLAN_BLOCKED',
      message: 'the estimated price ($1.20) exceeds the monthly spend limit ($1.00, TEXT_MESSAGE_MONTHLY_SPEND_LIMIT): nothing was sent',
    });
    expect((await simRequests(low.endpoint)).filter((q) => q.operation === 'SendTextMessage')).toEqual([]);

    const y = await runEum([...to, '--yes', 'send', '--to-file', f, '--body', body, '--prices', p, '--json'], { home });
    expect(y.code).toBe(1);
    expect(y.stderr).toContain('the estimate exceeds the monthly spend limit: sending until the limit (--yes)');
    const out = JSON.parse(y.stdout);
    expect(out.summary).toMatchObject({ sent: 6 });
    expect(out.summary.stopped).toContain('the monthly spend limit is reached');
    // The refused row is failed; the last is failed too or never started (skipped), as the engine had it in flight or not.
    expect(out.summary.failed + out.summary.skipped).toBe(2);
  });
});

describe('progress', () => {
  it('on a terminal: the bar with the rate of each identity, phone numbers masked', async () => {
    const home = tempHome();
    const f = file(home, 'r.csv', 'phone\n+12065550301\n+12065550302\n+4915123456701\n');
    const r = await runEum([...at(), '--yes', 'send', '--to-file', f, '--body', 'x'], { home, tty: true });
    expect(r.code).toBe(0);
    // Each redraw starts with a carriage return and clears the line; the last one is drawn when every row is done.
    const draws = r.stderr.split('\r\x1b[2K').filter((x) => x.startsWith('sending '));
    expect(draws.length).toBeGreaterThan(0);
    const last = draws.at(-1)!;
    expect(last).toMatch(/^sending \S+ 3\/3 100% done · \+\*{7}0100 [\d.]+\/s, shared route \(DE\) [\d.]+\/s$/);
    for (const d of draws) expect(d).not.toContain('8335550100');
  });

  it('piped: nothing on stderr but the plan and the final summary', async () => {
    const home = tempHome();
    const f = file(home, 'r.csv', 'phone\n+12065550311\n+12065550312\n');
    const r = await runEum([...at(), 'send', '--to-file', f, '--body', 'x'], { home });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).not.toContain('sending');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Plan for /);
    expect(lines.at(-1)).toMatch(/^2 sent, 2 parts, [\d.]+\/s$/);
    expect(lines.filter((l) => !l.startsWith('  ') && !l.startsWith('Plan for '))).toHaveLength(1);
  });
});
