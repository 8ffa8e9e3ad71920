import { resolve } from 'node:path';
import { buildApp } from './app.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const staticRoot = resolve(process.env.STATIC_ROOT ?? 'dist');

const app = await buildApp({ staticRoot, logger: process.env.LOG !== '0' });
await app.listen({ port, host });
console.log(
  `Fitting Room is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}
