import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors.ts';
import { StorageUnavailableError } from '../../storage/repository.ts';

/** What a client is told to wait when the store is unavailable, in seconds. */
const STORAGE_RETRY_AFTER_S = 5;

/** Fastify's own error codes, mapped to our stable ones. */
const FASTIFY_CODES: Readonly<Record<string, [number, string]>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_content_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_VALIDATION: [400, 'invalid_request'],
  // @fastify/multipart
  FST_REQ_FILE_TOO_LARGE: [413, 'file_too_large'],
  FST_FILES_LIMIT: [413, 'too_many_files'],
  FST_PARTS_LIMIT: [413, 'too_many_parts'],
  FST_FIELDS_LIMIT: [413, 'too_many_fields'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'not_multipart'],
};

/**
 * One error handler: `ApiError`s and Fastify's client errors answer `{ code, message }` with a
 * stable code; anything else is a 500 whose details go to the log, never to the client.
 */
export default fp(
  async (app) => {
    app.setErrorHandler(
      (error: FastifyError | ApiError | StorageUnavailableError, request, reply) => {
        if (error instanceof ApiError) {
          return reply.code(error.statusCode).headers(error.headers).send(error.body());
        }
        if (error instanceof StorageUnavailableError) {
          request.log.error({ err: error }, 'storage unavailable');
          return reply.code(503).header('Retry-After', String(STORAGE_RETRY_AFTER_S)).send({
            code: 'storage_unavailable',
            message: 'Storage is unavailable; retry later.',
          });
        }
        const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
        if (mapped) return reply.code(mapped[0]).send({ code: mapped[1], message: error.message });
        if (error instanceof SyntaxError) {
          return reply.code(400).send({
            code: 'invalid_json',
            message: `The body is not valid JSON: ${error.message}`,
          });
        }
        const status = error.statusCode ?? 500;
        if (status < 500)
          return reply.code(status).send({ code: 'bad_request', message: error.message });
        request.log.error({ err: error }, 'request failed');
        return reply.code(500).send({ code: 'internal_error', message: 'Internal server error' });
      },
    );
  },
  { name: 'error-handler' },
);
