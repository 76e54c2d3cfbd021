/** Opt-out lists and the numbers on them. */
import type {
  CreateOptOutListRequest,
  DeleteOptedOutNumberRequest,
  DeleteOptOutListRequest,
  DescribeOptedOutNumbersRequest,
  DescribeOptOutListsRequest,
  PutOptedOutNumberRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { conflictError, notFoundError, quotaError } from '../errors.js';
import { arn, type OptOutListRecord } from '../state.js';
import { applyFilters, compact, epochSeconds, idempotent, paginate, setTags, type OpMap } from './context.js';
import { findOptOutList } from './phone-numbers.js';

/** Opt-out lists per account and region, Default included (quotas page, 25). */
export const MAX_OPT_OUT_LISTS = 25;

const listInformation = (l: OptOutListRecord) => ({ OptOutListArn: l.arn, OptOutListName: l.name, CreatedTimestamp: epochSeconds(l.createdAt) });

const e164 = (n: string) => (n.startsWith('+') ? n : `+${n}`);

export const optOutOps: OpMap = {
  CreateOptOutList(ctx, input: CreateOptOutListRequest) {
    return idempotent(ctx, 'CreateOptOutList', input, () => {
      const name = input.OptOutListName!;
      if (ctx.region.optOuts[name]) throw conflictError('RESOURCE_ALREADY_EXISTS', 'opt-out-list', name, `An opt-out list named ${name} already exists.`);
      if (Object.keys(ctx.region.optOuts).length >= MAX_OPT_OUT_LISTS)
        throw quotaError('OPT_OUT_LISTS_PER_ACCOUNT', `You have reached the maximum of ${MAX_OPT_OUT_LISTS} opt-out lists.`);
      const l: OptOutListRecord = { name, arn: arn(ctx.regionName, `opt-out-list/${name}`), createdAt: ctx.now, numbers: {} };
      ctx.region.optOuts[name] = l;
      setTags(ctx, l.arn, input.Tags);
      return { ...listInformation(l), Tags: input.Tags ?? [] };
    });
  },

  DeleteOptOutList(ctx, input: DeleteOptOutListRequest) {
    const l = findOptOutList(ctx, input.OptOutListName!);
    const user = [...Object.values(ctx.region.phoneNumbers), ...Object.values(ctx.region.pools)].find((x) => x.optOutListName === l.name);
    if (user || l.name === 'Default') {
      throw conflictError(
        'RESOURCE_DELETION_NOT_ALLOWED',
        'opt-out-list',
        l.name,
        user ? `Opt-out list ${l.name} is used by ${user.id}.` : 'The Default opt-out list cannot be deleted.',
      );
    }
    delete ctx.region.optOuts[l.name];
    delete ctx.region.tags[l.arn];
    delete ctx.region.resourcePolicies[l.arn];
    return listInformation(l);
  },

  DescribeOptOutLists(ctx, input: DescribeOptOutListsRequest) {
    let lists: OptOutListRecord[];
    if (input.Owner === 'SHARED') lists = [];
    else if (input.OptOutListNames?.length) lists = input.OptOutListNames.map((n) => findOptOutList(ctx, n));
    else lists = Object.values(ctx.region.optOuts);
    const { page, nextToken } = paginate(lists, input);
    return compact({ OptOutLists: page.map(listInformation), NextToken: nextToken });
  },

  PutOptedOutNumber(ctx, input: PutOptedOutNumberRequest) {
    const l = findOptOutList(ctx, input.OptOutListName!);
    const n = e164(input.OptedOutNumber!);
    l.numbers[n] ??= { optedOutAt: ctx.now, endUserOptedOut: false };
    const entry = l.numbers[n];
    return {
      OptOutListArn: l.arn,
      OptOutListName: l.name,
      OptedOutNumber: n,
      OptedOutTimestamp: epochSeconds(entry.optedOutAt),
      EndUserOptedOut: entry.endUserOptedOut,
    };
  },

  DeleteOptedOutNumber(ctx, input: DeleteOptedOutNumberRequest) {
    const l = findOptOutList(ctx, input.OptOutListName!);
    const n = e164(input.OptedOutNumber!);
    const entry = l.numbers[n];
    if (!entry) throw notFoundError('opted-out-number', n, `${n} is not on opt-out list ${l.name}.`);
    delete l.numbers[n];
    return {
      OptOutListArn: l.arn,
      OptOutListName: l.name,
      OptedOutNumber: n,
      OptedOutTimestamp: epochSeconds(entry.optedOutAt),
      EndUserOptedOut: entry.endUserOptedOut,
    };
  },

  DescribeOptedOutNumbers(ctx, input: DescribeOptedOutNumbersRequest) {
    const l = findOptOutList(ctx, input.OptOutListName!);
    let numbers: { n: string; at: number; endUser: boolean }[];
    if (input.OptedOutNumbers?.length) {
      numbers = input.OptedOutNumbers.map((raw) => {
        const n = e164(raw);
        const entry = l.numbers[n];
        if (!entry) throw notFoundError('opted-out-number', n, `${n} is not on opt-out list ${l.name}.`);
        return { n, at: entry.optedOutAt, endUser: entry.endUserOptedOut };
      });
    } else numbers = Object.entries(l.numbers).map(([n, e]) => ({ n, at: e.optedOutAt, endUser: e.endUserOptedOut }));
    numbers = applyFilters(numbers, input.Filters, { 'end-user-opted-out': (x) => x.endUser });
    const { page, nextToken } = paginate(numbers, input);
    return compact({
      OptOutListArn: l.arn,
      OptOutListName: l.name,
      OptedOutNumbers: page.map((x) => ({ OptedOutNumber: x.n, OptedOutTimestamp: epochSeconds(x.at), EndUserOptedOut: x.endUser })),
      NextToken: nextToken,
    });
  },
};
