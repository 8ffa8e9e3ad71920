import {
  type Color,
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  DoubleSide,
  Mesh,
  MeshBasicMaterial,
  ImageLoader,
  SRGBColorSpace,
  Texture,
} from 'three';
import { fetchAsset } from '../garment/fetch-asset.ts';
import { filledOutline } from '../garment/filled-outline.ts';
import { sleeveArmsOfImage } from '../garment/sleeve-arms.ts';
import type { AlphaImage } from '../garment/grid-mesh.ts';
import { createGarmentWarp, updateGarmentWarp, type GarmentWarp } from '../garment/garment-warp.ts';
import type { WornGarment } from '../garment/outfit.ts';
import { torsoShading } from '../garment/torso-shading.ts';
import { landmarksToPx } from '../garment/warp-controls.ts';
import { LANDMARK_COUNT } from '../pose/landmarks.ts';
import { measureAlignment, torsoHeightPx, createAlignmentError } from '../fit/alignment.ts';
import type { RigFrame } from '../rig/body-rig.ts';
import type { GarmentImage } from '../shared/garment.ts';
import { GarmentAssetError, unavailable } from './garment-errors.ts';
import type { DrawnAnchor, GarmentFitSample, GarmentView } from './garment-view.ts';
import { SLEEVE_ATTRIBUTE } from './occlusion-layer.ts';

const GRID_COLUMNS = 24;
const GRID_ROWS = 24;
/** 2D garments are flat: they sit this far in front of the body plane, per layer (px). */
const LAYER_DEPTH_PX = 400;

function alphaOf(image: HTMLImageElement, width: number, height: number): AlphaImage {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(image, 0, 0, width, height);
  return { width, height, channels: 4, data: ctx.getImageData(0, 0, width, height).data };
}

/** A product photo with anchors, warped so each anchor lands on its body landmark. */
export class ImageGarment implements GarmentView {
  readonly root: Mesh<BufferGeometry, MeshBasicMaterial>;
  private readonly position: BufferAttribute;
  private readonly landmarksPx = new Float64Array(LANDMARK_COUNT * 2);
  private readonly visibility = new Float64Array(LANDMARK_COUNT);
  private readonly alignment = createAlignmentError();
  private readonly anchorPx: Float64Array;
  private readonly targetPx: Float64Array;
  private solved = false;
  /** The photo's outline, holes filled, drawn solid (QA only: made on first use). */
  private outline: CanvasTexture | null = null;

  private constructor(
    readonly worn: WornGarment,
    anchors: GarmentImage['anchors'],
    private readonly texture: Texture,
    private readonly warp: GarmentWarp,
  ) {
    const { mesh } = warp;
    const geometry = new BufferGeometry();
    this.position = new BufferAttribute(new Float32Array(mesh.vertexCount * 3), 3);
    geometry.setAttribute('position', this.position);
    geometry.setAttribute('uv', new BufferAttribute(mesh.uvs, 2));
    // The photo is flat: shade it as cloth round the torso (multiplied into the map).
    const shading = torsoShading(mesh.positions, anchors);
    geometry.setAttribute('color', new BufferAttribute(shading, 3));
    // An arm crossing the body hides the torso under it, not its own sleeve.
    geometry.setAttribute(
      SLEEVE_ATTRIBUTE,
      new BufferAttribute(sleeveArmsOfImage(mesh.positions, anchors), 2),
    );
    geometry.setIndex(new BufferAttribute(mesh.indices, 1));
    texture.colorSpace = SRGBColorSpace;
    this.root = new Mesh(
      geometry,
      new MeshBasicMaterial({
        map: texture,
        vertexColors: true,
        transparent: true,
        side: DoubleSide,
        depthWrite: false,
      }),
    );
    this.root.frustumCulled = false;
    this.root.renderOrder = 10 + worn.garment.layer;
    this.anchorPx = new Float64Array(warp.plan.anchors.length * 2);
    this.targetPx = new Float64Array(warp.plan.anchors.length * 2);
  }

  /** `worn`'s photo `image`: its front (the asset itself) or its back. */
  static async load(worn: WornGarment, image: GarmentImage): Promise<ImageGarment> {
    const { name } = worn.garment;
    const asset = image;
    const response = await fetchAsset(asset.url, (status) => unavailable(`"${name}"`, status));
    const blobUrl = URL.createObjectURL(await response.blob());
    try {
      const image = await new ImageLoader().loadAsync(blobUrl).catch(() => {
        throw new Error('the file is not an image the browser can decode');
      });
      // The grid covers only the opaque cloth: empty cells would otherwise fold around the body.
      const warp = createGarmentWarp(asset.width, asset.height, asset.anchors, {
        columns: GRID_COLUMNS,
        rows: GRID_ROWS,
        coverage: alphaOf(image, asset.width, asset.height),
      });
      const texture = new Texture(image);
      texture.needsUpdate = true;
      return new ImageGarment(worn, asset.anchors, texture, warp);
    } catch (error) {
      throw new GarmentAssetError(
        'garment_asset_invalid',
        `"${name}" cannot be fitted: ${error instanceof Error ? error.message : String(error)}.`,
      );
    } finally {
      // The decoded image keeps its pixels; the URL is only needed until it has loaded.
      URL.revokeObjectURL(blobUrl);
    }
  }

  update(rig: RigFrame): void {
    const frame = rig.frame;
    const pose = frame?.poses[0];
    this.solved = false;
    if (frame && pose) {
      landmarksToPx(pose.landmarks, frame.width, frame.height, this.landmarksPx, this.visibility);
      this.solved = updateGarmentWarp(this.warp, this.landmarksPx, this.visibility);
    }
    this.root.visible = this.solved;
    if (!this.solved || !frame) return;
    const xy = this.warp.positions;
    const xyz = this.position.array as Float32Array;
    const z = LAYER_DEPTH_PX + this.worn.garment.layer;
    for (let v = 0, n = xy.length / 2; v < n; v++) {
      xyz[v * 3] = xy[v * 2]!;
      xyz[v * 3 + 1] = frame.height - xy[v * 2 + 1]!;
      xyz[v * 3 + 2] = z;
    }
    this.position.needsUpdate = true;
  }

  measure(rig: RigFrame, out: GarmentFitSample): void {
    const frame = rig.frame;
    const pose = frame?.poses[0];
    if (!this.solved || !frame || !pose) {
      out.alignmentMean = out.alignmentMax = out.coverage = Number.NaN;
      return;
    }
    const { mesh, plan, positions, controls } = this.warp;
    let count = 0;
    for (let a = 0; a < plan.anchors.length; a++) {
      const vertex = mesh.pinVertex[a]!;
      if (vertex < 0) continue;
      this.anchorPx[count * 2] = positions[vertex * 2]!;
      this.anchorPx[count * 2 + 1] = positions[vertex * 2 + 1]!;
      this.targetPx[count * 2] = controls.target[a * 2]!;
      this.targetPx[count * 2 + 1] = controls.target[a * 2 + 1]!;
      count++;
    }
    measureAlignment(
      this.anchorPx,
      this.targetPx,
      count,
      torsoHeightPx(pose.landmarks, frame.width, frame.height),
      this.alignment,
    );
    out.alignmentMean = this.alignment.meanTorsoHeights;
    out.alignmentMax = this.alignment.maxTorsoHeights;
    out.coverage = Number.NaN;
  }

  tint(color: Color): void {
    this.root.material.color.copy(color);
  }

  showOutline(on: boolean): void {
    const material = this.root.material;
    material.map = on ? this.outlineTexture() : this.texture;
    material.alphaTest = on ? 0.5 : 0;
    material.transparent = !on;
    material.needsUpdate = true;
  }

  private outlineTexture(): CanvasTexture {
    if (this.outline) return this.outline;
    const image = this.texture.image as HTMLImageElement;
    const { width, height } = image;
    const { data } = alphaOf(image, width, height);
    const solid = filledOutline((i) => data[i * 4 + 3]!, width, height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    const pixels = ctx.createImageData(width, height);
    for (let i = 0; i < solid.length; i++) {
      pixels.data.fill(255, i * 4, i * 4 + 3);
      pixels.data[i * 4 + 3] = solid[i]!;
    }
    ctx.putImageData(pixels, 0, 0);
    this.outline = new CanvasTexture(canvas);
    return this.outline;
  }

  drawnAnchors(rig: RigFrame): DrawnAnchor[] {
    const frame = rig.frame;
    if (!this.solved || !frame) return [];
    // Read from the geometry the GPU draws, not from the warp that fed it.
    const xyz = this.position.array as Float32Array;
    const { mesh, plan } = this.warp;
    return plan.anchors.flatMap((name, a) => {
      const vertex = mesh.pinVertex[a]!;
      return vertex < 0
        ? []
        : [{ name, x: xyz[vertex * 3]!, y: frame.height - xyz[vertex * 3 + 1]! }];
    });
  }

  dispose(): void {
    this.root.removeFromParent();
    this.root.geometry.dispose();
    this.texture.dispose();
    this.outline?.dispose();
    this.root.material.dispose();
  }
}
