/**
 * Sending messages. SendTextMessage has no idempotency token: a call is never repeated after the
 * service may have acted (see `retry.ts`); callers go through `callWithRetry(..., { idempotent:
 * false })` with a client that has no SDK retries.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { LightTarget } from './light-call.js';

/** One text message, in eum's words. */
export interface TextMessage {
  to: string;
  body: string;
  from?: string;
  configurationSet?: string;
  messageType?: 'TRANSACTIONAL' | 'PROMOTIONAL';
  feedback?: boolean;
  protectConfigurationId?: string;
  maxPrice?: string;
  ttlSeconds?: number;
  context?: Record<string, string>;
  keyword?: string;
  countryParameters?: Record<string, string>;
  dryRun?: boolean;
}

/** The SendTextMessage request for `m`, the same through the SDK client and the light call. */
function sendTextMessageRequest(m: TextMessage) {
  return {
    DestinationPhoneNumber: m.to,
    MessageBody: m.body,
    OriginationIdentity: m.from,
    ConfigurationSetName: m.configurationSet,
    MessageType: m.messageType,
    MessageFeedbackEnabled: m.feedback ? true : undefined,
    ProtectConfigurationId: m.protectConfigurationId,
    MaxPrice: m.maxPrice,
    TimeToLive: m.ttlSeconds,
    Context: m.context,
    Keyword: m.keyword,
    DestinationCountryParameters: m.countryParameters,
    DryRun: m.dryRun || undefined,
  };
}

/** Sends one text message (one attempt); returns its message id (null for a dry run). */
export async function sendTextMessage(
  client: PinpointSMSVoiceV2Client,
  m: TextMessage,
  options: { signal?: AbortSignal } = {},
): Promise<{ messageId: string | null }> {
  const { SendTextMessageCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  const out = await client.send(new SendTextMessageCommand(sendTextMessageRequest(m)), { abortSignal: options.signal });
  return { messageId: out.MessageId ?? null };
}

/**
 * `sendTextMessage` without the SDK client (`light-call.ts`): the same request and the same
 * errors, at a fraction of the SDK's CPU per call (a send-many run makes a million). One attempt
 * per `target.maxAttempts` (1 for the bulk engine, which retries); `target.signal` aborts it.
 */
export async function sendTextMessageLight(target: LightTarget, m: TextMessage): Promise<{ messageId: string | null }> {
  const { lightJsonCall } = await import('./light-call.js');
  const out = await lightJsonCall<{ MessageId?: string }>(target, 'SendTextMessage', sendTextMessageRequest(m), { idempotent: false });
  return { messageId: out.MessageId ?? null };
}
