import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { runEum, tempHome } from '../helpers/streams.js';
import { fastWrites, startRegistrationSim, TOLL_FREE_NUMBER_IDS, type RegistrationSim } from './sim-server.js';
import { tempDir } from '../helpers/temp.js';
import { waitUntil } from '../helpers/wait.js';

const ANSWERS = path.resolve('test/registration/answers');
const DATA_TYPES = readdirSync(path.resolve('data/registration-data'))
  .filter((f) => f.endsWith('.fields.json') && !f.startsWith('_'))
  .map((f) => f.replace('.fields.json', ''));

let sim: RegistrationSim;
const home = tempHome();
const eum = (args: string[], opts: Parameters<typeof runEum>[1] = {}) => runEum(fastWrites(['--endpoint-url', sim.endpoint, ...args]), { home, ...opts });
const hook = async (p: string, body: unknown) => {
  const r = await fetch(`${sim.endpoint}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
};
const writes = async () => (await sim.requests()).filter((r) => !/^Describe|^List/.test(r.operation ?? ''));
// A 10DLC campaign and a brand vetting are submitted only once associated with a brand registration.
const NEEDS_BRAND = new Set(['US_TEN_DLC_CAMPAIGN_REGISTRATION', 'US_TEN_DLC_BRAND_VETTING']);
let brandId = '';
// A toll-free registration is submitted only once associated with its number.
const tollFreeNumbers: string[] = [];
const associate = (type: string) =>
  NEEDS_BRAND.has(type) ? ['--associate', brandId] : type === 'US_TOLL_FREE_REGISTRATION' ? ['--associate', tollFreeNumbers.shift()!] : [];
// The campaign form has no brand field: its lint names the brand.
const brandFlag = (type: string) => (type === 'US_TEN_DLC_CAMPAIGN_REGISTRATION' ? ['--brand', 'ExampleCorp'] : []);

beforeAll(async () => {
  sim = await startRegistrationSim();
  tollFreeNumbers.push(...TOLL_FREE_NUMBER_IDS);
  const brand = await eum([
    'registration',
    'create',
    'US_TEN_DLC_BRAND_REGISTRATION',
    '--answers',
    path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml'),
    '--json',
  ]);
  brandId = JSON.parse(brand.stdout).registrationId;
});
afterAll(async () => {
  await sim.close();
});

describe('every registration type in the data, by answers file', () => {
  it.each(DATA_TYPES)('%s: lint is clean, create --submit, approve, watch exits 0', async (type) => {
    const file = path.join(ANSWERS, `${type}.yaml`);
    const lint = await eum(['registration', 'lint', type, '--answers', file, ...brandFlag(type), '--strict', '--json']);
    expect(JSON.parse(lint.stdout)).toEqual({ errors: [], warnings: [], notRun: [] });
    expect(lint.code).toBe(0);

    const created = await eum(['registration', 'create', type, '--answers', file, ...associate(type), '--submit', '--json']);
    expect(created.stderr).not.toContain('error');
    expect(created.code).toBe(0);
    const data = JSON.parse(created.stdout);
    expect(data).toEqual({
      registrationId: expect.stringMatching(/^registration-/),
      registrationType: type,
      versionNumber: 1,
      status: 'SUBMITTED',
      submitted: true,
      warnings: [],
      missingFields: [],
      notChecked: [],
    });

    const values = await eum(['registration', 'show', data.registrationId, '--json']);
    expect(JSON.parse(values.stdout)).toMatchObject({ status: 'SUBMITTED', versions: [{ versionNumber: 1, status: 'SUBMITTED' }] });
    expect((await hook(`/_eum/registrations/${data.registrationId}/review`, { decision: 'APPROVE' })).status).toBe(200);
    const watch = await eum(['registration', 'watch', data.registrationId, '--interval', '10ms', '--json']);
    expect(watch.code).toBe(0);
    expect(JSON.parse(watch.stdout.trim())).toMatchObject({ registrationId: data.registrationId, status: 'COMPLETE', versionStatus: 'APPROVED' });
  });
});

function tempAnswers(text: string): string {
  const dir = tempDir('eum-answers-');
  const file = path.join(dir, 'answers.yaml');
  writeFileSync(file, text);
  return file;
}

function tollFree(edit: (lines: string[]) => string[] = (l) => l): string {
  const lines = readFileSync(path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml'), 'utf8')
    .replace('optInImage: optin.png', `optInImage: ${path.join(ANSWERS, 'optin.png')}`)
    .split('\n');
  return tempAnswers(edit(lines).join('\n'));
}

describe('non-interactive create: everything checked first', () => {
  it('reports every problem at once, exit 2, and creates nothing', async () => {
    const file = tollFree((lines) => [
      ...lines.filter((l) => !/companyName|businessType|optInImage|useCaseDetails/.test(l)),
      'companyInfo.businessType: SOLE_TRADER',
      'companyInfo.nickname: Examples',
      `messagingUseCase.optInImage: ${path.join(ANSWERS, 'not-an-image.png')}`,
      `messagingUseCase.useCaseDetails: ${'x'.repeat(501)}`,
    ]);
    await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
    const r = await eum(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file, '--submit', '--json']);
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).error.problems.map((p: { field: string }) => p.field);
    expect(problems).toEqual(
      expect.arrayContaining([
        'companyInfo.companyName',
        'companyInfo.businessType',
        'companyInfo.nickname',
        'messagingUseCase.optInImage',
        'messagingUseCase.useCaseDetails',
      ]),
    );
    expect(await writes()).toEqual([]);
  });

  it('a conditional field the rules disallow is an error (taxId for a sole proprietor); dropping it passes', async () => {
    const bad = tollFree((lines) => lines.map((l) => l.replace('PRIVATE_PROFIT', 'SOLE_PROPRIETOR')));
    const r = await eum(['registration', 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', bad, '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors.map((e: { fieldPath: string; rule: string }) => `${e.fieldPath} ${e.rule}`)).toEqual([
      'companyInfo.taxId definition.disallowed',
      'companyInfo.taxIdAuthority definition.disallowed',
      'companyInfo.taxIdCountry definition.disallowed',
    ]);
    const good = tollFree((lines) => lines.filter((l) => !/taxId/.test(l)).map((l) => l.replace('PRIVATE_PROFIT', 'SOLE_PROPRIETOR')));
    expect((await eum(['registration', 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', good])).code).toBe(0);
    const missing = tollFree((lines) => lines.filter((l) => !/taxIdCountry/.test(l)));
    const m = await eum(['registration', 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', missing, '--json']);
    expect(JSON.parse(m.stdout).errors).toEqual([
      { fieldPath: 'companyInfo.taxIdCountry', rule: 'definition.required', message: expect.stringContaining('required'), fix: expect.any(String) },
    ]);
  });

  it('without --answers and without a terminal, says which flag to pass', async () => {
    const r = await eum(['registration', 'create', 'US_TOLL_FREE_REGISTRATION']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers');
  });
});

describe('the review loop: deny, show, update (copies every value), resubmit, watch', () => {
  it('copies the denied version into the new one and takes new values from the file', async () => {
    const created = JSON.parse(
      (
        await eum([
          'registration',
          'create',
          'US_TOLL_FREE_REGISTRATION',
          '--answers',
          tollFree(),
          ...associate('US_TOLL_FREE_REGISTRATION'),
          '--submit',
          '--json',
        ])
      ).stdout,
    );
    const id = created.registrationId;
    const deny = await hook(`/_eum/registrations/${id}/review`, {
      decision: 'DENY',
      reasons: [
        {
          Reason: 'OPT_IN_NOT_CLEAR',
          ShortDescription: 'The opt-in workflow is not clear.',
          DocumentationLink: 'https://docs.aws.amazon.com/sms-voice/latest/userguide/registrations-tfn-register.html',
        },
      ],
      fields: { 'messageSamples.messageSample1': { DeniedReason: 'Sample does not match the use case', Feedback: 'show the code format' } },
      feedback: 'please fix the sample',
    });
    expect(deny.status).toBe(200);

    const watch = await eum(['registration', 'watch', id, '--interval', '10ms']);
    expect(watch.code).toBe(1);
    expect(watch.stdout).toContain('REQUIRES_UPDATES');
    expect(watch.stdout).toContain('OPT_IN_NOT_CLEAR');

    const show = JSON.parse((await eum(['registration', 'show', id, '--json'])).stdout);
    expect(show).toMatchObject({
      status: 'REQUIRES_UPDATES',
      latestDeniedVersionNumber: 1,
      versions: [
        {
          versionNumber: 1,
          status: 'DENIED',
          feedback: 'please fix the sample',
          deniedReasons: [{ reason: 'OPT_IN_NOT_CLEAR', documentationLink: expect.stringContaining('https://') }],
        },
      ],
      flaggedFields: [{ fieldPath: 'messageSamples.messageSample1', deniedReason: 'Sample does not match the use case', feedback: 'show the code format' }],
    });

    const fixes = tempAnswers('messageSamples.messageSample1: "ExampleCorp: your sign-in code is {code}. Do not share it."\n');
    const upd = await eum(['registration', 'update', id, '--answers', fixes, '--submit', '--json']);
    expect(upd.stderr).not.toContain('error');
    const data = JSON.parse(upd.stdout);
    expect(data).toMatchObject({
      registrationId: id,
      versionNumber: 2,
      status: 'SUBMITTED',
      submitted: true,
      copied: 23,
      flagged: ['messageSamples.messageSample1'],
    });
    const v2 = await eum(['registration', 'show', id, '--json']);
    expect(JSON.parse(v2.stdout).versions.map((v: { status: string }) => v.status)).toEqual(['SUBMITTED', 'DENIED']);
    await hook(`/_eum/registrations/${id}/review`, { decision: 'APPROVE' });
    expect((await eum(['registration', 'watch', id, '--interval', '10ms'])).code).toBe(0);
  });

  it('update of a registration that is not denied is a usage error', async () => {
    const created = JSON.parse(
      (await eum(['registration', 'create', 'US_TEN_DLC_BRAND_VETTING', '--answers', path.join(ANSWERS, 'US_TEN_DLC_BRAND_VETTING.yaml'), '--json'])).stdout,
    );
    const r = await eum(['registration', 'update', created.registrationId, '--submit', '--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CREATED');
  });

  it('an unchanged resubmission is denied within seconds, as the service does', async () => {
    const created = JSON.parse(
      (
        await eum([
          'registration',
          'create',
          'US_TEN_DLC_BRAND_REGISTRATION',
          '--answers',
          path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml'),
          '--submit',
          '--json',
        ])
      ).stdout,
    );
    await hook(`/_eum/registrations/${created.registrationId}/review`, {
      decision: 'DENY',
      reasons: [{ Reason: 'BRAND_NOT_VERIFIED', ShortDescription: 'The brand could not be verified.' }],
    });
    const upd = JSON.parse((await eum(['registration', 'update', created.registrationId, '--submit', '--no-input', '--json'])).stdout);
    expect(upd).toMatchObject({ versionNumber: 2, submitted: true, copied: 17 });
    await fetch(`${sim.endpoint}/_eum/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 10 }),
    });
    const w = await eum(['registration', 'watch', created.registrationId, '--interval', '10ms', '--json']);
    expect(w.code).toBe(1);
    expect(JSON.parse(w.stdout.trim())).toMatchObject({ status: 'REQUIRES_UPDATES', versionNumber: 2, deniedReasons: [{ reason: 'NO_CHANGES' }] });
  });
});

describe('watch', () => {
  it('prints each status change as the clock moves: SUBMITTED, REVIEWING, COMPLETE (one JSON event per line)', async () => {
    const created = JSON.parse(
      (
        await eum([
          'registration',
          'create',
          'US_TEN_DLC_BRAND_VETTING',
          '--answers',
          path.join(ANSWERS, 'US_TEN_DLC_BRAND_VETTING.yaml'),
          '--associate',
          brandId,
          '--submit',
          '--json',
        ])
      ).stdout,
    );
    const polls = async () => (await sim.requests()).filter((r) => r.operation === 'DescribeRegistrations').length;
    const before = await polls();
    const run = eum(['registration', 'watch', created.registrationId, '--interval', '20ms', '--json']);
    // Move the clock only once the watch has read the status (a poll), never after a fixed sleep.
    await waitUntil(async () => (await polls()) > before, 'the first poll of registration watch');
    await fetch(`${sim.endpoint}/_eum/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 61 }),
    });
    const afterFirst = await polls();
    await waitUntil(async () => (await polls()) > afterFirst, 'a poll after the clock moved to REVIEWING');
    await fetch(`${sim.endpoint}/_eum/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 3 * 24 * 3600 }),
    });
    const w = await run;
    expect(w.code).toBe(0);
    const events = w.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.status)).toEqual(['SUBMITTED', 'REVIEWING', 'COMPLETE']);
  });

  it('--timeout ends with exit 1; bad durations are usage errors', async () => {
    const created = JSON.parse(
      (
        await eum([
          'registration',
          'create',
          'US_TEN_DLC_BRAND_VETTING',
          '--answers',
          path.join(ANSWERS, 'US_TEN_DLC_BRAND_VETTING.yaml'),
          '--associate',
          brandId,
          '--submit',
          '--json',
        ])
      ).stdout,
    );
    const w = await eum(['registration', 'watch', created.registrationId, '--interval', '10ms', '--timeout', '50ms']);
    expect(w.code).toBe(1);
    expect(w.stdout).toContain('TIMEOUT');
    const bad = await eum(['registration', 'watch', created.registrationId, '--interval', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--interval');
  });

  it('Ctrl-C stops watching with exit 130', async () => {
    const created = JSON.parse(
      (
        await eum([
          'registration',
          'create',
          'US_TEN_DLC_BRAND_VETTING',
          '--answers',
          path.join(ANSWERS, 'US_TEN_DLC_BRAND_VETTING.yaml'),
          '--associate',
          brandId,
          '--submit',
          '--json',
        ])
      ).stdout,
    );
    const ac = new AbortController();
    const run = eum(['registration', 'watch', created.registrationId, '--interval', '5s'], { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    expect((await run).code).toBe(130);
  });
});

describe('types, fields, list, lint offline', () => {
  it('types lists every fixture type; --country filters by association', async () => {
    const all = JSON.parse((await eum(['registration', 'types', '--json'])).stdout);
    // The simulator also synthesizes a sender-ID form for each other country that requires registration.
    const real = all.types
      .map((t: { registrationType: string }) => t.registrationType)
      .filter((t: string) => DATA_TYPES.includes(t) || !/^[A-Z]{2}_SENDER_ID_REGISTRATION$/.test(t));
    expect(real.sort()).toEqual([...DATA_TYPES].sort());
    expect(all.types.map((t: { registrationType: string }) => t.registrationType)).toContain('GB_SENDER_ID_REGISTRATION');
    const id = JSON.parse((await eum(['registration', 'types', '--country', 'ID', '--json'])).stdout);
    expect(id.types.map((t: { registrationType: string }) => t.registrationType)).toEqual(['ID_SENDER_ID_REGISTRATION']);
  });

  it('fields shows the conditional rule in words; --template writes an answers file that lint reads', async () => {
    const r = await eum(['registration', 'fields', 'US_TOLL_FREE_REGISTRATION']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('required unless business type is SOLE_PROPRIETOR');
    const dir = tempDir('eum-tpl-');
    const tpl = path.join(dir, 'tf.yaml');
    const w = await eum(['registration', 'fields', 'US_TOLL_FREE_REGISTRATION', '--template', tpl]);
    expect(w.code).toBe(0);
    const text = readFileSync(tpl, 'utf8');
    expect(text).toContain('companyInfo.companyName:');
    expect(text).toContain('#   SOLE_PROPRIETOR');
    const lint = await eum(['registration', 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', tpl, '--json']);
    expect(lint.code).toBe(2);
    expect(JSON.parse(lint.stdout).errors.every((e: { rule: string }) => e.rule === 'definition.required')).toBe(true);
    expect((await eum(['registration', 'fields', 'US_TOLL_FREE_REGISTRATION', '--template', tpl])).code).toBe(2);
  });

  it('bad arguments and flags of each command: exit 2, every problem at once, not one request', async () => {
    const before = (await sim.requests()).length;
    const cases: Array<[string[], string[]]> = [
      [
        ['registration', 'create', 'US TOLL', '--rate', '0', '--brand', ' ', '--associate', 'a b', '--attach', 'nope', '--name', ''],
        [
          '<type>: "US TOLL" is not a registration type',
          '--rate: "0" is not a rate',
          '--brand: must be the brand name',
          '--associate: "a b" is not a resource id or ARN',
          '--attach: expects FIELD=PATH',
          '--name: must be 1 to 256 characters',
        ],
      ],
      [
        ['registration', 'edit', 'bad id', '--answers', ' ', '--rate', 'x'],
        ['<id>: "bad id" is not a registration id', '--answers: needs a file name', '--rate: "x"'],
      ],
      [
        ['registration', 'update', 'bad id', '--brand', ''],
        ['<id>: "bad id"', '--brand: must be the brand name'],
      ],
      [
        ['registration', 'lint', 'X-Y'],
        ['<type>: "X-Y" is not a registration type', '--answers: is required'],
      ],
      [
        ['registration', 'export', 'bad id', '--version-number', '0', '-o', ''],
        ['<id>: "bad id"', '--version-number: must be a version number', '--output: needs a file name'],
      ],
      [
        ['registration', 'submit', 'bad id', '--brand', ''],
        ['<id>: "bad id"', '--brand: must be the brand name'],
      ],
      [['registration', 'associate', 'registration-1', '--resource', 'a b'], ['--resource: "a b" is not a resource id or ARN']],
      [['registration', 'show', 'bad id'], ['<id>: "bad id" is not a registration id']],
      [
        ['registration', 'fields', 'US-X', '--template', ''],
        ['<type>: "US-X"', '--template: needs a file name'],
      ],
    ];
    for (const [args, messages] of cases) {
      const r = await eum(args);
      expect(r.code, args.join(' ')).toBe(2);
      for (const m of messages) expect(r.stderr, args.join(' ')).toContain(m);
    }
    expect((await sim.requests()).length).toBe(before);
  });

  it('unknown --resource-type, --type and --country are input errors; --country US lists the brand registration', async () => {
    const rt = await eum(['registration', 'types', '--resource-type', 'FAX_NUMBER']);
    expect(rt.code).toBe(2);
    expect(rt.stderr).toContain('no registration type associates "FAX_NUMBER"; known resource types:');
    const c = await eum(['registration', 'types', '--country', 'UK']);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('"UK" is not an ISO 3166 country code (the United Kingdom is GB)');
    const t = await eum(['registration', 'list', '--type', 'US_TOLLFREE_REGISTRATION']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('"US_TOLLFREE_REGISTRATION" is not a registration type');
    const us = JSON.parse((await eum(['registration', 'types', '--country', 'us', '--json'])).stdout);
    expect(us.types.map((x: { registrationType: string }) => x.registrationType)).toEqual(
      expect.arrayContaining(['US_TEN_DLC_BRAND_REGISTRATION', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', 'US_TOLL_FREE_REGISTRATION']),
    );
    const tf = JSON.parse((await eum(['registration', 'types', '--resource-type', 'toll_free', '--json'])).stdout);
    expect(tf.types.map((x: { registrationType: string }) => x.registrationType)).toEqual(['US_TOLL_FREE_REGISTRATION']);
  });

  it('the --name tag shows in list and show; export writes the current values as an answers file that creates another', async () => {
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const c = JSON.parse(
      (await eum(['registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--name', 'brand-for-export', '--json'])).stdout,
    );
    const list = JSON.parse((await eum(['registration', 'list', '--type', 'US_TEN_DLC_BRAND_REGISTRATION', '--json'])).stdout);
    expect(list.registrations).toEqual(expect.arrayContaining([expect.objectContaining({ registrationId: c.registrationId, name: 'brand-for-export' })]));
    const piped = await eum(['registration', 'list', '--type', 'US_TEN_DLC_BRAND_REGISTRATION']);
    expect(piped.stdout).toContain(`${c.registrationId}\tbrand-for-export\t`);
    const show = await eum(['registration', 'show', c.registrationId]);
    expect(show.stdout).toContain('name\tbrand-for-export');
    const dir = tempDir('eum-export-');
    const out = path.join(dir, 'answers.yaml');
    const ex = await eum(['registration', 'export', c.registrationId, '-o', out, '--json']);
    expect(ex.code, ex.stderr).toBe(0);
    expect(JSON.parse(ex.stdout)).toMatchObject({ registrationId: c.registrationId, registrationType: 'US_TEN_DLC_BRAND_REGISTRATION', file: out });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toContain('companyInfo.companyName: "ExampleCorp Inc"');
    const lint = await eum(['registration', 'lint', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', out, '--json']);
    expect(JSON.parse(lint.stdout).errors).toEqual([]);
    expect((await eum(['registration', 'export', c.registrationId, '-o', out])).code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('list filters by type and status', async () => {
    const r = JSON.parse((await eum(['registration', 'list', '--type', 'US_TOLL_FREE_REGISTRATION', '--status', 'COMPLETE', '--json'])).stdout);
    expect(r.registrations.length).toBeGreaterThan(0);
    expect(
      r.registrations.every((x: { registrationType: string; status: string }) => x.registrationType === 'US_TOLL_FREE_REGISTRATION' && x.status === 'COMPLETE'),
    ).toBe(true);
    const bad = await eum(['registration', 'list', '--status', 'DONE']);
    expect(bad.code).toBe(2);
  });

  it('lint works offline from the definitions cached by an earlier call', async () => {
    const other = await startRegistrationSim();
    const offlineHome = tempHome();
    const args = ['--endpoint-url', other.endpoint, 'registration'];
    expect((await runEum([...args, 'fields', 'US_TEN_DLC_BRAND_REGISTRATION'], { home: offlineHome })).code).toBe(0);
    await other.close();
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const r = await runEum([...args, 'lint', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--offline', '--json'], { home: offlineHome });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ errors: [], warnings: [], notRun: [] });
    const fallback = await runEum([...args, 'lint', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--max-attempts', '1'], { home: offlineHome });
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toContain('using the definitions cached');
    const none = await runEum([...args, 'lint', 'US_TOLL_FREE_REGISTRATION', '--answers', file, '--offline'], { home: offlineHome });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('eum registration fields US_TOLL_FREE_REGISTRATION');
  });
});

describe('associations before submit', () => {
  it('a 10DLC campaign or a toll-free registration without what it must be associated with is exit 2, nothing created', async () => {
    const file = path.join(ANSWERS, 'US_TEN_DLC_CAMPAIGN_REGISTRATION.yaml');
    await fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });
    const r = await eum(['registration', 'create', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file, '--submit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--associate: US_TEN_DLC_CAMPAIGN_REGISTRATION must be associated with a registration resource (US) before it is submitted: add --associate <the brand registration's id>",
    );
    const t = await eum(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', tollFree(), '--submit']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('add --associate <the toll-free phone number id>');
    expect(await writes()).toEqual([]);
    const ok = await eum(['registration', 'create', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file, '--associate', brandId, '--submit', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('campaign lint takes the brand from --brand, or from the associated brand registration, and says when the brand rules could not run', async () => {
    const file = tempAnswers(
      readFileSync(path.join(ANSWERS, 'US_TEN_DLC_CAMPAIGN_REGISTRATION.yaml'), 'utf8').replace(
        /messageSamples\.messageSample1: .*/,
        'messageSamples.messageSample1: "Your sign-in code is {code}. It expires in 10 minutes."',
      ),
    );
    const none = await eum(['registration', 'lint', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file, '--json']);
    expect(JSON.parse(none.stdout).warnings.map((w: { rule: string }) => w.rule)).not.toContain('sample.brand');
    expect(JSON.parse(none.stdout).notRun.map((n: { rule: string }) => n.rule)).toContain('sample.brand');
    const text = await eum(['registration', 'lint', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file]);
    expect(text.stderr).toContain('not checked: sample.brand');
    const named = await eum(['registration', 'lint', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file, '--brand', 'ExampleCorp', '--json']);
    expect(JSON.parse(named.stdout).warnings.map((w: { fieldPath: string; rule: string }) => `${w.fieldPath} ${w.rule}`)).toContain(
      'messageSamples.messageSample1 sample.brand',
    );
    expect(JSON.parse(named.stdout).notRun).toEqual([]);
    // create reads the brand from the brand registration it associates.
    const created = await eum(['registration', 'create', 'US_TEN_DLC_CAMPAIGN_REGISTRATION', '--answers', file, '--associate', brandId, '--json']);
    const data = JSON.parse(created.stdout);
    expect(data.notChecked).toEqual([]);
    expect(data.warnings.some((w: string) => w.includes('sample.brand'))).toBe(true);
  });
});

describe('actions', () => {
  it('associate, discard, delete', async () => {
    const brand = JSON.parse(
      (await eum(['registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml'), '--json']))
        .stdout,
    );
    const vetting = JSON.parse(
      (await eum(['registration', 'create', 'US_TEN_DLC_BRAND_VETTING', '--answers', path.join(ANSWERS, 'US_TEN_DLC_BRAND_VETTING.yaml'), '--json'])).stdout,
    );
    const a = await eum(['registration', 'associate', vetting.registrationId, '--resource', brand.registrationId, '--json']);
    expect(JSON.parse(a.stdout)).toMatchObject({ registrationId: vetting.registrationId, resourceId: brand.registrationId, resourceType: 'registration' });
    const show = JSON.parse((await eum(['registration', 'show', vetting.registrationId, '--json'])).stdout);
    expect(show.associations).toEqual([expect.objectContaining({ resourceId: brand.registrationId })]);
    const d = await eum(['registration', 'discard', brand.registrationId, '--json']);
    expect(JSON.parse(d.stdout)).toMatchObject({ versionNumber: 1, status: 'DISCARDED' });
    expect((await eum(['registration', 'delete', brand.registrationId])).code).toBe(2);
    const del = await eum(['registration', 'delete', brand.registrationId, '--yes', '--json']);
    expect(JSON.parse(del.stdout)).toMatchObject({ status: 'DELETED' });
    const gone = await eum(['registration', 'show', brand.registrationId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('ResourceNotFoundException');
  });

  it('submit refuses a draft with missing required fields before calling the API', async () => {
    const partial = tollFree((lines) => lines.filter((l) => !/messageSample1/.test(l)));
    const c = JSON.parse(
      (await eum(['registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', partial, ...associate('US_TOLL_FREE_REGISTRATION'), '--json'])).stdout,
    );
    // The draft says which required fields it lacks.
    expect(c).toMatchObject({ status: 'CREATED', submitted: false, missingFields: ['messageSamples.messageSample1'] });
    const s = await eum(['registration', 'submit', c.registrationId]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('messageSamples.messageSample1');
    const e = await eum([
      'registration',
      'edit',
      c.registrationId,
      '--answers',
      tempAnswers('messageSamples.messageSample1: "ExampleCorp: your code is {code}."\n'),
      '--submit',
      '--json',
    ]);
    expect(JSON.parse(e.stdout)).toMatchObject({ status: 'SUBMITTED', submitted: true });
  });
});

describe('--sim (embedded simulator, state kept across invocations)', () => {
  it('creates in one invocation and lists, watches and shows in the next', async () => {
    const simHome = tempHome();
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const c = await runEum(fastWrites(['--sim', 'registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--submit', '--json']), {
      home: simHome,
    });
    expect(c.code, c.stderr).toBe(0);
    const id = JSON.parse(c.stdout).registrationId;
    const list = await runEum(['--sim', 'registration', 'list', '--json'], { home: simHome });
    // The default (ready) account also holds its toll-free number's COMPLETE registration.
    const mine = JSON.parse(list.stdout).registrations.filter((r: { registrationType: string }) => r.registrationType !== 'US_TOLL_FREE_REGISTRATION');
    expect(mine).toEqual([expect.objectContaining({ registrationId: id, status: 'SUBMITTED' })]);
    const lint = await runEum(['--sim', 'registration', 'lint', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--offline', '--json'], { home: simHome });
    expect(JSON.parse(lint.stdout)).toEqual({ errors: [], warnings: [], notRun: [] });
  });
});

describe('registration writes under the API quotas', () => {
  it('by default the writes are paced at the quota (no throttling); faster, throttled writes are retried until they land', async () => {
    const { createMemoryStore, startSimServer } = await import('../../src/sim/index.js');
    // The simulator's quotas at their defaults: one registration write per second.
    const quota = await startSimServer({ store: createMemoryStore(), config: { quotas: true, quotaScale: 1, failRate: 0, throttleRate: 0 } });
    try {
      const log = async () =>
        ((await (await fetch(`${quota.endpoint}/_eum/requests`)).json()) as { requests: Array<{ operation: string; errorType: string | null }> }).requests;
      const full = readFileSync(path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml'), 'utf8').split('\n');
      const file = tempAnswers(full.slice(0, 4).join('\n'));
      const paced = await runEum(['--endpoint-url', quota.endpoint, 'registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--json'], {
        home: tempHome(),
      });
      expect(paced.code, paced.stderr).toBe(0);
      const writesOf = (l: Array<{ operation: string; errorType: string | null }>) => l.filter((r) => r.operation === 'PutRegistrationFieldValue');
      const stored = writesOf(await log()).length;
      expect(stored).toBeGreaterThanOrEqual(3);
      expect(writesOf(await log()).filter((r) => r.errorType)).toEqual([]);
      await fetch(`${quota.endpoint}/_eum/requests`, { method: 'DELETE' });
      const fast = await runEum(
        ['--endpoint-url', quota.endpoint, 'registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--rate', '50', '--json'],
        { home: tempHome() },
      );
      expect(fast.code, fast.stderr).toBe(0);
      expect(writesOf(await log()).some((r) => r.errorType === 'ThrottlingException')).toBe(true);
      expect(writesOf(await log()).filter((r) => !r.errorType).length).toBe(stored);
      const bad = await runEum(
        ['--endpoint-url', quota.endpoint, 'registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--rate', 'fast'],
        { home: tempHome() },
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--rate: "fast" is not a rate');
    } finally {
      await quota.close();
    }
  }, 60_000);
});
