import { randomUUID } from 'node:crypto';
import type { ImportJob, ImportProgress, ImportReport } from '../../../shared/garment-import.ts';
import { ApiError } from '../../errors.ts';
import { ImportCancelledError } from './import-feed.ts';

/** What a job runs: the import, told where to report progress and when to stop. */
export type ImportRun = (
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
) => Promise<ImportReport>;

/** How long a finished job can still be read, and how many a storefront keeps. */
export const IMPORT_JOB_RETENTION = { ms: 60 * 60 * 1000, perStorefront: 20 } as const;

interface Entry {
  readonly storefrontId: string;
  job: ImportJob;
  finished: Promise<void>;
}

/**
 * Catalogue imports running in the background, one per storefront at a time (two imports of one
 * feed at once would both find no garment for a new product and both make one), and what became
 * of the recent ones. Held in memory: a restart forgets the jobs, never what they wrote (each
 * garment is durable as it is imported, and importing again completes an interrupted import).
 */
export class ImportJobs {
  private readonly entries = new Map<string, Entry>();
  private readonly stopping = new AbortController();

  constructor(private readonly onFailure: (error: unknown) => void = () => {}) {}

  /** Starts `run` for the storefront; 409 `import_running` while one of its imports runs. */
  start(storefrontId: string, run: ImportRun): ImportJob {
    this.prune(Date.now());
    const running = [...this.entries.values()].some(
      (entry) => entry.storefrontId === storefrontId && entry.job.status === 'running',
    );
    if (running)
      throw new ApiError(
        409,
        'import_running',
        'An import for this storefront is still running; wait for it to finish, then send the feed again.',
      );
    const id = randomUUID();
    const entry: Entry = {
      storefrontId,
      job: {
        id,
        status: 'running',
        progress: { done: 0, total: 0, current: null },
        report: null,
        error: null,
        startedAt: Date.now(),
        finishedAt: null,
      },
      finished: Promise.resolve(),
    };
    this.entries.set(id, entry);
    const set = (change: Partial<ImportJob>) => void (entry.job = { ...entry.job, ...change });
    entry.finished = run((progress) => set({ progress }), this.stopping.signal).then(
      (report) => set({ status: 'done', report, finishedAt: Date.now() }),
      (error: unknown) => {
        const cancelled = error instanceof ImportCancelledError;
        if (!cancelled) this.onFailure(error);
        set({
          status: 'failed',
          finishedAt: Date.now(),
          error: cancelled
            ? { code: error.code, message: 'The server stopped mid-import; import the feed again.' }
            : {
                code: 'import_failed',
                message: 'The import stopped on a server error; import the feed again.',
              },
        });
      },
    );
    return entry.job;
  }

  /** The storefront's job `id`, or null (another storefront's, forgotten, or never made). */
  get(storefrontId: string, id: string): ImportJob | null {
    const entry = this.entries.get(id);
    return entry?.storefrontId === storefrontId ? entry.job : null;
  }

  /** Stops running imports between two garments and waits for them. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.entries.values()].map((entry) => entry.finished));
  }

  private prune(now: number): void {
    const kept = new Map<string, number>();
    // Newest first, so each storefront keeps its latest jobs.
    for (const [id, { storefrontId, job }] of [...this.entries].reverse()) {
      if (job.finishedAt === null) continue;
      const count = (kept.get(storefrontId) ?? 0) + 1;
      kept.set(storefrontId, count);
      if (
        now - job.finishedAt > IMPORT_JOB_RETENTION.ms ||
        count > IMPORT_JOB_RETENTION.perStorefront
      )
        this.entries.delete(id);
    }
  }
}
