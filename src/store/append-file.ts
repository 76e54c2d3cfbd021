/**
 * Opening a line-oriented state file for appending: the directory 0700, the file 0600 (owner
 * only), and a torn last line (a crash in the middle of a write) closed with a new line, so the
 * next entry starts a line of its own instead of being glued to the broken one.
 */
import { chmod, mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export async function openForAppend(location: string): Promise<FileHandle> {
  const dir = path.dirname(location);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const fh = await open(location, 'a+', 0o600);
  await fh.chmod(0o600);
  const { size } = await fh.stat();
  if (size > 0) {
    const last = Buffer.alloc(1);
    await fh.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await fh.write('\n');
  }
  return fh;
}
