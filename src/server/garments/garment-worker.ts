import { parentPort } from 'node:worker_threads';
import type { GarmentJob } from './garment-worker-client.ts';
import { runImageJob } from './image.ts';
import { runMeshJob } from './mesh-job.ts';
import type { UploadFile } from './upload-file.ts';

/** Buffers arrive as plain Uint8Arrays (structured clone); the job code reads them as Buffers. */
const asBuffer = (file: UploadFile): UploadFile => ({
  ...file,
  bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
});

parentPort!.on('message', (job: GarmentJob) => {
  const run =
    job.kind === 'mesh'
      ? runMeshJob({
          ...job.mesh,
          main: asBuffer(job.mesh.main),
          resources: job.mesh.resources.map(asBuffer),
        })
      : runImageJob({ ...job.image, file: asBuffer(job.image.file) });
  run.then(
    (result) => parentPort!.postMessage({ result }),
    (error: unknown) =>
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
