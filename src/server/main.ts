import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import type { RateLimitOptions } from './plugins/app/rate-limit.ts';
import { seedDemoStorefront } from './seed.ts';
import { analyticsFromEnv, databaseFromEnv, openRepository } from './storage/open.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const staticRoot = resolve(process.env.STATIC_ROOT ?? 'dist');
const database = databaseFromEnv();

const repository = await openRepository(database, analyticsFromEnv());
const demo = process.env.NODE_ENV === 'production' ? null : await seedDemoStorefront(repository);

/** `<NAME>_RPS` and `<NAME>_BURST` (default twice the rate), when the rate is set. */
function rateLimitFromEnv(name: string): RateLimitOptions | undefined {
  const rps = process.env[`${name}_RPS`];
  if (!rps) return undefined;
  return {
    requestsPerSecond: Number(rps),
    burst: Number(process.env[`${name}_BURST`] ?? 2 * Number(rps)),
  };
}
const rateLimit = rateLimitFromEnv('RATE_LIMIT');
const addressRateLimit = rateLimitFromEnv('RATE_LIMIT_ADDRESS');
const merchantRateLimit = rateLimitFromEnv('RATE_LIMIT_MERCHANT');

const app = await buildApp({
  staticRoot,
  logger: process.env.LOG !== '0',
  database: repository,
  ...(rateLimit ? { rateLimit } : {}),
  ...(addressRateLimit ? { addressRateLimit } : {}),
  ...(merchantRateLimit ? { merchantRateLimit } : {}),
  trustProxy: process.env.TRUST_PROXY === '1',
});
app.addHook('onClose', () => repository.close());
const address = await app.listen({ port, host });
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${new URL(address).port}`;
console.log(`Fitting Room is running at ${url}/`);
console.log(
  `Analytics store: ${repository.kind}${repository.kind === 'sqlite' ? ` (${database})` : ''}`,
);
console.log(`Merchant dashboard: ${url}/merchant (garments: ${url}/merchant/garments)`);
if (demo) {
  console.log(
    [
      `Created the demo storefront "${demo.storefront.id}" (${demo.storefront.currency}, holdout ${demo.storefront.holdoutShare}).`,
      `  write key:      ${demo.writeKey}`,
      `  merchant token: ${demo.merchantToken}`,
      `  demo shop:      ${url}/demo-store?storefront=${demo.storefront.id}&key=${demo.writeKey}`,
      'These are shown once; make more with "npm run merchant -- key demo" / "-- token demo".',
    ].join('\n'),
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
