import { validateEvent } from '../shared/events.ts';
import { AnalyticsClient, type AnalyticsOptions } from './client.ts';

/** Starts the SDK for a storefront page, validating every event against the shared schema. */
export function createAnalytics(options: AnalyticsOptions): AnalyticsClient {
  return new AnalyticsClient(options, validateEvent);
}
