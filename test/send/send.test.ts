import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, tempHome } from '../helpers/streams.js';
import { simRequests, startSim, clearSimRequests } from '../feedback/sim.js';

let sim: Awaited<ReturnType<typeof startSim>>;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
const at = () => ['--endpoint-url', sim.endpoint];
const ledgerFile = (home: string) => path.join(home, 'ledger', `endpoint-127.0.0.1-${new URL(sim.endpoint).port}.tsv`);

describe('eum send', () => {
  it('sends with feedback: piped stdout is the message id; the ledger keeps the last four digits only', async () => {
    const home = tempHome();
    const r = await runEum([...at(), 'send', '--to', '+12065550100', '--body', 'Your code is 123456', '--feedback'], { home });
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^[A-Za-z0-9_:/-]+$/);
    expect(r.stderr).toContain(`eum feedback put ${id} RECEIVED`);
    const line = readFileSync(ledgerFile(home), 'utf8').trim().split('\t');
    expect(line).toEqual(['S', id, expect.stringMatching(/^\d+$/), 'US', '', '', '1', 'us-east-1', '0100']);
    expect(readFileSync(ledgerFile(home), 'utf8')).not.toContain('2065550100');
  });

  it('--json gives the documented shape', async () => {
    const r = await runEum([...at(), 'send', '--to', '+33612345678', '--body', 'Don’t share your code', '--feedback', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      messageId: expect.any(String),
      destinationPhoneNumber: '+33612345678',
      isoCountryCode: 'FR',
      encoding: 'UCS-2',
      parts: 1,
      feedback: true,
      dryRun: false,
      recorded: true,
    });
  });

  it('on a terminal shows what was sent, the number masked, and why UCS-2', async () => {
    const r = await runEum([...at(), 'send', '--to', '+12065550100', '--body', '“Quoted” code 123456'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Message ID');
    expect(r.stdout).toContain('+*******0100 (US)');
    expect(r.stdout).toContain('UCS-2, 1 part');
    expect(r.stderr).toContain('forced by: “ (U+201C), ” (U+201D)');
  });

  it('reads the body from stdin with --body -, and from a file', async () => {
    const home = tempHome();
    const a = await runEum([...at(), 'send', '--to', '+12065550100', '--body', '-', '--json'], { stdin: 'from stdin\n', home });
    expect(a.code).toBe(0);
    const file = path.join(home, 'body.txt');
    writeFileSync(file, 'x'.repeat(200));
    const b = await runEum([...at(), 'send', '--to', '+12065550100', '--body-file', file, '--json'], { home });
    expect(JSON.parse(b.stdout)).toMatchObject({ encoding: 'GSM-7', parts: 2 });
  });

  it('--dry-run uses the API DryRun and records nothing; --no-record records nothing', async () => {
    const home = tempHome();
    const a = await runEum([...at(), 'send', '--to', '+12065550100', '--body', 'hi', '--dry-run', '--json'], { home });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ dryRun: true });
    const b = await runEum([...at(), 'send', '--to', '+12065550100', '--body', 'hi', '--no-record'], { home });
    expect(b.code).toBe(0);
    expect(() => readFileSync(ledgerFile(home))).toThrow();
  });

  it('bad input: every problem at once, exit 2, and nothing sent', async () => {
    await clearSimRequests(sim.endpoint);
    const home = tempHome();
    const binary = path.join(home, 'bin.dat');
    writeFileSync(binary, Buffer.from([0x47, 0x00, 0x01, 0x02]));
    const r = await runEum(
      [
        ...at(),
        'send',
        '--to',
        '+1206555',
        '--body',
        '   ',
        '--ttl',
        '3',
        '--max-price',
        '1',
        '--type',
        'marketing',
        '--context',
        'a=1',
        '--context',
        'b=1',
        '--context',
        'c=1',
        '--context',
        'd=1',
        '--context',
        'e=1',
        '--context',
        'f=1',
      ],
      { home },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const field of ['--to', '--body', '--ttl', '--max-price', '--type', '--context']) expect(r.stderr).toContain(`${field}:`);
    const missing = await runEum([...at(), 'send', '--to', '+12065550100', '--body-file', path.join(home, 'nope.txt'), '--json'], { home });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.problems).toEqual([{ field: '--body-file', message: expect.stringContaining('no such file') }]);
    const bin = await runEum([...at(), 'send', '--to', '+12065550100', '--body-file', binary], { home });
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('binary file');
    const long = await runEum([...at(), 'send', '--to', '+12065550100', '--body', 'é’'.repeat(40), '--max-parts', '1'], { home });
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('needs 2 parts (UCS-2, forced by ’ (U+2019))');
    const tooLong = await runEum([...at(), 'send', '--to', '+12065550100', '--body', 'x'.repeat(1601)], { home });
    expect(tooLong.code).toBe(2);
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });

  it('flags of --to-file are refused for one message, each named; a bad value of a flag of one message is named once with --to-file', async () => {
    const home = tempHome();
    await clearSimRequests(sim.endpoint);
    const r = await runEum(
      [...at(), 'send', '--to', '+12065550100', '--body', 'x', '--mps', '5', '--prices', 'p.csv', '--template', 't.txt', '--max-parts', '0', '--json'],
      { home },
    );
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.problems).toEqual([
      { field: '--max-parts', message: 'must be a whole number of at least 1, got "0"' },
      { field: '--template', message: 'only with --to-file' },
      { field: '--mps', message: 'only with --to-file' },
      { field: '--prices', message: 'only with --to-file' },
    ]);
    const f = path.join(home, 'r.csv');
    writeFileSync(f, 'phone\n+12065550100\n');
    const many = await runEum([...at(), 'send', '--to-file', f, '--body', 'x', '--ttl', 'soon', '--mps', 'fast', '--json'], { home });
    expect(many.code).toBe(2);
    expect(JSON.parse(many.stdout).error.problems).toEqual([
      { field: '--ttl', message: 'not with --to-file: give a ttl column in the file' },
      { field: '--mps', message: expect.stringContaining('message parts per second') },
    ]);
    expect(await simRequests(sim.endpoint)).toEqual([]);
  });
});
