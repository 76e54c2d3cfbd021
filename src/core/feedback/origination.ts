/**
 * One key per origination identity, whatever the user typed: an ARN and its ID are the same
 * identity (`arn:aws:sms-voice:us-east-1:111122223333:pool/pool-abc` is `pool-abc`; a sender ID's
 * ARN `.../sender-id/MyBrand/GB` is `MyBrand`). A phone number and its phone-number ID cannot be
 * joined without asking the API: they stay two keys.
 */
const ARN = /^arn:[^:]+:sms-voice:[^:]*:[^:]*:(phone-number|pool|sender-id)\/([^/]+)(\/.*)?$/;

export function originationKey(value: string): string {
  const text = value.trim();
  const m = ARN.exec(text);
  return m ? m[2] : text;
}
