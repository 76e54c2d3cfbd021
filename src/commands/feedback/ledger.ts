/** The ledger of the API this invocation talks to (AWS, --sim, or --endpoint-url). */
import type { Context } from '../../cli/context.js';
import type { Ledger } from '../../store/ledger/index.js';

export async function contextLedger(ctx: Context): Promise<Ledger> {
  const { openLedger, ledgerTarget } = await import('../../store/ledger/index.js');
  return openLedger(ctx.stateDir, ledgerTarget(ctx.globals));
}
