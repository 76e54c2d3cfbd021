/** The simulator for the registration tests: a real server on a free port, quotas off, in memory. */
import { ACCOUNT_ID, createMemoryStore, freshState, startSimServer, type SimState } from '../../src/sim/index.js';
import { defaultKeywords } from '../../src/sim/state.js';

/** Ids of the US toll-free numbers every test simulator holds (the simulator cannot request numbers yet). */
export const TOLL_FREE_NUMBER_IDS = Array.from({ length: 8 }, (_, i) => `phone-${String(i + 1).padStart(32, 'f')}`);

/** A fresh simulator state with US toll-free numbers to associate with toll-free registrations. */
function seededState(): SimState {
  const s = freshState(new Date());
  const region = s.regions['us-east-1'];
  TOLL_FREE_NUMBER_IDS.forEach((id, i) => {
    region.phoneNumbers[id] = {
      id,
      arn: `arn:aws:sms-voice:us-east-1:${ACCOUNT_ID}:phone-number/${id}`,
      phoneNumber: `+1888555${String(100 + i).padStart(4, '0')}`,
      status: 'ACTIVE',
      isoCountryCode: 'US',
      messageType: 'TRANSACTIONAL',
      numberCapabilities: ['SMS'],
      numberType: 'TOLL_FREE',
      monthlyLeasingPrice: '2.00',
      twoWayEnabled: false,
      selfManagedOptOutsEnabled: false,
      optOutListName: 'Default',
      internationalSendingEnabled: false,
      deletionProtectionEnabled: false,
      keywords: defaultKeywords(),
      createdAt: s.createdAt,
    };
  });
  return s;
}

export interface RegistrationSim {
  endpoint: string;
  close(): Promise<void>;
  /** The simulator's request log (GET /_eum/requests). */
  requests(): Promise<Array<{ operation: string | null; status: number; errorType: string | null }>>;
}

export async function startRegistrationSim(opts: { registrationTypesDir?: string } = {}): Promise<RegistrationSim> {
  const server = await startSimServer({
    store: createMemoryStore(seededState()),
    config: { quotas: false, quotaScale: 1, failRate: 0, throttleRate: 0, registrationTypesDir: opts.registrationTypesDir },
  });
  return {
    endpoint: server.endpoint,
    close: () => server.close(),
    requests: async () => ((await (await fetch(`${server.endpoint}/_eum/requests`)).json()) as { requests: [] }).requests,
  };
}

/**
 * Registration writes are paced at the API quota (1 per second) by default; against the
 * simulator without quotas the tests write at once.
 */
export function fastWrites(args: string[]): string[] {
  const i = args.indexOf('registration');
  return i >= 0 && ['create', 'edit', 'update'].includes(args[i + 1]) && !args.includes('--rate') && !args.includes('--help')
    ? [...args, '--rate', '1000']
    : args;
}
