/**
 * Message feedback over the SMS API: the typed function that `eum feedback put` and `expire`
 * call; they never build SDK commands. Loaded on first use only, so `eum --help` never loads the SDK.
 *
 * PutMessageFeedback is idempotent (posting the same status twice changes nothing), so the
 * retry classification may repeat it after a lost reply.
 */
import type { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { FeedbackStatus } from '../core/feedback/lines.js';
import type { LightTarget } from './light-call.js';

/** Per-call options: an abort signal ends the request. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Posts RECEIVED or FAILED for a message sent with feedback enabled. */
export async function putMessageFeedback(
  client: PinpointSMSVoiceV2Client,
  messageId: string,
  status: FeedbackStatus,
  options: CallOptions = {},
): Promise<void> {
  // Imported here, not at the top: a one-shot put through the light path never loads the SDK.
  const { PutMessageFeedbackCommand } = await import('@aws-sdk/client-pinpoint-sms-voice-v2');
  await client.send(
    new PutMessageFeedbackCommand({ MessageId: messageId, MessageFeedbackStatus: status }),
    options.signal ? { abortSignal: options.signal } : undefined,
  );
}

/**
 * The same call without the SDK client (`light-call.ts`): one request, the same errors and
 * attempts. The target carries the abort signal.
 */
export async function putMessageFeedbackLight(target: LightTarget, messageId: string, status: FeedbackStatus): Promise<void> {
  const { lightJsonCall } = await import('./light-call.js');
  await lightJsonCall(target, 'PutMessageFeedback', { MessageId: messageId, MessageFeedbackStatus: status }, { idempotent: true });
}

/** Refusals that will never change for this message: the id is unknown, or it was sent without feedback. */
export function isPermanentFeedbackRefusal(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ResourceNotFoundException' || name === 'ValidationException' || name === 'ConflictException';
}
