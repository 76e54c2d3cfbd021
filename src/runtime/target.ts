/** Which API a journal's work went to: AWS (per profile), the built-in simulator, or an endpoint. */
import type { Context } from '../cli/context.js';

export async function journalTarget(ctx: Context): Promise<string> {
  const { ledgerTarget } = await import('../store/ledger/index.js');
  const base = ledgerTarget(ctx.globals);
  return base === 'aws' ? `aws-${ctx.globals.profile ?? ctx.env.AWS_PROFILE ?? 'default'}` : base;
}
