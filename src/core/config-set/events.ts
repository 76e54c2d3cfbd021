/**
 * Event types of configuration-set event destinations: the API's names (the model's EventType
 * enum, `data/service-facts/events.json`) and eum's groups over them. Pure: no I/O.
 *
 * Groups (each also per channel as `text:GROUP`, `media:GROUP`, `voice:GROUP`, `rcs:GROUP`):
 * - `all`: the API's `ALL` (every event of every channel, those added later included); per
 *   channel the API's `TEXT_ALL`, `MEDIA_ALL`, `VOICE_ALL`, `RCS_ALL` (also `text`, `media`, ...).
 * - `delivered`: the message reached the handset or its carrier (DELIVERED, SUCCESSFUL; a
 *   completed call; RCS delivered or read). SUCCESSFUL is in it because the event-types page says
 *   that "depending on the destination country the TEXT_DELIVERED and TEXT_SUCCESSFUL events may
 *   be used interchangeably": in some countries SUCCESSFUL is the last event.
 * - `failures`: the message or call did not get through (blocked, unreachable, invalid, spam,
 *   unknown, TTL expired, Protect blocked, media file errors; busy, no answer, failed).
 * - `final`: `delivered` and `failures`: every event that can end a message (read `isFinal`).
 * - `progress`: the events on the way (sent, pending, queued; initiated, ringing, answered; RCS
 *   queued, sent, fallen back to SMS).
 * Every type of the model is in exactly one of `delivered`, `failures`, `progress`, or is one of
 * the API's own `ALL` groups (a test keeps this so against the vendored model).
 */

export const EVENT_CHANNELS = ['text', 'media', 'voice', 'rcs'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

const PREFIX: Record<EventChannel, string> = { text: 'TEXT', media: 'MEDIA', voice: 'VOICE', rcs: 'RCS' };

export const EVENT_GROUPS = ['all', 'delivered', 'failures', 'final', 'progress'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const DELIVERED: Record<EventChannel, string[]> = {
  text: ['DELIVERED', 'SUCCESSFUL'],
  media: ['DELIVERED', 'SUCCESSFUL'],
  voice: ['COMPLETED'],
  rcs: ['DELIVERED', 'READ'],
};

const FAILURES: Record<EventChannel, string[]> = {
  text: ['BLOCKED', 'CARRIER_BLOCKED', 'CARRIER_UNREACHABLE', 'UNREACHABLE', 'INVALID', 'INVALID_MESSAGE', 'SPAM', 'UNKNOWN', 'TTL_EXPIRED', 'PROTECT_BLOCKED'],
  media: [
    'BLOCKED',
    'CARRIER_BLOCKED',
    'CARRIER_UNREACHABLE',
    'UNREACHABLE',
    'INVALID',
    'INVALID_MESSAGE',
    'SPAM',
    'UNKNOWN',
    'TTL_EXPIRED',
    'FILE_INACCESSIBLE',
    'FILE_TYPE_UNSUPPORTED',
    'FILE_SIZE_EXCEEDED',
  ],
  voice: ['BUSY', 'NO_ANSWER', 'FAILED', 'TTL_EXPIRED'],
  rcs: ['FAILED', 'TTL_EXPIRED', 'PROTECT_BLOCKED'],
};

const PROGRESS: Record<EventChannel, string[]> = {
  text: ['SENT', 'PENDING', 'QUEUED'],
  media: ['PENDING', 'QUEUED'],
  voice: ['INITIATED', 'RINGING', 'ANSWERED'],
  rcs: ['QUEUED', 'SENT', 'FALLEN_BACK_TO_SMS'],
};

const withPrefix = (channel: EventChannel, names: string[]) => names.map((n) => `${PREFIX[channel]}_${n}`);

/** The event types of one group on one channel (`all`: the channel's `*_ALL`). */
export function groupTypes(group: EventGroup, channel: EventChannel): string[] {
  switch (group) {
    case 'all':
      return [`${PREFIX[channel]}_ALL`];
    case 'delivered':
      return withPrefix(channel, DELIVERED[channel]);
    case 'failures':
      return withPrefix(channel, FAILURES[channel]);
    case 'final':
      return withPrefix(channel, [...DELIVERED[channel], ...FAILURES[channel]]);
    case 'progress':
      return withPrefix(channel, PROGRESS[channel]);
  }
}

/** Every event type the API accepts (the model's EventType enum), the groups `ALL`, `TEXT_ALL`, ... included. */
export const EVENT_TYPES: readonly string[] = [
  'ALL',
  ...EVENT_CHANNELS.flatMap((c) => [`${PREFIX[c]}_ALL`, ...groupTypes('progress', c), ...groupTypes('final', c)]),
];

const KNOWN = new Set(EVENT_TYPES);

/** One word of `--events` that is neither a type nor a group, with what to do. */
export interface EventTypeProblem {
  word: string;
  message: string;
}

/**
 * Expands `--events` (comma-separated; API names in any case, `-` for `_`; groups, optionally
 * per channel as `text:final`) into the API's event types, in the model's order, without
 * repeats. A group without a channel covers every channel (`all` is the API's `ALL`).
 */
export function expandEventTypes(words: string[]): { types: string[]; problems: EventTypeProblem[] } {
  const wanted = new Set<string>();
  const problems: EventTypeProblem[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if (!word) continue;
    const lower = word.toLowerCase();
    const [first, second] = lower.split(':');
    if (second !== undefined) {
      const channel = first as EventChannel;
      const group = second as EventGroup;
      if (!EVENT_CHANNELS.includes(channel) || !EVENT_GROUPS.includes(group)) {
        problems.push({
          word,
          message: `"${word}" is not a group: use CHANNEL:GROUP with a channel of ${EVENT_CHANNELS.join(', ')} and a group of ${EVENT_GROUPS.join(', ')}`,
        });
        continue;
      }
      for (const t of groupTypes(group, channel)) wanted.add(t);
      continue;
    }
    if (lower === 'all') {
      wanted.add('ALL');
      continue;
    }
    if (EVENT_CHANNELS.includes(lower as EventChannel)) {
      wanted.add(`${PREFIX[lower as EventChannel]}_ALL`);
      continue;
    }
    if (EVENT_GROUPS.includes(lower as EventGroup)) {
      for (const c of EVENT_CHANNELS) for (const t of groupTypes(lower as EventGroup, c)) wanted.add(t);
      continue;
    }
    const name = word.toUpperCase().replace(/-/g, '_');
    if (KNOWN.has(name)) {
      wanted.add(name);
      continue;
    }
    // The same event on each channel (BLOCKED: TEXT_BLOCKED, MEDIA_BLOCKED), else names that contain it.
    const sameEvent = EVENT_TYPES.filter((t) => t.slice(t.indexOf('_') + 1) === name);
    const near = (sameEvent.length ? sameEvent : EVENT_TYPES.filter((t) => name.length >= 3 && t.includes(name))).slice(0, 4);
    problems.push({
      word,
      message: `"${word}" is not an event type or group${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; groups: ${EVENT_GROUPS.join(', ')}, per channel as text:final; eum config-set event-types lists them all`,
    });
  }
  return { types: EVENT_TYPES.filter((t) => wanted.has(t)), problems };
}

/** Whether a destination with these matching types takes an event of this type (the API's own rule for `ALL` and `*_ALL`). */
export function matchesEventType(matching: readonly string[], eventType: string): boolean {
  if (matching.includes(eventType) || matching.includes('ALL')) return true;
  return matching.includes(`${eventType.slice(0, eventType.indexOf('_'))}_ALL`);
}

/**
 * The shortest way to write a list of event types with eum's groups (for people: JSON keeps the
 * API names): whole groups first (`final`, then per channel `text:final`), then the types left.
 */
export function summarizeEventTypes(types: readonly string[]): string[] {
  const left = new Set(types);
  const out: string[] = [];
  const take = (label: string, group: readonly string[]) => {
    if (group.length && group.every((t) => left.has(t))) {
      for (const t of group) left.delete(t);
      out.push(label);
    }
  };
  if (left.delete('ALL')) out.push('all');
  const groups: EventGroup[] = ['final', 'delivered', 'failures', 'progress'];
  for (const g of groups)
    take(
      g,
      EVENT_CHANNELS.flatMap((c) => groupTypes(g, c)),
    );
  for (const c of EVENT_CHANNELS) {
    if (left.delete(`${PREFIX[c]}_ALL`)) out.push(c);
    for (const g of groups) take(`${c}:${g}`, groupTypes(g, c));
  }
  return [...out, ...EVENT_TYPES.filter((t) => left.has(t)), ...[...left].filter((t) => !KNOWN.has(t))];
}

/** Each event type of the model with its channel and eum group (`all` for the API's own ALL groups). */
export function eventTypeTable(): Array<{ eventType: string; channel: EventChannel | null; group: EventGroup }> {
  return EVENT_TYPES.map((eventType) => {
    if (eventType === 'ALL') return { eventType, channel: null, group: 'all' as EventGroup };
    const channel = EVENT_CHANNELS.find((c) => eventType.startsWith(`${PREFIX[c]}_`)) ?? null;
    const group = (['all', 'delivered', 'failures', 'progress'] as const).find((g) => channel && groupTypes(g, channel).includes(eventType)) ?? 'all';
    return { eventType, channel, group };
  });
}
