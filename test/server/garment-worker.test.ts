import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GARMENT_UPLOAD_LIMITS,
  type UploadError,
  type UploadResult,
} from '../../src/shared/garment-upload.ts';
import { makeGlb, makeTeePng, TEE_FIELDS, upload } from './support/garments.ts';
import { startTestServer, type TestServer } from './support/server.ts';

/**
 * A product photo's cut-out and anchors take seconds of pure computation: in the request's
 * thread they would stall every other request (shoppers' events, health) for that long. The
 * test server runs in this process, so this test's own requests wait on the same event loop.
 */
describe('garment processing off the event loop', () => {
  let server: TestServer;
  /** One whose processing time limit no job can meet (the worker takes longer to answer). */
  let hurried: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    hurried = await startTestServer('sqlite', {
      uploadLimits: { ...GARMENT_UPLOAD_LIMITS, processingTimeoutMs: 1 },
    });
  });
  afterAll(() => Promise.all([server.close(), hurried.close()]));

  it('health answers all through a photo upload: no pause longer than half the upload', async () => {
    // An opaque photo (no alpha) on a light backdrop, large enough that its cut-out is slow.
    const photo = await sharp(makeTeePng(200, 180))
      .flatten({ background: '#f1f1ef' })
      .resize(900)
      .jpeg({ quality: 90 })
      .toBuffer();
    let uploaded = false;
    const started = performance.now();
    const uploading = upload(server, [{ name: 'tee.jpg', bytes: photo }], {
      fields: { ...TEE_FIELDS, id: 'photo-tee' },
    }).finally(() => {
      uploaded = true;
    });
    const pauses: number[] = [];
    let last = started;
    while (!uploaded) {
      const health = await fetch(`${server.base}/api/health`);
      expect(health.status).toBe(200);
      const now = performance.now();
      pauses.push(now - last);
      last = now;
      // A shopper's page polls; it does not spin (a spinning loop would take a core from the job).
      await sleep(20);
    }
    const response = await uploading;
    const duration = performance.now() - started;
    expect(response.status).toBe(201);
    const result = (await response.json()) as UploadResult;
    expect(result.report.items.map((item) => item.code)).toContain('background_removed');
    // Relative to the same run's upload: in the request's thread, the cut-out alone is most of it.
    expect(pauses.length).toBeGreaterThan(3);
    expect(Math.max(...pauses)).toBeLessThan(duration / 2);
  });

  it('a job past the time limit is refused with a code per kind, and the next job still runs', async () => {
    const code = async (response: Response) => {
      expect(response.status).toBe(422);
      return ((await response.json()) as UploadError).code;
    };
    const photo = await sharp(makeTeePng()).flatten({ background: '#ffffff' }).png().toBuffer();
    expect(await code(await upload(hurried, [{ name: 'tee.png', bytes: photo }]))).toBe(
      'image_processing_timeout',
    );
    const glb = await makeGlb();
    expect(await code(await upload(hurried, [{ name: 'tee.glb', bytes: glb }]))).toBe(
      'mesh_processing_timeout',
    );
    // The stopped thread is replaced: a server with time to wait gets its garment.
    const response = await upload(server, [{ name: 'tee.glb', bytes: glb }], {
      fields: { ...TEE_FIELDS, id: 'after-timeout' },
    });
    expect(response.status).toBe(201);
  });
});
