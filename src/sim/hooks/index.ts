/** Loads every hook file; a domain with hooks adds its import here. */
import './core.js';
import './registrations.js';
import './messaging.js';

export { defineHook, matchHook, listHooks, type HookContext, type HookHandler, type HookResult } from './registry.js';
