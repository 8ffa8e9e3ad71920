import { z } from 'zod';

/**
 * Catalogue import (`POST /api/garments/import`, `npm run merchant -- import-feed`): what became
 * of each garment of a Google Merchant Center feed. Shared by the server and its clients.
 */

export const feedLineSchema = z.object({
  /** `vanished`: a garment an earlier import made whose products this feed no longer has. */
  outcome: z.enum(['created', 'updated', 'skipped', 'vanished']),
  /** Feed lines of the products (TSV rows, or the lines of XML `<item>`s), 1-based; none when vanished. */
  lines: z.array(z.number().int().positive()),
  /** The feed `id`s of the products. */
  ids: z.array(z.string()),
  /** The garment created or updated; null when skipped. */
  garmentId: z.string().nullable(),
  name: z.string().nullable(),
  sizes: z.array(z.string()),
  /** Whether a version was made from the image: always when created; when updated, only if the image or category changed. */
  newVersion: z.boolean(),
  /**
   * Skipped: why, stable (`image_fetch_failed`, `missing_field:image_link`, …). Vanished: what
   * was done, `vanished_unpublished` (it was published, now a draft), `vanished_draft` (a draft
   * already) or `vanished_before` (an earlier import found it gone; left as it is).
   */
  code: z.string().nullable(),
  message: z.string().nullable(),
  /** What did not stop the garment: `too_many_sizes`, upload warnings (`anchor_low_confidence`). */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  /** The feed's `gender`, kept with the garment's feed link (a garment has no gender). */
  gender: z.string().nullable(),
  /** The feed's `additional_image_link`s (back or detail photos), kept with the feed link. */
  additionalImages: z.array(z.string()),
});
export type FeedLine = z.infer<typeof feedLineSchema>;

export const importReportSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  vanished: z.number().int().nonnegative(),
  lines: z.array(feedLineSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importProgressSchema = z.object({
  /** Garments finished so far, of `total` (products grouped into garments). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The garment being imported now; null before the first and once all are done. */
  current: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/**
 * `POST /api/garments/import` answers 202 with this, `GET /api/garments/import/:jobId` tells it
 * again as the import goes on: `running` with its progress, then `done` with the report, or
 * `failed` with an error (`import_failed`: the store failed; `import_cancelled`: the server
 * stopped). Held in the server's memory: a restart forgets jobs, never the garments written.
 */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  progress: importProgressSchema,
  report: importReportSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** ms since the epoch */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

/** The largest feed `POST /api/garments/import` reads, in bytes. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
