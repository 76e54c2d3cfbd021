/**
 * What to do about an API error, by its `Reason` (every value of the model's exception Reason
 * enums is here or in HINTLESS_REASONS, with why; a test holds the two lists to the model), by the
 * resource a ResourceNotFoundException names, and by exception name. A hint names a flag only when
 * the command that failed has it (`has`), so `account show` is never told to lower a `--rate` it
 * does not take; global options (`--region`, `--endpoint-url`, `--max-attempts`) are always there.
 */

export interface HintContext {
  /** Whether the command that failed has this option, e.g. `has('--rate')`. */
  has(flag: string): boolean;
}

type Hint = string | ((c: HintContext) => string);

const quota = 'request an increase in the Service Quotas console (End User Messaging SMS)';
const fromFlag = (c: HintContext, what: string) => (c.has('--from') ? `${what} with --from` : what);

/** Reason -> what to do. */
export const REASON_HINTS: Record<string, Hint> = {
  // AccessDeniedException
  INSUFFICIENT_ACCOUNT_REPUTATION: 'AWS restricted sending from this account for its reputation: open a case with AWS Support',
  ACCOUNT_DISABLED: 'the account is disabled for SMS: open a case with AWS Support',

  // ConflictException
  CREATE_REGISTRATION_VERSION_NOT_ALLOWED: 'a new version opens only on a denied or approved registration: see its status with eum registration show <id>',
  DELETION_PROTECTION_ENABLED: 'deletion protection is on: turn it off first (Protect: eum protect update <id> --no-deletion-protection)',
  DESTINATION_PHONE_NUMBER_NOT_VERIFIED:
    'the account is in the sandbox: it sends only to verified destination numbers (up to 10) and simulator numbers, within a $1 monthly spend limit. Verify this one with eum verify add +E164 (a code goes to the handset), then eum verify confirm +E164 CODE; or request production access (Support case). eum account show shows the tier',
  VERIFICATION_CODE_EXPIRED: 'the code has expired (codes last about 15 minutes): send a new one with eum verify add +E164, then confirm it',
  VERIFICATION_ALREADY_COMPLETE: 'the number is verified already: the sandbox no longer blocks messages to it (eum verify list)',
  VERIFICATION_CODE_MISMATCH: 'the code does not match the last one sent (or none was sent): check it, or send a new one with eum verify add +E164',
  VERIFICATION_ATTEMPTS_PER_DAY: 'at most 5 codes per number in 24 hours: use the last code sent, or try again tomorrow',
  VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT:
    'the sandbox allows 10 verified destination numbers: remove one with eum verify remove +E164 (24 hours after it was added), or request production access',
  REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT:
    "an override cannot exceed the account's limit (Max in eum account show): request a higher spend quota from AWS Support first",
  CONFIGURATION_SETS_PER_ACCOUNT: `no more configuration sets in this Region: delete one (eum config-set list, eum config-set delete NAME) or ${quota}`,
  EVENT_DESTINATIONS_PER_CONFIGURATION_SET:
    'a configuration set has at most 5 event destinations: remove one (eum config-set show NAME, eum config-set destination remove NAME DEST) or widen the event types of another',
  DESTINATION_PHONE_NUMBER_OPTED_OUT: 'the recipient opted out (replied STOP): do not send to them again; they opt back in by replying START',
  DISASSOCIATE_REGISTRATION_NOT_ALLOWED: 'the registration still needs this association: see it with eum registration show <id>',
  DISCARD_REGISTRATION_VERSION_NOT_ALLOWED: 'only a draft version can be discarded: see the versions with eum registration show <id>',
  EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED: 'the version is submitted or reviewed and cannot change: answer a denial with eum registration update <id>',
  KEYWORD_MISMATCH: (c) =>
    `the keyword is not defined on the origination identity${c.has('--keyword') ? ': check --keyword' : ''} (aws pinpoint-sms-voice-v2 describe-keywords lists them)`,
  NUMBER_CAPABILITIES_MISMATCH: (c) => `the origination identity cannot send this kind of message: ${fromFlag(c, 'choose one that can')}`,
  MESSAGE_TYPE_MISMATCH: (c) =>
    `the origination identity does not take this message type${c.has('--type') ? ': change --type' : ''}${c.has('--from') ? ', or choose another with --from' : ''}`,
  NO_ORIGINATION_IDENTITIES_FOUND: (c) =>
    `nothing in this account and Region can send to that country: request a phone number (eum number request --country CC --type ...) or a sender ID (eum sender-id bulk) for it${c.has('--from') ? ', or name one with --from' : ''}; eum doctor --country CC says what the country needs`,
  PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION: 'the phone number already belongs to another registration: see eum registration list',
  PHONE_NUMBER_NOT_IN_REGISTRATION_REGION: "associate a phone number of the registration's Region (--region)",
  REGISTRATION_ALREADY_SUBMITTED: 'it is submitted already: follow the review with eum registration watch <id>',
  REGISTRATION_NOT_COMPLETE: 'the registration is not approved yet: follow it with eum registration watch <id>',
  RESOURCE_ALREADY_ASSOCIATED: 'it is associated already: nothing to do',
  SENDER_ID_ASSOCIATED_TO_POOL: 'the sender ID is in a pool: take it out first (aws pinpoint-sms-voice-v2 disassociate-origination-identity)',
  RESOURCE_ALREADY_EXISTS: 'it exists already: list what there is (eum sender-id list, eum protect list, eum registration list)',
  RESOURCE_DELETION_NOT_ALLOWED: 'it cannot be deleted in its current state (the message says why)',
  RESOURCE_MODIFICATION_NOT_ALLOWED: 'it cannot be changed in its current state (the message says why)',
  RESOURCE_NOT_ACTIVE: 'the resource is not active (pending, or being deleted): check its status and try again when it is active',
  SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED: 'only a draft version can be submitted: see the versions with eum registration show <id>',
  PROTECT_CONFIGURATION_IS_ACCOUNT_DEFAULT: 'it is the account default: eum protect unset-default first',
  PROTECT_CONFIGURATION_ASSOCIATED_WITH_CONFIGURATION_SET:
    'it is associated with a configuration set: eum protect disassociate <id> --config-set NAME first (eum protect list shows which)',
  PROTECT_CONFIGURATION_NOT_ASSOCIATED_WITH_CONFIGURATION_SET:
    'it is not associated with that configuration set: nothing to do (eum protect list shows the associations)',
  DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION:
    'a Protect configuration blocks this country: eum protect check <number> names the configuration and rule; allow the country with eum protect rules set <id> --allow CC if that is intended',
  DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE:
    'a Protect number override blocks this number: eum protect check <number> names it; eum protect override remove <id> <number> lifts it',

  // ServiceQuotaExceededException
  ASSOCIATIONS_PER_REGISTRATION: `the registration has as many associations as allowed: ${quota}`,
  MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT:
    'the monthly SMS spend limit is reached: see it with eum account show; raise the override up to the account limit with eum account spend-limit set text USD, beyond it with a spend quota request to AWS Support',
  PHONE_NUMBERS_PER_REGISTRATION: `the registration has as many phone numbers as allowed: ${quota}`,
  REGISTRATION_ATTACHMENTS_CREATED_PER_DAY: 'the daily limit of registration attachments is reached: try again tomorrow, or reuse an attachment',
  REGISTRATION_ATTACHMENTS_PER_ACCOUNT: `the account holds as many registration attachments as allowed: ${quota}`,
  REGISTRATION_VERSIONS_CREATED_PER_DAY: 'the daily limit of new registration versions is reached: try again tomorrow',
  REGISTRATIONS_PER_ACCOUNT: `the account holds as many registrations as allowed: delete unused drafts (eum registration list --status CREATED), or ${quota}`,
  SENDER_IDS_PER_ACCOUNT: `the account holds as many sender IDs as allowed: release unused ones (eum sender-id release), or ${quota}`,
  TAGS_PER_RESOURCE: 'the resource has as many tags as allowed (50): remove some first',
  PROTECT_CONFIGURATIONS_PER_ACCOUNT: `the account holds as many Protect configurations as allowed: delete unused ones (eum protect list), or ${quota}`,

  // ValidationException
  CANNOT_PARSE: 'the API could not read a value: check the fields the message names',
  COUNTRY_CODE_MISMATCH: (c) =>
    `the origination identity belongs to another country than the destination: ${fromFlag(c, "choose one of the destination's country")}`,
  COUNTRY_NOT_ENABLED: 'sending to this country is not enabled for the account: enable it in the console, or open a case with AWS Support',
  DESTINATION_COUNTRY_BLOCKED:
    'the service does not send to this country from this Region: see the message, and eum protect check <number> for your own Protect rules',
  FIELD_VALIDATION_FAILED:
    "a value failed the API's checks (the fields are in the message); for registrations, eum registration lint TYPE --answers FILE checks answers first",
  ATTACHMENT_TYPE_NOT_SUPPORTED: 'attachments must be PDF, JPEG or PNG files of at most 500 KB',
  INTERNATIONAL_SENDING_NOT_SUPPORTED: (c) => `this origination identity cannot send abroad: ${fromFlag(c, "use one of the destination's country")}`,
  INVALID_ARN: 'the ARN is malformed, or of another Region or account: copy it from a list command, or give the id',
  INVALID_FILTER_VALUES: 'a filter value is not one the API accepts (see the message)',
  INVALID_IDENTITY_FOR_DESTINATION_COUNTRY: (c) =>
    `the origination identity cannot send to that country${c.has('--from') ? ': choose another with --from, or leave --from out to let the service choose' : ''}`,
  INVALID_NEXT_TOKEN: 'a page token expired: run the command again',
  INVALID_PARAMETER: 'a value is not valid: see the fields the message names',
  INVALID_REQUEST: 'the API refused the request as it stands (the message says why)',
  INVALID_REGISTRATION_ASSOCIATION: 'this registration type does not take that resource: eum registration types shows what each type associates',
  MAXIMUM_SIZE_EXCEEDED: 'a value is larger than the API accepts (attachments: 500 KB)',
  MISSING_PARAMETER: 'a required value is missing (see the message)',
  PARAMETERS_CANNOT_BE_USED_TOGETHER: 'two of the values given exclude each other (see the message)',
  PRICE_OVER_THRESHOLD: (c) => `the price per message part is above the limit${c.has('--max-price') ? ': raise --max-price, or leave it out' : ''}`,
  RESOURCE_NOT_ACCESSIBLE: 'the resource is in another account or Region, or your identity cannot reach it: check --region and the id',
  SENDER_ID_NOT_REGISTERED: 'the sender ID must be registered in that country before it sends: eum registration types --country CC shows the form',
  SENDER_ID_NOT_SUPPORTED: (c) =>
    c.has('--exclude')
      ? 'the country does not support alphanumeric sender IDs: leave it out (--exclude CC)'
      : `the country does not support alphanumeric sender IDs: ${fromFlag(c, 'send from a phone number')}`,
  SENDER_ID_REQUIRES_REGISTRATION: 'sender IDs in that country need a registration first: eum registration types --country CC shows the form',
  UNKNOWN_REGISTRATION_FIELD: 'the form has no such field: list the fields with eum registration fields TYPE',
  UNKNOWN_REGISTRATION_SECTION: 'the form has no such section: list the sections with eum registration fields TYPE',
  UNKNOWN_REGISTRATION_TYPE: 'no such registration type: list them with eum registration types',
  UNKNOWN_REGISTRATION_VERSION: 'no such version: see the versions with eum registration show <id>',
  UNKNOWN_OPERATION: 'the endpoint does not know this operation: check --endpoint-url (an older simulator?), or update eum',
  REGISTRATION_FIELD_CANNOT_BE_DELETED: 'a required field cannot be emptied: give it another value',
  UNSPECIFIED_PARAMETER_NOT_SUPPORTED: 'the API does not take a value eum sent: check --endpoint-url, or update eum',
};

/**
 * Reasons without a hint of their own, and why. The exception's name still gives a general hint
 * (a quota, a conflict, the message's fields).
 */
export const HINTLESS_REASONS: Record<string, string> = {
  EVENT_DESTINATION_MISMATCH: 'says nothing the message does not (eum config-set show NAME lists the destinations)',
  LAST_PHONE_NUMBER: 'pools: no eum command manages them',
  OPT_OUT_LIST_MISMATCH: 'pools and opt-out lists: no eum command manages them',
  PHONE_NUMBER_ASSOCIATED_TO_POOL: 'pools: no eum command manages them',
  PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL: 'pools: no eum command manages them',
  RCS_AGENT_ASSOCIATED_TO_POOL: 'RCS: no eum command sends RCS',
  POOL_ASSOCIATED_TO_NOTIFY_CONFIGURATION: 'notify configurations: no eum command manages them',
  RESOURCE_NOT_EMPTY: 'pools and opt-out lists: no eum command deletes them',
  SELF_MANAGED_OPT_OUTS_MISMATCH: 'pools: no eum command manages them',
  TWO_WAY_CONFIG_MISMATCH: 'two-way messaging: no eum command configures it',
  RCS_AGENT_ALREADY_ASSOCIATED_TO_REGISTRATION_TYPE: 'RCS agents: no eum command manages them',
  NOTIFY_CONFIGURATION_NOT_ACTIVE: 'notify configurations: no eum command manages them',
  DAILY_DESTINATION_CALL_LIMIT: 'voice: no eum command calls',
  DAILY_NOTIFY_TIER_MESSAGE_LIMIT: 'notify: no eum command sends notify messages',
  KEYWORDS_PER_PHONE_NUMBER: 'keywords: no eum command manages them',
  KEYWORDS_PER_POOL: 'keywords: no eum command manages them',
  MONTHLY_SPEND_LIMIT_REACHED_FOR_MEDIA: 'MMS: no eum command sends media',
  MONTHLY_SPEND_LIMIT_REACHED_FOR_NOTIFY: 'notify: no eum command sends notify messages',
  MONTHLY_SPEND_LIMIT_REACHED_FOR_RCS: 'RCS: no eum command sends RCS',
  MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE: 'voice: no eum command calls',
  NOTIFY_CONFIGURATIONS_PER_ACCOUNT: 'notify configurations: no eum command manages them',
  OPT_OUT_LISTS_PER_ACCOUNT: 'opt-out lists: no eum command manages them',
  ORIGINATION_IDENTITIES_PER_POOL: 'pools: no eum command manages them',
  PHONE_NUMBERS_PER_ACCOUNT: 'no eum command requests phone numbers (the quota hint applies)',
  POOLS_PER_ACCOUNT: 'pools: no eum command manages them',
  RCS_AGENTS_PER_ACCOUNT: 'RCS agents: no eum command manages them',
  CANNOT_ADD_OPTED_OUT_NUMBER: 'opt-out lists: no eum command manages them',
  CHANNEL_NOT_ENABLED: 'RCS and voice channels: no eum command uses them',
  MEDIA_TYPE_NOT_SUPPORTED: 'MMS: no eum command sends media',
  PHONE_NUMBER_CANNOT_BE_OPTED_IN: 'opt-out lists: no eum command manages them',
  PHONE_NUMBER_CANNOT_BE_RELEASED: 'no eum command releases phone numbers',
  TWO_WAY_TOPIC_NOT_PRESENT: 'two-way messaging: no eum command configures it',
  TWO_WAY_NOT_ENABLED: 'two-way messaging: no eum command configures it',
  TWO_WAY_NOT_SUPPORTED_IN_COUNTRY: 'two-way messaging: no eum command configures it',
  TWO_WAY_NOT_SUPPORTED_IN_REGION: 'two-way messaging: no eum command configures it',
  TWO_WAY_CHANNEL_NOT_PRESENT: 'two-way messaging: no eum command configures it',
  VOICE_CAPABILITY_NOT_AVAILABLE: 'voice: no eum command calls',
  OTHER: 'says nothing more than the message',
};

/** ResourceNotFoundException, by the ResourceType it names. */
const NOT_FOUND_HINTS: Record<string, Hint> = {
  message: 'no message with that id in this Region: message ids come from eum send (the messageId of --json); check --region',
  'configuration-set': 'no configuration set of that name in this Region: check the name and --region (eum config-set list lists them)',
  'event-destination': 'no event destination of that name in this configuration set: eum config-set show NAME lists them',
  'verified-destination-number': 'not a verified destination number of this Region: eum verify list shows them; eum verify add +E164 adds one',
  'sender-id': 'no such sender ID in this Region and country: list them with eum sender-id list',
  'phone-number': (c) => `no such phone number in this Region${c.has('--from') ? ': check --from' : ''} and --region`,
  pool: (c) => `no such pool in this Region${c.has('--from') ? ': check --from' : ''} and --region`,
  registration: 'no such registration in this Region: list them with eum registration list',
  'registration-attachment': 'no such attachment: attach the file again',
  'protect-configuration': 'no such Protect configuration in this Region: list them with eum protect list',
};

/** Hints by exception name, when neither the Reason nor the resource gives one. */
const NAME_HINTS: Record<string, Hint> = {
  ThrottlingException: (c) =>
    `the API throttled this request even after retries: ${c.has('--rate') ? 'lower --rate, or raise --max-attempts' : 'raise --max-attempts, or try again in a moment'}`,
  UnrecognizedClientException: 'your credentials were refused: refresh them (aws sso login) or check AWS_PROFILE',
  InvalidSignatureException: 'your credentials were refused: refresh them (aws sso login) or check AWS_PROFILE and the system clock',
  ExpiredTokenException: 'your credentials expired: refresh them (aws sso login) or check AWS_PROFILE',
  ServiceQuotaExceededException: `an account quota was reached: ${quota}`,
  InternalServerException: 'a server-side error persisted after retries: try again later',
  ResourceNotFoundException: 'check the id, and --region',
};

const resolve = (h: Hint | undefined, c: HintContext) => (typeof h === 'function' ? h(c) : h);

/** The hint for an API error, or undefined. */
export function hintFor(e: { name: string; reason?: string; resourceType?: string; message?: string }, c: HintContext): string | undefined {
  // Before the Reason: the service says INVALID_REQUEST, which alone says little.
  if (/feedback is not enabled/i.test(e.message ?? ''))
    return 'feedback is accepted only for messages sent with it: eum send --feedback, or a configuration set with feedback on by default';
  if (e.reason && REASON_HINTS[e.reason]) return resolve(REASON_HINTS[e.reason], c);
  if (e.name === 'ResourceNotFoundException' && e.resourceType && NOT_FOUND_HINTS[e.resourceType]) return resolve(NOT_FOUND_HINTS[e.resourceType], c);
  return resolve(NAME_HINTS[e.name], c);
}
