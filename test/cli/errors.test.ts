// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these tests look for control characters in the output
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEum, fakeBase } from '../helpers/streams.js';
import { main } from '../../src/cli/main.js';
import { ExitCode, InputError, errorJson } from '../../src/cli/errors.js';

/** A tiny AWS JSON endpoint that answers every request with a fixed error. */
let server: http.Server;
let endpoint = '';
let answer: { status: number; type: string; body: Record<string, unknown> } = { status: 400, type: 'AccessDeniedException', body: {} };
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits += 1;
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-123', 'x-amzn-errortype': answer.type });
      res.end(JSON.stringify({ __type: answer.type, message: 'denied by test', ...answer.body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('exit codes and error translation', () => {
  it('an AWS error exits 1 and names the error, request id and IAM action', async () => {
    answer = { status: 400, type: 'AccessDeniedException', body: {} };
    const r = await runEum(['account', 'show', '--endpoint-url', endpoint]);
    expect(r.code).toBe(ExitCode.Failed);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('AccessDeniedException: denied by test (request id req-123)');
    expect(r.stderr).toMatch(/hint: your IAM identity needs permission for sms-voice:Describe(AccountAttributes|SpendLimits)/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('with --json the error is a JSON object on stdout, with the Reason', async () => {
    answer = { status: 400, type: 'ValidationException', body: { Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'x', Message: 'bad' }] } };
    const r = await runEum(['account', 'show', '--endpoint-url', endpoint, '--json']);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.error).toMatchObject({ code: 'ValidationException', reason: 'INVALID_PARAMETER', requestId: 'req-123' });
    expect(body.error.message).toContain('ValidationException (INVALID_PARAMETER)');
  });

  it('throttling after retries suggests more attempts (account show has no --rate to lower)', async () => {
    answer = { status: 400, type: 'ThrottlingException', body: {} };
    hits = 0;
    const r = await runEum(['account', 'show', '--endpoint-url', endpoint, '--max-attempts', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('raise --max-attempts');
    expect(r.stderr).not.toContain('--rate');
    expect(hits).toBe(2); // the first operation, two attempts; nothing after it
  });

  it('--debug logs each request masked, and shows the stack trace', async () => {
    answer = { status: 400, type: 'ValidationException', body: {} };
    const r = await runEum(['account', 'show', '--endpoint-url', endpoint, '--debug', '--max-attempts', '1']);
    expect(r.stderr).toMatch(/\[debug\] Describe\w+ 400 \d+ms request-id=req-123 attempt=1 error=ValidationException/);
    expect(r.stderr).toContain('    at ');
    expect(r.stderr).not.toMatch(/AKIA|Signature=|eum-simulator-accepts-any-key/);
  });

  it('an unreachable endpoint is a clear operation error', async () => {
    const r = await runEum(['account', 'show', '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('could not reach the SMS API');
  });

  it('Ctrl-C during a command exits 130', async () => {
    answer = { status: 400, type: 'ThrottlingException', body: {} };
    const controller = new AbortController();
    const { base, stderr } = fakeBase({ signal: controller.signal });
    const run = main(['account', 'show', '--endpoint-url', endpoint, '--max-attempts', '10'], base);
    setTimeout(() => controller.abort(), 50);
    expect(await run).toBe(ExitCode.Interrupted);
    expect(stderr.text).toContain('interrupted');
  });

  it('input errors list every problem and map to exit 2', () => {
    const err = new InputError([
      { field: '--to', message: 'not a valid phone number' },
      { field: '--body', message: 'is empty' },
    ]);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('2 problems');
    expect(errorJson(err).error.problems).toHaveLength(2);
  });
});

describe('error messages never print what they should not', () => {
  it('an API message with escape sequences is printed escaped', async () => {
    answer = { status: 400, type: 'ValidationException', body: { message: 'bad \u001b]0;owned\u0007value\u001b[2J' } };
    const r = await runEum(['account', 'show', '--endpoint-url', endpoint, '--max-attempts', '1']);
    expect(r.code).toBe(ExitCode.Failed);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('\\e]0;owned\\x07value\\e[2J');
    const json = await runEum(['account', 'show', '--endpoint-url', endpoint, '--max-attempts', '1', '--json']);
    expect(json.stdout).not.toMatch(/[\u001b\u0007]/);
  });

  it('a long message line is cut and a long list summarised; --json keeps every problem', async () => {
    const { boundedMessage } = await import('../../src/cli/run.js');
    const cut = boundedMessage(`bad value ${'x'.repeat(5000)}`);
    expect(cut.length).toBeLessThan(500);
    expect(cut).toContain('more characters');
    const many = boundedMessage(Array.from({ length: 150 }, (_, i) => `line ${i}`).join('\n'));
    expect(many.split('\n')).toHaveLength(101);
    expect(many).toContain('50 more lines');
  });

  it('a YAML error about an input file names the line, not the file contents', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-yaml-'));
    try {
      const file = path.join(dir, 'protect.yaml');
      writeFileSync(file, 'version: 1\nconfigurations:\n  secret-token-4f9a: [unclosed\n  other: "x"\n');
      const r = await runEum(['--sim', 'protect', 'apply', '-f', file, '--plan'], { home: dir });
      expect(r.code).toBe(ExitCode.Usage);
      expect(r.stderr).toContain(`${file}:4`);
      expect(r.stderr).not.toContain('secret-token-4f9a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('piped results stay one line per item', () => {
  it('a two-line API error does not split the rows of a bulk run', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eum-rows-'));
    try {
      answer = { status: 400, type: 'ValidationException', body: { message: 'first line\nsecond line\u001b[31m', Reason: 'UNKNOWN_OPERATION' } };
      const ids = Array.from({ length: 50 }, (_, i) => `0f9a7c1e-2b6d-4a8e-9c3f-${String(i).padStart(12, '0')}`);
      const file = path.join(dir, 'ids.txt');
      writeFileSync(file, `${ids.join('\n')}\n`);
      const r = await runEum(['feedback', 'put', '--file', file, '--status', 'RECEIVED', '--endpoint-url', endpoint, '--max-attempts', '1'], { home: dir });
      expect(r.code).toBe(ExitCode.Failed);
      const lines = r.stdout.split('\n').filter(Boolean);
      expect(lines).toHaveLength(50);
      for (const line of lines) expect(line.split('\t')).toHaveLength(4);
      expect(lines[0]).toContain('first line\\nsecond line\\e[31m');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
