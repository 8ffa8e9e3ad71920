import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/server/errors.ts';
import { ImportCancelledError } from '../../../../src/server/garments/feed/import-feed.ts';
import { ImportJobs, type ImportRun } from '../../../../src/server/garments/feed/import-jobs.ts';
import type { ImportReport } from '../../../../src/shared/garment-import.ts';

const EMPTY: ImportReport = { created: 0, updated: 0, skipped: 0, vanished: 0, lines: [] };

/** A run that reports one step of progress, then waits for `finish` (or the server stopping). */
function heldRun(): { run: ImportRun; finish: () => void } {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const run: ImportRun = async (onProgress, signal) => {
    onProgress({ done: 0, total: 2, current: 'Linen shirt' });
    await Promise.race([
      finished,
      new Promise((resolve) => signal.addEventListener('abort', resolve)),
    ]);
    if (signal.aborted) throw new ImportCancelledError('stopping');
    return EMPTY;
  };
  return { run, finish };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('import jobs', () => {
  it('runs one import per storefront at a time, and tells its progress, then its report', async () => {
    const jobs = new ImportJobs();
    const held = heldRun();
    const job = jobs.start('shop', held.run);
    expect(jobs.get('shop', job.id)).toMatchObject({
      status: 'running',
      progress: { done: 0, total: 2, current: 'Linen shirt' },
    });
    expect(() => jobs.start('shop', held.run)).toThrow(ApiError);
    expect(() => jobs.start('shop', held.run)).toThrow(/still running/);
    const other = jobs.start('other', heldRun().run);
    expect(jobs.get('shop', other.id)).toBeNull();
    held.finish();
    await settle();
    expect(jobs.get('shop', job.id)).toMatchObject({ status: 'done', report: EMPTY, error: null });
    expect(jobs.start('shop', async () => EMPTY).status).toBe('running');
    await jobs.close();
  });

  it('fails a job on an error, hiding it (import_failed), and tells the error to its owner', async () => {
    const seen: unknown[] = [];
    const jobs = new ImportJobs((error) => seen.push(error));
    const boom = new Error('connection reset');
    const job = jobs.start('shop', async () => {
      throw boom;
    });
    await settle();
    expect(jobs.get('shop', job.id)).toMatchObject({
      status: 'failed',
      report: null,
      error: { code: 'import_failed' },
    });
    expect(JSON.stringify(jobs.get('shop', job.id))).not.toContain('connection reset');
    expect(seen).toEqual([boom]);
  });

  it('stops running imports when closed (import_cancelled), and waits for them', async () => {
    const jobs = new ImportJobs();
    const job = jobs.start('shop', heldRun().run);
    await jobs.close();
    expect(jobs.get('shop', job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'import_cancelled' },
    });
  });
});
