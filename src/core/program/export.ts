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

export function renderProgramDocument(snapshots: RegionSnapshot[]): string {
  const regions: Record<string, unknown> = {};
  for (const snap of [...snapshots].sort((a, b) => a.region.localeCompare(b.region))) {
    const body: Record<string, unknown> = {};
    const senderIds = new Map<string, { countries: string[]; messageTypes: string[]; deletionProtection: boolean }>();
    for (const s of [...(snap.senderIds ?? [])].sort((a, b) => a.country.localeCompare(b.country))) {
      // One entry per sender ID and settings: the same ID with other settings gets its own entry.
      const e = senderIds.get(s.senderId) ?? { countries: [], messageTypes: s.messageTypes, deletionProtection: s.deletionProtection };
      e.countries.push(s.country);
      senderIds.set(s.senderId, e);
    }
    if (senderIds.size) {
      body.senderIds = Object.fromEntries(
        [...senderIds]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([id, e]) => [
            id,
            compact({
              countries: e.countries,
              messageTypes: e.messageTypes.length && e.messageTypes.join() !== 'TRANSACTIONAL' ? e.messageTypes.map(lower) : undefined,
              deletionProtection: e.deletionProtection,
            }),
          ]),
      );
    }
    const lists = snap.optOutLists.filter((l) => l !== DEFAULT_OPT_OUT_LIST).sort();
    if (lists.length) body.optOutLists = lists;
    const numbers: Record<string, unknown> = {};
    for (const n of [...snap.numbers].sort((a, b) => a.number.localeCompare(b.number))) {
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
      numbers[n.number] = Object.keys(entry).length ? entry : null;
    }
    if (Object.keys(numbers).length) body.phoneNumbers = numbers;
    const pools: Record<string, unknown> = {};
    for (const p of [...snap.pools].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id))) {
      pools[p.name ?? p.id] = compact({
        identities: p.members,
        messageType: p.messageType && p.messageType !== 'TRANSACTIONAL' ? lower(p.messageType) : undefined,
        twoWay: twoWay(p.twoWay),
        selfManagedOptOuts: p.selfManagedOptOuts,
        optOutList: p.optOutList === DEFAULT_OPT_OUT_LIST ? undefined : p.optOutList,
        sharedRoutes: p.sharedRoutes,
        deletionProtection: p.deletionProtection,
      });
    }
    if (Object.keys(pools).length) body.pools = pools;
    const sets: Record<string, unknown> = {};
    for (const s of [...snap.configurationSets].sort((a, b) => a.name.localeCompare(b.name))) {
      const destinations: Record<string, unknown> = {};
      for (const d of s.destinations) destinations[d.name] = { eventTypes: d.eventTypes, ...(d.enabled ? {} : { enabled: false }), ...target(d.target) };
      const entry = compact({
        defaultSenderId: s.defaultSenderId ?? undefined,
        defaultMessageType: s.defaultMessageType ? lower(s.defaultMessageType) : undefined,
        feedback: s.feedback,
        eventDestinations: destinations,
      });
      sets[s.name] = Object.keys(entry).length ? entry : null;
    }
    if (Object.keys(sets).length) body.configurationSets = sets;
    if (snap.protect?.configurations.length) {
      const section = parse(renderProtectDocument(snap.protect)) as Record<string, unknown>;
      delete section.version;
      body.protect = section;
    }
    if (snap.optedOut) {
      const lists = Object.fromEntries(
        Object.entries(snap.optedOut)
          .filter(([, nums]) => nums.length)
          .sort(([a], [b]) => a.localeCompare(b)),
      );
      if (Object.keys(lists).length) body.optedOutNumbers = lists;
    }
    const spend = Object.fromEntries(Object.entries(snap.spendOverrides).sort(([a], [b]) => a.localeCompare(b)));
    if (Object.keys(spend).length) body.spendLimits = spend;
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
