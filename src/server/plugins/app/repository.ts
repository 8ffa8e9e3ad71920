import fp from 'fastify-plugin';
import { openRepository } from '../../storage/open.ts';
import type { AnalyticsRepository } from '../../storage/repository.ts';

declare module 'fastify' {
  interface FastifyInstance {
    repository: AnalyticsRepository;
  }
}

export interface RepositoryPluginOptions {
  /** A SQLite path, `:memory:`, a `postgres://` URL, or an open repository the caller owns. */
  readonly database: string | AnalyticsRepository;
}

/** Opens (and migrates) the analytics store; closes it with the app when it opened it. */
export default fp<RepositoryPluginOptions>(
  async (app, { database }) => {
    const owned = typeof database === 'string';
    const repository = owned ? await openRepository(database) : database;
    app.decorate('repository', repository);
    if (owned) app.addHook('onClose', () => repository.close());
  },
  { name: 'repository' },
);
