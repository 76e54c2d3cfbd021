/**
 * A stand-in simulator for the Protect tests until the real one (src/sim) lands on main: the
 * same wire protocol (AWS JSON 1.0) and test hooks (/_eum/requests, /_eum/clock), serving the
 * Protect handlers of src/sim/ops/protect.ts plus the few other operations the tests need.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { protectHandlers, protectVerdict, emptyProtectState, ProtectApiError, type ProtectOpContext } from '../../src/sim/ops/protect.js';
import { countryOfNumber } from '../../src/core/protect/phone.js';
import { loadCountryCatalog } from '../../src/commands/protect/catalog.js';

export interface TestSim {
  endpoint: string;
  close(): Promise<void>;
  requests(): Promise<Array<{ operation: string; status: number; error?: string }>>;
  clearRequests(): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
}

export async function startTestSim(): Promise<TestSim> {
  const catalog = await loadCountryCatalog();
  const ps = emptyProtectState();
  const sets = new Map<string, { arn: string }>();
  const tags = new Map<string, Map<string, string>>();
  const log: Array<{ operation: string; status: number; error?: string }> = [];
  let offset = 0;
  let n = 0;
  const env = () => ({
    region: 'us-east-1',
    accountId: '123456789012',
    nowMs: Date.now() + offset,
    countries: [...catalog.service].sort(),
    newId: () => `protect-${(++n).toString(16).padStart(32, '0')}`,
    configurationSet: (name: string) => {
      const key = name.startsWith('arn:') ? name.slice(name.lastIndexOf('/') + 1) : name;
      const s = sets.get(key);
      return s ? { name: key, arn: s.arn } : undefined;
    },
    countryOf: (num: string) => countryOfNumber(num, catalog.prefixes),
  });
  const others: Record<string, (input: Record<string, any>) => Record<string, unknown>> = {
    CreateConfigurationSet(input) {
      const arn = `arn:aws:sms-voice:us-east-1:123456789012:configuration-set/${input.ConfigurationSetName}`;
      sets.set(input.ConfigurationSetName, { arn });
      return { ConfigurationSetArn: arn, ConfigurationSetName: input.ConfigurationSetName, CreatedTimestamp: new Date() };
    },
    DescribeConfigurationSets(input) {
      const names: string[] = input.ConfigurationSetNames ?? [...sets.keys()];
      return {
        ConfigurationSets: names.map((name) => {
          if (!sets.has(name)) throw new ProtectApiError('ResourceNotFoundException', `no set ${name}`, { resourceType: 'configuration-set', resourceId: name });
          return { ConfigurationSetName: name, ConfigurationSetArn: sets.get(name)!.arn, CreatedTimestamp: new Date(), EventDestinations: [], ProtectConfigurationId: ps.associations[name] };
        }),
      };
    },
    TagResource(input) {
      const t = tags.get(input.ResourceArn) ?? new Map();
      for (const x of input.Tags) t.set(x.Key, x.Value);
      tags.set(input.ResourceArn, t);
      return {};
    },
    UntagResource(input) {
      for (const k of input.TagKeys) tags.get(input.ResourceArn)?.delete(k);
      return {};
    },
    ListTagsForResource(input) {
      return { ResourceArn: input.ResourceArn, Tags: [...(tags.get(input.ResourceArn) ?? new Map())].map(([Key, Value]) => ({ Key, Value })) };
    },
    SendTextMessage(input) {
      const v = protectVerdict(ps, env(), { destination: input.DestinationPhoneNumber, configurationSetName: input.ConfigurationSetName, protectConfigurationId: input.ProtectConfigurationId });
      if (v.error) throw v.error;
      return { MessageId: `msg-${++n}` };
    },
  };
  const status = { ConflictException: 409, ResourceNotFoundException: 404, ValidationException: 400, ServiceQuotaExceededException: 402 } as Record<string, number>;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const send = (code: number, obj: unknown, headers: Record<string, string> = {}) => {
        const text = JSON.stringify(obj, (_k, v) => v);
        res.writeHead(code, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1', ...headers });
        res.end(text);
      };
      if (req.url?.startsWith('/_eum/requests')) {
        if (req.method === 'DELETE') log.length = 0;
        return send(200, { requests: log });
      }
      if (req.url?.startsWith('/_eum/clock')) {
        offset += (JSON.parse(body || '{}').advanceSeconds ?? 0) * 1000;
        return send(200, { now: new Date(Date.now() + offset).toISOString() });
      }
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const input = JSON.parse(body || '{}');
      try {
        const ctx: ProtectOpContext = {
          ps,
          env: env(),
          setTags: (arn, t) => tags.set(arn, new Map(t.map((x) => [x.Key, x.Value]))),
          dropTags: (arn) => tags.delete(arn),
        };
        const h = protectHandlers[op];
        const out = h ? h(input, ctx) : others[op]?.(input);
        if (!out) throw new ProtectApiError('ValidationException', `unknown ${op}`, { reason: 'UNKNOWN_OPERATION' });
        log.push({ operation: op, status: 200 });
        send(200, JSON.parse(JSON.stringify(out, (_k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT.*Z$/.test(v) ? Date.parse(v) / 1000 : v))));
      } catch (err) {
        if (!(err instanceof ProtectApiError)) {
          log.push({ operation: op, status: 500, error: 'InternalServerException' });
          return send(500, { __type: 'InternalServerException', message: String(err) });
        }
        const code = status[err.type] ?? 400;
        log.push({ operation: op, status: code, error: err.type });
        send(code, { __type: err.type, message: err.message, Reason: err.details.reason, ResourceType: err.details.resourceType, ResourceId: err.details.resourceId, Fields: err.details.fields }, { 'x-amzn-errortype': err.type });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    close: () => new Promise<void>((r) => server.close(() => r())),
    requests: async () => ((await (await fetch(`${endpoint}/_eum/requests`)).json()) as { requests: [] }).requests,
    clearRequests: async () => void (await fetch(`${endpoint}/_eum/requests`, { method: 'DELETE' })),
    advanceClock: async (s) => void (await fetch(`${endpoint}/_eum/clock`, { method: 'POST', body: JSON.stringify({ advanceSeconds: s }) })),
  };
}
