// The floor under `eum feedback put`: the AWS SDK alone, with eum's compile cache.
//   node sdk-only.cjs load                  loads the SDK client package, nothing else
//   node sdk-only.cjs call ENDPOINT ID      ... and sends one PutMessageFeedback
'use strict';
require('node:module').enableCompileCache?.();
const [mode, endpoint, messageId] = process.argv.slice(2);
const sdk = require('@aws-sdk/client-pinpoint-sms-voice-v2');
if (mode === 'call') {
  const client = new sdk.PinpointSMSVoiceV2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' } });
  client.send(new sdk.PutMessageFeedbackCommand({ MessageId: messageId, MessageFeedbackStatus: 'RECEIVED' })).then(() => client.destroy());
}
