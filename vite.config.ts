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
    // A throwaway PostgreSQL server for the storage tests (TEST_DATABASE_URL names another).
    globalSetup: ['test/server/support/postgres-global-setup.ts'],
    testTimeout: 60_000,
  },
});
