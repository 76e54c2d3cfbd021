/**
 * Temporary directories that the test file removes when it ends: `test/setup.ts` registers
 * `removeTempDirs` as an `afterAll` hook of every test file, which runs after the file's own
 * hooks (simulators stopped, children ended).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created = new Set<string>();

/** A fresh directory under the system's temporary directory, removed when the test file ends. */
export function tempDir(prefix = 'eum-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.add(dir);
  return dir;
}

/** Removes every directory `tempDir` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
  created.clear();
}
