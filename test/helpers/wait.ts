/** Waiting on an event in tests: poll a condition, never a fixed sleep that races it. */

/**
 * Resolves once `check()` is true (checked every few milliseconds); rejects, naming `what`, when
 * it is still false after `timeoutMs`.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
