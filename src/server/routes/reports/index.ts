import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { funnelReportSchema, type FunnelReport } from '../../../shared/reports.ts';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { funnelReportCsv } from '../../reports/csv.ts';
import { DAY_MS, DayFormatError, dayOf, dayStartMs } from '../../reports/days.ts';
import { buildFunnelReport } from '../../reports/funnel.ts';
import {
  ConcurrencyLimiter,
  type ConcurrencyOptions,
} from '../../plugins/app/concurrency-limit.ts';

/** The longest window one report may cover. */
export const MAX_REPORT_DAYS = 366;
/** The window when `from` is not given: the 30 days ending with `to`. */
export const DEFAULT_REPORT_DAYS = 30;

export type ReportConcurrency = ConcurrencyOptions;
/**
 * A report's cost grows with its window and holds the event loop while it is computed: one at a
 * time per token, four in all; more answer 429 `too_many_reports`.
 */
export const DEFAULT_REPORT_CONCURRENCY: ReportConcurrency = { perKey: 1, total: 4 };
/** What a refused report is told to wait, in seconds. */
const REPORT_RETRY_AFTER_S = 2;

export interface ReportRoutesOptions {
  readonly concurrency: ReportConcurrency;
}

interface FunnelQuery {
  from?: string;
  to?: string;
  storefront?: string;
  garment?: string;
}

const querySchema = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    storefront: { type: 'string' },
    garment: { type: 'string', minLength: 1 },
  },
} as const;

const reportJsonSchema = z.toJSONSchema(funnelReportSchema, { target: 'draft-7' });

function parseDay(day: string, name: string): number {
  try {
    return dayStartMs(day);
  } catch (error) {
    if (error instanceof DayFormatError)
      throw new ApiError(400, 'invalid_date', `${name}: ${error.message}`);
    throw error;
  }
}

/**
 * `GET /api/reports/funnel` (JSON) and `GET /api/reports/funnel.csv`: the merchant's funnel, daily
 * trend, per-garment table and holdout experiment over `from`..`to` (UTC days, both included).
 * Needs the storefront's merchant token; `storefront` defaults to the token's.
 */
const reports: FastifyPluginAsync<ReportRoutesOptions> = async (app, options) => {
  const running = new ConcurrencyLimiter(options.concurrency);

  async function report(
    request: FastifyRequest<{ Querystring: FunnelQuery }>,
  ): Promise<FunnelReport> {
    const credential = await app.authenticate(request, 'merchant');
    const { storefront: storefrontId = credential.storefrontId, garment = null } = request.query;
    if (storefrontId !== credential.storefrontId) {
      throw new ApiError(
        403,
        'forbidden_storefront',
        `This token is for storefront "${credential.storefrontId}", not "${storefrontId}".`,
      );
    }
    const storefront = await app.repository.getStorefront(storefrontId);
    if (!storefront)
      throw new ApiError(404, 'unknown_storefront', `No storefront "${storefrontId}".`);

    const to = request.query.to ?? dayOf(Date.now());
    const toMs = parseDay(to, 'to');
    const from = request.query.from ?? dayOf(toMs - (DEFAULT_REPORT_DAYS - 1) * DAY_MS);
    const fromMs = parseDay(from, 'from');
    const days = (toMs - fromMs) / DAY_MS + 1;
    if (days < 1 || days > MAX_REPORT_DAYS) {
      throw new ApiError(
        400,
        'invalid_date_range',
        `from must not be after to, and a report covers at most ${MAX_REPORT_DAYS} days (asked: ${days}).`,
      );
    }
    const release = running.tryAcquire(credential.hash);
    if (!release)
      throw new ApiError(
        429,
        'too_many_reports',
        'Other reports of this token (or of this server) are being computed; retry shortly.',
        { 'Retry-After': String(REPORT_RETRY_AFTER_S) },
      );
    try {
      const [aggregates, adSpend] = await Promise.all([
        app.repository.funnelAggregates({ storefrontId: storefront.id, from, to, garment }),
        app.repository.adSpend(storefront.id, from, to),
      ]);
      return buildFunnelReport({
        storefrontId: storefront.id,
        currency: storefront.currency,
        from,
        to,
        garment,
        aggregates,
        adSpend,
      });
    } finally {
      release();
    }
  }

  app.get<{ Querystring: FunnelQuery }>(
    '/funnel',
    {
      schema: {
        querystring: querySchema,
        response: { 200: reportJsonSchema, '4xx': errorResponseSchema },
      },
    },
    report,
  );

  app.get<{ Querystring: FunnelQuery }>(
    '/funnel.csv',
    { schema: { querystring: querySchema, response: { '4xx': errorResponseSchema } } },
    async (request, reply) => {
      const result = await report(request);
      const name = `funnel-${result.storefront_id}-${result.from}-${result.to}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(funnelReportCsv(result));
    },
  );
};

export default reports;
