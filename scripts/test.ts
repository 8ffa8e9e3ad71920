/**
 * `npm test`: every check a change must pass, in the order that fails fastest, ending with one
 * summary line "N passed, N failed" over the unit and browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assertChromium } from './chromium.ts';

const REPORTS = join('.cache', 'test-reports');
const bin = (name: string) => join('node_modules', '.bin', name);

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function requireTool(name: string, install: string): void {
  if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return;
  throw new Error(`${name} was not found on PATH. Install it with "${install}".`);
}

interface Counts {
  passed: number;
  failed: number;
}

function vitestCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

function playwrightCounts(file: string): Counts {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

try {
  assertChromium();
  requireTool('ffmpeg', 'sudo apt-get install -y ffmpeg');
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const vitestReport = join(REPORTS, 'vitest.json');
const playwrightReport = join(REPORTS, 'playwright.json');

// Checks that are not test cases count as one failure each when they fail.
const checkFailures = [
  run('pose models', bin('tsx'), ['models/build.ts', '--if-stale']),
  run('sample garments', bin('tsx'), ['scripts/build-garments.ts', '--if-stale']),
  run('type check', bin('tsc'), ['--noEmit', '-p', '.']),
  run('lint', bin('eslint'), ['.']),
  run('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']),
].filter((ok) => !ok).length;

const unitOk = run('unit tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const buildOk = run('build', bin('vite'), ['build', '--logLevel', 'warn']);
const browserOk =
  buildOk &&
  run('browser tests', bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });

const unit = vitestCounts(vitestReport);
const browser = playwrightCounts(playwrightReport);
// A runner that failed without counting a failed test (a crash, a setup error) is one failure.
const failed =
  checkFailures +
  (buildOk ? 0 : 1) +
  unit.failed +
  (unitOk || unit.failed ? 0 : 1) +
  browser.failed +
  (browserOk || browser.failed ? 0 : 1);
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed`);
console.log(`browser: ${browser.passed} passed, ${browser.failed} failed`);
if (checkFailures)
  console.log(`checks (models, garments, types, lint, format): ${checkFailures} failed`);
console.log(`${unit.passed + browser.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
