/** An error the API answers with `statusCode` and a body `{ code, message }`; `code` is stable. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The response body; subclasses add fields (a validation report). */
  body(): Record<string, unknown> {
    return { code: this.code, message: this.message };
  }
}

/** The body of every error response. */
export const errorResponseSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;
