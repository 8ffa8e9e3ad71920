import { Color, Group, SRGBColorSpace, type Camera, type Scene, type WebGLRenderer } from 'three';
import type { Outfit, WornGarment } from '../garment/outfit.ts';
import type { LightEstimate } from '../pose/frame-light.ts';
import type { PoseFrame } from '../pose/types.ts';
import { garmentTone } from './garment-tone.ts';
import { whyHidden, type HiddenBecause } from '../garment/wearable.ts';
import type { BodyRig, RigFrame } from '../rig/body-rig.ts';
import { GarmentAssetError } from './garment-errors.ts';
import type { DrawnAnchor, GarmentFitSample, GarmentView } from './garment-view.ts';
import { ImageGarment } from './image-garment.ts';
import type { RegionVerdicts } from './fit-map.ts';
import { MeshGarment } from './mesh-garment.ts';
import { OcclusionLayer } from './occlusion-layer.ts';
import { TwoSidedImageGarment } from './two-sided-garment.ts';

/** This frame's fit of each worn garment, as `window.fittingRoom.fit()` reports it. */
export interface OutfitFit {
  readonly garments: readonly ({ readonly id: string; readonly size: string } & GarmentFitSample)[];
}

/**
 * The last frame the WebGL renderer actually drew: a count of draws, the pose frame it showed,
 * and each worn garment with whether it was visible in it. Tests and QA wait for this, not for
 * a guessed number of animation frames.
 */
export interface DrawnFrame {
  /** Draws since the renderer was made; 0 before the first. */
  readonly draws: number;
  /** `timestampMs` of the pose frame the draw showed; null with no person. */
  readonly poseTimestampMs: number | null;
  readonly garments: readonly {
    readonly id: string;
    readonly size: string;
    readonly visible: boolean;
  }[];
}

/** The garment canvas read back after a draw: rows bottom-up, RGBA with premultiplied alpha. */
export interface CapturedLayer {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export interface OutfitLoading {
  /** 0..1 over every garment being loaded; null when nothing is loading. */
  readonly progress: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

function emptySample(): GarmentFitSample {
  return { alignmentMean: Number.NaN, alignmentMax: Number.NaN, coverage: Number.NaN };
}

const _tone: [number, number, number] = [1, 1, 1];

const key = (worn: WornGarment) => `${worn.garment.id}@${worn.size}`;

function loadView(worn: WornGarment, onProgress: (fraction: number) => void) {
  const { asset } = worn.garment;
  if (asset.kind === 'mesh3d') return MeshGarment.load(worn, onProgress);
  const loaded: Promise<GarmentView> = asset.back
    ? TwoSidedImageGarment.load(worn, asset, asset.back)
    : ImageGarment.load(worn, asset);
  return loaded.then((view) => {
    onProgress(1);
    return view;
  });
}

/**
 * The worn garments in one three.js group: loads and disposes their views as the outfit changes,
 * poses all of them on each rig frame the session publishes (`apply`), and measures each one's
 * fit there, handing every sample to `onMeasured` (the session's running summary). Drawing is the
 * scene's job; nothing here waits for a draw.
 */
export class OutfitRenderer {
  readonly root = new Group();
  /** Per worn garment (in `fit()` order), why it was hidden on the last update; null when shown. */
  readonly hiddenBecause: (HiddenBecause | null)[] = [];
  readonly occlusion = new OcclusionLayer();
  private views: GarmentView[] = [];
  private generation = 0;
  private readonly samples: GarmentFitSample[] = [];
  /** The rig frame last applied; re-applied when the outfit changes on a held pose. */
  private rig: RigFrame | null = null;
  /** The WebGL renderer drawing `root`, once the scene is mounted. */
  private view: { gl: WebGLRenderer; scene: Scene; camera: Camera } | null = null;
  private draws = 0;
  private drawnPoseTimestampMs: number | null = null;
  /** Views and their visibility at the last draw; rewritten in place, allocated only on change. */
  private drawnViews: GarmentView[] = [];
  private drawnVisible: boolean[] = [];
  /**
   * The room's light as RGB multipliers (`garmentTone`): the scene's lights carry it to the 3D
   * garments (TryOnScene), and each 2D garment's colour to its unlit photo.
   */
  readonly tone = new Color(1, 1, 1);

  constructor(private readonly onMeasured: (sample: GarmentFitSample) => void = () => {}) {}

  /**
   * Wears `outfit`: garments already shown stay, new ones are loaded (reporting progress), the
   * rest are disposed. A newer call supersedes an older one still loading.
   */
  async setOutfit(outfit: Outfit, onLoading: (state: OutfitLoading) => void): Promise<void> {
    const generation = ++this.generation;
    const wanted = outfit.map(key);
    const keep = this.views.filter((view) => wanted.includes(key(view.worn)));
    for (const view of this.views) if (!keep.includes(view)) view.dispose();
    this.views = keep;
    this.samples.length = 0;
    this.reapply();

    const missing = outfit.filter((worn) => !keep.some((view) => key(view.worn) === key(worn)));
    if (missing.length === 0) return onLoading({ progress: null, error: null });
    const progress = missing.map(() => 0);
    const report = () =>
      onLoading({ progress: progress.reduce((a, b) => a + b, 0) / progress.length, error: null });
    report();
    const settled = await Promise.allSettled(
      missing.map((worn, i) =>
        loadView(worn, (fraction) => {
          progress[i] = fraction;
          if (generation === this.generation) report();
        }),
      ),
    );
    const loaded = settled.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value] : [],
    );
    if (generation !== this.generation) {
      for (const view of loaded) view.dispose();
      return;
    }
    this.views = [...this.views, ...loaded].sort(
      (a, b) => wanted.indexOf(key(a.worn)) - wanted.indexOf(key(b.worn)),
    );
    this.root.clear();
    for (const view of this.views) {
      this.occlusion.apply(view.root);
      this.root.add(view.root);
      view.tint?.(this.tone);
    }
    this.reapply();
    const failure = settled.find((result) => result.status === 'rejected');
    const reason: unknown = failure?.reason;
    onLoading({
      progress: null,
      error: failure
        ? reason instanceof GarmentAssetError
          ? { code: reason.code, message: reason.message }
          : { code: 'garment_asset_invalid', message: String(reason) }
        : null,
    });
  }

  /**
   * Poses every garment on `rig` (hiding them all when it holds no person) and measures their fit,
   * each sample handed to `onMeasured`. Call it once per rig frame, when the pose frame arrives.
   */
  apply(rig: RigFrame): void {
    this.rig = rig;
    this.occlusion.update(rig.frame);
    this.hiddenBecause.length = this.views.length;
    for (let i = 0; i < this.views.length; i++) {
      const view = this.views[i]!;
      view.update(rig);
      const hidden = rig.frame ? whyHidden(view.worn.garment, rig.framing) : null;
      this.hiddenBecause[i] = hidden;
      if (hidden) view.root.visible = false;
      const sample = this.samples[i] ?? (this.samples[i] = emptySample());
      view.measure(rig, sample);
      this.onMeasured(sample);
    }
  }

  /** Poses a changed outfit on the rig frame already shown (a photo, or a held pose). */
  private reapply(): void {
    if (this.rig) this.apply(this.rig);
  }

  /** Tones the garments for the camera frame's light. Allocates nothing. */
  setLight(light: LightEstimate): void {
    garmentTone(light, _tone);
    // The tone is a factor on what the shopper sees (sRGB), not on linear light.
    this.tone.setRGB(_tone[0], _tone[1], _tone[2], SRGBColorSpace);
    for (const view of this.views) view.tint?.(this.tone);
  }

  /** The last frame's fit of each worn garment. */
  fit(): OutfitFit {
    return {
      garments: this.views.map((view, i) => ({
        id: view.worn.garment.id,
        size: view.worn.size,
        ...(this.samples[i] ?? emptySample()),
      })),
    };
  }

  private markDrawn(): void {
    this.draws++;
    const frame = this.rig?.frame ?? null;
    this.drawnPoseTimestampMs = frame?.timestampMs ?? null;
    if (this.drawnViews.length !== this.views.length) {
      this.drawnViews = [...this.views];
      this.drawnVisible = this.views.map(() => false);
    }
    for (let i = 0; i < this.views.length; i++) {
      this.drawnViews[i] = this.views[i]!;
      this.drawnVisible[i] = this.views[i]!.root.visible && frame !== null;
    }
  }

  /** What the last draw showed. */
  drawn(): DrawnFrame {
    return {
      draws: this.draws,
      poseTimestampMs: this.drawnPoseTimestampMs,
      garments: this.drawnViews.map((view, i) => ({
        id: view.worn.garment.id,
        size: view.worn.size,
        visible: this.drawnVisible[i]!,
      })),
    };
  }

  /**
   * Draws `garmentId`'s fit map (tight / good / loose per region) instead of its own look, or
   * restores it with null. 2D garments have no regions to colour and are left as they are.
   */
  showFitMap(garmentId: string, verdicts: RegionVerdicts | null): void {
    for (const view of this.views) {
      if (view.worn.garment.id === garmentId && view instanceof MeshGarment)
        view.showFitMap(verdicts);
    }
  }

  /** Each worn garment's anchors where they were drawn, video-frame px. */
  drawnAnchors(): { readonly id: string; readonly anchors: DrawnAnchor[] }[] {
    const rig = this.rig;
    return this.views.map((view) => ({
      id: view.worn.garment.id,
      anchors: rig ? view.drawnAnchors(rig) : [],
    }));
  }

  /**
   * Draws the scene once more, as the last frame was drawn, and reads the canvas back (QA and
   * tests: what the shopper sees of the garments, pixel for pixel); with `outline`, each garment
   * drawn as its own opaque outline instead (then the scene is drawn as before again). Null
   * before the scene mounts.
   */
  capture(outline = false): CapturedLayer | null {
    const view = this.view;
    if (!view) return null;
    for (const garment of this.views) garment.showOutline(outline);
    view.gl.render(view.scene, view.camera);
    const context = view.gl.getContext();
    const width = context.drawingBufferWidth;
    const height = context.drawingBufferHeight;
    const rgba = new Uint8Array(width * height * 4);
    context.readPixels(0, 0, width, height, context.RGBA, context.UNSIGNED_BYTE, rgba);
    if (outline) {
      for (const garment of this.views) garment.showOutline(false);
      view.gl.render(view.scene, view.camera);
    }
    return { width, height, rgba };
  }

  /**
   * Notes the WebGL renderer, scene and camera that draw `root`, and counts the scene's draws;
   * returns the function that forgets them.
   */
  attach(gl: WebGLRenderer, scene: Scene, camera: Camera): () => void {
    const view = { gl, scene, camera };
    this.view = view;
    const previous = scene.onAfterRender;
    scene.onAfterRender = () => this.markDrawn();
    return () => {
      scene.onAfterRender = previous;
      if (this.view === view) this.view = null;
    };
  }

  /**
   * Benchmark hook: `iterations` whole frames on `frame` — solve on `rig` + deform + measure, then
   * draw and wait for the GPU — timing the two halves. Null before the scene is mounted.
   */
  timeFrames(
    rig: BodyRig,
    frame: PoseFrame,
    iterations: number,
  ): { updateMs: number[]; renderMs: number[] } | null {
    const view = this.view;
    if (!view) return null;
    const context = view.gl.getContext();
    const pixel = new Uint8Array(4);
    const updateMs: number[] = [];
    const renderMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      // A new frame object, so the rig solves it afresh as it would a new camera frame.
      rig.update({ ...frame });
      this.apply(rig);
      const updated = performance.now();
      view.gl.render(view.scene, view.camera);
      // Reading a pixel back waits for the GPU; finish() alone may return before it is done.
      context.readPixels(0, 0, 1, 1, context.RGBA, context.UNSIGNED_BYTE, pixel);
      updateMs.push(updated - started);
      renderMs.push(performance.now() - updated);
    }
    return { updateMs, renderMs };
  }

  /** Live GPU geometries and textures of the renderer drawing the outfit; null before it mounts. */
  memory(): { geometries: number; textures: number } | null {
    return this.view ? { ...this.view.gl.info.memory } : null;
  }

  dispose(): void {
    this.occlusion.dispose();
    this.generation++;
    for (const view of this.views) view.dispose();
    this.views = [];
  }
}
