import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './scripts/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4179);
// A fresh data directory per run, so no test writes into the development database. Workers load
// this file again: the runner's directory reaches them (and the specs) through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'fitting-room-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // Pose inference saturates this 2-core machine: one browser at a time keeps timings honest.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 60_000 },
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: {
    command: `node --import tsx src/server/main.ts`,
    env: { PORT: String(PORT), LOG: '0', DATA_DIR: process.env.E2E_DATA_DIR },
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
