/** The readable rendering of a ProgramPlan: per Region and resource, then the calls in their order. */
import { renderPlanText, type PlanStyle } from '../protect/plan-text.js';
import { countProgramCalls, type FieldChange, type ProgramCall, type ProgramPlan } from './plan.js';

const plain: PlanStyle = { add: (s) => s, remove: (s) => s, change: (s) => s, dim: (s) => s };

function show(v: unknown): string {
  if (v === undefined) return 'none';
  if (typeof v === 'string') return v;
  const o = v as { message?: string; action?: string; eventTypes?: string[]; enabled?: boolean };
  if (o && typeof o === 'object' && typeof o.message === 'string') return `${JSON.stringify(o.message)} (${(o.action ?? '').toLowerCase().replace(/_/g, '-')})`;
  if (o && typeof o === 'object' && Array.isArray(o.eventTypes)) return `[${o.eventTypes.join(', ')}]${o.enabled === false ? ' disabled' : ''}`;
  return JSON.stringify(v);
}

function fieldLine(f: FieldChange, st: PlanStyle): string {
  if (f.from === undefined) return st.add(`    + ${f.field}: ${show(f.to)}`);
  if (f.to === undefined) return st.remove(`    - ${f.field}: ${show(f.from)}`);
  return st.change(`    ~ ${f.field}: ${show(f.from)} -> ${show(f.to)}`);
}

const KIND_LABEL: Record<string, string> = {
  senderId: 'sender ID',
  optedOutNumbers: 'opted-out numbers of',
  optOutList: 'opt-out list',
  phoneNumber: 'phone number',
  pool: 'pool',
  configurationSet: 'configuration set',
  spendLimit: 'spend limit',
  protect: 'Protect configuration',
};

/** One call in words, phone numbers masked. */
export function programCallLabel(c: ProgramCall, mask: (n: string) => string): string {
  const r = c.region;
  switch (c.op) {
    case 'CreateOptOutList':
    case 'DeleteOptOutList':
      return `${r} ${c.op} ${c.list}`;
    case 'RequestPhoneNumber':
      return `${r} ${c.op} ${mask(c.number)} (${c.numberType.toLowerCase().replace(/_/g, '-')}, ${c.country})`;
    case 'UpdatePhoneNumber':
      return `${r} ${c.op} ${mask(c.number)} (${Object.keys(c.changes).join(', ')})`;
    case 'PutKeyword':
    case 'DeleteKeyword':
      return `${r} ${c.op} ${mask(c.number)} ${c.keyword}`;
    case 'CreatePool':
    case 'UpdatePool':
    case 'DeletePool':
      return `${r} ${c.op} ${c.pool}`;
    case 'AssociateOriginationIdentity':
    case 'DisassociateOriginationIdentity':
      return `${r} ${c.op} ${c.pool} ${mask(c.identity)}`;
    case 'CreateEventDestination':
    case 'UpdateEventDestination':
      return `${r} ${c.op} ${c.configurationSet} ${c.destination.name}`;
    case 'DeleteEventDestination':
      return `${r} ${c.op} ${c.configurationSet} ${c.name}`;
    case 'SetSpendLimitOverride':
      return `${r} ${c.op} ${c.channel} ${c.limit} USD`;
    case 'DeleteSpendLimitOverride':
      return `${r} ${c.op} ${c.channel}`;
    case 'RequestSenderId':
    case 'ReleaseSenderId':
      return `${r} ${c.op} ${c.senderId} ${c.country}`;
    case 'PutOptedOutNumber':
      return `${r} ${c.op} ${c.list} ${mask(c.number)}`;
    case 'Protect': {
      const p = c.call;
      const extra = 'number' in p ? ` ${mask(p.number)}` : 'configurationSet' in p ? ` ${p.configurationSet}` : 'channel' in p ? ` ${p.channel}` : '';
      return `${r} ${p.op} ${p.ref}${extra}`;
    }
    default:
      return `${r} ${c.op} ${c.configurationSet}`;
  }
}

export function renderProgramPlan(
  plan: ProgramPlan,
  options: { header?: string; style?: PlanStyle; countryName(code: string): string; mask(n: string): string },
): string {
  const st = options.style ?? plain;
  const lines: string[] = [];
  if (options.header) lines.push(options.header, '');
  const regions = [...new Set([...plan.resources.map((r) => r.region), ...Object.keys(plan.protect)])];
  for (const region of regions) {
    const changed = plan.resources.filter((r) => r.region === region && r.action !== 'unchanged' && r.kind !== 'protect');
    const unchanged = plan.resources.filter((r) => r.region === region && r.action === 'unchanged').length;
    lines.push(`Region ${region}`);
    for (const r of changed) {
      const label = `${KIND_LABEL[r.kind]} ${r.name}`;
      if (r.action === 'create') lines.push(st.add(`  + create ${label}`));
      else if (r.action === 'delete') lines.push(st.remove(`  - delete ${label}`));
      else lines.push(st.change(`  ~ update ${label}`));
      for (const f of r.changes) lines.push(fieldLine(f, st));
    }
    const pp = plan.protect[region];
    if (pp?.calls.length) {
      // Protect's own rendering, indented: the same lines `eum protect apply --plan` prints.
      const text = renderPlanText({ ...pp, blockers: [], unmanaged: [], expired: [] }, { name: options.countryName, style: st, mask: options.mask });
      for (const l of text.trimEnd().split('\n').slice(0, -2)) if (l) lines.push(`  Protect: ${l.trimStart() === l ? l : l.trim()}`);
    }
    if (unchanged) lines.push(st.dim(`  = ${unchanged} resource${unchanged === 1 ? '' : 's'} unchanged`));
    lines.push('');
  }
  for (const e of plan.expired) lines.push(st.dim(`expired, not applied: ${e} (remove it from the document)`));
  for (const u of plan.unmanaged) lines.push(st.dim(`not in the document (left alone): ${u}`));
  for (const b of plan.blockers) lines.push(st.remove(`! ${b}`));
  if (plan.calls.length) {
    lines.push('', 'Calls, in order:');
    let stage = -1;
    for (const c of plan.calls) {
      if (c.stage !== stage) {
        stage = c.stage;
        lines.push(st.dim(`  stage ${stage + 1}`));
      }
      lines.push(`    ${programCallLabel(c, options.mask)}`);
    }
  }
  const counts = countProgramCalls(plan);
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
