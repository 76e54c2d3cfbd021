// PLACEHOLDER until the simulator lands (helper-1 replaces this file).
export interface SimConfig { quotas: boolean; quotaScale: number; latencyMs?: [number, number]; failRate: number; throttleRate: number; registrationTypesDir?: string }
export interface SimServer { endpoint: string; port: number; close(): Promise<void> }
export type SimState = Record<string, unknown>;
export interface SimStore { transact<T>(fn: (s: SimState) => T): Promise<T>; save?(): Promise<void> }
export async function startSimServer(_opts: { host?: string; port?: number; config: SimConfig; store: SimStore }): Promise<SimServer> { throw new Error('simulator not built yet'); }
export function createMemoryStore(): SimStore { throw new Error('simulator not built yet'); }
export function createFileStore(_file: string): SimStore { throw new Error('simulator not built yet'); }
export function describeState(s: SimState): object { return s; }
