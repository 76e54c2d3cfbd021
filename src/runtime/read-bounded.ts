/**
 * Input files read with their limit checked while reading: a file that grows, /dev/zero, a FIFO
 * or a directory never makes eum read without end. Used for answers files, attachments and
 * Protect documents.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reads a regular file of at most `max` bytes, checking the limit while reading (a file that
 * grows, /dev/zero, a FIFO). Returns the bytes, or why not in words.
 */
export async function readBounded(file: string, max: number): Promise<Buffer | string> {
  // Non-blocking: opening a FIFO must not wait for a writer.
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (!st.isFile()) return 'is not a regular file (a device, FIFO or directory)';
    if (st.size > max) return `is ${Math.ceil(st.size / 1024)} KB; at most ${Math.floor(max / 1024)} KB allowed`;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) return `is more than ${Math.floor(max / 1024)} KB; at most ${Math.floor(max / 1024)} KB allowed`;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
