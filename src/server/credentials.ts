import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_HOLDOUT_SHARE } from '../shared/experiment.ts';
import type {
  AnalyticsRepository,
  Credential,
  CredentialKind,
  Storefront,
} from './storage/repository.ts';

const PREFIX: Record<CredentialKind, string> = { write: 'wk_', merchant: 'mt_' };
/**
 * How much of a secret is stored in clear to name it (`wk_` and 9 random characters, 54 of its
 * 256 bits): enough to tell credentials apart, far too little to guess the rest.
 */
export const CREDENTIAL_PREFIX_LENGTH = 12;
/** The shortest prefix `revoke` and `rotate` accept. */
const MIN_PREFIX_LENGTH = 6;
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
    prefix: secret.slice(0, CREDENTIAL_PREFIX_LENGTH),
    revokedAt: null,
  });
  return secret;
}

export class CredentialLookupError extends Error {
  override readonly name = 'CredentialLookupError';
}

/**
 * The one live credential that `keyOrPrefix` names: a whole secret, or the start of one (at least
 * 6 characters, at most `CREDENTIAL_PREFIX_LENGTH`). Throws `CredentialLookupError` when it names
 * none or several.
 */
export async function findLiveCredential(
  repository: AnalyticsRepository,
  keyOrPrefix: string,
): Promise<Credential> {
  const whole = await repository.findCredential(hashSecret(keyOrPrefix));
  if (whole) return whole;
  if (keyOrPrefix.length > CREDENTIAL_PREFIX_LENGTH)
    throw new CredentialLookupError('No live write key or merchant token is this secret.');
  if (keyOrPrefix.length < MIN_PREFIX_LENGTH)
    throw new CredentialLookupError(
      `Give at least ${MIN_PREFIX_LENGTH} characters of the key or token (e.g. "wk_AbC").`,
    );
  const matches = await repository.findCredentialsByPrefix(keyOrPrefix);
  if (matches.length === 0)
    throw new CredentialLookupError(
      `No live write key or merchant token starts with "${keyOrPrefix}".`,
    );
  if (matches.length > 1)
    throw new CredentialLookupError(
      `"${keyOrPrefix}" starts ${matches.length} live credentials; give more characters (up to ${CREDENTIAL_PREFIX_LENGTH}).`,
    );
  return matches[0]!;
}

/** Revokes the credential `keyOrPrefix` names; it opens nothing from the next request on. */
export async function revokeCredential(
  repository: AnalyticsRepository,
  keyOrPrefix: string,
): Promise<Credential> {
  const credential = await findLiveCredential(repository, keyOrPrefix);
  await repository.revokeCredential(credential.hash, Date.now());
  return credential;
}

/** Issues a credential like the one `keyOrPrefix` names, then revokes that one. */
export async function rotateCredential(
  repository: AnalyticsRepository,
  keyOrPrefix: string,
): Promise<{ readonly revoked: Credential; readonly secret: string }> {
  const old = await findLiveCredential(repository, keyOrPrefix);
  const secret = await issueCredential(repository, old.storefrontId, old.kind, old.label);
  await repository.revokeCredential(old.hash, Date.now());
  return { revoked: old, secret };
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
