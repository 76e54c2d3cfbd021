/**
 * `POST /_eum/registrations/:id/review`: decides a submitted registration version at once.
 * Body: `{"decision":"APPROVE"}`, or `{"decision":"DENY","reasons":[{"Reason","ShortDescription",...}],
 * "fields":{"<FieldPath>":{"DeniedReason","Feedback"}},"feedback":"..."}`, or `{"decision":"REVIEWING"}`.
 * Region: `?region=` or `"region"` in the body (default us-east-1).
 */
import { simNow } from '../clock.js';
import { SimError } from '../errors.js';
import * as model from '../registrations/model.js';
import { registrationEnv, toSimError } from '../ops/registrations.js';
import { refreshRegistrations } from '../registrations/sender-ids.js';
import { DEFAULT_REGION, regionState } from '../state.js';
import { defineHook } from './registry.js';

defineHook('POST', '/_eum/registrations/:id/review', async (ctx) => {
  const problem = model.reviewProblem(ctx.body);
  if (problem) return { status: 400, body: { message: problem } };
  const r = ctx.query.get('region') ?? ctx.body.region;
  const region = typeof r === 'string' && r ? r : DEFAULT_REGION;
  try {
    return await ctx.store.transact((s) => {
      const env = registrationEnv(simNow(ctx.clock, s), region, ctx.config.registrationTypesDir);
      const rs = regionState(s, region).registrations;
      model.advance(rs, env.now);
      const out = model.review(rs, env, ctx.params.id, ctx.body as unknown as model.ReviewDecision);
      const w = (d: Date | undefined) => d?.toISOString();
      refreshRegistrations(regionState(s, region), region, env.catalog, env.now.getTime());
      return {
        body: {
          registration: { ...out.registration, CreatedTimestamp: w(out.registration.CreatedTimestamp) },
          version: {
            ...out.version,
            RegistrationVersionStatusHistory: Object.fromEntries(Object.entries(out.version.RegistrationVersionStatusHistory).map(([k, d]) => [k, w(d)])),
          },
        },
      };
    });
  } catch (err) {
    const e = toSimError(err);
    if (e instanceof SimError)
      return { status: e.errorType === 'ResourceNotFoundException' ? 404 : e.errorType === 'ConflictException' ? 409 : 400, body: e.wireBody() };
    throw err;
  }
});
