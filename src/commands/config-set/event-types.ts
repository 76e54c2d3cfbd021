/** `eum config-set event-types [--events LIST]`: the event types and eum's groups, or what a `--events` value expands to. No API call. */
import type { Command } from 'commander';
import type { App } from '../../cli/program.js';
import type { CommandResult } from '../../cli/output.js';
import { InputError, type InputProblem } from '../../errors.js';
import { EVENT_GROUPS, eventTypeTable, type EventChannel, type EventGroup } from '../../core/config-set/events.js';
import { collect, configSetFlags } from './options.js';
import { parseOptions } from '../../cli/options.js';

export interface EventTypesData {
  eventTypes: Array<{ eventType: string; channel: EventChannel | null; group: EventGroup }>;
}

export function runEventTypes(o: { events?: string[] }): CommandResult<EventTypesData> {
  let rows = eventTypeTable();
  if (o.events) {
    const wanted = new Set(o.events);
    rows = rows.filter((r) => wanted.has(r.eventType));
  }
  return {
    data: { eventTypes: rows },
    views: [
      {
        kind: 'table',
        columns: [
          { key: 'eventType', header: 'Event type' },
          { key: 'channel', header: 'Channel' },
          { key: 'group', header: 'Group' },
        ],
        rows: rows as unknown as Record<string, unknown>[],
      },
    ],
    notes: o.events
      ? [`${rows.length} event type${rows.length === 1 ? '' : 's'}`]
      : [`groups: ${EVENT_GROUPS.join(', ')} (final is delivered and failures); per channel as text:final; a channel alone (text) is the API's TEXT_ALL`],
  };
}

export function registerConfigSetEventTypes(parent: Command, app: App): void {
  const cmd = parent
    .command('event-types')
    .description('list the event types and their groups, or what an --events value expands to (no API call)')
    .option('--events <list>', 'expand this list as destination add would', collect)
    .action(
      app.action(async (_ctx, { opts }) => {
        const problems: InputProblem[] = [];
        const { events } = parseOptions({ events: configSetFlags.events }, opts, problems);
        if (problems.length) throw new InputError(problems);
        return runEventTypes({ events });
      }),
    );
  app.examples(cmd, [
    ['every type with its group', 'eum config-set event-types'],
    ['what text:final means', 'eum config-set event-types --events text:final'],
  ]);
}
