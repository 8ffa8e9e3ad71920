/**
 * `npm run merchant -- <command>`: storefronts and their credentials, in the database `npm start`
 * uses (`DATABASE_URL`, else the SQLite file under `DATA_DIR`, default `.data/`).
 *
 *   list                                   storefronts and their holdout share
 *   create <id> [--name N] [--currency EUR] [--holdout 0.1]
 *                                          a storefront, with a write key and a merchant token
 *   key <id>                               another write key (for storefront pages)
 *   token <id>                             another merchant token (for reports)
 *   holdout <id> <share>                   the share of visitors held out of try-on (0..1)
 *   origins <id> [<origin>… | --none]      the shop origins that may embed its try-on (none: shown)
 *   credentials <id>                       its keys and tokens: prefix, kind, label, revoked
 *   revoke <key-or-prefix>                 a write key or merchant token stops working at once
 *   rotate <key-or-prefix>                 a new one of the same kind; the old one is revoked
 *   rebuild-rollups                        recompute the report rollups from the raw events
 *   import-feed <id> <feed file or URL> [--allow-private-address IP]
 *                                          a Google Merchant Center feed (TSV or XML) as draft
 *                                          2D garments; the address option is for test servers
 */
import { parseArgs } from 'node:util';
import {
  createStorefront,
  CredentialLookupError,
  issueCredential,
  revokeCredential,
  rotateCredential,
  StorefrontInputError,
} from '../credentials.ts';
import { FeedError } from '../garments/feed/feed-error.ts';
import { OriginError, parseOrigin } from '../origins.ts';
import { analyticsFromEnv, databaseFromEnv, openRepository } from '../storage/open.ts';
import {
  StorageConflictError,
  type AnalyticsRepository,
  type Credential,
} from '../storage/repository.ts';
import { runImportFeed } from './import-feed.ts';

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const KIND_NAMES = { write: 'write key', merchant: 'merchant token' } as const;
const describe = (credential: Credential): string =>
  `${KIND_NAMES[credential.kind]} ${credential.prefix ?? '(made before prefixes)'}… of "${credential.storefrontId}"`;

async function requireStorefront(
  repository: AnalyticsRepository,
  id: string | undefined,
): Promise<string> {
  if (!id)
    throw new UsageError('Name the storefront: npm run merchant -- <command> <storefront-id>');
  if (!(await repository.getStorefront(id))) {
    throw new UsageError(`No storefront "${id}". See "npm run merchant -- list".`);
  }
  return id;
}

export async function runMerchantCli(
  argv: readonly string[],
  repository: AnalyticsRepository,
): Promise<string> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      currency: { type: 'string' },
      holdout: { type: 'string' },
      'allow-private-address': { type: 'string', multiple: true },
      none: { type: 'boolean' },
    },
  });
  const [command, id, arg, ...rest] = positionals;
  switch (command) {
    case 'list': {
      const rows = await repository.listStorefronts();
      return (
        rows
          .map((s) => `${s.id}\t${s.name}\t${s.currency}\tholdout ${s.holdoutShare}`)
          .join('\n') || 'No storefronts yet.'
      );
    }
    case 'create': {
      if (!id)
        throw new UsageError(
          'Usage: npm run merchant -- create <id> [--name N] [--currency EUR] [--holdout 0.1]',
        );
      const created = await createStorefront(repository, {
        id,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(values.currency === undefined ? {} : { currency: values.currency }),
        ...(values.holdout === undefined ? {} : { holdoutShare: Number(values.holdout) }),
      });
      return [
        `Created storefront "${created.storefront.id}" (${created.storefront.currency}, holdout ${created.storefront.holdoutShare}).`,
        `write key:      ${created.writeKey}`,
        `merchant token: ${created.merchantToken}`,
      ].join('\n');
    }
    case 'key':
      return `write key: ${await issueCredential(repository, await requireStorefront(repository, id), 'write')}`;
    case 'token':
      return `merchant token: ${await issueCredential(repository, await requireStorefront(repository, id), 'merchant')}`;
    case 'holdout': {
      const storefront = await requireStorefront(repository, id);
      const share = Number(arg);
      if (arg === undefined || !(share >= 0 && share <= 1))
        throw new UsageError('Usage: npm run merchant -- holdout <id> <share within 0..1>');
      await repository.setHoldoutShare(storefront, share);
      return `Storefront "${storefront}" now holds out ${share} of visitors.`;
    }
    case 'origins': {
      const storefront = await requireStorefront(repository, id);
      const given = arg === undefined ? [] : [arg, ...rest];
      if (given.length > 0 || values.none) {
        if (given.length > 0 && values.none)
          throw new UsageError('Give origins or --none, not both.');
        await repository.setAllowedOrigins(storefront, given.map(parseOrigin));
      }
      const origins = await repository.allowedOrigins(storefront);
      return origins.length > 0
        ? `Storefront "${storefront}" may be embedded by:\n${origins.join('\n')}`
        : `Storefront "${storefront}" sets no origins: its try-on cannot be embedded, and its events are taken from any page.`;
    }
    case 'credentials': {
      const credentials = await repository.listCredentials(await requireStorefront(repository, id));
      return credentials
        .map((c) =>
          [
            c.prefix ?? '(made before prefixes)',
            c.kind,
            c.label,
            new Date(c.createdAt).toISOString(),
            c.revokedAt === null ? 'live' : `revoked ${new Date(c.revokedAt).toISOString()}`,
          ].join('\t'),
        )
        .join('\n');
    }
    case 'revoke': {
      if (!id) throw new UsageError('Usage: npm run merchant -- revoke <key, token or prefix>');
      return `Revoked the ${describe(await revokeCredential(repository, id))}.`;
    }
    case 'rotate': {
      if (!id) throw new UsageError('Usage: npm run merchant -- rotate <key, token or prefix>');
      const { revoked, secret } = await rotateCredential(repository, id);
      return [
        `Revoked the ${describe(revoked)}.`,
        `new ${KIND_NAMES[revoked.kind]}: ${secret}`,
      ].join('\n');
    }
    case 'rebuild-rollups': {
      const { events, skipped } = await repository.rebuildRollups();
      return `Rebuilt the report rollups from ${events} events${
        skipped > 0 ? `; left out ${skipped} that the current event schema refuses` : ''
      }.`;
    }
    case 'import-feed': {
      const storefront = await requireStorefront(repository, id);
      if (!arg)
        throw new UsageError('Usage: npm run merchant -- import-feed <id> <feed file or URL>');
      return runImportFeed(repository, storefront, arg, {
        allowPrivateAddresses: values['allow-private-address'] ?? [],
      });
    }
    default:
      throw new UsageError(
        'Commands: list, create <id>, key <id>, token <id>, holdout <id> <share>, origins <id> [origins…], credentials <id>, revoke <key>, rotate <key>, rebuild-rollups, import-feed <id> <feed>',
      );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repository = await openRepository(databaseFromEnv(), analyticsFromEnv());
  try {
    console.log(await runMerchantCli(process.argv.slice(2), repository));
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof StorefrontInputError ||
      error instanceof CredentialLookupError ||
      error instanceof StorageConflictError ||
      error instanceof FeedError
    ) {
      console.error(error instanceof FeedError ? `${error.code}: ${error.message}` : error.message);
      process.exitCode = 2;
    } else if (error instanceof OriginError) {
      console.error(`${error.code}: ${error.message}`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  } finally {
    await repository.close();
  }
}
