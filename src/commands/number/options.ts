/** Options shared by the `eum number` commands: filters and the settings `update` changes. */
import type { InputProblem } from '../../errors.js';
import type { PhoneNumberFilters, NumberType } from '../../aws/phone-numbers.js';
import { checkOptOutList, checkRoleArn, checkTwoWayChannel, parseCapabilities, parseNumberType } from '../../core/number/rules.js';
import { normalizeCountries } from '../../core/sender-id/plan.js';
import { loadCountryCatalog } from '../../runtime/country-catalog.js';

const STATUSES = ['PENDING', 'ACTIVE', 'ASSOCIATING', 'DISASSOCIATING', 'DELETED'];

/** One ISO country code, upper-cased, checked against the country list. */
export async function parseCountry(raw: string | undefined, problems: InputProblem[], field = '--country'): Promise<string | undefined> {
  if (raw === undefined) return undefined;
  const [c] = normalizeCountries([raw], (await loadCountryCatalog()).iso, field, problems);
  return c;
}

export async function parseNumberFilters(
  opts: { country?: string; type?: string; status?: string; capability?: string },
  problems: InputProblem[],
): Promise<PhoneNumberFilters> {
  const f: PhoneNumberFilters = {};
  f.country = await parseCountry(opts.country, problems);
  if (opts.type !== undefined)
    f.numberType = opts.type.toLowerCase() === 'short-code' ? 'SHORT_CODE' : (parseNumberType(opts.type, problems) as NumberType | undefined);
  if (opts.status !== undefined) {
    const s = opts.status.toUpperCase();
    if (STATUSES.includes(s)) f.status = s;
    else problems.push({ field: '--status', message: `"${opts.status}" is not a number status: use ${STATUSES.map((x) => x.toLowerCase()).join(', ')}` });
  }
  if (opts.capability !== undefined) {
    const caps = parseCapabilities(opts.capability, problems, '--capability');
    if (caps && caps.length > 1) problems.push({ field: '--capability', message: 'one capability at a time (sms, mms or voice)' });
    f.capability = caps?.[0];
  }
  return f;
}

/** `on` / `off` (also true/false, yes/no) for a setting flag. */
export function parseOnOff(raw: string | undefined, field: string, problems: InputProblem[]): boolean | undefined {
  if (raw === undefined) return undefined;
  const v = raw.toLowerCase();
  if (['on', 'true', 'yes', 'enabled'].includes(v)) return true;
  if (['off', 'false', 'no', 'disabled'].includes(v)) return false;
  problems.push({ field, message: `"${raw}" is not on or off` });
  return undefined;
}

/** The settings numbers and pools share (UpdatePhoneNumber / UpdatePool). */
export interface SharedChanges {
  twoWayEnabled?: boolean;
  twoWayChannelArn?: string;
  twoWayChannelRole?: string;
  selfManagedOptOutsEnabled?: boolean;
  optOutListName?: string;
  deletionProtectionEnabled?: boolean;
}

export interface SharedChangeOptions {
  twoWay?: string;
  twoWayChannel?: string;
  twoWayRole?: string;
  selfManagedOptOuts?: string;
  optOutList?: string;
  deletionProtection?: string;
}

export function parseSharedChanges(opts: SharedChangeOptions, problems: InputProblem[]): SharedChanges {
  const c: SharedChanges = {};
  c.twoWayEnabled = parseOnOff(opts.twoWay, '--two-way', problems);
  if (opts.twoWayChannel !== undefined) c.twoWayChannelArn = checkTwoWayChannel(opts.twoWayChannel, problems);
  if (opts.twoWayRole !== undefined) c.twoWayChannelRole = checkRoleArn(opts.twoWayRole, problems);
  if ((c.twoWayChannelArn !== undefined || c.twoWayChannelRole !== undefined) && c.twoWayEnabled === false) {
    problems.push({ field: '--two-way', message: 'off, but a two-way channel or role is given: turn it on (--two-way on) or leave the channel out' });
  }
  c.selfManagedOptOutsEnabled = parseOnOff(opts.selfManagedOptOuts, '--self-managed-opt-outs', problems);
  if (opts.optOutList !== undefined) c.optOutListName = checkOptOutList(opts.optOutList, problems);
  c.deletionProtectionEnabled = parseOnOff(opts.deletionProtection, '--deletion-protection', problems);
  return c;
}

/** Drops the keys left undefined, so a change lists only what the user asked for. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const onOff = (v: unknown): string => (v === true ? 'on' : v === false ? 'off' : '');
export const lower = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase().replace(/_/g, '-') : '');
export const list = (v: unknown): string => (Array.isArray(v) ? v.map((x) => String(x).toLowerCase()).join(',') : '');
