/**
 * Writes a program document from what the account holds: names instead of IDs, values equal to
 * the service's defaults left out, so that a plan of the export against the same account is empty.
 * Imports yaml: load it dynamically.
 */
import { Document, isScalar, parse, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { renderProtectDocument } from '../protect/document.js';
import type { RegionSnapshot } from './plan.js';
import { DEFAULT_OPT_OUT_LIST, PROGRAM_VERSION, type DesiredTarget } from './document.js';

const twoWay = (t: { channel: string; role?: string } | null) => (t ? { channel: t.channel, ...(t.role ? { role: t.role } : {}) } : undefined);
const lower = (s: string) => s.toLowerCase().replace(/_/g, '-');

function target(t: DesiredTarget | null): Record<string, unknown> {
  if (!t) return {};
  if (t.kind === 'sns') return { sns: t.topicArn };
  if (t.kind === 'cloudwatch-logs') return { cloudWatchLogs: { role: t.iamRoleArn, logGroup: t.logGroupArn } };
  return { firehose: { role: t.iamRoleArn, deliveryStream: t.deliveryStreamArn } };
}

/** Drops undefined values, false booleans and empty maps: the service's defaults. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== false && !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  );
}

/** Names (Name tags) of pools more than one pool has: such a Region cannot be exported. */
export function duplicatePoolNames(snap: RegionSnapshot): string[] {
  const seen = new Map<string, number>();
  for (const p of snap.pools) if (p.name) seen.set(p.name, (seen.get(p.name) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([name]) => name);
}

/** A map, or undefined when empty (a section left out of the document). */
const nonEmpty = (m: Record<string, unknown>) => (Object.keys(m).length ? m : undefined);
/** Entries sorted by key. */
const byKey = <T>(entries: Array<[string, T]>) => entries.sort(([a], [b]) => a.localeCompare(b));

/** The document of `eum program export`: each Region's sections, values equal to the service's defaults left out. */
export function renderProgramDocument(snapshots: RegionSnapshot[]): string {
  const regions: Record<string, unknown> = {};
  for (const snap of [...snapshots].sort((a, b) => a.region.localeCompare(b.region))) {
    const lists = snap.optOutLists.filter((l) => l !== DEFAULT_OPT_OUT_LIST).sort();
    const body = compact({
      senderIds: senderIdsSection(snap),
      optOutLists: lists.length ? lists : undefined,
      phoneNumbers: nonEmpty(Object.fromEntries([...snap.numbers].sort((a, b) => a.number.localeCompare(b.number)).map((n) => [n.number, numberEntry(n)]))),
      pools: nonEmpty(
        Object.fromEntries([...snap.pools].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id)).map((p) => [p.name ?? p.id, poolEntry(p)])),
      ),
      configurationSets: nonEmpty(
        Object.fromEntries([...snap.configurationSets].sort((a, b) => a.name.localeCompare(b.name)).map((c) => [c.name, setEntry(c)])),
      ),
      protect: snap.protect?.configurations.length ? protectSection(snap.protect) : undefined,
      optedOutNumbers: snap.optedOut ? nonEmpty(Object.fromEntries(byKey(Object.entries(snap.optedOut).filter(([, nums]) => nums.length)))) : undefined,
      spendLimits: nonEmpty(Object.fromEntries(byKey(Object.entries(snap.spendOverrides)))),
    });
    regions[snap.region] = Object.keys(body).length ? body : null;
  }
  const doc = new Document({ version: PROGRAM_VERSION, regions });
  // Short lists (country codes, event types, lists) on one line each: easy to review in a diff.
  visit(doc, {
    Seq(_key, node: YAMLSeq) {
      if (node.items.length <= 12 && node.items.every((i) => isScalar(i) && typeof i.value === 'string' && !String(i.value).startsWith('+'))) node.flow = true;
    },
    // A keyword and an event destination on one line each.
    Map(_key, node: YAMLMap) {
      const keys = node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
      if (keys.includes('eventTypes') || (keys.includes('message') && keys.every((k) => k === 'message' || k === 'action'))) node.flow = true;
    },
  });
  return `# eum program document: eum program apply -f FILE --plan shows what differs\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

/** One entry per sender ID and settings: the same ID with other settings gets its own entry. */
function senderIdsSection(snap: RegionSnapshot): Record<string, unknown> | undefined {
  const senderIds = new Map<string, { countries: string[]; messageTypes: string[]; deletionProtection: boolean }>();
  for (const s of [...(snap.senderIds ?? [])].sort((a, b) => a.country.localeCompare(b.country))) {
    const e = senderIds.get(s.senderId) ?? { countries: [], messageTypes: s.messageTypes, deletionProtection: s.deletionProtection };
    e.countries.push(s.country);
    senderIds.set(s.senderId, e);
  }
  if (!senderIds.size) return undefined;
  return Object.fromEntries(
    byKey([...senderIds]).map(([id, e]) => [
      id,
      compact({
        countries: e.countries,
        messageTypes: e.messageTypes.length && e.messageTypes.join() !== 'TRANSACTIONAL' ? e.messageTypes.map(lower) : undefined,
        deletionProtection: e.deletionProtection,
      }),
    ]),
  );
}

/** A number: null when every setting is the default. HELP and STOP keep their action unwritten. */
function numberEntry(n: RegionSnapshot['numbers'][number]): Record<string, unknown> | null {
  const keywords: Record<string, unknown> = {};
  for (const k of n.keywords ?? [])
    keywords[k.keyword] =
      k.action === (k.keyword === 'STOP' ? 'OPT_OUT' : 'AUTOMATIC_RESPONSE') ? { message: k.message } : { message: k.message, action: lower(k.action) };
  const entry = compact({
    twoWay: twoWay(n.twoWay),
    selfManagedOptOuts: n.selfManagedOptOuts,
    optOutList: n.optOutList === DEFAULT_OPT_OUT_LIST ? undefined : n.optOutList,
    deletionProtection: n.deletionProtection,
    internationalSending: n.internationalSending ?? undefined,
    keywords,
  });
  return Object.keys(entry).length ? entry : null;
}

function poolEntry(p: RegionSnapshot['pools'][number]): Record<string, unknown> {
  return compact({
    identities: p.members,
    messageType: p.messageType && p.messageType !== 'TRANSACTIONAL' ? lower(p.messageType) : undefined,
    twoWay: twoWay(p.twoWay),
    selfManagedOptOuts: p.selfManagedOptOuts,
    optOutList: p.optOutList === DEFAULT_OPT_OUT_LIST ? undefined : p.optOutList,
    sharedRoutes: p.sharedRoutes,
    deletionProtection: p.deletionProtection,
  });
}

/** A configuration set: null when every setting is the default. */
function setEntry(s: RegionSnapshot['configurationSets'][number]): Record<string, unknown> | null {
  const destinations: Record<string, unknown> = {};
  for (const d of s.destinations) destinations[d.name] = { eventTypes: d.eventTypes, ...(d.enabled ? {} : { enabled: false }), ...target(d.target) };
  const entry = compact({
    defaultSenderId: s.defaultSenderId ?? undefined,
    defaultMessageType: s.defaultMessageType ? lower(s.defaultMessageType) : undefined,
    feedback: s.feedback,
    eventDestinations: destinations,
  });
  return Object.keys(entry).length ? entry : null;
}

/** The Protect document of the Region, without its version. */
function protectSection(protect: NonNullable<RegionSnapshot['protect']>): Record<string, unknown> {
  const section = parse(renderProtectDocument(protect)) as Record<string, unknown>;
  delete section.version;
  return section;
}
