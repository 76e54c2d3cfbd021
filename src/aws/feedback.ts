/**
 * Message feedback over the SMS API: the typed function that `eum feedback put` and `expire`
 * call; they never build SDK commands. Loaded on first use only, so `eum --help` never loads the SDK.
 *
 * PutMessageFeedback is idempotent (posting the same status twice changes nothing), so the
 * retry classification may repeat it after a lost reply.
 */
import { PutMessageFeedbackCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { FeedbackStatus } from '../core/feedback/lines.js';

/** Per-call options: an abort signal ends the request. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Posts RECEIVED or FAILED for a message sent with feedback enabled. */
export async function putMessageFeedback(client: PinpointSMSVoiceV2Client, messageId: string, status: FeedbackStatus, options: CallOptions = {}): Promise<void> {
  await client.send(new PutMessageFeedbackCommand({ MessageId: messageId, MessageFeedbackStatus: status }), options.signal ? { abortSignal: options.signal } : undefined);
}

/** Refusals that will never change for this message: the id is unknown, or it was sent without feedback. */
export function isPermanentFeedbackRefusal(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'ResourceNotFoundException' || name === 'ValidationException' || name === 'ConflictException';
}
