#!/usr/bin/env node
// Throughput of the simulator's hot path: PutMessageFeedback with quotas off, memory store.
// Sends --messages messages with feedback enabled, then fires --requests PutMessageFeedback calls
// at --concurrency in flight over keep-alive connections, and prints requests per second.
//
// usage: node bench/sim/put-feedback.mjs [--requests 20000] [--concurrency 16] [--messages 1000]
//                                        [--client raw|sdk|both] [--child]
//   --child  runs the simulator in a child process (client and server do not share a core)
// Bounded: at most --requests requests, stops by itself; loopback only.
// Conventions for benchmarks (interleaved runs, medians, a shared machine): CONTRIBUTING.md.
import { fork } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { bundleSim } from './bundle.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const REQUESTS = Number(arg('requests', 20000));
const CONCURRENCY = Number(arg('concurrency', 16));
const MESSAGES = Number(arg('messages', 1000));
const CLIENT = arg('client', 'both');
const CONFIG = { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0 };
// The simulator accepts any SigV4 key; it reads only the credential scope.
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sms-voice/aws4_request, SignedHeaders=host;x-amz-date, Signature=0';

// Child mode: serve and report the endpoint to the parent.
if (process.argv.includes('--serve')) {
  const { startSimServer, createMemoryStore } = await import(process.argv[process.argv.indexOf('--serve') + 1]);
  const server = await startSimServer({ config: CONFIG, store: createMemoryStore() });
  process.send({ endpoint: server.endpoint });
  process.on('disconnect', () => server.close().then(() => process.exit(0)));
} else {
  await main();
}

async function startServer() {
  const bundle = await bundleSim();
  if (process.argv.includes('--child')) {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', bundle], { stdio: 'inherit' });
    const endpoint = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.endpoint));
      child.once('exit', (code) => reject(new Error(`simulator child exited ${code}`)));
    });
    return { endpoint, where: 'child process', close: async () => child.disconnect() };
  }
  const { startSimServer, createMemoryStore } = await import(bundle);
  const server = await startSimServer({ config: CONFIG, store: createMemoryStore() });
  return { endpoint: server.endpoint, where: 'in process', close: () => server.close() };
}

function rawCaller(endpoint) {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  return (operation, body) =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'Content-Type': 'application/x-amz-json-1.0',
            'X-Amz-Target': `PinpointSMSVoiceV2.${operation}`,
            Authorization: AUTH,
            'Content-Length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${operation}: HTTP ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

async function sdkCaller(endpoint) {
  const sdk = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const client = new sdk.PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
    maxAttempts: 1,
  });
  const call = (operation, body) => client.send(new sdk[`${operation}Command`](body));
  call.destroy = () => client.destroy();
  return call;
}

async function run(call, ids) {
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      await call('PutMessageFeedback', { MessageId: ids[i % ids.length], MessageFeedbackStatus: i % 3 ? 'RECEIVED' : 'FAILED' });
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return REQUESTS / ((performance.now() - t0) / 1000);
}

async function main() {
  const server = await startServer();
  const raw = rawCaller(server.endpoint);
  const ids = [];
  for (let i = 0; i < MESSAGES; i++) {
    const r = await raw('SendTextMessage', {
      DestinationPhoneNumber: `+1206555${String(1000 + (i % 9000)).padStart(4, '0')}`,
      MessageBody: 'Your code is 123456',
      MessageFeedbackEnabled: true,
    });
    ids.push(r.MessageId);
  }
  console.log(`simulator ${server.where} at ${server.endpoint}; ${MESSAGES} messages; ${REQUESTS} PutMessageFeedback at ${CONCURRENCY} in flight`);
  try {
    if (CLIENT === 'raw' || CLIENT === 'both') {
      await run(raw, ids.slice(0, 50)); // warm-up (JIT)
      const rps = await run(raw, ids);
      console.log(`raw http keep-alive: ${Math.round(rps)} requests/second`);
    }
    if (CLIENT === 'sdk' || CLIENT === 'both') {
      const sdk = await sdkCaller(server.endpoint);
      const rps = await run(sdk, ids);
      sdk.destroy();
      console.log(`AWS SDK v3 client:   ${Math.round(rps)} requests/second`);
    }
  } finally {
    await server.close();
  }
}
