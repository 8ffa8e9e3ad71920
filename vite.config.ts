import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { embedBundle } from './scripts/vite-embed-bundle.ts';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from './src/shared/isolation.ts';

export default defineConfig({
  plugins: [react(), embedBundle()],
  worker: { format: 'es' },
  server: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  preview: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Throwaway PostgreSQL and two-shard ClickHouse servers for the storage tests
    // (TEST_DATABASE_URL and TEST_CLICKHOUSE_HOSTS name others).
    globalSetup: [
      'test/server/support/postgres-global-setup.ts',
      'test/server/support/clickhouse-global-setup.ts',
    ],
    testTimeout: 60_000,
    // Set-up hooks start servers and upload garments (the garment worker boots on first use):
    // on a loaded 2-core machine that passes vitest's 10 s default.
    hookTimeout: 60_000,
  },
});
