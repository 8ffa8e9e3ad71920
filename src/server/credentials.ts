import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_HOLDOUT_SHARE } from '../shared/experiment.ts';
import type { AnalyticsRepository, CredentialKind, Storefront } from './storage/repository.ts';

const PREFIX: Record<CredentialKind, string> = { write: 'wk_', merchant: 'mt_' };
const STOREFRONT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Secrets are 32 random bytes, so a plain SHA-256 is enough to store them: there is nothing to
 * brute-force that a slow password hash would protect.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Makes a new secret, stores its hash, and returns the secret: the only time it is seen. */
export async function issueCredential(
  repository: AnalyticsRepository,
  storefrontId: string,
  kind: CredentialKind,
  label = kind === 'write' ? 'write key' : 'merchant token',
): Promise<string> {
  const secret = `${PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
  await repository.addCredential({
    hash: hashSecret(secret),
    kind,
    storefrontId,
    label,
    createdAt: Date.now(),
  });
  return secret;
}

export class StorefrontInputError extends Error {
  override readonly name = 'StorefrontInputError';
}

export interface NewStorefront {
  readonly id: string;
  readonly name?: string;
  readonly currency?: string;
  readonly holdoutShare?: number;
}

/** Checks and fills a new storefront's fields; throws `StorefrontInputError` naming what is wrong. */
export function storefrontFrom(input: NewStorefront, now = Date.now()): Storefront {
  if (!STOREFRONT_ID.test(input.id)) {
    throw new StorefrontInputError(
      `Storefront id "${input.id}" must be 1–63 lower-case letters, digits and dashes, starting with a letter or digit`,
    );
  }
  const currency = input.currency ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new StorefrontInputError(
      `Currency "${currency}" must be a 3-letter ISO 4217 code such as EUR`,
    );
  }
  const holdoutShare = input.holdoutShare ?? DEFAULT_HOLDOUT_SHARE;
  if (!(holdoutShare >= 0 && holdoutShare <= 1)) {
    throw new StorefrontInputError(`Holdout share ${holdoutShare} must be within 0 and 1`);
  }
  return { id: input.id, name: input.name ?? input.id, currency, holdoutShare, createdAt: now };
}

export interface StorefrontWithKeys {
  readonly storefront: Storefront;
  readonly writeKey: string;
  readonly merchantToken: string;
}

/** Creates a storefront with one write key and one merchant token. */
export async function createStorefront(
  repository: AnalyticsRepository,
  input: NewStorefront,
): Promise<StorefrontWithKeys> {
  const storefront = storefrontFrom(input);
  await repository.createStorefront(storefront);
  return {
    storefront,
    writeKey: await issueCredential(repository, storefront.id, 'write'),
    merchantToken: await issueCredential(repository, storefront.id, 'merchant'),
  };
}
