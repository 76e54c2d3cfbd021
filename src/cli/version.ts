declare const __EUM_VERSION__: string | undefined;

/** eum's version, injected by the bundler (and by vitest's config in tests). */
export const VERSION: string = typeof __EUM_VERSION__ === 'string' ? __EUM_VERSION__ : '0.0.0-dev';
