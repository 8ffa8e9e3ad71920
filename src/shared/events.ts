import { z } from 'zod';
import { EVENT_SCHEMA_VERSION } from './event-limits.ts';

/**
 * The analytics event schema: what the browser SDK sends and the ingestion endpoint accepts. One
 * definition, validated on both sides. Commerce events follow GA4's e-commerce names and
 * parameters (`view_item`, `add_to_cart`, `begin_checkout`, `purchase`); the `tryon_*` events are
 * ours.
 */
export { EVENT_SCHEMA_VERSION, MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH } from './event-limits.ts';

/** Which arm of the built-in holdout experiment the visitor is in (see `experiment.ts`). */
export const EXPERIMENT_ARMS = ['tryon', 'holdout'] as const;
export type ExperimentArm = (typeof EXPERIMENT_ARMS)[number];

export const COMMERCE_EVENTS = ['view_item', 'add_to_cart', 'begin_checkout', 'purchase'] as const;
export const TRYON_EVENTS = [
  'tryon_started',
  'garment_tried',
  'size_advised',
  'tryon_fit_summary',
  'tryon_ended',
] as const;
export const EVENT_NAMES = [...COMMERCE_EVENTS, ...TRYON_EVENTS] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const id = z.string().min(1).max(128);
/** ISO 4217, upper case. */
const currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as "EUR"');
/**
 * The largest `value` or item `price` accepted, in the currency's major unit: above any retail
 * order in any currency (a billion rupiah is about 60,000 EUR), and small enough that sums and
 * sums of squares over a storefront's lifetime stay far inside double precision.
 */
export const MAX_AMOUNT = 1_000_000_000;
/** The largest item `quantity` accepted. */
export const MAX_QUANTITY = 10_000;
const money = z
  .number()
  .finite()
  .nonnegative()
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT} (MAX_AMOUNT)`);

/**
 * A GA4 item: `item_id` is our garment id (a shop's product or item group id that a catalogue
 * import mapped is replaced by its garment's when stored); `item_variant` the size.
 */
export const itemSchema = z.object({
  item_id: id,
  item_name: z.string().max(256).optional(),
  item_variant: z.string().max(64).optional(),
  price: money.optional(),
  quantity: z
    .number()
    .int()
    .positive()
    .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY} (MAX_QUANTITY)`)
    .optional(),
});
export type EventItem = z.infer<typeof itemSchema>;

const commerceParams = z.object({
  currency,
  value: money,
  items: z.array(itemSchema).min(1).max(200),
});

const garmentSource = z.enum(['3d', '2d']);

/** Parameters of each event name. */
export const eventParamsSchemas = {
  view_item: commerceParams,
  add_to_cart: commerceParams,
  begin_checkout: commerceParams,
  purchase: commerceParams.extend({ transaction_id: id }),
  tryon_started: z.object({ garment_id: id.optional() }),
  garment_tried: z.object({
    garment_id: id,
    size: z.string().max(64).optional(),
    source: garmentSource,
  }),
  size_advised: z.object({
    garment_id: id,
    size: z.string().min(1).max(64),
    /** 0..1 */
    confidence: z.number().min(0).max(1).optional(),
  }),
  /**
   * Session means: garment-to-body alignment error in torso heights (shoulder-to-hip distance of
   * the shopper in the picture, so near and far shoppers compare) and the share (0..1) of the
   * torso a top covered — both absent when no garment was measured — frames per second, and the
   * share (0..1) of frames with a person.
   */
  tryon_fit_summary: z.object({
    garment_id: id.optional(),
    mean_alignment_error_torso: z.number().finite().nonnegative().optional(),
    mean_torso_coverage: z.number().min(0).max(1).optional(),
    mean_fps: z.number().finite().nonnegative(),
    tracking_coverage: z.number().min(0).max(1),
  }),
  tryon_ended: z.object({ duration_ms: z.number().int().nonnegative() }),
} as const satisfies Record<EventName, z.ZodType>;

export type EventParams<N extends EventName> = z.infer<(typeof eventParamsSchemas)[N]>;

const envelope = {
  /** UUIDv7: unique per event, the idempotency key of ingestion. */
  event_id: z.uuid({ version: 'v7', message: 'event_id must be a UUIDv7' }),
  session_id: id,
  /** Anonymous, random, stored on the device. */
  visitor_id: id,
  storefront_id: id,
  /** Client clock, milliseconds since the Unix epoch. */
  client_ts: z.number().int().min(0).max(8.64e15),
  schema_version: z.literal(EVENT_SCHEMA_VERSION),
  arm: z.enum(EXPERIMENT_ARMS),
};

function eventOf<N extends EventName>(name: N) {
  return z.object({ ...envelope, name: z.literal(name), params: eventParamsSchemas[name] });
}

export const analyticsEventSchema = z.discriminatedUnion('name', [
  eventOf('view_item'),
  eventOf('add_to_cart'),
  eventOf('begin_checkout'),
  eventOf('purchase'),
  eventOf('tryon_started'),
  eventOf('garment_tried'),
  eventOf('size_advised'),
  eventOf('tryon_fit_summary'),
  eventOf('tryon_ended'),
]);
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

/** The body of `POST /api/events`. Each event is validated on its own, so this is loose. */
export interface EventBatch {
  readonly events: readonly unknown[];
}

export interface RejectedEvent {
  readonly index: number;
  readonly code: EventRejectionCode;
  readonly message: string;
}

export interface IngestResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: readonly RejectedEvent[];
}

/** Why one event of a batch was not kept. */
export type EventRejectionCode =
  | 'invalid_event'
  | 'unknown_event_name'
  | 'unsupported_schema_version'
  | 'storefront_mismatch'
  | 'currency_mismatch';

export type EventValidation =
  | { readonly ok: true; readonly event: AnalyticsEvent }
  | { readonly ok: false; readonly code: EventRejectionCode; readonly message: string };

/** Validates one event, naming what is wrong in words a storefront developer can act on. */
export function validateEvent(input: unknown): EventValidation {
  if (typeof input === 'object' && input !== null) {
    const { name, schema_version: version } = input as Record<string, unknown>;
    if (typeof name !== 'string' || !(EVENT_NAMES as readonly string[]).includes(name)) {
      return {
        ok: false,
        code: 'unknown_event_name',
        message: `Unknown event name ${JSON.stringify(name)}; expected one of ${EVENT_NAMES.join(', ')}.`,
      };
    }
    if (version !== EVENT_SCHEMA_VERSION) {
      return {
        ok: false,
        code: 'unsupported_schema_version',
        message: `schema_version ${JSON.stringify(version)} is not supported; send ${EVENT_SCHEMA_VERSION}.`,
      };
    }
  }
  const parsed = analyticsEventSchema.safeParse(input);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, code: 'invalid_event', message: `${where}${issue?.message ?? 'invalid'}` };
}
