import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MeshJob, MeshJobResult } from './mesh-job.ts';
import { GarmentRejectedError, reject, type ReportBuilder } from './report.ts';
import type { ProcessedAsset } from './upload-file.ts';

/** A job past this is stopped (a pathological mesh, not a slow machine: real files take < 10 s). */
const MESH_JOB_TIMEOUT_MS = 120_000;
/** Heap of the worker thread: a 5M-triangle file decoded, with headroom. */
const MESH_JOB_HEAP_MB = 3072;

/** tsx's ESM register API (`require.resolve` finds its CommonJS twin beside it). */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const ENTRY = new URL('./mesh-worker.ts', import.meta.url).href;
/** The worker loads our TypeScript through tsx, whatever runs the server (tsx, vitest). */
const BOOT = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(ENTRY)}); });`;

type Reply = { readonly result: MeshJobResult } | { readonly error: string };

let worker: Worker | null = null;
/** Jobs run one at a time, in order: each waits for the one before. */
let queue: Promise<unknown> = Promise.resolve();

function meshWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(BOOT, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: MESH_JOB_HEAP_MB },
  });
  // An idle worker must not keep the process alive.
  started.unref();
  // A worker out of memory emits 'error' then 'exit'; the job sees the exit (`mesh_too_large`),
  // and an unheard 'error' would take the whole server down.
  started.on('error', () => {});
  started.once('exit', () => {
    if (worker === started) worker = null;
  });
  worker = started;
  return started;
}

function runInWorker(job: MeshJob): Promise<Reply | 'timeout' | 'crashed'> {
  const thread = meshWorker();
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
      void thread.terminate();
    }, MESH_JOB_TIMEOUT_MS);
    thread.once('message', done);
    thread.once('exit', onExit);
    thread.postMessage(job);
  });
}

/**
 * Processes a 3D upload in a worker thread, so decoding, simplifying and fitting a large mesh
 * never blocks the event loop (requests and `/api/health` stay responsive). One long-lived
 * worker (its start, loading the validator and decoders, costs about a second), one job at a
 * time; a job past the timeout or over the heap ends the thread, and the next job starts a new
 * one. Report items found in the worker are added to `report`; a refusal throws as inline.
 */
export async function processMeshInWorker(
  job: MeshJob,
  report: ReportBuilder,
): Promise<ProcessedAsset> {
  const turn = queue.then(() => runInWorker(job));
  queue = turn.catch(() => undefined);
  const reply = await turn;
  if (reply === 'timeout')
    reject(
      'mesh_processing_timeout',
      `processing took over ${MESH_JOB_TIMEOUT_MS / 1000} s; simplify the mesh and upload it again`,
      { file: job.main.name },
    );
  if (reply === 'crashed')
    reject(
      'mesh_too_large',
      'processing ran out of memory; simplify the mesh or split it and upload it again',
      { file: job.main.name },
    );
  if ('error' in reply) throw new Error(`mesh processing failed: ${reply.error}`);
  for (const item of reply.result.items) report.add(item);
  if (!reply.result.ok) throw new GarmentRejectedError(report.report());
  return reply.result.asset;
}
