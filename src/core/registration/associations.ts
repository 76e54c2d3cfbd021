/**
 * Required associations: a registration type lists the resources it needs before submitting
 * (ASSOCIATE_BEFORE_SUBMIT: a 10DLC campaign's brand registration, a toll-free registration's
 * number). eum checks them against `--associate` before creating anything.
 */
import type { SupportedAssociation, TypeDefinition } from './definitions.js';

/** What kind of resource an id or ARN names, as far as its shape tells. */
export type ResourceKind = 'registration' | 'phone-number' | 'sender-id' | 'pool';

/** The kind of resource an id or ARN names, or undefined when its shape does not say. */
export function resourceKindOf(ref: string): ResourceKind | undefined {
  const arnKind = /^arn:[^:]+:sms-voice:[^:]*:[^:]*:([a-z-]+)\//.exec(ref)?.[1];
  const kind = arnKind ?? ref;
  if (/^registration(-|$)/.test(kind)) return 'registration';
  if (/^phone-?number$|^phone-/.test(kind) || /^\+[1-9]\d{6,14}$/.test(ref)) return 'phone-number';
  if (/^sender-?id/.test(kind)) return 'sender-id';
  if (/^pool(-|$)/.test(kind)) return 'pool';
  return undefined;
}

/** The kind of resource a SupportedAssociation's ResourceType takes. */
function kindOfResourceType(resourceType: string): ResourceKind | undefined {
  const t = resourceType.toUpperCase();
  if (t === 'REGISTRATION') return 'registration';
  if (t === 'SENDER_ID') return 'sender-id';
  if (t === 'POOL') return 'pool';
  if (['TOLL_FREE', 'TEN_DLC', 'LONG_CODE', 'SHORT_CODE', 'SIMULATOR', 'MOBILE', 'PHONE_NUMBER'].includes(t)) return 'phone-number';
  return undefined;
}

/** One association the type needs before submitting that `--associate` does not give. */
export interface MissingAssociation {
  resourceType: string;
  isoCountryCode?: string;
  /** The flag to add, in words: "--associate <the brand registration's id>". */
  flag: string;
}

function describeNeed(a: SupportedAssociation): string {
  const t = a.ResourceType.toUpperCase();
  if (t === 'REGISTRATION') return "--associate <the brand registration's id> (registration-...)";
  if (t === 'TOLL_FREE') return '--associate <the toll-free phone number id> (phone-...)';
  if (t === 'TEN_DLC') return '--associate <the 10DLC phone number id> (phone-...)';
  if (t === 'SENDER_ID') return '--associate <the sender ID ARN>';
  return `--associate <a ${t.toLowerCase().replace(/_/g, ' ')} id or ARN>`;
}

/**
 * The associations a type needs before submitting that none of `refs` provides. A ref whose kind
 * cannot be told from its shape counts as providing anything (the API decides).
 */
export function missingAssociations(typeDefinition: TypeDefinition | undefined, refs: string[]): MissingAssociation[] {
  const needed = (typeDefinition?.SupportedAssociations ?? []).filter((a) => a.AssociationBehavior === 'ASSOCIATE_BEFORE_SUBMIT');
  const kinds = refs.map(resourceKindOf);
  if (kinds.includes(undefined)) return [];
  const out: MissingAssociation[] = [];
  for (const a of needed) {
    const kind = kindOfResourceType(a.ResourceType);
    if (kind && !kinds.includes(kind)) out.push({ resourceType: a.ResourceType, isoCountryCode: a.IsoCountryCode, flag: describeNeed(a) });
  }
  return out;
}
