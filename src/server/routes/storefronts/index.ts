import type { FastifyPluginAsync } from 'fastify';
import { ApiError, errorResponseSchema } from '../../errors.ts';
import { DayFormatError, dayStartMs } from '../../reports/days.ts';

const experimentResponse = {
  type: 'object',
  required: ['storefront_id', 'currency', 'holdout_share'],
  properties: {
    storefront_id: { type: 'string' },
    currency: { type: 'string' },
    holdout_share: { type: 'number' },
  },
} as const;

const adSpendBody = {
  type: 'object',
  required: ['days'],
  additionalProperties: false,
  properties: {
    days: {
      type: 'array',
      minItems: 1,
      maxItems: 366,
      items: {
        type: 'object',
        required: ['date', 'amount'],
        additionalProperties: false,
        properties: {
          date: { type: 'string' },
          amount: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;

interface AdSpendBody {
  days: { date: string; amount: number }[];
}

/**
 * `GET /api/storefronts/:id/experiment` (public: what the SDK needs to assign arms) and
 * `PUT /api/storefronts/:id/ad-spend` (merchant token: spend per UTC day, for ROAS).
 */
const storefronts: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>(
    '/:id/experiment',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: { 200: experimentResponse, '4xx': errorResponseSchema },
      },
    },
    async (request, reply) => {
      const storefront = await app.repository.getStorefront(request.params.id);
      if (!storefront)
        throw new ApiError(404, 'unknown_storefront', `No storefront "${request.params.id}".`);
      reply.header('Access-Control-Allow-Origin', '*');
      return {
        storefront_id: storefront.id,
        currency: storefront.currency,
        holdout_share: storefront.holdoutShare,
      };
    },
  );

  app.put<{ Params: { id: string }; Body: AdSpendBody }>(
    '/:id/ad-spend',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        body: adSpendBody,
        response: {
          200: { type: 'object', required: ['days'], properties: { days: { type: 'integer' } } },
          '4xx': errorResponseSchema,
        },
      },
    },
    async (request) => {
      const credential = await app.authenticate(request, 'merchant');
      if (credential.storefrontId !== request.params.id) {
        throw new ApiError(
          403,
          'forbidden_storefront',
          `This token is for storefront "${credential.storefrontId}", not "${request.params.id}".`,
        );
      }
      for (const day of request.body.days) {
        try {
          dayStartMs(day.date);
        } catch (error) {
          if (error instanceof DayFormatError)
            throw new ApiError(400, 'invalid_date', error.message);
          throw error;
        }
      }
      await app.repository.putAdSpend(
        credential.storefrontId,
        request.body.days.map((d) => ({ day: d.date, amount: d.amount })),
      );
      return { days: request.body.days.length };
    },
  );
};

export default storefronts;
