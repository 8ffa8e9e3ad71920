/**
 * Fitting Room analytics for storefront pages and the try-on app. See the README section
 * "Analytics" for `track()` and the events.
 */
export { AnalyticsClient, TrackError, type EventValidator } from './client.ts';
export { createAnalytics } from './create.ts';
export type { AnalyticsOptions, AnalyticsStats, DroppedEvents } from './client.ts';
export { retryDelayMs } from './backoff.ts';
export { IndexedDbQueueStore, MemoryQueueStore, type QueueStore } from './queue-store.ts';
export type { AnalyticsEvent, EventName, EventParams, ExperimentArm } from '../shared/events.ts';
