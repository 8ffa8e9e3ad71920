import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImageJob } from './image.ts';
import type { JobResult } from './job-result.ts';
import type { MeshJob } from './mesh-job.ts';
import { GarmentRejectedError, reject, type ReportBuilder } from './report.ts';
import type { ProcessedAsset } from './upload-file.ts';

/** Heap of the worker thread: a 5M-triangle file decoded, with headroom. */
const JOB_HEAP_MB = 3072;

/** tsx's ESM register API (`require.resolve` finds its CommonJS twin beside it). */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const ENTRY = new URL('./garment-worker.ts', import.meta.url).href;
/** The worker loads our TypeScript through tsx, whatever runs the server (tsx, vitest). */
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); });`;

/** What the worker thread receives. */
export type GarmentJob =
  | { readonly kind: 'mesh'; readonly mesh: MeshJob }
  | { readonly kind: 'image'; readonly image: ImageJob };

type Reply = { readonly result: JobResult } | { readonly error: string };

let worker: Worker | null = null;
/** Jobs run one at a time, in order: each waits for the one before. */
let queue: Promise<unknown> = Promise.resolve();

function garmentWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(BOOT, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: JOB_HEAP_MB },
  });
  // An idle worker must not keep the process alive.
  started.unref();
  // A worker out of memory emits 'error' then 'exit'; the job sees the exit (`…_too_large`),
  // and an unheard 'error' would take the whole server down.
  started.on('error', () => {});
  started.once('exit', () => {
    if (worker === started) worker = null;
  });
  worker = started;
  return started;
}

function runInWorker(job: GarmentJob, timeoutMs: number): Promise<Reply | 'timeout' | 'crashed'> {
  const thread = garmentWorker();
  return new Promise((resolve) => {
    const done = (reply: Reply | 'timeout' | 'crashed') => {
      clearTimeout(timer);
      thread.off('message', done);
      thread.off('exit', onExit);
      resolve(reply);
    };
    const onExit = () => done('crashed');
    const timer = setTimeout(() => {
      done('timeout');
      // The next job must not be posted to this thread while it is still ending.
      if (worker === thread) worker = null;
      void thread.terminate();
    }, timeoutMs);
    thread.once('message', done);
    thread.once('exit', onExit);
    thread.postMessage(job);
  });
}

/** What to tell the merchant when a job of this kind ran out of time or memory. */
const STOPPED = {
  mesh: {
    timeout: ['mesh_processing_timeout', 'simplify the mesh and upload it again'],
    crashed: ['mesh_too_large', 'simplify the mesh or split it and upload it again'],
  },
  image: {
    timeout: ['image_processing_timeout', 'upload a smaller image (2,000 px a side is plenty)'],
    crashed: ['image_too_large', 'upload a smaller image (2,000 px a side is plenty)'],
  },
} as const;

/**
 * Processes an upload in a worker thread, so decoding, simplifying and fitting a mesh, or cutting
 * a product photo out of its backdrop, never blocks the event loop (requests, ingestion and
 * `/api/health` stay responsive). One long-lived worker (its start, loading the validator and
 * decoders, costs one to four seconds), one job at a time; a job past the timeout or over the heap
 * ends the thread, and the next job starts a new one. Report items found in the worker are added
 * to `report`; a refusal throws as inline.
 */
async function processInWorker(
  job: GarmentJob,
  file: string,
  timeoutMs: number,
  report: ReportBuilder,
): Promise<ProcessedAsset> {
  const turn = queue.then(() => runInWorker(job, timeoutMs));
  queue = turn.catch(() => undefined);
  const reply = await turn;
  if (reply === 'timeout') {
    const [code, advice] = STOPPED[job.kind].timeout;
    reject(code, `processing took over ${timeoutMs / 1000} s; ${advice}`, { file });
  }
  if (reply === 'crashed') {
    const [code, advice] = STOPPED[job.kind].crashed;
    reject(code, `processing ran out of memory; ${advice}`, { file });
  }
  if ('error' in reply) throw new Error(`${job.kind} processing failed: ${reply.error}`);
  for (const item of reply.result.items) report.add(item);
  if (!reply.result.ok) throw new GarmentRejectedError(report.report());
  return reply.result.asset;
}

export const processMeshInWorker = (mesh: MeshJob, timeoutMs: number, report: ReportBuilder) =>
  processInWorker({ kind: 'mesh', mesh }, mesh.main.name, timeoutMs, report);

export const processImageInWorker = (image: ImageJob, timeoutMs: number, report: ReportBuilder) =>
  processInWorker({ kind: 'image', image }, image.file.name, timeoutMs, report);
