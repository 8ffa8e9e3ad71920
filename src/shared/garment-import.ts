import { z } from 'zod';

/**
 * Catalogue import (`POST /api/garments/import`, `npm run merchant -- import-feed`): what became
 * of each garment of a Google Merchant Center feed. Shared by the server and its clients.
 */

export const feedLineSchema = z.object({
  outcome: z.enum(['created', 'updated', 'skipped']),
  /** Feed lines of the products (TSV rows, or the lines of XML `<item>`s), 1-based. */
  lines: z.array(z.number().int().positive()),
  /** The feed `id`s of the products. */
  ids: z.array(z.string()),
  /** The garment created or updated; null when skipped. */
  garmentId: z.string().nullable(),
  name: z.string().nullable(),
  sizes: z.array(z.string()),
  /** Whether a version was made from the image: always when created; when updated, only if the image or category changed. */
  newVersion: z.boolean(),
  /** Skipped only: why, stable (`image_fetch_failed`, `missing_field:image_link`, …). */
  code: z.string().nullable(),
  message: z.string().nullable(),
  /** What did not stop the garment: `too_many_sizes`, upload warnings (`anchor_low_confidence`). */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type FeedLine = z.infer<typeof feedLineSchema>;

export const importReportSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  lines: z.array(feedLineSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

/** The largest feed `POST /api/garments/import` reads, in bytes. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
