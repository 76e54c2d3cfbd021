// Starts `eum sim start --port 0 --json` as a child process and reads its endpoint.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { userEnv } from './spawn-timer.mjs';

export const EUM_BIN = fileURLToPath(new URL('../../bin/eum.js', import.meta.url));

/** Starts a simulator (or uses BENCH_ENDPOINT) and returns { endpoint, stop() }. */
export async function startSim(args = ['--no-quotas']) {
  if (process.env.BENCH_ENDPOINT) return { endpoint: process.env.BENCH_ENDPOINT, stop: async () => {} };
  const child = spawn(process.execPath, [EUM_BIN, 'sim', 'start', '--port', '0', '--json', ...args], {
    env: userEnv({ CI: 'true' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)).endpoint);
    });
    child.on('exit', (code) => reject(new Error(`eum sim start exited ${code}`)));
  });
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', resolve);
        child.kill('SIGINT');
      }),
  };
}

/** Sends `count` messages with feedback through the SDK (concurrency 32) and returns their ids. */
export async function sendMessages(endpoint, count) {
  const { createRequire } = await import('node:module');
  const require = createRequire(fileURLToPath(new URL('../../package.json', import.meta.url)));
  const { PinpointSMSVoiceV2Client, SendTextMessageCommand } = require('@aws-sdk/client-pinpoint-sms-voice-v2');
  const client = new PinpointSMSVoiceV2Client({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' },
    maxAttempts: 10,
  });
  const ids = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const out = await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: '+12065550100',
          MessageBody: `Your code is ${100000 + (i % 900000)}`,
          MessageFeedbackEnabled: true,
        }),
      );
      ids[i] = out.MessageId;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  client.destroy();
  return ids;
}
