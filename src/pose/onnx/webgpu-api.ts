/**
 * The slice of the WebGPU API that `gpu-warp.ts` uses. The DOM lib in use has no WebGPU types,
 * and `@webgpu/types` (here only as a dependency of tfjs) would declare them globally for the
 * whole project, so they are typed here instead, with the spec's names minus the `GPU` prefix.
 */

/** `GPUBufferUsage` flags (spec values). */
export const BufferUsage = {
  MAP_READ: 0x1,
  COPY_SRC: 0x4,
  COPY_DST: 0x8,
  UNIFORM: 0x40,
  STORAGE: 0x80,
} as const;

/** `GPUTextureUsage` flags (spec values). */
export const TextureUsage = {
  COPY_DST: 0x2,
  TEXTURE_BINDING: 0x4,
  RENDER_ATTACHMENT: 0x10,
} as const;

export interface Buffer {
  readonly size: number;
  readonly mapState: 'unmapped' | 'pending' | 'mapped';
  destroy(): void;
}

export interface TextureView {
  readonly label: string;
}

export interface Texture {
  readonly width: number;
  readonly height: number;
  createView(): TextureView;
  destroy(): void;
}

/** Opaque handles. */
export interface ShaderModule {
  readonly label: string;
}
export interface BindGroupLayout {
  readonly label: string;
}
export interface BindGroup {
  readonly label: string;
}
export interface CommandBuffer {
  readonly label: string;
}

export interface ComputePipeline {
  getBindGroupLayout(index: number): BindGroupLayout;
}

export interface ComputePassEncoder {
  setPipeline(pipeline: ComputePipeline): void;
  setBindGroup(index: number, group: BindGroup): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface CommandEncoder {
  beginComputePass(): ComputePassEncoder;
  finish(): CommandBuffer;
}

export interface Queue {
  writeBuffer(buffer: Buffer, offset: number, data: ArrayBuffer): void;
  submit(commands: readonly CommandBuffer[]): void;
  copyExternalImageToTexture(
    source: { source: ImageBitmap },
    destination: { texture: Texture },
    size: readonly [number, number],
  ): void;
}

export interface Device {
  readonly queue: Queue;
  createBuffer(descriptor: { size: number; usage: number }): Buffer;
  createTexture(descriptor: {
    size: readonly [number, number];
    format: 'rgba8unorm';
    usage: number;
  }): Texture;
  createShaderModule(descriptor: { code: string }): ShaderModule;
  createComputePipelineAsync(descriptor: {
    layout: 'auto';
    compute: { module: ShaderModule; entryPoint: string };
  }): Promise<ComputePipeline>;
  createBindGroup(descriptor: {
    layout: BindGroupLayout;
    entries: readonly { binding: number; resource: { buffer: Buffer } | TextureView }[];
  }): BindGroup;
  createCommandEncoder(): CommandEncoder;
}
