/**
 * Checks of the ARNs an event destination names, before any call: the model only asks for
 * `arn:\S+` of 20 to 2048 characters; eum also checks the service and resource type, so a topic
 * ARN given as a log group is caught here rather than by a failed delivery later. Pure: no I/O.
 */

export type ArnKind = 'iam-role' | 'log-group' | 'firehose-stream' | 'sns-topic';

const PARTITION = '(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const REGION = '[a-z]{2}(-[a-z]+)+-\\d';
const ACCOUNT = '\\d{12}';

const PATTERNS: Record<ArnKind, { re: RegExp; example: string; what: string }> = {
  'iam-role': {
    re: new RegExp(`^arn:${PARTITION}:iam::${ACCOUNT}:role/[\\w+=,.@/-]{1,512}$`),
    example: 'arn:aws:iam::123456789012:role/SmsEventsRole',
    what: 'an IAM role ARN',
  },
  'log-group': {
    re: new RegExp(`^arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:[\\w/.#-]{1,512}(:\\*)?$`),
    example: 'arn:aws:logs:us-east-1:123456789012:log-group:sms-events',
    what: 'a CloudWatch Logs log group ARN',
  },
  'firehose-stream': {
    re: new RegExp(`^arn:${PARTITION}:firehose:${REGION}:${ACCOUNT}:deliverystream/[\\w.-]{1,64}$`),
    example: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/sms-events',
    what: 'a Firehose delivery stream ARN',
  },
  'sns-topic': {
    re: new RegExp(`^arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:[\\w-]{1,256}(\\.fifo)?$`),
    example: 'arn:aws:sns:us-east-1:123456789012:sms-events',
    what: 'an SNS topic ARN',
  },
};

/** The problem with an ARN given for `kind`, or undefined when it is well-formed. */
export function arnProblem(value: string, kind: ArnKind): string | undefined {
  const p = PATTERNS[kind];
  if (value.length < 20 || value.length > 2048) return `must be ${p.what} of 20 to 2048 characters, e.g. ${p.example}`;
  if (p.re.test(value)) return undefined;
  const service = /^arn:[^:]*:([^:]*):/.exec(value)?.[1];
  const seen = service ? ` (this ARN is for ${service || 'no service'})` : ' (an ARN starts with arn:PARTITION:SERVICE:)';
  return `must be ${p.what}${seen}, e.g. ${p.example}`;
}

/** The Region an ARN names ('' for IAM, undefined when it is not an ARN). */
export function arnRegion(value: string): string | undefined {
  return /^arn:[^:]*:[^:]*:([^:]*):/.exec(value)?.[1];
}
