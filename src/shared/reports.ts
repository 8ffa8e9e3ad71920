import { z } from 'zod';

/**
 * The merchant funnel report: what `GET /api/reports/funnel` answers and the dashboard draws.
 * Counts are sessions unless named otherwise; money is in the storefront's currency.
 */
export const funnelCountsSchema = z.object({
  sessions: z.number(),
  tryon_sessions: z.number(),
  view_item_sessions: z.number(),
  add_to_cart_sessions: z.number(),
  begin_checkout_sessions: z.number(),
  purchase_sessions: z.number(),
  /** Distinct `transaction_id`s. */
  purchases: z.number(),
  revenue: z.number(),
});
export type FunnelCounts = z.infer<typeof funnelCountsSchema>;

export const dayRowSchema = funnelCountsSchema.extend({ date: z.string() });
export type DayRow = z.infer<typeof dayRowSchema>;

export const garmentRowSchema = z.object({
  garment_id: z.string(),
  view_sessions: z.number(),
  tryon_sessions: z.number(),
  add_to_cart_sessions: z.number(),
  purchase_sessions: z.number(),
  units: z.number(),
  revenue: z.number(),
});
export type GarmentRow = z.infer<typeof garmentRowSchema>;

export const segmentSchema = z.object({
  sessions: z.number(),
  purchase_sessions: z.number(),
  conversion_rate: z.number().nullable(),
});

export const intervalSchema = z.object({
  /** Try-on arm minus holdout arm. */
  difference: z.number(),
  ci_low: z.number(),
  ci_high: z.number(),
  /** `difference` over the holdout figure; null when that is 0. */
  relative: z.number().nullable(),
  method: z.string(),
});
export type UpliftInterval = z.infer<typeof intervalSchema>;

export const armSchema = z.object({
  visitors: z.number(),
  converted_visitors: z.number(),
  conversion_rate: z.number().nullable(),
  revenue: z.number(),
  revenue_per_visitor: z.number().nullable(),
});
export type ArmStats = z.infer<typeof armSchema>;

/** A figure the report could not compute, and why (never a 500 for the whole report). */
export const notComputableSchema = z.object({
  metric: z.enum(['conversion_uplift', 'revenue_per_visitor_uplift', 'roas_uplift']),
  reason: z.string(),
});
export type NotComputable = z.infer<typeof notComputableSchema>;

export const experimentSchema = z.object({
  confidence: z.number(),
  tryon: armSchema,
  holdout: armSchema,
  conversion_uplift: intervalSchema.nullable(),
  revenue_per_visitor_uplift: intervalSchema.nullable(),
  roas: z
    .object({
      ad_spend: z.number(),
      roas: z.number(),
      /** Revenue per unit of spend had every visitor been in that arm. */
      tryon_arm_roas: z.number(),
      holdout_arm_roas: z.number(),
      uplift: intervalSchema.nullable(),
    })
    .nullable(),
  /** Why each interval that is null is so. */
  not_computable: z.array(notComputableSchema),
});
export type ExperimentReport = z.infer<typeof experimentSchema>;

export const funnelReportSchema = z.object({
  storefront_id: z.string(),
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  garment: z.string().nullable(),
  totals: funnelCountsSchema,
  /**
   * Later copies of the window's transactions whose value or items differ from the first copy
   * received, which is the one counted: a sign of a tampering or buggy sender.
   */
  purchase_conflicts: z.number(),
  /** Observational: shoppers who chose to try on differ from those who did not. */
  with_tryon: segmentSchema,
  without_tryon: segmentSchema,
  days: z.array(dayRowSchema),
  garments: z.array(garmentRowSchema),
  /** The holdout experiment, always over the whole storefront (never filtered by garment). */
  experiment: experimentSchema,
});
export type FunnelReport = z.infer<typeof funnelReportSchema>;
