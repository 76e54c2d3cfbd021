/**
 * Registration definitions cached on every call that reads them, so `eum registration lint`
 * works offline. One file per type and target: `$EUM_HOME/registration/definitions/<target>/<TYPE>.json`
 * (files 0600, directories 0700). Definitions hold no personal data.
 */
import { mkdir, readFile, writeFile, rename, chmod } from 'node:fs/promises';
import path from 'node:path';
import type { RegistrationForm } from '../core/registration/definitions.js';

export interface CachedForm {
  /** When the definitions were read from the API (ISO). */
  fetchedAt: string;
  form: RegistrationForm;
}

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function definitionsCachePath(stateDir: string, target: string, type: string): string {
  return path.join(stateDir, 'registration', 'definitions', safe(target), `${safe(type)}.json`);
}

export async function saveCachedForm(stateDir: string, target: string, form: RegistrationForm, now: Date): Promise<void> {
  const file = definitionsCachePath(stateDir, target, form.registrationType);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ fetchedAt: now.toISOString(), form } satisfies CachedForm), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

export async function loadCachedForm(stateDir: string, target: string, type: string): Promise<CachedForm | undefined> {
  try {
    const doc = JSON.parse(await readFile(definitionsCachePath(stateDir, target, type), 'utf8')) as CachedForm;
    return doc?.form?.registrationType === type ? doc : undefined;
  } catch {
    return undefined;
  }
}
