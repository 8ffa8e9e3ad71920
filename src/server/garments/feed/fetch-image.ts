import { guardedFetch, GuardedFetchError, type GuardedFetchOptions } from './guarded-fetch.ts';

export type ImageFetchOptions = GuardedFetchOptions;

/** 25 MiB (the upload limit), 15 s, 3 redirects. */
export const DEFAULT_IMAGE_FETCH = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
} as const;

/** The report's codes for a feed image that could not be fetched. */
const IMAGE_CODES = {
  fetch_failed: 'image_fetch_failed',
  too_large: 'image_too_large',
  timeout: 'image_timeout',
  private_address: 'private_address',
  invalid_url: 'invalid_image_url',
} as const;
export type ImageFetchErrorCode = (typeof IMAGE_CODES)[keyof typeof IMAGE_CODES];

export class ImageFetchError extends Error {
  override readonly name = 'ImageFetchError';
  constructor(
    readonly code: ImageFetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A feed image, through `guardedFetch` (public hosts only, size limit, deadline). */
export async function fetchImage(url: string, options: ImageFetchOptions = {}): Promise<Buffer> {
  try {
    return await guardedFetch(
      url,
      { ...DEFAULT_IMAGE_FETCH, ...options },
      'image/png, image/webp, image/jpeg',
    );
  } catch (error) {
    if (error instanceof GuardedFetchError)
      throw new ImageFetchError(IMAGE_CODES[error.reason], error.message);
    throw error;
  }
}
