// The floor under `eum opt-out list`: the AWS SDK alone paging through a list (100 per page, as
// eum does), with eum's compile cache. Prints {"pagesMs":..,"count":..}: the time of the pages
// alone (the simulator's own time for them, plus the SDK's), after the SDK has loaded.
//   node sdk-pages.cjs ENDPOINT [LIST]
'use strict';
require('node:module').enableCompileCache?.();
const [endpoint, list = 'Default'] = process.argv.slice(2);
const sdk = require('@aws-sdk/client-pinpoint-sms-voice-v2');
const client = new sdk.PinpointSMSVoiceV2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAEUMBENCH', secretAccessKey: 'bench' } });
(async () => {
  const started = process.hrtime.bigint();
  let count = 0;
  for await (const page of sdk.paginateDescribeOptedOutNumbers({ client, pageSize: 100 }, { OptOutListName: list })) count += page.OptedOutNumbers.length;
  const pagesMs = Number(process.hrtime.bigint() - started) / 1e6;
  client.destroy();
  process.stdout.write(`${JSON.stringify({ pagesMs, count })}\n`);
})();
