/**
 * Whether an origination identity may send now, as the service decides it from the identity's
 * life: a toll-free number sends once a toll-free registration associated with it is COMPLETE, a
 * 10DLC number once its campaign is COMPLETE, a registered-only sender ID once registered. The
 * sending operations (ops/messages.ts) ask `canSend` and refuse with the reason it gives.
 */
import * as registrations from './registrations/model.js';
import type { PhoneNumberRecord, RegionState, SenderIdRecord } from './state.js';

export type CannotSend = { reason: 'NOT_ACTIVE'; message: string } | { reason: 'REGISTRATION_NOT_COMPLETE'; message: string; registrationId?: string };

/** The COMPLETE registrations associated with a resource (by ARN). */
export function completeRegistrationsOf(region: RegionState, resourceArn: string, now: number): registrations.StoredRegistration[] {
  registrations.advance(region.registrations, new Date(now));
  return Object.values(region.registrations.registrations).filter(
    (r) => registrations.registrationStatus(r) === 'COMPLETE' && r.associations.some((a) => a.ResourceArn === resourceArn),
  );
}

/** Whether a registration (by id) is COMPLETE. */
export function registrationComplete(region: RegionState, registrationId: string | undefined, now: number): boolean {
  if (!registrationId) return false;
  registrations.advance(region.registrations, new Date(now));
  const r = region.registrations.registrations[registrationId];
  return Boolean(r && registrations.registrationStatus(r) === 'COMPLETE');
}

/**
 * Undefined when the identity may send; else why not. Phone numbers: ACTIVE, and toll-free and
 * 10DLC registered (COMPLETE). Sender IDs: `registered` where the country requires registration is
 * checked by the caller (it knows the country rules).
 */
export function canSend(region: RegionState, identity: { phone?: PhoneNumberRecord; senderId?: SenderIdRecord }, now: number): CannotSend | undefined {
  const p = identity.phone;
  if (!p) return undefined;
  if (p.status !== 'ACTIVE') return { reason: 'NOT_ACTIVE', message: `Phone number ${p.phoneNumber} is ${p.status}, not ACTIVE.` };
  if (p.numberType === 'TOLL_FREE') {
    if (completeRegistrationsOf(region, p.arn, now).some((r) => r.RegistrationType === 'US_TOLL_FREE_REGISTRATION' || r.RegistrationId === p.registrationId))
      return undefined;
    return {
      reason: 'REGISTRATION_NOT_COMPLETE',
      message: `Toll-free number ${p.phoneNumber} cannot send until a toll-free registration associated with it is COMPLETE.`,
      registrationId: p.registrationId,
    };
  }
  if (p.numberType === 'TEN_DLC') {
    if (registrationComplete(region, p.registrationId, now) || completeRegistrationsOf(region, p.arn, now).length) return undefined;
    return {
      reason: 'REGISTRATION_NOT_COMPLETE',
      message: `10DLC number ${p.phoneNumber} cannot send until its 10DLC campaign registration is COMPLETE.`,
      registrationId: p.registrationId,
    };
  }
  return undefined;
}
