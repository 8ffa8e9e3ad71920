/**
 * warp.ts's resampling on the GPU: the frame goes into a texture once, and each model input is
 * a compute pass writing `[side, side, 3]` float32 (NHWC) into a storage buffer, which the ONNX
 * WebGPU provider reads in place — no CPU readback of the frame. Same arithmetic as
 * `warpToTensor` (OpenCV's fixed point: position rounded to 1/32 px, integer weights, blend
 * rounded to 8 bits); the affine maths stays on the CPU and arrives as a uniform. Positions
 * are computed in f32 where the CPU uses f64, so one within f32 rounding of a half-subpixel can
 * land on the neighbouring 1/32 step: on the fixtures, under 0.02% of values, by at most a few
 * 8-bit levels (`e2e/onnx-gpu-warp.spec.ts`).
 */
import type { Affine } from './roi.ts';
import type { BorderMode } from './warp.ts';
import * as gpu from './webgpu-api.ts';

const SUBPIXELS = 32;
const WORKGROUP_SIDE = 8;
const CHANNELS = 3;
/** The uniform `Warp` below, in 32-bit words (padded to 16 bytes). */
const PARAMS_WORDS = 12;

const SHADER = /* wgsl */ `
struct Warp {
  // The affine map ×32 (subpixels), one row per axis: (a, c, e) and (b, d, f).
  x: vec3f, side: u32,
  y: vec3f, zeroBorder: u32,
  scale: f32, offset: f32,
}

@group(0) @binding(0) var<uniform> warp: Warp;
@group(0) @binding(1) var frame: texture_2d<f32>;
@group(0) @binding(2) var<storage, read_write> tensor: array<f32>;

// Math.round of the source position in subpixels.
fn subpixel(row: vec3f, uv: vec2f) -> i32 {
  return i32(floor(row.x * uv.x + row.y * uv.y + row.z + 0.5));
}

fn texel(p: vec2i, size: vec2i) -> vec3i {
  if (warp.zeroBorder != 0u && (any(p < vec2i(0)) || any(p >= size))) {
    return vec3i(0);
  }
  return vec3i(round(textureLoad(frame, clamp(p, vec2i(0), size - 1), 0).rgb * 255.0));
}

@compute @workgroup_size(${WORKGROUP_SIDE}, ${WORKGROUP_SIDE})
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= warp.side || id.y >= warp.side) {
    return;
  }
  let uv = vec2f(id.xy);
  let x = subpixel(warp.x, uv);
  let y = subpixel(warp.y, uv);
  let p = vec2i(x >> 5u, y >> 5u);
  let fx = x & 31;
  let fy = y & 31;
  let size = vec2i(textureDimensions(frame));
  let sum =
    texel(p, size) * ((32 - fx) * (32 - fy)) +
    texel(p + vec2i(1, 0), size) * (fx * (32 - fy)) +
    texel(p + vec2i(0, 1), size) * ((32 - fx) * fy) +
    texel(p + vec2i(1, 1), size) * (fx * fy);
  let value = vec3f((sum + 512) >> vec3u(10u)) * warp.scale + warp.offset;
  let i = (id.y * warp.side + id.x) * ${CHANNELS}u;
  tensor[i] = value.r;
  tensor[i + 1u] = value.g;
  tensor[i + 2u] = value.b;
}
`;

/** One output size's buffer, and its bind group for the current frame texture. */
interface Output {
  readonly buffer: gpu.Buffer;
  bindGroup: gpu.BindGroup | null;
}

export class GpuWarp {
  private readonly params: gpu.Buffer;
  private readonly paramWords = new ArrayBuffer(PARAMS_WORDS * 4);
  private readonly paramFloats = new Float32Array(this.paramWords);
  private readonly paramInts = new Uint32Array(this.paramWords);
  private frame: gpu.Texture | null = null;
  private readonly outputs = new Map<number, Output>();

  private constructor(
    private readonly device: gpu.Device,
    private readonly pipeline: gpu.ComputePipeline,
  ) {
    this.params = device.createBuffer({
      size: this.paramWords.byteLength,
      usage: gpu.BufferUsage.UNIFORM | gpu.BufferUsage.COPY_DST,
    });
  }

  /** Rejects if `device` cannot build the pipeline, so callers can keep the CPU path. */
  static async create(device: gpu.Device): Promise<GpuWarp> {
    const pipeline = await device.createComputePipelineAsync({
      layout: 'auto',
      compute: { module: device.createShaderModule({ code: SHADER }), entryPoint: 'main' },
    });
    return new GpuWarp(device, pipeline);
  }

  /**
   * Makes `image` the frame that `warp` samples until the next call. An image tagged with a
   * non-sRGB colour profile reaches the texture converted by WebGPU, which rounds some values
   * one level off the 2D canvas the CPU path reads (0.9% of one fixture's); drawing it through
   * a canvas first would match, but could read a GPU-backed camera frame back to the CPU.
   */
  setFrame(image: ImageBitmap): void {
    const { width, height } = image;
    if (this.frame?.width !== width || this.frame.height !== height) {
      this.frame?.destroy();
      this.frame = this.device.createTexture({
        size: [width, height],
        format: 'rgba8unorm',
        // copyExternalImageToTexture requires RENDER_ATTACHMENT on its destination.
        usage:
          gpu.TextureUsage.TEXTURE_BINDING |
          gpu.TextureUsage.COPY_DST |
          gpu.TextureUsage.RENDER_ATTACHMENT,
      });
      for (const output of this.outputs.values()) output.bindGroup = null;
    }
    this.device.queue.copyExternalImageToTexture({ source: image }, { texture: this.frame }, [
      width,
      height,
    ]);
  }

  /**
   * `warpToTensor(frame, outToImage, side, border, scale, offset)` into a storage buffer owned by
   * this object. The next `warp` of the same `side` overwrites it, but only after the work
   * already submitted that reads it (the device queue runs in order).
   */
  warp(
    outToImage: Affine,
    side: number,
    border: BorderMode,
    scale: number,
    offset: number,
  ): gpu.Buffer {
    if (!this.frame) throw new Error('GpuWarp.warp needs a frame: call setFrame first.');
    const m = outToImage;
    const f = this.paramFloats;
    f[0] = m.a * SUBPIXELS;
    f[1] = m.c * SUBPIXELS;
    f[2] = m.e * SUBPIXELS;
    this.paramInts[3] = side;
    f[4] = m.b * SUBPIXELS;
    f[5] = m.d * SUBPIXELS;
    f[6] = m.f * SUBPIXELS;
    this.paramInts[7] = border === 'zero' ? 1 : 0;
    f[8] = scale;
    f[9] = offset;
    // One uniform buffer serves every warp: writes are ordered with the submits between them.
    this.device.queue.writeBuffer(this.params, 0, this.paramWords);

    const output = this.output(side);
    output.bindGroup ??= this.bindGroup(output.buffer, this.frame);
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, output.bindGroup);
    const groups = Math.ceil(side / WORKGROUP_SIDE);
    pass.dispatchWorkgroups(groups, groups);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    return output.buffer;
  }

  dispose(): void {
    this.frame?.destroy();
    this.frame = null;
    for (const { buffer } of this.outputs.values()) buffer.destroy();
    this.outputs.clear();
    this.params.destroy();
  }

  private output(side: number): Output {
    let output = this.outputs.get(side);
    if (!output) {
      output = {
        buffer: this.device.createBuffer({
          size: side * side * CHANNELS * Float32Array.BYTES_PER_ELEMENT,
          // COPY_SRC: copies out of it (ORT's own transfers; the tests' readback).
          usage: gpu.BufferUsage.STORAGE | gpu.BufferUsage.COPY_SRC,
        }),
        bindGroup: null,
      };
      this.outputs.set(side, output);
    }
    return output;
  }

  private bindGroup(output: gpu.Buffer, frame: gpu.Texture): gpu.BindGroup {
    return this.device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.params } },
        { binding: 1, resource: frame.createView() },
        { binding: 2, resource: { buffer: output } },
      ],
    });
  }
}
