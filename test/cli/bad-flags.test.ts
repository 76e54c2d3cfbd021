/**
 * Bad flag values are input errors (exit 2, the flag named, nothing sent), never "this is a bug
 * in eum" (issue 12). Each command's flags tried with junk values against the simulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runEum } from '../helpers/streams.js';
import { startTestSim, type TestSim } from '../sim/helpers.js';

const requests = async () => ((await sim.hook('GET', '/_eum/requests')).body as { requests: unknown[] }).requests;

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

const eum = (args: string[]) => runEum([...args, '--endpoint-url', sim.server.endpoint], { env: { NO_COLOR: '1' } });

describe('junk flag values', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['--region ../x', ['account', 'show', '--region', '../x'], /--region/],
    ['--region with control characters', ['sender-id', 'list', '--region', 'us-east-1\u001b[31m'], /--region/],
    ['--region with a slash', ['protect', 'list', '--region', 'us-east-1/../x'], /--region/],
    ['protect update with an empty --name', ['protect', 'update', 'otp-guard', '--name', ''], /--name: must be 1 to 256 characters/],
    ['protect create with a --name too long', ['protect', 'create', '--name', 'n'.repeat(257)], /--name: must be 1 to 256 characters/],
    [
      'protect override add with a junk --action',
      ['protect', 'override', 'add', 'otp-guard', '+12065550100', '--action', 'maybe\u0007'],
      /--action: must be allow or block, got "maybe\\x07"/,
    ],
    [
      'protect export -o into a missing directory',
      ['protect', 'export', '-o', '/nonexistent-eum/p.yaml'],
      /--output: cannot write \/nonexistent-eum\/p\.yaml: its directory does not exist/,
    ],
    ['protect export -o a name too long', ['protect', 'export', '-o', 'a'.repeat(300)], /--output: cannot write .*\.\.\.: the name is too long/],
    [
      'registration export -o into a missing directory',
      ['registration', 'export', 'registration-0123', '-o', '/nonexistent-eum/a.yaml'],
      /--output: cannot write \/nonexistent-eum\/a\.yaml: its directory does not exist/,
    ],
    [
      'registration fields --template into a file as directory',
      ['registration', 'fields', 'US_TEN_DLC_BRAND_REGISTRATION', '--template', '/etc/hostname/t.yaml'],
      /--template: cannot write \/etc\/hostname\/t\.yaml: a part of its path is not a directory/,
    ],
  ];
  for (const [name, args, field] of cases) {
    it(`${name}: exit 2 naming the flag, nothing sent`, async () => {
      const r = await eum(args);
      expect(r.stderr).not.toMatch(/bug in eum/);
      expect(r.stderr).toMatch(field);
      expect(r.stderr).not.toContain('\u001b');
      expect(r.code).toBe(2);
      expect(await requests()).toEqual([]);
    });
  }
});

describe('eum sim start', () => {
  for (const [host, ok] of [
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['a b', false],
    ['127.0.0.1', true],
    ['::1', true],
    ['localhost', true],
  ] as const) {
    it(`--host ${host}: ${ok ? 'accepted' : 'exit 2 naming --host'}`, async () => {
      const { parseSimStartOptions } = await import('../../src/commands/sim/start.js');
      if (ok) expect(parseSimStartOptions({ host }, '/').host).toBe(host);
      else expect(() => parseSimStartOptions({ host }, '/')).toThrow(/--host: must be an IP address or a host name/);
    });
  }

  it('--host 256.1.1.1 from the command line: exit 2, nothing started', async () => {
    const r = await runEum(['sim', 'start', '--host', '256.1.1.1', '--port', '0']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--host: must be an IP address or a host name \(e\.g\. 127\.0\.0\.1, ::1, localhost\), got "256\.1\.1\.1"/);
    expect(r.code).toBe(2);
  });

  it('--port in use: exit 2 naming --port', async () => {
    const port = new URL(sim.server.endpoint).port;
    const r = await runEum(['sim', 'start', '--port', port]);
    expect(r.stderr).toContain(`--port: cannot listen on port ${port} (in use): use another, or 0 for any free port`);
    expect(r.code).toBe(2);
  });

  it('every bad flag is reported at once', async () => {
    const r = await runEum(['sim', 'start', '--port', '70000', '--fail-rate', '2', '--tier', 'gold', '--latency', '9-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('4 problems in the input');
    for (const f of ['--port', '--fail-rate', '--tier', '--latency']) expect(r.stderr).toContain(`${f}: `);
  });
});
