/**
 * An approved sender-ID registration whose type associates on approval (ASSOCIATE_ON_APPROVAL)
 * creates its sender ID: the value of `senderIdInfo.senderId` in the approved version, in the
 * type's country, registered, and associated with the registration.
 */
import { countryFacts } from '../../core/countries.js';
import { arn, type RegionState, type SenderIdRecord } from '../state.js';
import type { Catalog } from './catalog.js';
import { advance, registrationStatus } from './model.js';

const SENDER_ID_FIELD = 'senderIdInfo.senderId';

/** Applies due review steps, then creates the sender IDs of newly approved sender-ID registrations. */
export function refreshRegistrations(region: RegionState, regionName: string, catalog: Catalog, now: number): void {
  advance(region.registrations, new Date(now));
  for (const r of Object.values(region.registrations.registrations)) {
    if (registrationStatus(r) !== 'COMPLETE') continue;
    const onApproval = catalog
      .get(r.RegistrationType)
      ?.definition.SupportedAssociations?.find((a) => a.ResourceType === 'SENDER_ID' && a.AssociationBehavior === 'ASSOCIATE_ON_APPROVAL');
    if (!onApproval?.IsoCountryCode || r.associations.some((a) => a.ResourceType === 'sender-id')) continue;
    const approved = [...r.versions].reverse().find((v) => v.status === 'APPROVED');
    const senderId = approved?.values[SENDER_ID_FIELD]?.TextValue?.trim();
    if (!senderId) continue;
    const iso = onApproval.IsoCountryCode;
    const key = `${senderId}/${iso}`;
    let rec: SenderIdRecord | undefined = region.senderIds[key];
    if (!rec) {
      rec = {
        senderId,
        isoCountryCode: iso,
        arn: arn(regionName, `sender-id/${senderId}/${iso}`),
        messageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'],
        monthlyLeasingPrice: countryFacts(iso)?.monthlySenderIdPrice ?? '0.00',
        deletionProtectionEnabled: false,
        registered: true,
        registrationId: r.RegistrationId,
        createdAt: now,
      };
      region.senderIds[key] = rec;
    } else {
      rec.registered = true;
      rec.registrationId = r.RegistrationId;
    }
    r.associations.push({ ResourceArn: rec.arn, ResourceId: senderId, ResourceType: 'sender-id', IsoCountryCode: iso });
  }
}
