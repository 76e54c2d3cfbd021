/** `eum help environment`: every environment variable eum reads. */

export const ENVIRONMENT_VARIABLES: Array<[name: string, description: string]> = [
  ['AWS_REGION, AWS_DEFAULT_REGION', 'the AWS Region when --region is not given (AWS_REGION wins)'],
  ['AWS_PROFILE', 'the shared-config profile when --profile is not given'],
  [
    'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN',
    'credentials, read by the AWS SDK (the default chain: env, SSO, shared files, instance roles)',
  ],
  [
    'AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE',
    "where the AWS SDK finds your shared config and credentials (default ~/.aws/config, ~/.aws/credentials); eum reads the config's endpoint_url too",
  ],
  ['AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2', 'the endpoint when --endpoint-url is not given (wins over AWS_ENDPOINT_URL and the config file)'],
  ['AWS_ENDPOINT_URL', 'the endpoint for every AWS service when nothing more specific is set'],
  [
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    'true: ignore endpoints from the environment and the config file (endpoint_url, services sections); --endpoint-url still applies',
  ],
  ['EUM_HOME', "eum's state directory (ledger, journals, caches, --sim state); default $XDG_STATE_HOME/eum or ~/.local/state/eum"],
  ['XDG_STATE_HOME', 'the base of the default state directory'],
  ['HOME, USERPROFILE', 'your home directory: the default state directory and ~/.aws/config'],
  ['EUM_SIM', '1: behave as if --sim were given'],
  ['EUM_SIM_QUOTAS', "1: --sim enforces the API's default rate quotas (off by default)"],
  ['EUM_MAX_ATTEMPTS', 'attempts per request when --max-attempts is not given (default 3)'],
  ['EUM_CONNECT_TIMEOUT', 'seconds to wait for a connection when --cli-connect-timeout is not given (default 10; 0: no limit)'],
  ['EUM_READ_TIMEOUT', 'seconds a silent connection may wait for an answer when --cli-read-timeout is not given (default 60; 0: no limit)'],
  ['EUM_DEBUG', '1: behave as if --debug were given'],
  ['NO_COLOR', 'any value: no colour'],
  ['FORCE_COLOR', '0: no colour'],
  ['TERM', 'dumb: no colour'],
  ['CI', 'any value but 0/false: never prompt (as with --no-input)'],
];

export function environmentHelp(): string {
  const width = Math.max(...ENVIRONMENT_VARIABLES.map(([n]) => n.length));
  const lines = ENVIRONMENT_VARIABLES.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`);
  return `Environment variables eum reads (flags win over environment, environment over the AWS shared config):\n\n${lines.join('\n')}\n`;
}
