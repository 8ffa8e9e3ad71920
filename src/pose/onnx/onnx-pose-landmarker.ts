/**
 * BlazePose on onnxruntime-web: detector → ROI → landmark model, the same two-stage pipeline
 * as MediaPipe's PoseLandmarker, on the ONNX conversions `npm run models` writes. Runs wherever
 * OffscreenCanvas exists (the ONNX worker uses it off the main thread). With the WebGPU provider
 * the model inputs are resampled on ORT's GPU device (`gpu-warp.ts`) and the frame never comes
 * back to the CPU; with WASM they are resampled from the frame's pixels (`warp.ts`).
 */
import * as ort from 'onnxruntime-web/webgpu';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import wasmGlueUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import type { Landmark, Pose, SegmentationMask } from '../types.ts';
import { generateAnchors, type Anchor } from './anchors.ts';
import {
  decodeDetections,
  letterboxPadding,
  removeLetterbox,
  weightedNonMaxSuppression,
} from './detections.ts';
import {
  decodeCropLandmarks,
  projectLandmarks,
  refineFromHeatmap,
  worldLandmarks,
} from './landmark-decode.ts';
import {
  cropToImage,
  invertAffine,
  letterboxToImage,
  roiFromAlignmentPoints,
  type Affine,
  type Roi,
} from './roi.ts';
import { GpuWarp } from './gpu-warp.ts';
import { PoseLandmarkFiltering } from './landmark-filtering.ts';
import { SessionQueue } from './session-queue.ts';
import { warpToTensor, type BorderMode, type RgbaImage } from './warp.ts';
import type * as gpu from './webgpu-api.ts';
import {
  AUX_LANDMARK,
  DETECTOR_INPUT_PX,
  DETECTOR_KEYPOINT,
  LANDMARK_INPUT_PX,
  MIN_POSE_PRESENCE,
  POSE_LANDMARKS,
} from './tuning.ts';

export type ExecutionProvider = 'webgpu' | 'wasm';

export interface OnnxPoseLandmarkerOptions {
  readonly detectorUrl: string;
  readonly landmarkUrl: string;
  readonly executionProvider: ExecutionProvider;
  /** Most people per frame. Default 1. */
  readonly numPoses?: number;
  /** Also produce a segmentation mask (first pose) at the image's resolution. Default false. */
  readonly segmentation?: boolean;
  /** WASM provider threads (see `wasmThreads`). Default half the cores. */
  readonly wasmThreads?: number;
}

export interface OnnxPoseResult {
  readonly poses: readonly Pose[];
  readonly segmentationMask?: SegmentationMask;
}

/** Output names of the converted models (TFLite's own). */
const DETECTOR_OUT = { boxes: 'Identity', scores: 'Identity_1' } as const;
const LANDMARK_OUT = {
  landmarks: 'Identity',
  presence: 'Identity_1',
  segmentation: 'Identity_2',
  heatmap: 'Identity_3',
  world: 'Identity_4',
} as const;
const INPUT_NAME = 'input_1';
/** Where the ROI leaves the image: ImageToTensor's default border (tasks-vision sets ZERO only for the detector). */
const CROP_BORDER: BorderMode = 'replicate';

/** onnxruntime-web's own cap on WASM threads. */
const MAX_WASM_THREADS = 4;

/**
 * Threads for the WASM provider: half the cores, up to ORT's cap, where the page is
 * cross-origin isolated (the server sends COOP/COEP), else one. Half, because the page's own
 * thread renders the try-on: on 2 cores, two ORT threads ran lite and full up to 1.7× slower in
 * one `bench:pose` run and faster in another; heavy gained ×0.75 in both.
 */
export function wasmThreads(requested?: number): number {
  if (!globalThis.crossOriginIsolated) return 1;
  const wanted = requested ?? Math.ceil((navigator.hardwareConcurrency || 1) / 2);
  return Math.min(MAX_WASM_THREADS, Math.max(1, Math.round(wanted)));
}

/**
 * One model input from the current frame: `side`×`side` of the image through `outToImage`,
 * each channel value·scale + offset, NHWC (`warpToTensor`'s contract).
 */
type InputSampler = (
  outToImage: Affine,
  side: number,
  border: BorderMode,
  scale: number,
  offset: number,
) => ort.Tensor;

/** Frozen execution-provider table: our name → onnxruntime-web's. */
const PROVIDERS: Readonly<Record<ExecutionProvider, readonly string[]>> = Object.freeze({
  webgpu: ['webgpu'],
  wasm: ['wasm'],
});

export class OnnxPoseLandmarker {
  private readonly anchors: readonly Anchor[] = generateAnchors();
  private readonly frameCanvas = new OffscreenCanvas(1, 1);
  /** ROIs from the previous video frame's landmarks; empty when tracking is lost. */
  private trackedRois: Roi[] = [];
  private readonly filtering = new PoseLandmarkFiltering();
  private closed = false;

  private constructor(
    private readonly queue: SessionQueue,
    private readonly detector: ort.InferenceSession,
    private readonly landmarker: ort.InferenceSession,
    readonly executionProvider: ExecutionProvider,
    private readonly numPoses: number,
    private readonly segmentation: boolean,
    /** Resampling on ORT's WebGPU device; null: on the CPU. */
    private readonly gpuWarp: GpuWarp | null,
  ) {}

  static async create(options: OnnxPoseLandmarkerOptions): Promise<OnnxPoseLandmarker> {
    // The glue module from our own origin too: WASM threads are workers started from it.
    ort.env.wasm.wasmPaths = { wasm: wasmUrl, mjs: wasmGlueUrl };
    ort.env.wasm.numThreads = wasmThreads(options.wasmThreads);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: [...PROVIDERS[options.executionProvider]],
      graphOptimizationLevel: 'all',
    };
    const queue = new SessionQueue();
    const detector = await queue.run(() =>
      ort.InferenceSession.create(options.detectorUrl, sessionOptions),
    );
    const landmarker = await queue
      .run(() => ort.InferenceSession.create(options.landmarkUrl, sessionOptions))
      .catch(async (error: unknown) => {
        await detector.release();
        throw error;
      });
    return new OnnxPoseLandmarker(
      queue,
      detector,
      landmarker,
      options.executionProvider,
      options.numPoses ?? 1,
      options.segmentation ?? false,
      options.executionProvider === 'webgpu' ? await gpuWarpOnOrtDevice() : null,
    );
  }

  /**
   * Poses in `image`. `video` keeps the previous frame's ROI and skips the detector while it
   * holds, and with one pose filters its landmarks over time as MediaPipe does.
   */
  async detect(
    image: ImageBitmap,
    mode: 'image' | 'video',
    timestampMs: number,
  ): Promise<OnnxPoseResult> {
    if (this.closed) throw new Error('The ONNX pose landmarker is closed.');
    const { width, height } = image;
    const sample = this.samplerFor(image);
    const rois =
      mode === 'video' && this.trackedRois.length > 0
        ? this.trackedRois
        : await this.detectRois(sample, width, height);
    const poses: Pose[] = [];
    const nextRois: Roi[] = [];
    let segmentationMask: SegmentationMask | undefined;
    for (const roi of rois) {
      const result = await this.landmarks(sample, roi, width, height);
      if (!result) continue;
      poses.push(result.pose);
      nextRois.push(result.nextRoi);
      if (this.segmentation && !segmentationMask) {
        segmentationMask = warpMask(
          result.mask,
          cropToImage(roi, width, height, LANDMARK_INPUT_PX),
          width,
          height,
        );
      }
    }
    this.trackedRois = mode === 'video' ? nextRois : [];
    const filtered =
      mode === 'video' && this.numPoses === 1 && poses[0] && nextRois[0]
        ? [this.filtering.apply(poses[0], nextRois[0], width, height, timestampMs)]
        : poses;
    // MediaPipe resets its filters when the person is lost and builds a fresh graph per mode.
    if (filtered === poses) this.filtering.reset();
    return { poses: filtered, ...(segmentationMask ? { segmentationMask } : {}) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.run(async () => {
      this.gpuWarp?.dispose();
      await this.detector.release();
      await this.landmarker.release();
    });
  }

  /** Model inputs from `image`: on the GPU when set up, else from one CPU readback. */
  private samplerFor(image: ImageBitmap): InputSampler {
    const gpuWarp = this.gpuWarp;
    if (gpuWarp) {
      gpuWarp.setFrame(image);
      return (outToImage, side, border, scale, offset) =>
        ort.Tensor.fromGpuBuffer(gpuWarp.warp(outToImage, side, border, scale, offset), {
          dataType: 'float32',
          dims: [1, side, side, 3],
        });
    }
    const pixels = this.pixelsOf(image);
    return (outToImage, side, border, scale, offset) =>
      new ort.Tensor('float32', warpToTensor(pixels, outToImage, side, border, scale, offset), [
        1,
        side,
        side,
        3,
      ]);
  }

  /** The frame's RGBA pixels (one readback per frame, shared by both models). */
  private pixelsOf(image: ImageBitmap): RgbaImage {
    const canvas = this.frameCanvas;
    if (canvas.width !== image.width || canvas.height !== image.height) {
      canvas.width = image.width;
      canvas.height = image.height;
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, image.width, image.height);
  }

  private async detectRois(sample: InputSampler, width: number, height: number): Promise<Roi[]> {
    const side = DETECTOR_INPUT_PX;
    const input = sample(letterboxToImage(width, height, side), side, 'zero', 1 / 127.5, -1);
    const out = await this.queue.run(() => this.detector.run({ [INPUT_NAME]: input }));
    input.dispose();
    const boxes = await readFloats(out[DETECTOR_OUT.boxes]);
    const scores = await readFloats(out[DETECTOR_OUT.scores]);
    const pad = letterboxPadding(width, height);
    return weightedNonMaxSuppression(decodeDetections(boxes, scores, this.anchors), this.numPoses)
      .map((d) => removeLetterbox(d, pad))
      .map((d) =>
        roiFromAlignmentPoints(
          d.keypoints[DETECTOR_KEYPOINT.hipCentre]!,
          d.keypoints[DETECTOR_KEYPOINT.fullBodyScale]!,
          width,
          height,
        ),
      );
  }

  private async landmarks(
    sample: InputSampler,
    roi: Roi,
    width: number,
    height: number,
  ): Promise<{ pose: Pose; nextRoi: Roi; mask: Float32Array } | null> {
    const side = LANDMARK_INPUT_PX;
    const input = sample(cropToImage(roi, width, height, side), side, CROP_BORDER, 1 / 255, 0);
    const out = await this.queue.run(() => this.landmarker.run({ [INPUT_NAME]: input }));
    input.dispose();
    const presence = (await readFloats(out[LANDMARK_OUT.presence]))[0] ?? 0;
    if (presence < MIN_POSE_PRESENCE) return null;
    const crop = decodeCropLandmarks(await readFloats(out[LANDMARK_OUT.landmarks]));
    refineFromHeatmap(crop, await readFloats(out[LANDMARK_OUT.heatmap]));
    const all = projectLandmarks(crop, roi);
    const landmarks: Landmark[] = all.slice(0, POSE_LANDMARKS);
    const world = worldLandmarks(
      await readFloats(out[LANDMARK_OUT.world]),
      roi,
      landmarks,
      POSE_LANDMARKS,
    );
    const nextRoi = roiFromAlignmentPoints(
      all[AUX_LANDMARK.hipCentre]!,
      all[AUX_LANDMARK.fullBodyScale]!,
      width,
      height,
    );
    const mask = this.segmentation
      ? await readFloats(out[LANDMARK_OUT.segmentation])
      : new Float32Array(0);
    for (const tensor of Object.values(out)) tensor.dispose();
    return { pose: { landmarks, worldLandmarks: world }, nextRoi, mask };
  }
}

/**
 * A GpuWarp on the device ORT's WebGPU provider created with the first session (input buffers
 * must live there), or null to resample on the CPU instead: if the device refuses the shader,
 * inference still works, only with the frame read back once per frame.
 */
async function gpuWarpOnOrtDevice(): Promise<GpuWarp | null> {
  // Typed `unknown` by ORT without WebGPU types in the DOM lib; a GPUDevice once a session exists.
  const device = (await ort.env.webgpu.device) as gpu.Device;
  return GpuWarp.create(device).catch((error: unknown) => {
    console.warn('GPU resampling is unavailable; resampling on the CPU instead.', error);
    return null;
  });
}

async function readFloats(tensor: ort.Tensor | undefined): Promise<Float32Array> {
  if (!tensor) throw new Error('the ONNX model did not produce an expected output');
  return (await tensor.getData()) as Float32Array;
}

/** Crop-space mask logits → person probability per image pixel (bilinear; 0 outside the ROI). */
function warpMask(
  logits: Float32Array,
  cropToImagePx: Affine,
  width: number,
  height: number,
): SegmentationMask {
  const side = LANDMARK_INPUT_PX;
  const toCrop = invertAffine(cropToImagePx);
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = toCrop.a * (x + 0.5) + toCrop.c * (y + 0.5) + toCrop.e - 0.5;
      const v = toCrop.b * (x + 0.5) + toCrop.d * (y + 0.5) + toCrop.f - 0.5;
      if (u < 0 || v < 0 || u > side - 1 || v > side - 1) continue;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const u1 = Math.min(u0 + 1, side - 1);
      const v1 = Math.min(v0 + 1, side - 1);
      const fu = u - u0;
      const fv = v - v0;
      const top = logits[v0 * side + u0]! * (1 - fu) + logits[v0 * side + u1]! * fu;
      const bottom = logits[v1 * side + u0]! * (1 - fu) + logits[v1 * side + u1]! * fu;
      data[y * width + x] = 1 / (1 + Math.exp(-(top * (1 - fv) + bottom * fv)));
    }
  }
  return { width, height, data };
}
