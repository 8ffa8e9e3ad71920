import { Group, type Camera, type Scene, type WebGLRenderer } from 'three';
import type { Outfit, WornGarment } from '../garment/outfit.ts';
import type { PoseFrame } from '../pose/types.ts';
import { BodyRig } from './body-rig.ts';
import { FitSummary } from '../fit/fit-summary.ts';
import { GarmentAssetError } from './garment-errors.ts';
import type { GarmentFitSample, GarmentView } from './garment-view.ts';
import { ImageGarment } from './image-garment.ts';
import { MeshGarment } from './mesh-garment.ts';
import { OcclusionLayer } from './occlusion-layer.ts';

/** This frame's fit of each worn garment, as `window.fittingRoom.fit()` reports it. */
export interface OutfitFit {
  readonly garments: readonly ({ readonly id: string; readonly size: string } & GarmentFitSample)[];
}

export interface OutfitLoading {
  /** 0..1 over every garment being loaded; null when nothing is loading. */
  readonly progress: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

function emptySample(): GarmentFitSample {
  return { alignmentMean: Number.NaN, alignmentMax: Number.NaN, coverage: Number.NaN };
}

const key = (worn: WornGarment) => `${worn.garment.id}@${worn.size}`;

function loadView(worn: WornGarment, onProgress: (fraction: number) => void) {
  return worn.garment.asset.kind === 'mesh3d'
    ? MeshGarment.load(worn, onProgress)
    : ImageGarment.load(worn).then((view) => {
        onProgress(1);
        return view;
      });
}

/**
 * The worn garments in one three.js group: loads and disposes their views as the outfit changes,
 * and poses all of them from each new pose frame through one shared `BodyRig`.
 */
export class OutfitRenderer {
  readonly root = new Group();
  readonly rig = new BodyRig();
  readonly occlusion = new OcclusionLayer();
  private views: GarmentView[] = [];
  private generation = 0;
  private readonly samples: GarmentFitSample[] = [];
  /** Session means of the fit, for the analytics summary. */
  readonly summary = new FitSummary();
  private lastFrame: PoseFrame | null = null;
  /** The WebGL renderer drawing `root`, once the scene is mounted. */
  private view: { gl: WebGLRenderer; scene: Scene; camera: Camera } | null = null;
  private viewsChanged = false;

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
    this.viewsChanged = true;

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
    }
    this.viewsChanged = true;
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
   * Poses every garment on `frame`'s first person (hiding them all when there is none) and
   * measures their fit into the session summary. Only a new frame does work.
   */
  update(frame: PoseFrame | null): void {
    if (frame === this.lastFrame && !this.viewsChanged) return;
    this.lastFrame = frame;
    this.viewsChanged = false;
    if (frame) this.rig.update(frame);
    else this.rig.reset();
    this.occlusion.update(this.rig.frame);
    for (let i = 0; i < this.views.length; i++) {
      const view = this.views[i]!;
      view.update(this.rig);
      const sample = this.samples[i] ?? (this.samples[i] = emptySample());
      view.measure(this.rig, sample);
      this.summary.add(sample);
    }
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

  /** Notes the WebGL renderer that draws `root`; returns the function that forgets it. */
  /** Notes the WebGL renderer, scene and camera that draw `root`; returns the function that forgets them. */
  attach(gl: WebGLRenderer, scene: Scene, camera: Camera): () => void {
    const view = { gl, scene, camera };
    this.view = view;
    return () => {
      if (this.view === view) this.view = null;
    };
  }

  /**
   * Benchmark hook: `iterations` whole frames on `frame` — solve + deform + measure, then draw
   * and wait for the GPU — timing the two halves. Null before the scene is mounted.
   */
  timeFrames(
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
      this.update({ ...frame });
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
