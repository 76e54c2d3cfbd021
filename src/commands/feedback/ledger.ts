/**
 * Kept only for `src/commands/send` (edited by another branch): new code calls `ledgerFor` in
 * `src/store/ledger` directly. Delete this file once send imports that.
 */
import type { Context } from '../../cli/context.js';
import type { Ledger } from '../../store/ledger/index.js';

/** @deprecated use `ledgerFor(ctx.stateDir, ctx.globals)` from `src/store/ledger`. */
export async function contextLedger(ctx: Context): Promise<Ledger> {
  const { ledgerFor } = await import('../../store/ledger/index.js');
  return ledgerFor(ctx.stateDir, ctx.globals);
}
