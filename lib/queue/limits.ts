import 'server-only';

/*
 * Time and size limits of the signed callbacks, shared by the settings check, the executor and the routes.
 * Pure constants: lib/env.ts imports them, so nothing here may read settings.
 */

/** `maxDuration` of app/api/queue/runs: the platform kills the callback after this (a test keeps them equal). */
export const CALLBACK_MAX_DURATION_SECONDS = 300;

/** A run's lease is its provider timeout plus this, and must still end this long before the callback is killed. */
export const LEASE_MARGIN_MS = 30_000;

/** The longest LLM_TIMEOUT_MS that keeps timeout + margin (the lease) a margin short of maxDuration: 240 s. */
export const MAX_LLM_TIMEOUT_MS = CALLBACK_MAX_DURATION_SECONDS * 1000 - 2 * LEASE_MARGIN_MS;

/** Queue callbacks carry ids, not content: anything bigger is refused before it is read. */
export const MAX_CALLBACK_BODY_BYTES = 64 * 1024;
