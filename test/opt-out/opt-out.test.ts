/** `eum opt-out` against the simulator: lists, numbers (list, check, add, remove, import, export), inbound STOP. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runEum, tempHome } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.hook('DELETE', '/_eum/requests');
});

const at = () => ['--endpoint-url', sim.server.endpoint];
const calls = async () => ((await sim.hook('GET', '/_eum/requests')).body.requests as Array<{ operation: string }>).map((r) => r.operation);
const SIM_NUMBER = '+12065550100';
const FAST = ['--rate', '100'];

describe('eum opt-out: inbound STOP, then check', () => {
  it('a handset replies STOP to our number: check says opted out by the recipient, with the list the number uses', async () => {
    const handset = '+12065550142';
    const before = JSON.parse((await runEum([...at(), 'opt-out', 'check', handset, '--from', SIM_NUMBER, ...FAST, '--json'])).stdout);
    expect(before.numbers).toEqual([
      { number: handset, sendable: true, verdict: 'may-send', reason: 'not on opt-out list Default', optedOutAt: null, endUserOptedOut: null },
    ]);
    const inbound = await sim.hook('POST', '/_eum/inbound', { from: handset, to: SIM_NUMBER, body: 'stop please' });
    expect(inbound.body.optedOut).toBe(true);
    const r = await runEum([...at(), 'opt-out', 'check', handset, '+12065550143', '--from', SIM_NUMBER, ...FAST, '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data.identity).toMatchObject({ kind: 'phone-number', phoneNumber: SIM_NUMBER, optOutList: 'Default', selfManagedOptOuts: false });
    expect(data.list).toBe('Default');
    expect(data.numbers[0]).toMatchObject({
      number: handset,
      sendable: false,
      verdict: 'opted-out',
      endUserOptedOut: true,
      optedOutAt: '2026-11-23T10:00:00.000Z',
    });
    expect(data.numbers[0].reason).toBe('on opt-out list Default since 2026-11-23 10:00: the recipient opted out');
    expect(data.numbers[1]).toMatchObject({ number: '+12065550143', sendable: true, verdict: 'may-send' });
    expect(data.summary).toEqual({ total: 2, maySend: 1, optedOut: 1, selfManaged: 0, failed: 0 });
    const tty = await runEum([...at(), 'opt-out', 'check', handset, '--from', SIM_NUMBER, ...FAST], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).toMatch(/\+12065550142\s+│\s+no\s+│\s+on opt-out list Default/);
    // Messages on stderr mask the numbers; the data on stdout is the user's.
    expect(tty.stderr).toContain('+*******0100 (phone-');
    expect(tty.stderr).not.toContain(SIM_NUMBER);
    const piped = await runEum([...at(), 'opt-out', 'check', handset, ...FAST]);
    expect(piped.stdout).toBe(`${handset}\tfalse\ton opt-out list Default since 2026-11-23 10:00: the recipient opted out\n`);
    const list = JSON.parse((await runEum([...at(), 'opt-out', 'list', '--end-user', '--json'])).stdout);
    expect(list.numbers).toContainEqual({ number: handset, optedOutAt: '2026-11-23T10:00:00.000Z', endUserOptedOut: true });
  });

  it('bad input: every problem at once, exit 2, no call', async () => {
    const r = await runEum([...at(), 'opt-out', 'check', '12065550142', '+1206555014x', '--from', 'a b', '--list', 'x', '--rate', '0', '--json']);
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).error.problems;
    expect(problems.map((p: { field: string }) => p.field)).toEqual(['<numbers> #1', '<numbers> #2', '--from', '--from', '--rate']);
    expect(JSON.stringify(problems)).not.toContain('12065550142');
    const none = await runEum([...at(), 'opt-out', 'check']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('<numbers>: required');
    expect(await calls()).toEqual([]);
  });

  it('bad flags of list, export, add, remove and lists: every problem at once, exit 2, no call', async () => {
    const problemsOf = async (argv: string[]) => {
      const r = await runEum([...at(), 'opt-out', ...argv, '--json']);
      expect(r.code).toBe(2);
      return JSON.parse(r.stdout).error.problems as Array<{ field: string; message: string }>;
    };
    const list = await problemsOf(['list', '--list', 'a b', '--since', 'last week']);
    expect(list).toEqual([
      { field: '--list', message: '"a b" is not an opt-out list name or ARN (letters, digits, "_", "-", ":" and "/", at most 256)' },
      { field: '--since', message: '"last week" is neither a duration (e.g. 7d, 12h) nor a date (e.g. 2026-11-01 or 2026-11-01T10:00:00Z)' },
    ]);
    expect((await problemsOf(['export', '--since', '7x'])).map((p) => p.field)).toEqual(['--since']);
    expect((await problemsOf(['add', '+12065550142', '--list', '', '--rate', 'fast'])).map((p) => p.field)).toEqual(['--list', '--rate']);
    expect((await problemsOf(['remove', '+12065550142', '--rate', '0', '--yes'])).map((p) => p.field)).toEqual(['--rate']);
    const tags = await problemsOf(['lists', 'create', 'marketing', '--tag', 'novalue', '--tag', 'aws:x=1', '--tag', 'ok=1']);
    expect(tags.map((p) => p.field)).toEqual(['--tag', '--tag']);
    expect(await calls()).toEqual([]);
  });
});

describe('eum opt-out lists', () => {
  it('create, list (table, piped, JSON), refuse bad names, delete with confirmation', async () => {
    const bad = await runEum([...at(), 'opt-out', 'lists', 'create', 'no spaces', '--tag', 'aws:x=1', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.problems.map((p: { field: string }) => p.field)).toEqual(['<name>', '--tag']);
    expect(await calls()).toEqual([]);
    const created = JSON.parse((await runEum([...at(), 'opt-out', 'lists', 'create', 'acme-marketing', '--tag', 'team=growth', '--json'])).stdout);
    expect(created.list).toMatchObject({ name: 'acme-marketing', arn: expect.stringContaining(':opt-out-list/acme-marketing') });
    const piped = await runEum([...at(), 'opt-out', 'lists']);
    expect(
      piped.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['acme-marketing', 'Default']);
    const tty = await runEum([...at(), 'opt-out', 'lists', 'list'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout).toContain('Name');
    expect(tty.stdout).toContain('acme-marketing');
    const json = JSON.parse((await runEum([...at(), 'opt-out', 'lists', '--json'])).stdout);
    expect(json.lists.map((l: { name: string }) => l.name)).toEqual(['acme-marketing', 'Default']);
    const defaultList = await runEum([...at(), 'opt-out', 'lists', 'delete', 'Default', '--yes']);
    expect(defaultList.code).toBe(2);
    await sim.hook('DELETE', '/_eum/requests');
    const noYes = await runEum([...at(), 'opt-out', 'lists', 'delete', 'acme-marketing']);
    expect(noYes.code).toBe(2);
    expect(await calls()).not.toContain('DeleteOptOutList');
    const dry = await runEum([...at(), 'opt-out', 'lists', 'delete', 'acme-marketing', '--dry-run', '--json']);
    expect(dry.code).toBe(3);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'planned', numbersOnList: '0' });
    const deleted = JSON.parse((await runEum([...at(), 'opt-out', 'lists', 'delete', 'acme-marketing', '--yes', '--json'])).stdout);
    expect(deleted.status).toBe('deleted');
    const missing = await runEum([...at(), 'opt-out', 'list', '--list', 'acme-marketing']);
    expect(missing.code).toBe(1);
    const noExport = await runEum([...at(), 'opt-out', 'export', '--list', 'acme-marketing']);
    expect(noExport.code).toBe(1);
    expect(noExport.stdout).toBe('');
    expect(noExport.stderr).toContain('ResourceNotFoundException');
  });
});

describe('eum opt-out add, remove, import, export, list --since', () => {
  it('adds, lists, exports as CSV, imports into another list, removes (keeping recipients\u2019 own opt-outs)', async () => {
    await runEum([...at(), 'opt-out', 'lists', 'create', 'copy']);
    await runEum([...at(), 'opt-out', 'lists', 'create', 'work']);
    const add = await runEum([...at(), 'opt-out', 'add', '+12065550150', '+12065550151', '+12065550150', '--list', 'work', ...FAST, '--json']);
    expect(add.code).toBe(0);
    const added = JSON.parse(add.stdout);
    expect(added.results.map((r: { number: string; status: string }) => [r.number, r.status])).toEqual([
      ['+12065550150', 'added'],
      ['+12065550151', 'added'],
    ]);
    expect(added.summary).toMatchObject({ total: 2, added: 2, failed: 0 });
    await sim.hook('POST', '/_eum/clock', { advance: '1h' });
    const inbound = await sim.hook('POST', '/_eum/inbound', { from: '+12065550152', to: SIM_NUMBER, body: 'STOP' });
    expect(inbound.status).toBe(200);
    const list = JSON.parse((await runEum([...at(), 'opt-out', 'list', '--list', 'work', '--json'])).stdout);
    expect(list.summary).toEqual({ total: 2, byRecipient: 0, byAccount: 2 });
    const since = JSON.parse((await runEum([...at(), 'opt-out', 'list', '--since', '2030-01-01', '--json'])).stdout);
    expect(since.numbers).toEqual([]);
    const piped = await runEum([...at(), 'opt-out', 'list', '--list', 'work']);
    expect(
      piped.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[2]),
    ).toEqual(['false', 'false']);
    const csv = await runEum([...at(), 'opt-out', 'export', '--list', 'work']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('phoneNumber,optedOutAt,endUserOptedOut');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['+12065550150', '+12065550151']);
    const exportJson = JSON.parse((await runEum([...at(), 'opt-out', 'export', '--list', 'work', '--json'])).stdout);
    expect(exportJson.summary.total).toBe(2);

    const imported = await runEum([...at(), 'opt-out', 'import', '-', '--list', 'copy', ...FAST, '--json'], { stdin: csv.stdout });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).summary).toMatchObject({ added: 2 });

    await sim.hook('DELETE', '/_eum/requests');
    const noYes = await runEum([...at(), 'opt-out', 'remove', '+12065550150', '--list', 'copy']);
    expect(noYes.code).toBe(2);
    expect(await calls()).not.toContain('DeleteOptedOutNumber');
    const removed = await runEum([...at(), 'opt-out', 'remove', '+12065550150', '+12065550199', '--list', 'copy', '--yes', ...FAST, '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout).results.map((r: { status: string }) => r.status)).toEqual(['removed', 'not-on-list']);
    // +12065550152 replied STOP (Default list): kept unless --include-end-user.
    const kept = await runEum([...at(), 'opt-out', 'remove', '+12065550152', '--yes', ...FAST, '--json']);
    expect(JSON.parse(kept.stdout).results[0]).toMatchObject({ status: 'kept', endUserOptedOut: true });
    const keptPiped = await runEum([...at(), 'opt-out', 'remove', '+12065550152', '--yes', ...FAST]);
    expect(keptPiped.stdout).toMatch(/^\+12065550152\tkept\t/);
    expect(keptPiped.stderr).toContain('only with their consent (--include-end-user)');
    const forced = await runEum([...at(), 'opt-out', 'remove', '+12065550152', '--include-end-user', '--yes', ...FAST, '--json']);
    expect(JSON.parse(forced.stdout).results[0].status).toBe('removed');
    const dry = await runEum([...at(), 'opt-out', 'add', '+12065550160', '--dry-run']);
    expect(dry.code).toBe(3);
  });

  it('import: every bad line at once with its line number, masked; files bounded; zero calls', async () => {
    const dir = tempHome();
    const file = path.join(dir, 'numbers.csv');
    writeFileSync(file, 'phoneNumber,source\n+12065550170,web\n# a comment\n\n12065550171,web\n+1206555017x\n');
    const r = await runEum([...at(), 'opt-out', 'import', file, '--json']);
    expect(r.code).toBe(2);
    const problems = JSON.parse(r.stdout).error.problems;
    expect(problems.map((p: { field: string }) => p.field)).toEqual([`${file} line 5`, `${file} line 6`]);
    expect(JSON.stringify(problems)).not.toContain('12065550171');
    const missing = await runEum([...at(), 'opt-out', 'import', path.join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const zero = await runEum([...at(), 'opt-out', 'import', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/larger than|binary/);
    const empty = await runEum([...at(), 'opt-out', 'import', '-'], { stdin: '# nothing\n' });
    expect(empty.stderr).toContain('holds no numbers');
    expect(await calls()).toEqual([]);
  });
});
