/**
 * Where the simulator's state lives. The memory store is the fast path (one object, no copies).
 * The file store lets several processes share one state file (eum --sim runs a simulator per eum
 * invocation): every transaction takes an inter-process lock (an O_EXCL lock file, recovered when
 * its owner is dead or it is too old), re-reads the file if another process changed it (inode,
 * mtime and size: every write is a rename, so the inode changes too), runs the handler, and writes
 * atomically (temp file + rename, mode 0600, directory 0700) only when the state changed.
 */
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { freshState, normalizeState, type AccountPreset, type SimState } from './state.js';

export interface SimStore {
  /** Run fn with exclusive access to the current state; persist if changed. */
  transact<T>(fn: (s: SimState) => T): Promise<T>;
  /** Persist now (the file store persists on every change, so this only flushes). */
  save?(): Promise<void>;
}

/** State in memory only; `initial` defaults to a fresh account. */
export function createMemoryStore(initial?: SimState): SimStore {
  const state = normalizeState(initial ?? freshState(new Date()), Date.now());
  return {
    // Handlers are synchronous, so nothing else can run between reading and writing: no lock.
    transact<T>(fn: (s: SimState) => T): Promise<T> {
      try {
        return Promise.resolve(fn(state));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };
}

export interface FileStoreOptions {
  /** A lock older than this is taken over even if its owner seems alive (default 10 s). */
  staleLockMs?: number;
  /** Give up waiting for the lock after this long (default 30 s). */
  lockTimeoutMs?: number;
  /** The preset of a state file that does not exist yet (default `ready`). */
  account?: AccountPreset;
  /**
   * The file's directory belongs to the simulator (the embedded one's $EUM_HOME/sim): made 0700
   * even when it already existed. False for a file the user placed (`eum sim start --state`).
   */
  ownDirectory?: boolean;
}

interface Stamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** State in a JSON file shared safely between processes (see the module comment). */
export function createFileStore(file: string, options: FileStoreOptions = {}): SimStore {
  const staleLockMs = options.staleLockMs ?? 10_000;
  const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  const lockFile = `${file}.lock`;
  let cached: { state: SimState; stamp: Stamp | null; json: string } | null = null;
  // Transactions of this process queue here, so they do not poll the lock file against each other.
  let queue: Promise<unknown> = Promise.resolve();
  let dirChecked = false;

  async function acquireLock(): Promise<void> {
    const started = Date.now();
    let wait = 2;
    for (;;) {
      try {
        const fh = await open(lockFile, 'wx', 0o600);
        await fh.writeFile(`${process.pid} ${Date.now()}\n`);
        await fh.close();
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await lockIsStale()) {
        // Only one waiter wins the rename; the others see ENOENT and go round again.
        const grave = `${lockFile}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
        try {
          await rename(lockFile, grave);
          await rm(grave, { force: true });
        } catch {
          /* someone else recovered it */
        }
        continue;
      }
      if (Date.now() - started > lockTimeoutMs)
        throw new Error(`simulator state ${file} is locked by another process (${lockFile}); remove the lock file if no eum is running`);
      await sleep(wait);
      wait = Math.min(wait * 2, 25);
    }
  }

  async function lockIsStale(): Promise<boolean> {
    try {
      const [text, st] = await Promise.all([readFile(lockFile, 'utf8'), stat(lockFile)]);
      const pid = Number(text.split(' ')[0]);
      if (Date.now() - st.mtimeMs > staleLockMs) return true;
      // An empty file is a lock being written right now: not stale.
      return text.length > 0 && !pidAlive(pid);
    } catch {
      return false;
    }
  }

  async function releaseLock(): Promise<void> {
    await unlink(lockFile).catch(() => undefined);
  }

  async function currentStamp(): Promise<Stamp | null> {
    try {
      const st = await stat(file);
      return { ino: st.ino, mtimeMs: st.mtimeMs, size: st.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  const same = (a: Stamp | null, b: Stamp | null) => (a === null || b === null ? a === b : a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size);

  async function load(): Promise<void> {
    const stamp = await currentStamp();
    if (cached && same(cached.stamp, stamp)) return;
    if (stamp === null) {
      const state = freshState(new Date(), options.account ?? 'ready');
      cached = { state, stamp: null, json: '' };
      return;
    }
    const json = await readFile(file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (err) {
      throw new Error(`simulator state ${file} is not valid JSON (${(err as Error).message}); fix it or delete it to start afresh`);
    }
    cached = { state: normalizeState(parsed, Date.now()), stamp, json };
  }

  async function persist(json: string): Promise<void> {
    const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(tmp, json, { mode: 0o600 });
    await rename(tmp, file);
    cached!.json = json;
    cached!.stamp = await currentStamp();
  }

  async function run<T>(fn: (s: SimState) => T): Promise<T> {
    if (!dirChecked) {
      // mkdir's mode applies only to directories it creates: an existing own one is tightened too.
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      if (options.ownDirectory !== false) await chmod(path.dirname(file), 0o700);
      dirChecked = true;
    }
    await acquireLock();
    try {
      await load();
      let result: T;
      try {
        result = fn(cached!.state);
      } catch (err) {
        // The handler may have changed the state before it threw: read it afresh next time.
        cached = null;
        throw err;
      }
      const json = JSON.stringify(cached!.state);
      if (json !== cached!.json) await persist(json);
      return result;
    } finally {
      await releaseLock();
    }
  }

  return {
    transact<T>(fn: (s: SimState) => T): Promise<T> {
      const next = queue.then(() => run(fn));
      queue = next.catch(() => undefined);
      return next;
    },
    async save(): Promise<void> {
      await queue;
    },
  };
}
