/**
 * Drafts that survive failures and reruns (issue 12): a failed create is resumed, not repeated;
 * edit writes only what changed; submit refuses flagged fields left unchanged; attachment files
 * are bounded and stay beside their answers file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runEum, tempHome } from '../helpers/streams.js';
import { fastWrites, startRegistrationSim, TOLL_FREE_NUMBER_IDS, type RegistrationSim } from './sim-server.js';

const ANSWERS = path.resolve('test/registration/answers');
let sim: RegistrationSim;
let proxy: http.Server;
let proxyUrl = '';
/** The proxy answers 500 to the Nth PutRegistrationFieldValue it sees (once), 0 for never. */
let failPutAt = 0;
let putsSeen = 0;
/** When set, the proxy forwards the next CreateRegistration and then loses the reply (a 500). */
let loseCreateReply = false;
const dirs: string[] = [];

beforeAll(async () => {
  sim = await startRegistrationSim();
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target.endsWith('.PutRegistrationFieldValue') && ++putsSeen === failPutAt) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'InternalServerException', message: 'injected failure' }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<
        string,
        string
      >;
      const r = await fetch(`${sim.endpoint}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      if (loseCreateReply && target.endsWith('.CreateRegistration')) {
        loseCreateReply = false;
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'InternalServerException', message: 'reply lost after the service acted' }));
        return;
      }
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await sim.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'eum-drafts-'));
  dirs.push(d);
  return d;
}

const requests = async () => (await sim.requests()).map((r) => r.operation ?? '');
const clear = () => fetch(`${sim.endpoint}/_eum/requests`, { method: 'DELETE' });

describe('a failed create is resumed, not repeated', () => {
  it('a transient failure midway leaves a draft; the rerun with the same --name continues it', async () => {
    const home = tempHome();
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const args = fastWrites([
      '--endpoint-url',
      proxyUrl,
      '--max-attempts',
      '1',
      'registration',
      'create',
      'US_TEN_DLC_BRAND_REGISTRATION',
      '--answers',
      file,
      '--name',
      'resume-me',
      '--json',
    ]);
    putsSeen = 0;
    failPutAt = 5;
    const first = await runEum(args, { home });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/the draft registration-\w+ is kept with the answers stored so far; run the same command again to continue it/);
    const id = /the draft (registration-\w+)/.exec(first.stderr)![1];
    failPutAt = 0;
    await clear();
    const second = await runEum(args, { home });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ registrationId: id, resumed: true, missingFields: [] });
    const ops = await requests();
    expect(ops).not.toContain('CreateRegistration');
    // Only the values the first run did not store are written now.
    expect(ops.filter((o) => o === 'PutRegistrationFieldValue').length).toBeLessThan(15);
    // A third run starts a new registration: the draft is filled.
    const list = JSON.parse(
      (await runEum(['--endpoint-url', sim.endpoint, 'registration', 'list', '--type', 'US_TEN_DLC_BRAND_REGISTRATION', '--json'], { home })).stdout,
    );
    expect(list.registrations.filter((r: { name: string | null }) => r.name === 'resume-me')).toHaveLength(1);
  });
});

describe('a lost reply to CreateRegistration', () => {
  it('the rerun sends the same ClientToken and continues the registration the service created', async () => {
    const home = tempHome();
    const dir = tempDir();
    const file = path.join(dir, 'brand.yaml');
    writeFileSync(file, readFileSync(path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml')));
    const count = async () =>
      JSON.parse((await runEum(['--endpoint-url', sim.endpoint, 'registration', 'list', '--type', 'US_TEN_DLC_BRAND_REGISTRATION', '--json'], { home })).stdout)
        .registrations.length;
    const before = await count();
    const args = fastWrites([
      '--endpoint-url',
      proxyUrl,
      '--max-attempts',
      '1',
      'registration',
      'create',
      'US_TEN_DLC_BRAND_REGISTRATION',
      '--answers',
      file,
      '--json',
    ]);
    loseCreateReply = true;
    const first = await runEum(args, { home });
    expect(first.code).toBe(1);
    expect(await count()).toBe(before + 1);
    const second = await runEum(args, { home });
    expect(second.code, second.stderr).toBe(0);
    expect(await count()).toBe(before + 1);
    // Once known, the token is dropped: a third run is a new registration.
    expect((await runEum(args, { home })).code).toBe(0);
    expect(await count()).toBe(before + 2);
  });
});

describe('the local record of drafts cannot be used', () => {
  it('a directory in its place: exit 1 naming it, before anything is created (never read as empty)', async () => {
    const home = tempHome();
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const create = (name: string) =>
      runEum(
        fastWrites(['--endpoint-url', sim.endpoint, 'registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--name', name, '--json']),
        { home },
      );
    expect((await create('record-ok')).code).toBe(0);
    const dir = path.join(home, 'registration', 'drafts');
    const [record] = readdirSync(dir).filter((f) => f.endsWith('.json'));
    rmSync(path.join(dir, record));
    mkdirSync(path.join(dir, record));
    await clear();
    const r = await create('record-dir');
    expect(r.code).toBe(1);
    const error = JSON.parse(r.stdout).error;
    expect(error.code).toBe('JOURNAL_UNREADABLE');
    expect(error.message).toContain(`cannot read the record of registration drafts ${path.join(dir, record)}: it is a directory`);
    expect(await requests()).not.toContain('CreateRegistration');
  });
});

describe('edit writes only what changed', () => {
  it('the same answers file again writes nothing and uploads no attachment again', async () => {
    const home = tempHome();
    const dir = tempDir();
    copyFileSync(path.join(ANSWERS, 'optin.png'), path.join(dir, 'optin.png'));
    const file = path.join(dir, 'tf.yaml');
    writeFileSync(file, readFileSync(path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml')));
    const c = await runEum(fastWrites(['--endpoint-url', sim.endpoint, 'registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file, '--json']), {
      home,
    });
    expect(c.code, c.stderr).toBe(0);
    const id = JSON.parse(c.stdout).registrationId;
    await clear();
    const e = await runEum(fastWrites(['--endpoint-url', sim.endpoint, 'registration', 'edit', id, '--answers', file, '--json']), { home });
    expect(e.code, e.stderr).toBe(0);
    const ops = await requests();
    expect(ops.filter((o) => /^(Put|Create|Delete)/.test(o))).toEqual([]);
    // One changed value: one write.
    writeFileSync(file, readFileSync(file, 'utf8').replace('contactInfo.firstName: Jane', 'contactInfo.firstName: Janet'));
    await clear();
    expect((await runEum(fastWrites(['--endpoint-url', sim.endpoint, 'registration', 'edit', id, '--answers', file]), { home })).code).toBe(0);
    expect((await requests()).filter((o) => /^(Put|Create|Delete)/.test(o))).toEqual(['PutRegistrationFieldValue']);
  });
});

describe('submit and flagged fields', () => {
  it('a new version whose flagged fields are unchanged is refused (exit 2) unless --yes', async () => {
    const home = tempHome();
    const eum = (args: string[]) => runEum(fastWrites(['--endpoint-url', sim.endpoint, ...args]), { home });
    const file = path.join(ANSWERS, 'US_TEN_DLC_BRAND_REGISTRATION.yaml');
    const c = JSON.parse((await eum(['registration', 'create', 'US_TEN_DLC_BRAND_REGISTRATION', '--answers', file, '--submit', '--json'])).stdout);
    await fetch(`${sim.endpoint}/_eum/registrations/${c.registrationId}/review`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'DENY',
        reasons: [{ Reason: 'BRAND_NOT_VERIFIED', ShortDescription: 'no match' }],
        fields: { 'companyInfo.taxId': { DeniedReason: 'EIN does not match the company' } },
      }),
    });
    await clear();
    const u = await eum(['registration', 'update', c.registrationId, '--submit']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('companyInfo.taxId: flagged by the reviewer (EIN does not match the company) and unchanged since version 1');
    expect(await requests()).not.toContain('SubmitRegistrationVersion');
    const s = await eum(['registration', 'submit', c.registrationId]);
    expect(s.code).toBe(2);
    const fixed = path.join(tempDir(), 'fix.yaml');
    writeFileSync(fixed, 'companyInfo.taxId: "98-7654321"\n');
    const ok = await eum(['registration', 'edit', c.registrationId, '--answers', fixed, '--submit', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ submitted: true, status: 'SUBMITTED' });
  });
});

describe('attachment files', () => {
  it('a relative path that leaves the answers file folder is refused before anything is created', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'forms'));
    copyFileSync(path.join(ANSWERS, 'optin.png'), path.join(root, 'optin.png'));
    const file = path.join(root, 'forms', 'tf.yaml');
    writeFileSync(
      file,
      readFileSync(path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml'), 'utf8').replace('optInImage: optin.png', 'optInImage: ../optin.png'),
    );
    await clear();
    const r = await runEum(fastWrites(['--endpoint-url', sim.endpoint, 'registration', 'create', 'US_TOLL_FREE_REGISTRATION', '--answers', file]), {
      home: tempHome(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is outside the folder of');
    expect(r.stderr).toContain('--attach messagingUseCase.optInImage=PATH');
    expect(await requests()).not.toContain('CreateRegistration');
    // Named on the command line, it is uploaded (and said before).
    const ok = await runEum(
      fastWrites([
        '--endpoint-url',
        sim.endpoint,
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        file,
        '--attach',
        `messagingUseCase.optInImage=${path.join(root, 'optin.png')}`,
      ]),
      { home: tempHome() },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/will upload .*optin\.png for messagingUseCase\.optInImage/);
  });

  it('--attach F=/dev/zero is exit 2 at once, nothing created', async () => {
    await clear();
    const r = await runEum(
      fastWrites([
        '--endpoint-url',
        sim.endpoint,
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml'),
        '--attach',
        'messagingUseCase.optInImage=/dev/zero',
      ]),
      { home: tempHome() },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero is not a regular file');
    expect(await requests()).not.toContain('CreateRegistration');
  });
});

describe('required associations for toll-free', () => {
  it('a toll-free number given with --associate is associated before submitting', async () => {
    const r = await runEum(
      fastWrites([
        '--endpoint-url',
        sim.endpoint,
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        path.join(ANSWERS, 'US_TOLL_FREE_REGISTRATION.yaml'),
        '--associate',
        TOLL_FREE_NUMBER_IDS[6],
        '--submit',
        '--json',
      ]),
      { home: tempHome() },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ submitted: true });
  });
});
