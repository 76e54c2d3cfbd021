/** The readable rendering of a ProtectPlan: one block per configuration, changes per channel. */
import { countCalls, type ProtectPlan } from './plan.js';
import type { RuleChange } from './rules.js';

export interface PlanStyle {
  add(s: string): string;
  remove(s: string): string;
  change(s: string): string;
  dim(s: string): string;
}

const plain: PlanStyle = { add: (s) => s, remove: (s) => s, change: (s) => s, dim: (s) => s };

function groupRules(changes: RuleChange[], name: (code: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const c of changes) groups.set(`${c.from} -> ${c.to}`, [...(groups.get(`${c.from} -> ${c.to}`) ?? []), c.country]);
  return [...groups].map(([k, codes]) => {
    const list =
      codes.length <= 12
        ? codes.map((c) => `${c} ${name(c)}`).join(', ')
        : `${codes.slice(0, 30).join(', ')}${codes.length > 30 ? `, ... (${codes.length - 30} more)` : ''}`;
    return `${k} (${codes.length}): ${list}`;
  });
}

function when(expires?: string): string {
  return expires ? ` until ${expires}` : '';
}

/**
 * The plan in words. `mask` hides the phone numbers of overrides (`maskPhoneNumber`; the
 * commands always pass it: the plan is shown on stderr before the question, too).
 */
export function renderPlanText(
  plan: ProtectPlan,
  options: { name: (code: string) => string; style?: PlanStyle; header?: string; mask?: (n: string) => string },
): string {
  const st = options.style ?? plain;
  const m = options.mask ?? ((n: string) => n);
  const lines: string[] = [];
  if (options.header) lines.push(options.header, '');
  for (const c of plan.configurations) {
    if (c.action === 'unchanged') continue;
    const label = `${c.name}${c.id && c.id !== c.name ? ` (${c.id})` : ''}`;
    if (c.action === 'create') lines.push(st.add(`+ create ${label}`));
    else if (c.action === 'delete') lines.push(st.remove(`- delete ${label}`));
    else lines.push(st.change(`~ update ${label}`));
    for (const ch of c.changes) {
      switch (ch.kind) {
        case 'deletionProtection':
          lines.push(st.change(`    ~ deletion protection: ${ch.from ? 'on' : 'off'} -> ${ch.to ? 'on' : 'off'}`));
          break;
        case 'tag':
          if (ch.from === undefined) lines.push(st.add(`    + tag ${ch.key}=${ch.to}`));
          else if (ch.to === undefined) lines.push(st.remove(`    - tag ${ch.key}=${ch.from}`));
          else lines.push(st.change(`    ~ tag ${ch.key}: ${ch.from} -> ${ch.to}`));
          break;
        case 'rules':
          for (const g of groupRules(ch.changes, options.name)) lines.push(st.change(`    ~ ${ch.channel}: ${g}`));
          break;
        case 'override':
          if (!ch.from) lines.push(st.add(`    + override ${m(ch.number)} ${ch.to!.action}${when(ch.to!.expires)}`));
          else if (!ch.to) lines.push(st.remove(`    - override ${m(ch.number)} ${ch.from.action}${when(ch.from.expires)}`));
          else lines.push(st.change(`    ~ override ${m(ch.number)}: ${ch.from.action}${when(ch.from.expires)} -> ${ch.to.action}${when(ch.to.expires)}`));
          break;
        case 'configurationSet':
          lines.push(ch.change === 'add' ? st.add(`    + configuration set ${ch.name}`) : st.remove(`    - configuration set ${ch.name}`));
          break;
        case 'accountDefault':
          lines.push(ch.to ? st.add('    + account default') : st.remove('    - account default'));
          break;
      }
    }
    if (c.action === 'create' && c.changes.length === 0) lines.push(st.dim('    (every country ALLOW, no overrides)'));
  }
  if (plan.accountDefault) lines.push(st.change(`~ account default: ${plan.accountDefault.from ?? 'none'} -> ${plan.accountDefault.to ?? 'none'}`));
  const unchanged = plan.configurations.filter((c) => c.action === 'unchanged').map((c) => c.name);
  if (unchanged.length) lines.push(st.dim(`= unchanged: ${unchanged.join(', ')}`));
  for (const e of plan.expired ?? [])
    lines.push(st.dim(`  expired, not applied: ${e.configuration} override ${m(e.number)} ${e.action} until ${e.expires} (remove it from the document)`));
  if (plan.unmanaged.length) lines.push(st.dim(`  not in the document (left alone; --prune deletes them): ${plan.unmanaged.join(', ')}`));
  for (const b of plan.blockers) lines.push(st.remove(`! ${b}`));
  const counts = countCalls(plan);
  lines.push('');
  lines.push(
    plan.calls.length === 0
      ? 'No changes. The account matches the document.'
      : `${plan.calls.length} API call${plan.calls.length === 1 ? '' : 's'}: ${Object.entries(counts)
          .map(([op, n]) => `${op} x${n}`)
          .join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}
