/** Moved to `src/errors.ts` (the one error list); re-exported here for the modules that still import it from the CLI layer. */
export * from '../errors.js';
