/**
 * Browser side of `e2e/onnx-gpu-warp.spec.ts`, bundled by the spec: `GpuWarp` on a WebGPU device
 * of its own, fed an ImageBitmap of raw RGBA pixels, each output copied back to the CPU.
 */
import { GpuWarp } from '../../src/pose/onnx/gpu-warp.ts';
import type { Affine } from '../../src/pose/onnx/roi.ts';
import type { BorderMode } from '../../src/pose/onnx/warp.ts';
import * as gpu from '../../src/pose/onnx/webgpu-api.ts';

export interface WarpCase {
  readonly outToImage: Affine;
  readonly side: number;
  readonly border: BorderMode;
  readonly scale: number;
  readonly offset: number;
}

/** What the page exposes to the spec. */
export interface GpuWarpPage {
  /** Each case's `[side, side, 3]` float32 output, as base64 of its bytes. */
  warp(
    pixelsUrl: string,
    width: number,
    height: number,
    cases: readonly WarpCase[],
  ): Promise<string[]>;
}

/** `GPUMapMode.READ`. */
const MAP_READ = 0x1;

/** The readback this page needs beyond `gpu-warp.ts`'s slice of WebGPU. */
interface MappableBuffer extends gpu.Buffer {
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}
interface ReadbackDevice extends gpu.Device {
  createBuffer(descriptor: { size: number; usage: number }): MappableBuffer;
  createCommandEncoder(): gpu.CommandEncoder & {
    copyBufferToBuffer(
      source: gpu.Buffer,
      sourceOffset: number,
      destination: gpu.Buffer,
      destinationOffset: number,
      size: number,
    ): void;
  };
  destroy(): void;
}
interface WebGpuNavigator {
  readonly gpu?: {
    requestAdapter(): Promise<{ requestDevice(): Promise<ReadbackDevice> } | null>;
  };
}

async function readBack(device: ReadbackDevice, source: gpu.Buffer): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    size: source.size,
    usage: gpu.BufferUsage.MAP_READ | gpu.BufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(source, 0, staging, 0, source.size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(MAP_READ);
  const bytes = staging.getMappedRange().slice(0);
  staging.unmap();
  staging.destroy();
  return bytes;
}

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < view.length; i += chunk) {
    binary += String.fromCharCode(...view.subarray(i, i + chunk));
  }
  return btoa(binary);
}

const page: GpuWarpPage = {
  async warp(pixelsUrl, width, height, cases) {
    const adapter = await (navigator as WebGpuNavigator).gpu?.requestAdapter();
    if (!adapter) throw new Error('no WebGPU adapter: is --enable-unsafe-webgpu set?');
    const device = await adapter.requestDevice();
    const warp = await GpuWarp.create(device);
    try {
      const rgba = new Uint8ClampedArray(await (await fetch(pixelsUrl)).arrayBuffer());
      const bitmap = await createImageBitmap(new ImageData(rgba, width, height));
      warp.setFrame(bitmap);
      bitmap.close();
      const outputs: string[] = [];
      for (const c of cases) {
        const buffer = warp.warp(c.outToImage, c.side, c.border, c.scale, c.offset);
        outputs.push(toBase64(await readBack(device, buffer)));
      }
      return outputs;
    } finally {
      warp.dispose();
      device.destroy();
    }
  },
};

(globalThis as unknown as { gpuWarpPage: GpuWarpPage }).gpuWarpPage = page;
