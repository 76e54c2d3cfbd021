/**
 * The light path (`src/aws/light-call.ts`) against the SDK client (`src/aws/client.ts`): the same
 * call makes the same request and fails with the same errors, as `translateAwsError` and
 * `retry.ts` see them. Both run over real HTTP against a small loopback server that records what
 * it received and answers as each test says.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutMessageFeedbackCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsClient } from '../../src/aws/client.js';
import { lightJsonCall, lightTarget, signV4, type LightTarget, type LightTargetInput } from '../../src/aws/light-call.js';
import { classifyError } from '../../src/aws/retry.js';
import { translateAwsError } from '../../src/aws/errors.js';
import { runEum } from '../helpers/streams.js';
import { eumSpawn } from '../helpers/spawn.js';
import { tempDir } from '../helpers/temp.js';
import { clearSimRequests, simRequests, startSim } from '../feedback/sim.js';

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** SHA-256 for @smithy/signature-v4 from node:crypto (the SDK's own hash class). */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server;
let endpoint: string;
const received: Received[] = [];
let answer: Answer;
const ok: Answer = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-ok' });
  res.end(JSON.stringify({ MessageId: 'm-1', MessageFeedbackStatus: 'RECEIVED' }));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res, received.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  answer = ok;
});

const credentials = { accessKeyId: 'AKIDLIGHTTEST', secretAccessKey: 'light-secret' };
const input = { MessageId: 'm-1', MessageFeedbackStatus: 'RECEIVED' };

function target(overrides: Partial<LightTarget> = {}): LightTarget {
  return { endpoint, region: 'us-east-1', credentials, userAgent: 'eum/0.0.0-test', maxAttempts: 1, connectTimeoutMs: 2000, readTimeoutMs: 2000, ...overrides };
}

async function viaSdk(overrides: { maxAttempts?: number; readTimeoutMs?: number; signal?: AbortSignal } = {}): Promise<unknown> {
  const client = await createSmsClient({
    region: 'us-east-1',
    endpoint,
    credentials,
    userAgent: 'eum/0.0.0-test',
    maxAttempts: 1,
    connectTimeoutMs: 2000,
    readTimeoutMs: 2000,
    ...overrides,
  });
  try {
    return await client.send(new PutMessageFeedbackCommand({ MessageId: 'm-1', MessageFeedbackStatus: 'RECEIVED' }));
  } finally {
    client.destroy();
  }
}

function viaLight(overrides: Partial<LightTarget> = {}): Promise<unknown> {
  return lightJsonCall(target(overrides), 'PutMessageFeedback', input, { idempotent: true });
}

async function failure(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** What eum makes of an error: the fields translation and classification read, and their results. */
function seen(err: any) {
  const t = translateAwsError(err, { operation: 'PutMessageFeedback' });
  return {
    name: err.name,
    message: err.message,
    fault: err.$fault,
    status: err.$metadata?.httpStatusCode,
    requestId: err.$metadata?.requestId,
    attempts: err.$metadata?.attempts,
    reason: err.Reason,
    fields: err.Fields,
    retryable: err.$retryable,
    code: err.code,
    operation: err.$operation,
    endpoint: err.$endpoint,
    idempotent: classifyError(err, { idempotent: true }),
    send: classifyError(err, { idempotent: false }),
    translated: { code: t.code, message: t.message, hint: t.hint, exitCode: t.exitCode },
  };
}

describe('the light path makes the request the SDK makes', () => {
  it('same operation, path, body, target, content type, signed headers and credential scope', async () => {
    await viaSdk();
    await viaLight();
    expect(received).toHaveLength(2);
    const [sdk, light] = received;
    expect(light.method).toBe(sdk.method);
    expect(light.url).toBe(sdk.url);
    expect(JSON.parse(light.body)).toEqual(JSON.parse(sdk.body));
    for (const h of ['x-amz-target', 'content-type', 'content-length', 'host', 'amz-sdk-request']) expect([h, light.headers[h]]).toEqual([h, sdk.headers[h]]);
    const auth = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/;
    const [, sdkScope, sdkSigned] = auth.exec(String(sdk.headers.authorization)) ?? [];
    const [, lightScope, lightSigned] = auth.exec(String(light.headers.authorization)) ?? [];
    expect(lightScope).toBe(sdkScope);
    expect(sdkScope).toMatch(/^AKIDLIGHTTEST\/\d{8}\/us-east-1\/sms-voice\/aws4_request$/);
    expect(lightSigned).toBe(sdkSigned);
    expect(light.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(light.headers['user-agent']).toContain('eum/0.0.0-test');
    expect(light.headers['x-amz-user-agent']).toContain('eum/0.0.0-test');
  });

  it('a session token is sent and signed, as by the SDK', async () => {
    const withToken = { ...credentials, sessionToken: 'token-1' };
    const client = await createSmsClient({ region: 'us-east-1', endpoint, credentials: withToken, userAgent: 'eum/0.0.0-test', maxAttempts: 1 });
    await client.send(new PutMessageFeedbackCommand({ MessageId: 'm-1', MessageFeedbackStatus: 'RECEIVED' }));
    client.destroy();
    await viaLight({ credentials: withToken });
    const [sdk, light] = received;
    expect(light.headers['x-amz-security-token']).toBe('token-1');
    expect(sdk.headers['x-amz-security-token']).toBe('token-1');
    const signed = (r: Received) => /SignedHeaders=([^,]+)/.exec(String(r.headers.authorization))?.[1];
    expect(signed(light)).toBe(signed(sdk));
  });

  it('the signature is the one @smithy/signature-v4 computes for the same request', async () => {
    const headers = {
      'content-type': 'application/x-amz-json-1.0',
      host: 'sms-voice.eu-west-1.amazonaws.com',
      'x-amz-date': '20261202T070000Z',
      'x-amz-target': 'PinpointSMSVoiceV2.PutMessageFeedback',
      'x-amz-security-token': 'token-1',
      'x-amz-content-sha256': createHash('sha256').update(JSON.stringify(input)).digest('hex'),
    };
    const body = JSON.stringify(input);
    const withToken = { ...credentials, sessionToken: 'token-1' };
    const mine = signV4({ headers, body, region: 'eu-west-1', service: 'sms-voice', credentials: withToken, amzDate: '20261202T070000Z' });
    const signer = new SignatureV4({ credentials: withToken, region: 'eu-west-1', service: 'sms-voice', sha256: NodeSha256 });
    const theirs = await signer.sign(
      { method: 'POST', protocol: 'https:', hostname: headers.host, path: '/', query: {}, headers: { ...headers }, body },
      { signingDate: new Date('2026-12-02T07:00:00Z') },
    );
    expect(mine).toBe(theirs.headers.authorization);
  });

  it('the output is the parsed answer', async () => {
    expect(await viaLight()).toEqual({ MessageId: 'm-1', MessageFeedbackStatus: 'RECEIVED' });
  });
});

describe('the light path fails as the SDK does', () => {
  const cases: Array<[string, Answer]> = [
    [
      'throttling',
      (_req, res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.pinpointsmsvoicev2#ThrottlingException', Message: 'Rate exceeded' }));
      },
    ],
    [
      'HTTP 429 without a type',
      (_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-2' });
        res.end('{}');
      },
    ],
    [
      'validation, with Reason and Fields',
      (_req, res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-3' });
        res.end(
          JSON.stringify({
            __type: 'ValidationException',
            Message: 'bad input for +12065550100',
            Reason: 'INVALID_PARAMETER',
            Fields: [{ Name: 'MessageId', Message: 'too long' }],
          }),
        );
      },
    ],
    [
      'not found',
      (_req, res) => {
        res.writeHead(404, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-4' });
        res.end(JSON.stringify({ __type: 'ResourceNotFoundException', Message: 'no such message', ResourceType: 'message', ResourceId: 'm-1' }));
      },
    ],
    [
      'access denied, type in the x-amzn-errortype header',
      (_req, res) => {
        res.writeHead(403, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': 'req-5',
          'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/',
        });
        res.end(JSON.stringify({ Message: 'not allowed' }));
      },
    ],
    [
      'a server error',
      (_req, res) => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-6' });
        res.end(JSON.stringify({ __type: 'InternalServerException', Message: 'oops' }));
      },
    ],
    [
      'an error type the model does not declare',
      (_req, res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-7' });
        res.end(JSON.stringify({ __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }));
      },
    ],
    [
      'an HTML page from a proxy (HTTP 502)',
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body>Bad Gateway</body></html>');
      },
    ],
    [
      'an empty 503',
      (_req, res) => {
        res.writeHead(503);
        res.end();
      },
    ],
    [
      'a dropped connection',
      (req) => {
        req.socket.destroy();
      },
    ],
  ];
  for (const [what, respond] of cases) {
    it(what, async () => {
      answer = respond;
      const sdk = await failure(viaSdk());
      const light = await failure(viaLight());
      expect(seen(light)).toEqual(seen(sdk));
    });
  }

  it('an answer larger than 1 MB is not read to its end: not the SMS API', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(`{"MessageId":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    };
    const light = await failure(viaLight());
    expect(seen(light)).toMatchObject({ name: 'SyntaxError', status: 200, idempotent: 'permanent', translated: { code: 'NOT_THE_SMS_API' } });
  });

  it('a read timeout', async () => {
    answer = () => {}; // never answers
    const sdk = await failure(viaSdk({ readTimeoutMs: 300 }));
    const light = await failure(viaLight({ readTimeoutMs: 300 }));
    expect(seen(light)).toEqual(seen(sdk));
    expect(light.message).toMatch(/no answer for 0.3 s \(--cli-read-timeout\)/);
  });

  it('an abort while the request is in flight', async () => {
    answer = () => {};
    const abortAfterReceipt = () => {
      const ac = new AbortController();
      const count = received.length;
      const timer = setInterval(() => {
        if (received.length > count) {
          clearInterval(timer);
          ac.abort();
        }
      }, 5);
      return ac.signal;
    };
    const sdk = await failure(viaSdk({ signal: abortAfterReceipt() }));
    const light = await failure(viaLight({ signal: abortAfterReceipt() }));
    expect(seen(light)).toEqual(seen(sdk));
    expect(light.name).toBe('AbortError');
  });

  it('attempts: a throttled and a failed attempt are tried again, with the attempt number sent', async () => {
    for (const run of [() => viaSdk({ maxAttempts: 3 }), () => viaLight({ maxAttempts: 3 })]) {
      received.length = 0;
      answer = (req, res, n) => {
        if (n === 1) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify({ __type: 'ThrottlingException', Message: 'slow down' }));
        } else if (n === 2) {
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
          res.end(JSON.stringify({ __type: 'InternalServerException', Message: 'oops' }));
        } else ok(req, res, n);
      };
      await run();
      expect(received.map((r) => r.headers['amz-sdk-request'])).toEqual(['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
      expect(new Set(received.map((r) => r.headers['amz-sdk-invocation-id'])).size).toBe(1);
    }
  });

  it('attempts: a refusal is not tried again; the error counts the attempts', async () => {
    answer = (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'ResourceNotFoundException', Message: 'no such message' }));
    };
    const sdk = await failure(viaSdk({ maxAttempts: 3 }));
    const light = await failure(viaLight({ maxAttempts: 3 }));
    expect(received).toHaveLength(2);
    expect(seen(light)).toEqual(seen(sdk));
  });
});

describe('lightTarget: static credentials only, else the SDK client', () => {
  const dir = tempDir('eum-light-');
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text, { mode: 0o600 });
    return p;
  };
  const base = (env: Record<string, string | undefined>, extra: Partial<LightTargetInput> = {}) =>
    lightTarget({ env: { HOME: dir, ...env }, userAgent: 'eum/0.0.0-test', connectTimeoutMs: 1000, readTimeoutMs: 1000, ...extra });

  it('keys in the environment, the Region from the flag or the environment: the regional endpoint the SDK resolves', async () => {
    const t = base({ AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 'tok' }, { region: 'eu-west-1' });
    expect(t).toMatchObject({
      endpoint: 'https://sms-voice.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDENV', secretAccessKey: 's', sessionToken: 'tok' },
    });
    const client = await createSmsClient({ region: 'eu-west-1', credentials, userAgent: 'eum/0.0.0-test' });
    const resolved = client.config.endpointProvider({ Region: 'eu-west-1', UseFIPS: false, UseDualStack: false });
    client.destroy();
    expect(`${resolved.url.origin}`).toBe(t?.endpoint);
  });

  it('a profile with keys in the shared files, its Region in the config file; a named profile skips the environment, as the SDK does', () => {
    const env = {
      AWS_CONFIG_FILE: file('config', '[default]\nregion = us-west-2\n[profile other]\nregion = ca-central-1\n'),
      AWS_SHARED_CREDENTIALS_FILE: file(
        'credentials',
        '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = o\n',
      ),
    };
    expect(base(env)).toMatchObject({ region: 'us-west-2', credentials: { accessKeyId: 'AKIDFILE' } });
    expect(base({ ...env, AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' }, { profile: 'other' })).toMatchObject({
      region: 'ca-central-1',
      credentials: { accessKeyId: 'AKIDOTHER' },
    });
  });

  it('credentials from a provider (SSO, a role, a process, web identity, none found), no Region, FIPS, dual-stack, another partition, an endpoint with a path: undefined', () => {
    const creds = file('creds-p', '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n');
    for (const profile of [
      'credential_process = /bin/true',
      'role_arn = arn:aws:iam::123456789012:role/x\nsource_profile = base',
      'sso_session = corp',
      'sso_start_url = https://x.awsapps.com/start',
      'web_identity_token_file = /tmp/t',
    ]) {
      expect(
        base({ AWS_CONFIG_FILE: file('config-p', `[default]\nregion = us-east-1\n${profile}\n`), AWS_SHARED_CREDENTIALS_FILE: creds }),
        profile,
      ).toBeUndefined();
    }
    const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 's' };
    expect(base({}, { region: 'us-east-1' })).toBeUndefined();
    expect(base(env)).toBeUndefined();
    expect(base({ ...env, AWS_USE_FIPS_ENDPOINT: 'true' }, { region: 'us-east-1' })).toBeUndefined();
    expect(base({ ...env, AWS_USE_DUALSTACK_ENDPOINT: 'true' }, { region: 'us-east-1' })).toBeUndefined();
    expect(base(env, { region: 'cn-north-1' })).toBeUndefined();
    expect(base(env, { region: 'us-gov-west-1' })).toBeUndefined();
    expect(base(env, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9/prefix' })).toBeUndefined();
    expect(base(env, { region: 'us-east-1', endpoint: 'http://127.0.0.1:9/' })).toMatchObject({ endpoint: 'http://127.0.0.1:9' });
  });
});

describe('eum feedback put end to end (the built binary)', () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  /** A profile whose keys come from a process: the SDK client makes the call. */
  function processProfile(home: string): Record<string, string> {
    const keys = path.join(home, 'keys.json');
    writeFileSync(keys, JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROCESS', SecretAccessKey: 'p' }));
    const config = path.join(home, 'aws-config');
    writeFileSync(config, `[profile proc]\nregion = us-east-1\ncredential_process = cat ${keys}\n`);
    return { EUM_HOME: home, AWS_PROFILE: 'proc', AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none') };
  }

  it('posts through the light path with static keys, and through the SDK with a credential process; the simulator sees the same call', async () => {
    const home = tempDir('eum-light-e2e-');
    const sent = await runEum(['--endpoint-url', sim.endpoint, 'send', '--to', '+12065550100', '--body', 'code 1', '--feedback'], { home });
    expect(sent.code).toBe(0);
    const id = sent.stdout.trim();
    await clearSimRequests(sim.endpoint);
    const light = await eumSpawn(['--endpoint-url', sim.endpoint, '--json', '--debug', 'feedback', 'put', id, 'RECEIVED'], {
      EUM_HOME: home,
      NODE_DEBUG: 'module',
    }).done;
    expect(light.code).toBe(0);
    // The point of the light path: the SDK is never loaded.
    expect(light.stderr).not.toContain('client-pinpoint-sms-voice-v2');
    expect(light.stderr).not.toContain('@smithy/');
    expect(JSON.parse(light.stdout)).toMatchObject({ messageId: id, status: 'RECEIVED', region: 'us-east-1', recorded: true });
    expect(light.stderr).toMatch(/PutMessageFeedback 200 \d+ms request-id=\S+ attempt=1 input=/);
    const sdk = await eumSpawn(['--endpoint-url', sim.endpoint, '--json', '--debug', 'feedback', 'put', id, 'FAILED'], {
      ...processProfile(home),
      NODE_DEBUG: 'module',
    }).done;
    expect(sdk.code).toBe(0);
    expect(sdk.stderr).toContain('client-pinpoint-sms-voice-v2');
    expect(JSON.parse(sdk.stdout)).toMatchObject({ messageId: id, status: 'FAILED', region: 'us-east-1', recorded: true });
    expect(sdk.stderr).toMatch(/PutMessageFeedback 200 \d+ms request-id=\S+ attempt=1 input=/);
    const calls = (await simRequests(sim.endpoint)).filter((r) => r.operation === 'PutMessageFeedback');
    expect(calls.map((c) => c.status ?? c.httpStatus)).toEqual([200, 200]);
  });

  it('an unknown id: the same error, JSON and exit code through both paths', async () => {
    const home = tempDir('eum-light-e2e-');
    const args = ['--endpoint-url', sim.endpoint, '--json', 'feedback', 'put', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'RECEIVED'];
    const light = await eumSpawn(args, { EUM_HOME: home }).done;
    const sdk = await eumSpawn(args, processProfile(home)).done;
    const requestId = (r: { stdout: string }) => JSON.parse(r.stdout).error.requestId as string;
    const same = (r: { code: number | null; stdout: string; stderr: string }) => ({
      code: r.code,
      stdout: r.stdout.replaceAll(requestId(r), 'ID'),
      stderr: r.stderr.replaceAll(requestId(r), 'ID'),
    });
    expect(light.code).toBe(1);
    expect(JSON.parse(light.stdout).error.code).toBe('ResourceNotFoundException');
    expect(same(light)).toEqual(same(sdk));
  });
});
