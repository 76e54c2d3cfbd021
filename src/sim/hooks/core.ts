/** The hooks every simulator has: request log, clock, state, reset, messages, opt-outs. */
import { simNow } from '../clock.js';
import { DEFAULT_REGION, describeState, effectiveFeedbackStatus, freshState, regionState, type SimState } from '../state.js';
import { defineHook, listHooks, type HookContext } from './registry.js';

function regionOf(ctx: HookContext): string {
  const r = ctx.query.get('region') ?? ctx.body.region;
  return typeof r === 'string' && r ? r : DEFAULT_REGION;
}

defineHook('GET', '/_eum/', () => ({ body: { hooks: listHooks() } }));

defineHook('GET', '/_eum/requests', (ctx) => ({ body: { requests: ctx.requests.list() } }));
defineHook('DELETE', '/_eum/requests', (ctx) => {
  ctx.requests.clear();
  return { body: { cleared: true } };
});

defineHook('GET', '/_eum/clock', async (ctx) => ({
  body: await ctx.store.transact((s) => ({ now: new Date(simNow(ctx.clock, s)).toISOString(), offsetSeconds: s.clockOffsetMs / 1000 })),
}));
defineHook('POST', '/_eum/clock', async (ctx) => {
  const n = Number(ctx.body.advanceSeconds);
  if (!Number.isFinite(n)) return { status: 400, body: { message: 'advanceSeconds must be a number of seconds' } };
  return {
    body: await ctx.store.transact((s) => {
      s.clockOffsetMs += n * 1000;
      return { now: new Date(simNow(ctx.clock, s)).toISOString(), offsetSeconds: s.clockOffsetMs / 1000 };
    }),
  };
});

defineHook('GET', '/_eum/state', async (ctx) => ({ body: await ctx.store.transact((s) => describeState(s, simNow(ctx.clock, s))) }));

defineHook('POST', '/_eum/reset', async (ctx) => {
  await ctx.store.transact((s) => {
    const fresh = freshState(new Date(ctx.clock.now()), s.preset);
    for (const k of Object.keys(s)) delete (s as unknown as Record<string, unknown>)[k];
    Object.assign(s, fresh as SimState);
  });
  return { body: { reset: true } };
});

defineHook('GET', '/_eum/messages/:id', async (ctx) => {
  const found = await ctx.store.transact((s) => {
    const m = regionState(s, regionOf(ctx)).messages[ctx.params.id];
    return m ? { ...m, feedbackStatus: effectiveFeedbackStatus(m, simNow(ctx.clock, s)) ?? null } : undefined;
  });
  return found ? { body: found } : { status: 404, body: { message: `no message ${ctx.params.id} in ${regionOf(ctx)}` } };
});

/** Opts a number out (until PutOptedOutNumber is simulated): `{"phoneNumber":"+1...","optOutListName":"Default"}`. */
defineHook('POST', '/_eum/opt-outs', async (ctx) => {
  const phone = ctx.body.phoneNumber;
  const list = typeof ctx.body.optOutListName === 'string' ? ctx.body.optOutListName : 'Default';
  if (typeof phone !== 'string' || !/^\+[1-9][0-9]{1,18}$/.test(phone))
    return { status: 400, body: { message: 'phoneNumber must be E.164, e.g. +12065550142' } };
  return ctx.store.transact((s) => {
    const r = regionState(s, regionOf(ctx));
    const l = r.optOuts[list];
    if (!l) return { status: 404, body: { message: `no opt-out list ${list}` } };
    l.numbers[phone] = { optedOutAt: simNow(ctx.clock, s), endUserOptedOut: false };
    return { body: { optOutListName: list, phoneNumber: phone } };
  });
});
