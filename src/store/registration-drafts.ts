/**
 * The local record of registration drafts eum created: which draft a `create` run was filling
 * (so a rerun after a failure resumes it instead of creating another), the files it uploaded
 * (so `edit` does not upload the same file again) and the optional fields the walkthrough
 * skipped (so `edit` does not ask them again). One file per target:
 * `$EUM_HOME/registration/drafts/<target>.json` (0600, directories 0700). Written before the
 * API acts where a rerun must not repeat the act.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OperationError } from '../errors.js';

export interface DraftRecord {
  registrationId: string;
  registrationType: string;
  /** What identifies the run that created it: `name:<Name tag>` or `file:<answers file path>`. */
  key?: string;
  /** Set once every answer was stored; an unfinished draft is resumed by a rerun. */
  filled: boolean;
  /** Uploaded files by field path: the file's SHA-256, the attachment id it became, and its path. */
  uploads: Record<string, { sha256: string; attachmentId: string; file?: string }>;
  /** Optional fields the walkthrough offered and the user skipped. */
  skipped: string[];
  updatedAt: string;
}

interface DraftFile {
  drafts: Record<string, DraftRecord>;
  /**
   * CreateRegistration attempts whose outcome is not known yet, by `<type>|<key>`: the ClientToken
   * is written before the call, so a rerun after a lost reply sends the same token and the
   * service answers with the registration it created, rather than creating another.
   */
  pending?: Record<string, { clientToken: string; since: string }>;
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function draftsPath(stateDir: string, target: string): string {
  return path.join(stateDir, 'registration', 'drafts', `${safe(target)}.json`);
}

/**
 * The record cannot be read or written (a directory in its place, permissions, a full disk): exit
 * 1 naming it. Read as empty, it would lose the ClientToken of a create whose outcome is unknown,
 * and a rerun would create a second registration.
 */
function recordError(err: unknown, file: string, reading: boolean): OperationError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'EISDIR'
      ? 'it is a directory'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : err instanceof Error
            ? err.message
            : String(err);
  return new OperationError(`cannot ${reading ? 'read' : 'write'} the record of registration drafts ${file}: ${why}`, {
    code: reading ? 'JOURNAL_UNREADABLE' : 'JOURNAL_WRITE_FAILED',
    hint: 'eum keeps each draft and create attempt there, to resume safely; move it aside or fix its permissions (state directory: $EUM_HOME)',
    cause: err,
  });
}

async function load(file: string): Promise<DraftFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { drafts: {} };
    throw recordError(err, file, true);
  }
  try {
    const doc = JSON.parse(text) as DraftFile;
    return doc && typeof doc.drafts === 'object' && doc.drafts !== null ? doc : { drafts: {} };
  } catch {
    return { drafts: {} };
  }
}

/** The local record of drafts for one target (a region, an endpoint or the simulator). */
export interface DraftStore {
  get(registrationId: string): Promise<DraftRecord | undefined>;
  /** The unfinished draft a rerun with this key and type resumes. */
  findUnfinished(registrationType: string, key: string): Promise<DraftRecord | undefined>;
  /** The ClientToken of an earlier create attempt with this type and key whose outcome is unknown. */
  pendingToken(registrationType: string, key: string): Promise<string | undefined>;
  /** Records (token) or clears (undefined) the create attempt for this type and key. */
  setPending(registrationType: string, key: string, clientToken: string | undefined): Promise<void>;
  /** Merges `patch` into the record (creating it) and writes the file atomically. */
  update(registrationId: string, registrationType: string, patch: Partial<Omit<DraftRecord, 'registrationId' | 'registrationType'>>): Promise<DraftRecord>;
}

export function openDraftStore(stateDir: string, target: string, now: () => Date): DraftStore {
  const file = draftsPath(stateDir, target);
  const save = async (doc: DraftFile) => {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(tmp, `${JSON.stringify(doc, null, 1)}\n`, { mode: 0o600 });
      await chmod(tmp, 0o600);
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => {});
      throw recordError(err, file, false);
    }
  };
  return {
    async pendingToken(type, key) {
      return (await load(file)).pending?.[`${type}|${key}`]?.clientToken;
    },
    async setPending(type, key, clientToken) {
      const doc = await load(file);
      const pending = { ...(doc.pending ?? {}) };
      if (clientToken === undefined) delete pending[`${type}|${key}`];
      else pending[`${type}|${key}`] = { clientToken, since: now().toISOString() };
      await save({ ...doc, pending });
    },
    async get(id) {
      return (await load(file)).drafts[id];
    },
    async findUnfinished(type, key) {
      const all = Object.values((await load(file)).drafts);
      return all.filter((d) => d.registrationType === type && d.key === key && !d.filled).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    },
    async update(id, type, patch) {
      const doc = await load(file);
      const prev = doc.drafts[id] ?? { registrationId: id, registrationType: type, filled: false, uploads: {}, skipped: [], updatedAt: '' };
      const next: DraftRecord = { ...prev, ...patch, uploads: { ...prev.uploads, ...(patch.uploads ?? {}) }, updatedAt: now().toISOString() };
      doc.drafts[id] = next;
      await save(doc);
      return next;
    },
  };
}
