// The floor under any one-shot command in Node: one SigV4-signed PutMessageFeedback with nothing
// but node:http and node:crypto (no CLI, no context, no ledger), printing the reply.
//   node bare-call.cjs ENDPOINT ID
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const [endpoint, messageId] = process.argv.slice(2);
const url = new URL(endpoint);
const body = JSON.stringify({ MessageId: messageId, MessageFeedbackStatus: 'RECEIVED' });
const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
const day = amzDate.slice(0, 8);
const scope = `${day}/us-east-1/sms-voice/aws4_request`;
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (k, s) => crypto.createHmac('sha256', k).update(s).digest();
const headers = {
  'content-type': 'application/x-amz-json-1.0',
  host: url.host,
  'x-amz-date': amzDate,
  'x-amz-target': 'PinpointSMSVoiceV2.PutMessageFeedback',
};
const names = Object.keys(headers).sort();
const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha(body)].join('\n');
const key = ['us-east-1', 'sms-voice', 'aws4_request'].reduce(hmac, hmac('AWS4bench', day));
const signature = crypto
  .createHmac('sha256', key)
  .update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`)
  .digest('hex');
headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIAEUMBENCH/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
const req = http.request(url, { method: 'POST', headers }, (res) => {
  let text = '';
  res.setEncoding('utf8').on('data', (d) => (text += d));
  res.on('end', () => {
    process.stdout.write(`${text}\n`);
    if (res.statusCode !== 200) process.exitCode = 1;
  });
});
req.end(body);
