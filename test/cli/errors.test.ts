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
