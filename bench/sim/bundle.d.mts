/** Bundles src/sim into one ES module for plain Node; returns the file's path. */
export function bundleSim(outDir?: string): Promise<string>;
