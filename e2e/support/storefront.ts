import type { APIRequestContext } from '@playwright/test';
import {
  createStorefront,
  type NewStorefront,
  type StorefrontWithKeys,
} from '../../src/server/credentials.ts';
import { openRepository } from '../../src/server/storage/open.ts';
import { e2eDatabase } from './data-dir.ts';

/**
 * A new storefront in the e2e server's database, its id `prefix` and the time: the specs of one
 * run share that server, so each one signs in to a storefront of its own.
 */
export async function createE2eStorefront(
  prefix: string,
  input: Omit<NewStorefront, 'id'> = {},
): Promise<StorefrontWithKeys> {
  const repository = await openRepository(e2eDatabase());
  try {
    return await createStorefront(repository, { ...input, id: `${prefix}-${Date.now()}` });
  } finally {
    await repository.close();
  }
}

/** Deletes a spec's garments, so that none it published stays in the shared server's catalog. */
export async function deleteGarments(
  request: APIRequestContext,
  shop: StorefrontWithKeys,
  ids: readonly string[],
): Promise<void> {
  for (const id of ids)
    await request.delete(`/api/garments/${id}`, {
      headers: { authorization: `Bearer ${shop.merchantToken}` },
    });
}
