/**
 * Hints for API errors: every Reason of the model has one or is listed as deliberately hint-less;
 * each family of hints as a user meets it, through eum, the real SDK and the simulator over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DescribeAccountAttributesCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { HINTLESS_REASONS, REASON_HINTS } from '../../src/aws/hints.js';
import { isRetryable, isSimulatorFailure, translateAwsError } from '../../src/aws/errors.js';
import { createSmsClient } from '../../src/aws/client.js';
import { createFileStore } from '../../src/sim/index.js';
import { runEum, tempHome } from '../helpers/streams.js';
import { startSim } from '../feedback/sim.js';

const model = JSON.parse(readFileSync('fixtures/model/constraints.json', 'utf8')) as {
  shapes: Record<string, { exception?: boolean; members?: Record<string, { shape: string }>; enum?: string[] }>;
};

/** Every value of the Reason enums of the model's exception shapes. */
function modelReasons(): Set<string> {
  const out = new Set<string>();
  for (const shape of Object.values(model.shapes)) {
    const reason = shape.exception ? shape.members?.Reason?.shape : undefined;
    for (const v of (reason && model.shapes[reason].enum) || []) out.add(v);
  }
  return out;
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
const homes: string[] = [];
const home = () => {
  const h = tempHome();
  homes.push(h);
  return h;
};
afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});
/** The `error:` and `hint:` lines of stderr. */
const errorLines = (stderr: string) => ({
  error: stderr.split('\n').find((l) => l.startsWith('error:')) ?? '',
  hint: stderr.split('\n').find((l) => l.startsWith('hint:')) ?? '',
});

describe('every Reason of the model', () => {
  it('has a hint, or is listed as deliberately hint-less (and not both)', () => {
    const reasons = modelReasons();
    expect(reasons.size).toBeGreaterThan(100);
    for (const r of reasons) expect(r in REASON_HINTS !== r in HINTLESS_REASONS, r).toBe(true);
    for (const r of [...Object.keys(REASON_HINTS), ...Object.keys(HINTLESS_REASONS)]) expect(reasons.has(r), `${r} is not a Reason of the model`).toBe(true);
  });

  it('hints name only flags the command has (a flag after `eum <command>` belongs to that command)', () => {
    const globals = new Set(['--region', '--endpoint-url', '--max-attempts', '--profile']);
    /** Flags a hint asks the failing command for: outside any `eum ...` command it quotes. */
    const bareFlags = (hint: string) =>
      hint
        .split(/[;:,()]/)
        .flatMap((clause) => clause.split(/\beum /)[0].match(/--[a-z-]+/g) ?? [])
        .filter((f) => !globals.has(f));
    const asked = (has: (f: string) => boolean) =>
      Object.fromEntries(
        Object.entries(REASON_HINTS)
          .map(([reason, hint]) => [reason, bareFlags(typeof hint === 'function' ? hint({ has }) : hint)])
          .filter(([, f]) => f.length),
      );
    expect(asked(() => false)).toEqual({});
    // With every flag, the hints may ask for them (the probe: some do).
    expect(Object.keys(asked(() => true)).length).toBeGreaterThan(3);
  });
});

describe('hints as users meet them (eum over HTTP against the simulator)', () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  const eum = (args: string[], h = home()) => runEum(['--endpoint-url', sim.endpoint, ...args], { home: h });
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('an opted-out destination: the number is masked, the hint says not to send again', async () => {
    const opt = await fetch(`${sim.endpoint}/_eum/opt-outs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phoneNumber: '+12065550199' }),
    });
    expect(opt.status).toBe(200);
    const r = await eum(['send', '--to', '+12065550199', '--body', 'hi']);
    expect(r.code).toBe(1);
    const { error, hint } = errorLines(r.stderr);
    expect(error).toContain('DESTINATION_PHONE_NUMBER_OPTED_OUT');
    expect(error).not.toContain('2065550199');
    expect(error).toContain('0199');
    expect(hint).toContain('opted out');
    const json = await eum(['send', '--to', '+12065550199', '--body', 'hi', '--json']);
    const { error: e } = JSON.parse(json.stdout);
    expect(e).toMatchObject({ code: 'ConflictException', reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT' });
    expect(e.message).not.toContain('2065550199');
  });

  it('no origination identity for the country: request one', async () => {
    const r = await eum(['send', '--to', '+14165550100', '--body', 'hi']);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr).hint).toContain('eum sender-id bulk');
    // What works on any account (a reset simulator has no number for most countries).
    expect(errorLines(r.stderr).hint).toContain('eum number request --country CC');
    expect(errorLines(r.stderr).hint).toContain('eum doctor --country CC');
    expect(errorLines(r.stderr).hint).not.toContain('sim reset');
  });

  it('a country blocked by Protect: eum protect check names the rule', async () => {
    const h = home();
    expect((await eum(['protect', 'create', '--name', 'guard', '--set-default'], h)).code).toBe(0);
    expect((await eum(['protect', 'rules', 'set', 'guard', '--block', 'US'], h)).code).toBe(0);
    const r = await eum(['send', '--to', '+12065550142', '--body', 'hi'], h);
    expect(r.code).toBe(1);
    const { error, hint } = errorLines(r.stderr);
    expect(error).toContain('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    expect(hint).toContain('eum protect check <number>');
    expect((await eum(['protect', 'unset-default'], h)).code).toBe(0);
  });

  it('a validation Reason: a destination country the service does not serve', async () => {
    const r = await eum(['send', '--to', '+5352345678', '--body', 'hi']);
    expect(r.code).toBe(1);
    const { error, hint } = errorLines(r.stderr);
    expect(error).toContain('(DESTINATION_COUNTRY_BLOCKED)');
    expect(hint).toContain('does not send to this country');
  });

  it('not found, by resource: a message id, a configuration set', async () => {
    const message = await eum(['feedback', 'put', 'no-such-message', 'RECEIVED']);
    expect(message.code).toBe(1);
    expect(errorLines(message.stderr).hint).toContain('message ids come from eum send');
    const set = await eum(['send', '--to', '+12065550142', '--body', 'hi', '--config-set', 'nope']);
    expect(set.code).toBe(1);
    expect(errorLines(set.stderr).hint).toContain('no configuration set of that name');
  });

  it('feedback on a message sent without it', async () => {
    const sent = await eum(['send', '--to', '+12065550142', '--body', 'hi', '--json']);
    const { messageId } = JSON.parse(sent.stdout);
    const r = await eum(['feedback', 'put', messageId, 'RECEIVED']);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr).hint).toContain('eum send --feedback');
  });
});

describe('throttling: --rate only where the command has it', () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  beforeAll(async () => {
    sim = await startSim({ throttleRate: 1 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('account show (no --rate) is told about --max-attempts only', async () => {
    const r = await runEum(['--endpoint-url', sim.endpoint, '--max-attempts', '1', 'account', 'show'], { home: home() });
    expect(r.code).toBe(1);
    const { hint } = errorLines(r.stderr);
    expect(hint).toContain('--max-attempts');
    expect(hint).not.toContain('--rate');
  });

  it('a command with --rate is told to lower it', async () => {
    const r = await runEum(
      [
        '--endpoint-url',
        sim.endpoint,
        '--max-attempts',
        '1',
        'registration',
        'create',
        'US_TOLL_FREE_REGISTRATION',
        '--answers',
        'answers.yaml',
        '--rate',
        '1',
      ],
      { home: home() },
    );
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr).hint).toContain('lower --rate');
  });

  it('the translation takes the flags of the command that failed', async () => {
    const client = await createSmsClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      userAgent: 'eum/test',
    });
    const err = await rejection(client.send(new DescribeAccountAttributesCommand({})));
    expect(translateAwsError(err, { flags: ['--rate', '--file'] }).hint).toContain('lower --rate');
    expect(translateAwsError(err).hint).not.toContain('--rate');
  });
});

describe("the simulator's own failure is not the service's", () => {
  let dir: string;
  let sim: Awaited<ReturnType<typeof startSim>>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'eum-corrupt-'));
    const file = path.join(dir, 'state.json');
    writeFileSync(file, '{ not json');
    sim = await startSim({}, createFileStore(file));
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is said to be the simulator, with what to do, and is not retryable', async () => {
    const r = await runEum(['--endpoint-url', sim.endpoint, '--max-attempts', '1', 'account', 'show', '--json'], { home: home() });
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.message).toMatch(/^the simulator failed: /);
    expect(error.hint).toContain('eum sim reset');
    expect(error.hint).not.toContain('try again later');
    const client = await createSmsClient({
      region: 'us-east-1',
      endpoint: sim.endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      userAgent: 'eum/test',
    });
    const err = await rejection(client.send(new DescribeAccountAttributesCommand({})));
    expect(isSimulatorFailure(err)).toBe(true);
    expect(isRetryable(err)).toBe(false);
  });
});

describe('an endpoint that is not the SMS API', () => {
  let server: http.Server;
  let endpoint: string;
  let answer = { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' };
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': answer.type });
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('HTML says "HTTP 502 from <endpoint>: not the SMS API", not a JSON parse error', async () => {
    const r = await runEum(['--endpoint-url', endpoint, '--max-attempts', '1', 'account', 'show', '--json'], { home: home() });
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout);
    expect(error.code).toBe('NOT_THE_SMS_API');
    expect(error.message).toMatch(/^HTTP 502 from .+: not the SMS API$/);
    expect(r.stderr).not.toMatch(/JSON|Unexpected token|Deserialization/);
    const client = await createSmsClient({
      region: 'us-east-1',
      endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      userAgent: 'eum/test',
    });
    const err = await rejection(client.send(new DescribeAccountAttributesCommand({})));
    expect(translateAwsError(err, { endpoint }).message).toBe(`HTTP 502 from ${endpoint}: not the SMS API`);
  });

  it('an empty error body says the same', async () => {
    answer = { status: 404, type: 'text/plain', body: '' };
    const r = await runEum(['--endpoint-url', endpoint, '--max-attempts', '1', 'account', 'show', '--json'], { home: home() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'NOT_THE_SMS_API', message: expect.stringMatching(/^HTTP 404 from .+: not the SMS API$/) });
  });
});
