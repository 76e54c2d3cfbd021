import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PinpointSMSVoiceV2Client, RequestSenderIdCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { fakeBase, runEum, tempHome } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { createMemoryStore, startSimServer, type SimServer } from '../../src/sim/index.js';

interface LoggedRequest {
  operation: string;
  status: number;
  errorType: string | null;
  region: string | null;
}

async function startSim(config: { throttleRate?: number; quotas?: boolean; quotaScale?: number } = {}) {
  const server: SimServer = await startSimServer({
    config: { quotas: config.quotas ?? false, quotaScale: config.quotaScale ?? 1, failRate: 0, throttleRate: config.throttleRate ?? 0 },
    store: createMemoryStore(),
  });
  return {
    endpoint: server.endpoint,
    close: () => server.close(),
    requests: async () => ((await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: LoggedRequest[] }).requests,
    clear: async () => void (await fetch(`${server.endpoint}/_eum/requests`, { method: 'DELETE' })),
  };
}
type Sim = Awaited<ReturnType<typeof startSim>>;

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.clear();
});

const at = (s: Sim) => ['--endpoint-url', s.endpoint];
const requests = async (s: Sim, op = 'RequestSenderId') => (await s.requests()).filter((r) => r.operation === op);
/** Countries where the table allows a sender ID without registration. */
const OPEN = ['DE', 'FR', 'IT', 'NL', 'PL', 'SE', 'CH', 'PT'];

describe('eum sender-id bulk: input checked before any call', () => {
  it('reports every problem at once, exit 2, and sends nothing', async () => {
    const r = await runEum([
      ...at(sim),
      'sender-id',
      'bulk',
      '--sender-id',
      'MY BRAND',
      '--countries',
      'GB,XX,deu',
      '--message-types',
      'marketing',
      '--rate',
      '0',
      '--tag',
      'oops',
      '--json',
    ]);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stdout).error;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.problems.map((p: { field: string }) => p.field)).toEqual(['--sender-id', '--countries', '--message-types', '--tag', '--rate']);
    expect(err.problems[1].message).toContain('XX, deu');
    expect(await sim.requests()).toEqual([]);
  });

  it("carriers' rules warn, and are errors with --strict", async () => {
    const home = tempHome();
    const strict = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', '12345', '--countries', 'DE,FR', '--strict'], { home });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('numeric-only sender IDs are refused (--strict)');
    expect(await sim.requests()).toEqual([]);
    const dash = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'AC-ME', '--countries', 'FR', '--dry-run'], { home });
    expect(dash.stderr).toContain('warning: FR: France allows no dash');
    expect(dash.code).toBe(3);
  });

  it('needs one country source, and stdin must not be a terminal', async () => {
    const none = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'ACME']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--countries: required');
    const both = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'ACME', '--countries', 'DE', '--countries-file', 'x.txt']);
    expect(both.code).toBe(2);
    // Reported with the other problems of the command line, not alone.
    const all = await runEum([
      ...at(sim),
      'sender-id',
      'bulk',
      '--sender-id',
      'A!',
      '--countries',
      'DE',
      '--countries-file',
      'x.txt',
      '--regions',
      'nowhere',
      '--json',
    ]);
    expect(all.code).toBe(2);
    expect(JSON.parse(all.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['--sender-id', '--countries-file', '--regions']);
    const excluded = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'ACME', '--countries', 'DE,fr', '--exclude', 'FR,de']);
    expect(excluded.stderr).toContain('--exclude: excludes every country given');
    const missing = await runEum([
      ...at(sim),
      'sender-id',
      'bulk',
      '--sender-id',
      'ACME',
      '--countries-file',
      '/nonexistent/countries.txt',
      '--regions',
      'nowhere',
    ]);
    expect(missing.stderr).toContain('--countries-file: no such file: /nonexistent/countries.txt');
    expect(await sim.requests()).toEqual([]);
  });
});

describe('eum sender-id bulk against the simulator', () => {
  it('creates in several regions, reports what needs registration or is unsupported, JSON shape', async () => {
    const home = tempHome();
    const r = await runEum(
      [
        ...at(sim),
        'sender-id',
        'bulk',
        '--sender-id',
        'ACME',
        '--countries',
        'DE,fr,GB,US,de',
        '--regions',
        'us-east-1,eu-west-2',
        '--tag',
        'team=sms',
        '--rate',
        '20',
        '--json',
      ],
      { home },
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { region: string; country: string; status: string }) => `${x.region} ${x.country} ${x.status}`)).toEqual([
      'us-east-1 DE created',
      'us-east-1 FR created',
      'us-east-1 GB needs-registration',
      'us-east-1 US unsupported',
      'eu-west-2 DE created',
      'eu-west-2 FR created',
      'eu-west-2 GB needs-registration',
      'eu-west-2 US unsupported',
    ]);
    expect(out.results[0]).toEqual({
      region: 'us-east-1',
      country: 'DE',
      senderId: 'ACME',
      status: 'created',
      senderIdArn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACME/DE',
      monthlyLeasingPrice: '3.34',
      registered: false,
      error: null,
    });
    expect(out.results[2].error).toContain('eum registration types --country GB');
    expect(out.summary).toEqual({
      total: 8,
      created: 4,
      exists: 0,
      needsRegistration: 2,
      unsupported: 2,
      failed: 0,
      unknown: 0,
      planned: 0,
      monthlyLeasingTotal: '13.46',
    });
    const calls = await requests(sim);
    expect(calls.map((c) => `${c.region} ${c.status}`).sort()).toEqual(['eu-west-2 200', 'eu-west-2 200', 'us-east-1 200', 'us-east-1 200']);

    // A rerun requests nothing and reports what that run did: everything exists.
    const sdk = new PinpointSMSVoiceV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
    await sdk.send(new RequestSenderIdCommand({ SenderId: 'ACME', IsoCountryCode: 'IT' }));
    sdk.destroy();
    await sim.clear();
    const again = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'ACME', '--countries', 'DE,FR,IT', '--region', 'us-east-1', '--json'], {
      home,
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).results.map((x: { status: string }) => x.status)).toEqual(['exists', 'exists', 'exists']);
    expect(await requests(sim)).toEqual([]);
    expect((await sim.requests()).map((x) => x.operation)).toEqual(['DescribeSenderIds']);
    const journal = path.join(home, 'journal', 'sender-id', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`, 'ACME.jsonl');
    expect(statSync(journal).mode & 0o777).toBe(0o600);
    // Per sender ID: its ClientToken before the request, then the outcome.
    const lines = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    expect(lines.filter((l) => l.kind === 'token')).toHaveLength(4);
    expect(lines.filter((l) => l.kind === 'result' && l.status === 'created' && l.settled)).toHaveLength(4);
  });

  it('one country failing stops no other; the failed one is retried by a rerun; exit 1', async () => {
    const home = tempHome();
    // France refuses a dash (the simulator applies the country rule): the others go through.
    const r = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'BR-AND', '--countries', 'FR,DE,IT', '--rate', '50'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^us-east-1\tFR\tfailed\t\t\tValidationException/m);
    expect(r.stdout).toMatch(/^us-east-1\tDE\tcreated\tarn:/m);
    expect(r.stderr).toContain('run the same command again to retry the failed countries');
    await sim.clear();
    const again = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'BR-AND', '--countries', 'FR,DE,IT', '--rate', '50', '--json'], { home });
    expect(again.code).toBe(1);
    expect((await requests(sim)).length).toBe(1);
  });

  it('a terminal gets a table and totals; piped output is one tab-separated row per country', async () => {
    const tty = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'TTYCO', '--countries', 'DE,GB', '--rate', '50'], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(tty.code).toBe(0);
    expect(tty.stdout).toContain('│ Region');
    expect(tty.stdout).toContain('│ needs-registration');
    expect(tty.stdout).toContain('Total 2: 1 created, 1 needs registration');
    expect(tty.stdout).toContain('Monthly leasing USD 3.34');
    const piped = await runEum([...at(sim), 'sender-id', 'list', '--sender-id', 'TTYCO']);
    expect(
      piped.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t').slice(0, 3)),
    ).toEqual([['us-east-1', 'TTYCO', 'DE']]);
  });

  it('--dry-run checks what exists and requests nothing (exit 3 when there is something to request)', async () => {
    const r = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'DRYCO', '--countries', 'DE,FR,GB', '--dry-run', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ planned: 2, needsRegistration: 1, created: 0 });
    expect(await requests(sim)).toEqual([]);
  });

  it('reads the countries from stdin', async () => {
    const r = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'PIPECO', '--countries', '-', '--rate', '50', '--json'], {
      stdin: 'DE\nFR # France\nde\n',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.created).toBe(2);
  });
});

describe('resuming and retries', () => {
  it('Ctrl-C stops new requests, prints the summary so far, exits 130; the rerun finishes without duplicates', async () => {
    const home = tempHome();
    const args = [...at(sim), 'sender-id', 'bulk', '--sender-id', 'STOPCO', '--countries', OPEN.join(','), '--rate', '4'];
    const ac = new AbortController();
    const { base, stdout, stderr } = fakeBase({ home, signal: ac.signal });
    const running = main(args, base);
    // Ctrl-C once the first sender ID exists (the rate leaves the rest for later).
    while ((await requests(sim)).filter((x) => x.status === 200).length < 1) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    expect(await running).toBe(130);
    // Piped: one row per country done, nothing for those not started.
    const rows = stdout.text.split('\n').filter(Boolean);
    const done = rows.filter((l) => l.split('\t')[2] === 'created').length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(OPEN.length);
    expect(rows).toHaveLength(done);
    expect(stderr.text).toMatch(new RegExp(`interrupted: ${OPEN.length - done} countr(y was|ies were) not requested; run the same command again to finish`));

    const rest = await runEum([...args, '--json'], { home });
    expect(rest.code).toBe(0);
    const out = JSON.parse(rest.stdout);
    expect(out.summary.created + out.summary.exists).toBe(OPEN.length);
    expect(out.summary.exists).toBe(done);
    const ok = (await requests(sim)).filter((x) => x.status === 200);
    expect(ok).toHaveLength(OPEN.length);
  });

  it('absorbs throttling: every country created once, none failed', async () => {
    const noisy = await startSim({ throttleRate: 0.4 });
    try {
      const r = await runEum([
        ...at(noisy),
        'sender-id',
        'bulk',
        '--sender-id',
        'NOISY',
        '--countries',
        OPEN.join(','),
        '--rate',
        '100',
        '--max-attempts',
        '30',
        '--json',
      ]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).summary.created).toBe(OPEN.length);
      const calls = await requests(noisy);
      expect(calls.filter((c) => c.status === 200)).toHaveLength(OPEN.length);
      // Every other call was throttled and tried again (none at all has a 2% chance: not asserted).
      expect(calls.filter((c) => c.status !== 200).every((c) => c.errorType === 'ThrottlingException')).toBe(true);
      expect(calls.length).toBe(OPEN.length + calls.filter((c) => c.errorType === 'ThrottlingException').length);
    } finally {
      await noisy.close();
    }
  });

  it('keeps to --rate under the default quotas: no request is throttled', async () => {
    const strict = await startSim({ quotas: true, quotaScale: 5 });
    try {
      const r = await runEum([...at(strict), 'sender-id', 'bulk', '--sender-id', 'PACED', '--countries', OPEN.slice(0, 6).join(','), '--rate', '5', '--json']);
      expect(r.code).toBe(0);
      const calls = await requests(strict);
      expect(calls.map((c) => c.status)).toEqual(Array(6).fill(200));
    } finally {
      await strict.close();
    }
  });
});

describe('eum sender-id list and release', () => {
  it('lists every page, filters by country; releases after confirmation; reports deletion protection', async () => {
    const home = tempHome();
    const created = await runEum(
      [...at(sim), 'sender-id', 'bulk', '--sender-id', 'RELCO', '--countries', 'DE,FR,IT', '--rate', '50', '--no-deletion-protection'],
      { home },
    );
    expect(created.code).toBe(0);
    await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'RELCO', '--countries', 'NL', '--rate', '50'], { home });
    const list = JSON.parse((await runEum([...at(sim), 'sender-id', 'list', '--sender-id', 'RELCO', '--json'])).stdout);
    expect(list.senderIds.map((s: { country: string; deletionProtection: boolean }) => `${s.country}:${s.deletionProtection}`)).toEqual([
      'DE:false',
      'FR:false',
      'IT:false',
      'NL:true',
    ]);
    expect(list.summary).toEqual({ total: 4, monthlyLeasingTotal: expect.stringMatching(/^\d+\.\d\d$/) });
    const one = JSON.parse((await runEum([...at(sim), 'sender-id', 'list', '--sender-id', 'RELCO', '--country', 'fr', '--json'])).stdout);
    expect(one.senderIds).toHaveLength(1);

    await sim.clear();
    const unconfirmed = await runEum([...at(sim), 'sender-id', 'release', '--sender-id', 'RELCO', '--countries', 'DE,FR,IT,NL']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await sim.requests()).toEqual([]);

    const released = await runEum([
      ...at(sim),
      'sender-id',
      'release',
      '--sender-id',
      'RELCO',
      '--countries',
      'DE,FR,IT,NL',
      '--rate',
      '50',
      '--yes',
      '--json',
    ]);
    expect(released.code).toBe(1);
    const out = JSON.parse(released.stdout);
    expect(out.results.map((x: { country: string; status: string }) => `${x.country} ${x.status}`)).toEqual([
      'DE released',
      'FR released',
      'IT released',
      'NL protected',
    ]);
    expect(out.results[3].error).toContain('--no-deletion-protection-enabled');
    expect(out.summary).toMatchObject({ total: 4, released: 3, notFound: 0, protected: 1, failed: 0 });
    const again = JSON.parse(
      (await runEum([...at(sim), 'sender-id', 'release', '--sender-id', 'RELCO', '--countries', 'DE', '--rate', '50', '--yes', '--json'])).stdout,
    );
    expect(again.results[0].status).toBe('not-found');
  });

  it('list --json with nothing, and a bad --country is an input error', async () => {
    expect(JSON.parse((await runEum([...at(sim), 'sender-id', 'list', '--sender-id', 'NOBODY', '--json'])).stdout)).toEqual({
      senderIds: [],
      summary: { total: 0, monthlyLeasingTotal: '0.00' },
    });
    const bad = await runEum([...at(sim), 'sender-id', 'list', '--country', 'Germany']);
    expect(bad.code).toBe(2);
    expect(await sim.requests()).toHaveLength(1);
  });
});

describe('countries file', () => {
  it('reads codes and comments from a file, relative to the working directory', async () => {
    const home = tempHome();
    const file = path.join(home, 'countries.txt');
    writeFileSync(file, '# EU launch\nDE FR\nIT,\n');
    const r = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'FILECO', '--countries-file', file, '--dry-run', '--json'], { home });
    expect(JSON.parse(r.stdout).results.map((x: { country: string }) => x.country)).toEqual(['DE', 'FR', 'IT']);
  });
});

describe('answers of the API', () => {
  it('maps refusals to statuses: registration required, not supported, already exists; others fail', async () => {
    const { statusOfError } = await import('../../src/commands/sender-id/bulk.js');
    expect(statusOfError({ name: 'ValidationException', Reason: 'SENDER_ID_REQUIRES_REGISTRATION' })).toEqual({ status: 'needs-registration' });
    expect(statusOfError({ name: 'ValidationException', Reason: 'SENDER_ID_NOT_SUPPORTED' })).toEqual({ status: 'unsupported' });
    expect(statusOfError({ name: 'ConflictException', Reason: 'RESOURCE_ALREADY_EXISTS' })).toEqual({ status: 'exists' });
    expect(statusOfError({ name: 'ValidationException', Reason: 'INVALID_PARAMETER' })).toEqual({ status: 'failed' });
  });

  it('a country the API said needs registration is not asked again on a rerun (unless --force)', async () => {
    const home = tempHome();
    const dir = path.join(home, 'journal', 'sender-id', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}`);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    // As an earlier run recorded it when the API answered SENDER_ID_REQUIRES_REGISTRATION for DE.
    const entry = {
      region: 'us-east-1',
      country: 'DE',
      senderId: 'JRNCO',
      status: 'needs-registration',
      senderIdArn: null,
      monthlyLeasingPrice: null,
      registered: null,
      error: 'Germany requires a sender ID registration',
      at: new Date().toISOString(),
    };
    writeFileSync(path.join(dir, 'JRNCO.jsonl'), `${JSON.stringify(entry)}\n{"torn":`);
    const r = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'JRNCO', '--countries', 'DE,FR', '--rate', '50', '--json'], { home });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { country: string; status: string }) => `${x.country} ${x.status}`)).toEqual([
      'DE needs-registration',
      'FR created',
    ]);
    expect(await requests(sim)).toHaveLength(1);
    // The torn line was closed before the new entry: FR's answer is in the journal, readable.
    const lines = readFileSync(path.join(dir, 'JRNCO.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(lines[2])).toMatchObject({ kind: 'token', country: 'FR' });
    expect(JSON.parse(lines[3])).toMatchObject({ kind: 'result', country: 'FR', status: 'created' });
    const forced = await runEum([...at(sim), 'sender-id', 'bulk', '--sender-id', 'JRNCO', '--countries', 'DE', '--rate', '50', '--force', '--json'], { home });
    expect(JSON.parse(forced.stdout).results[0].status).toBe('created');
  });
});
