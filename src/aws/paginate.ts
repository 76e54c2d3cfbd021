/**
 * The shape every "all pages" read of `src/aws` shares: walk an SDK paginator, take each page's
 * items, map each once to eum's type.
 */

/** Every item of every page of a paginator, mapped with `map`. */
export async function collectPages<P, S, T>(pages: AsyncIterable<P>, items: (page: P) => S[] | undefined, map: (item: S) => T): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) for (const item of items(page) ?? []) out.push(map(item));
  return out;
}

/** A paginator's per-request options: an abort signal ends the request and the pages after it. */
export function pageOptions(signal: AbortSignal | undefined): { abortSignal: AbortSignal } | undefined {
  return signal ? { abortSignal: signal } : undefined;
}
