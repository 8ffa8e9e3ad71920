import { parentPort } from 'node:worker_threads';
import { runMeshJob, type MeshJob } from './mesh-job.ts';
import type { UploadFile } from './upload-file.ts';

/** Buffers arrive as plain Uint8Arrays (structured clone); the job code reads them as Buffers. */
const asBuffer = (file: UploadFile): UploadFile => ({
  ...file,
  bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
});

parentPort!.on('message', (job: MeshJob) => {
  runMeshJob({ ...job, main: asBuffer(job.main), resources: job.resources.map(asBuffer) }).then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) =>
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
