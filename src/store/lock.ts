/**
 * A lock file: one holder at a time per name, across processes on this machine.
 *
 * The file holds the holder's pid, host and start time; it is created with O_EXCL, so two
 * processes never both create it. A lock whose process is gone (kill -9, a crash, a reboot) is
 * stale: the next caller takes it over. Taking over goes through a second O_EXCL file, so two
 * callers that both find the same stale lock do not both remove it (one of them would remove
 * the other's fresh lock).
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  since: string;
}

export type LockAttempt = { acquired: true; release: () => Promise<void> } | { acquired: false; holder: LockHolder | undefined };

/** A takeover file older than this was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const h = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid === 'number' && typeof h.host === 'string') return { pid: h.pid, host: h.host, since: String(h.since ?? '') };
  } catch {
    // Unreadable or half-written (the holder is writing it right now): see the caller.
  }
  return undefined;
}

/** Whether a holder is certainly gone: same host and no such process. Another host's lock is never stale. */
function stale(holder: LockHolder | undefined): boolean {
  return holder !== undefined && holder.host === os.hostname() && holder.pid !== process.pid && !alive(holder.pid);
}

/** How old a file is by the system clock (0 when it is gone). */
async function ageMs(file: string): Promise<number> {
  return stat(file).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
}

async function create(file: string, now: Date): Promise<boolean> {
  try {
    const fh = await open(file, 'wx', 0o600);
    try {
      await fh.writeFile(JSON.stringify({ pid: process.pid, host: os.hostname(), since: now.toISOString() }));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Tries once to take the lock `file` (its directory is created 0700); never waits. */
export async function tryLock(file: string, now = new Date()): Promise<LockAttempt> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const release = async () => {
    await rm(file, { force: true });
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(file, now)) return { acquired: true, release };
    const holder = await readHolder(file);
    // An empty lock file: its holder died between creating and writing it, or is writing it now.
    const abandoned = holder === undefined && (await ageMs(file)) > TAKEOVER_STALE_MS;
    if (!stale(holder) && !abandoned) return { acquired: false, holder };
    // Stale: take it over under a second lock, and check again that it is the same stale holder.
    const takeover = `${file}.takeover`;
    if (!(await create(takeover, now))) {
      if ((await ageMs(takeover)) > TAKEOVER_STALE_MS) await rm(takeover, { force: true });
      continue;
    }
    try {
      const again = await readHolder(file);
      const same = holder ? again?.pid === holder.pid && again.since === holder.since : again === undefined;
      if (same) await rm(file, { force: true });
    } finally {
      await rm(takeover, { force: true });
    }
  }
  return { acquired: false, holder: await readHolder(file) };
}
