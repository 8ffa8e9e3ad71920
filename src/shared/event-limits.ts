/**
 * The event schema's version and batch limits, apart from its zod schemas (`events.ts`) so a
 * page script that sends events without validating them (`embed.js`) does not carry zod.
 */
export const EVENT_SCHEMA_VERSION = 1;

/** Limits of one `POST /api/events` request. */
export const MAX_EVENTS_PER_BATCH = 500;
export const MAX_BATCH_BYTES = 1024 * 1024;
