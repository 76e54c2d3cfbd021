#!/usr/bin/env node
// Throughput of sends with events on: SendTextMessage through a configuration set whose event
// destination takes every event (TEXT_SUCCESSFUL recorded at once, the final event scheduled), with
// quotas off and a memory store, over keep-alive connections. The clock is then moved past the
// carrier delay and the final events are read back, so the scheduled half is paid for too.
//
// usage: node bench/sim/send-events.mjs [--sends 20000] [--concurrency 16] [--events-dir DIR]
//   --events-dir  also append every event to JSON-lines files under DIR (removed afterwards if it
//                 was created by the bench)
// Bounded: at most --sends sends, stops by itself; loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleSim } from './bundle.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const SENDS = Number(arg('sends', 20000));
const CONCURRENCY = Number(arg('concurrency', 16));
const EVENTS_DIR = process.argv.includes('--events-dir') ? (arg('events-dir') ?? mkdtempSync(path.join(os.tmpdir(), 'eum-events-'))) : undefined;
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/sms-voice/aws4_request, SignedHeaders=host;x-amz-date, Signature=0';

function caller(endpoint) {
  const url = new URL(endpoint);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const request = (method, p, headers, payload) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, method, path: p, agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${p}: HTTP ${res.statusCode} ${text}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  const api = (operation, body) =>
    request(
      'POST',
      '/',
      { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `PinpointSMSVoiceV2.${operation}`, Authorization: AUTH },
      JSON.stringify(body),
    );
  const hook = (method, p, body) => request(method, p, body ? { 'Content-Type': 'application/json' } : {}, body ? JSON.stringify(body) : '');
  return { api, hook, close: () => agent.destroy() };
}

const bundle = await bundleSim();
const { startSimServer, createMemoryStore } = await import(bundle);
const config = { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, ...(EVENTS_DIR ? { eventsDir: EVENTS_DIR } : {}) };
const server = await startSimServer({ config, store: createMemoryStore() });
const { api, hook, close } = caller(server.endpoint);
try {
  await api('CreateConfigurationSet', { ConfigurationSetName: 'bench' });
  await api('CreateEventDestination', {
    ConfigurationSetName: 'bench',
    EventDestinationName: 'logs',
    MatchingEventTypes: ['ALL'],
    CloudWatchLogsDestination: { IamRoleArn: 'arn:aws:iam::123456789012:role/sms', LogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:sms' },
  });
  const send = (i) =>
    api('SendTextMessage', {
      DestinationPhoneNumber: `+1206555${String(1000 + (i % 9000)).padStart(4, '0')}`,
      MessageBody: 'Your code is 123456',
      ConfigurationSetName: 'bench',
      Context: { n: String(i) },
    });
  for (let i = 0; i < 200; i++) await send(i); // warm-up (JIT)
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < SENDS) await send(next++);
    }),
  );
  const sendSeconds = (performance.now() - t0) / 1000;
  await hook('POST', '/_eum/clock', { advanceSeconds: 10 });
  const t1 = performance.now();
  const page = await hook('GET', '/_eum/events?configurationSet=bench&limit=10');
  const releaseMs = performance.now() - t1;
  console.log(
    `simulator in process at ${server.endpoint}; ${SENDS} SendTextMessage at ${CONCURRENCY} in flight, events to 1 destination${EVENTS_DIR ? ` and ${EVENTS_DIR}` : ''}`,
  );
  console.log(`sends with events: ${Math.round(SENDS / sendSeconds)} sends/second`);
  console.log(`final events released in ${Math.round(releaseMs)} ms (last seq ${page.last}, ${page.pending} still pending)`);
} finally {
  close();
  await server.close();
  if (EVENTS_DIR && !arg('events-dir')) rmSync(EVENTS_DIR, { recursive: true, force: true });
}
