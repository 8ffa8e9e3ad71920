import {
  Bone,
  BufferAttribute,
  Group,
  Matrix4,
  Mesh,
  Skeleton,
  SkinnedMesh,
  Vector3,
  type Object3D,
} from 'three';
import { meshUrlForSize } from '../garment/asset-url.ts';
import { boneStretchMatrix } from '../garment/bone-stretch.ts';
import { fetchAsset } from '../garment/fetch-asset.ts';
import type { WornGarment } from '../garment/outfit.ts';
import { sleeveArmsFromSkin } from '../garment/sleeve-arms.ts';
import { computeSkinWeights } from '../garment/skinning.ts';
import {
  BONE_INDEX,
  BONES,
  REST_SKELETON,
  type BoneDef,
  type BoneName,
} from '../shared/skeleton.ts';
import { measureAlignment, torsoHeightPx, createAlignmentError } from '../fit/alignment.ts';
import { torsoCoverage } from '../fit/coverage.ts';
import { LM } from '../pose/landmarks.ts';
import type { GarmentAnchor, GarmentCategory } from '../shared/garment.ts';
import type { RigFrame } from '../rig/body-rig.ts';
import { disposeObject } from './dispose.ts';
import { createFitOverlay, disposeFitOverlay, type RegionVerdicts } from './fit-map.ts';
import { GarmentAssetError, unavailable } from './garment-errors.ts';
import { SLEEVE_ATTRIBUTE } from './occlusion-layer.ts';
import { softwareWebGl } from './software-gl.ts';
import { applySoftwareLook } from './software-look.ts';
import { applySoftwareLod } from './software-lod.ts';
import type { DrawnAnchor, GarmentFitSample, GarmentView } from './garment-view.ts';

/** Where each category's garment must sit: bone heads that should land on these landmarks. */
const ANCHORS: Readonly<Record<GarmentCategory, readonly (readonly [BoneName, number])[]>> = {
  top: [
    ['leftUpperArm', LM.leftShoulder],
    ['rightUpperArm', LM.rightShoulder],
    ['leftUpperLeg', LM.leftHip],
    ['rightUpperLeg', LM.rightHip],
  ],
  outerwear: [
    ['leftUpperArm', LM.leftShoulder],
    ['rightUpperArm', LM.rightShoulder],
    ['leftLowerArm', LM.leftElbow],
    ['rightLowerArm', LM.rightElbow],
    ['leftUpperLeg', LM.leftHip],
    ['rightUpperLeg', LM.rightHip],
  ],
  dress: [
    ['leftUpperArm', LM.leftShoulder],
    ['rightUpperArm', LM.rightShoulder],
    ['leftUpperLeg', LM.leftHip],
    ['rightUpperLeg', LM.rightHip],
  ],
  bottom: [
    ['leftUpperLeg', LM.leftHip],
    ['rightUpperLeg', LM.rightHip],
    ['leftLowerLeg', LM.leftKnee],
    ['rightLowerLeg', LM.rightKnee],
  ],
};

const restHead = (bone: BoneName) => REST_SKELETON[BONE_INDEX[bone]]!.head;
const TORSO_ANCHORS: readonly (readonly [GarmentAnchor, readonly number[]])[] = [
  ['collar', restHead('neck')],
  ['leftShoulder', restHead('leftUpperArm')],
  ['rightShoulder', restHead('rightUpperArm')],
  ['leftElbow', restHead('leftLowerArm')],
  ['rightElbow', restHead('rightLowerArm')],
];
const LEG_ANCHORS: readonly (readonly [GarmentAnchor, readonly number[]])[] = [
  ['leftKnee', restHead('leftLowerLeg')],
  ['rightKnee', restHead('rightLowerLeg')],
];
/**
 * The garment's named points, found as the front vertex drawn over each rest-skeleton joint: a
 * collar over the base of the neck, shoulder seams over the shoulder joints, and so on. A bottom's
 * waistband corners are taken over the hip joints, as its 2D anchors are warped to them.
 */
const GARMENT_ANCHOR_POINTS: Readonly<
  Record<GarmentCategory, readonly (readonly [GarmentAnchor, readonly number[]])[]>
> = {
  top: TORSO_ANCHORS,
  outerwear: TORSO_ANCHORS,
  dress: [...TORSO_ANCHORS, ...LEG_ANCHORS],
  bottom: [
    ['leftWaist', restHead('leftUpperLeg')],
    ['rightWaist', restHead('rightUpperLeg')],
    ...LEG_ANCHORS,
    ['leftAnkle', REST_SKELETON[BONE_INDEX.leftLowerLeg]!.tail],
    ['rightAnkle', REST_SKELETON[BONE_INDEX.rightLowerLeg]!.tail],
  ],
};
/** A garment with no vertex this close (x, y) to a joint does not cover it and has no anchor there (a short sleeve has no elbow). */
const MAX_ANCHOR_DISTANCE_M = 0.04;

interface AnchorVertex {
  readonly name: GarmentAnchor;
  readonly mesh: SkinnedMesh;
  readonly vertex: number;
}

function findAnchorVertices(
  meshes: readonly SkinnedMesh[],
  category: GarmentCategory,
): AnchorVertex[] {
  const found: AnchorVertex[] = [];
  for (const [name, [px = 0, py = 0, pz = 0]] of GARMENT_ANCHOR_POINTS[category]) {
    let best: AnchorVertex | null = null;
    let bestDistance = MAX_ANCHOR_DISTANCE_M;
    for (const mesh of meshes) {
      const position = mesh.geometry.getAttribute('position');
      for (let i = 0; i < position.count; i++) {
        _v.fromBufferAttribute(position, i).applyMatrix4(mesh.matrixWorld);
        // Front of the body only: the back panel is hidden behind it.
        if (_v.z < pz) continue;
        const distance = Math.hypot(_v.x - px, _v.y - py);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = { name, mesh, vertex: i };
        }
      }
    }
    if (best) found.push(best);
  }
  return found;
}

/** `findAnchorVertices` of a loaded scene, per mesh: what its lighter level must keep. */
function anchorVerticesByMesh(scene: Object3D, worn: WornGarment): Map<Object3D, number[]> {
  const meshes: SkinnedMesh[] = [];
  scene.updateMatrixWorld(true);
  scene.traverse((object) => {
    if ((object as SkinnedMesh).isSkinnedMesh) meshes.push(object as SkinnedMesh);
  });
  const byMesh = new Map<Object3D, number[]>();
  for (const { mesh, vertex } of findAnchorVertices(meshes, worn.garment.category))
    byMesh.set(mesh, [...(byMesh.get(mesh) ?? []), vertex]);
  return byMesh;
}

/**
 * Bones whose cloth stretches to the shopper's bone length (bone-stretch.ts): the upper arms and
 * thighs, so a garment's elbows and knees sit on the shopper's. The forearms and shins are not
 * stretched: a sleeve or trouser leg ends where its own length ends.
 */
const STRETCHED_BONES: readonly BoneName[] = [
  'leftUpperArm',
  'rightUpperArm',
  'leftUpperLeg',
  'rightUpperLeg',
];

/** One stretched bone of one mesh skeleton: its inverse bind matrix, as loaded and as used. */
interface BoneStretch {
  readonly bone: number;
  readonly loaded: Matrix4;
  readonly used: Matrix4;
}

function boneLength({ head, tail }: BoneDef): number {
  return Math.hypot(tail[0] - head[0], tail[1] - head[1], tail[2] - head[2]);
}

function findStretches(meshes: readonly SkinnedMesh[]): BoneStretch[] {
  const skeletons = new Set(meshes.map((mesh) => mesh.skeleton));
  return [...skeletons].flatMap((skeleton) =>
    skeleton.bones.flatMap((bone, i) => {
      const used = skeleton.boneInverses[i];
      return used && (STRETCHED_BONES as readonly string[]).includes(bone.name)
        ? [{ bone: BONE_INDEX[bone.name as BoneName], loaded: used.clone(), used }]
        : [];
    }),
  );
}

/** Landmarks under this visibility are left out of the alignment error. */
const MIN_ANCHOR_VISIBILITY = 0.5;
/** Height bands of the torso outline used for coverage; two points (left, right) per band. */
const OUTLINE_BANDS = 8;
const SHOULDER_HALF_WIDTH_M = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head[0];

const _v = new Vector3();
const _stretch = new Matrix4();
/** The torso quadrilateral coverage is measured against, in `torsoCoverage`'s order. */
const TORSO_CORNERS = [LM.leftShoulder, LM.rightShoulder, LM.rightHip, LM.leftHip] as const;

function buildRestBones(): Bone[] {
  const bones = REST_SKELETON.map((def) => {
    const bone = new Bone();
    bone.name = def.name;
    return bone;
  });
  REST_SKELETON.forEach((def, i) => {
    const parent = def.parent ? REST_SKELETON[BONE_INDEX[def.parent]]! : null;
    bones[i]!.position.set(
      def.head[0] - (parent?.head[0] ?? 0),
      def.head[1] - (parent?.head[1] ?? 0),
      def.head[2] - (parent?.head[2] ?? 0),
    );
    if (parent) bones[BONE_INDEX[parent.name]]!.add(bones[i]!);
  });
  return bones;
}

/**
 * Merchants rarely ship a rig that matches ours: meshes without a skin on our bone names get
 * one here, weights from distance to the rest skeleton's bones (src/garment/skinning.ts).
 */
function skinToCanonicalSkeleton(scene: Object3D): void {
  const meshes: Mesh[] = [];
  scene.updateMatrixWorld(true);
  scene.traverse((object) => {
    if ((object as Mesh).isMesh) meshes.push(object as Mesh);
  });
  if (meshes.length === 0) throw new Error('it contains no mesh');
  for (const mesh of meshes) {
    const geometry = mesh.geometry.clone();
    geometry.applyMatrix4(mesh.matrixWorld);
    const positions = geometry.getAttribute('position').array as Float32Array;
    const index = geometry.getIndex()?.array;
    const skin = computeSkinWeights(
      Float32Array.from(positions),
      index ? { indices: Uint32Array.from(index) } : {},
    );
    geometry.setAttribute('skinIndex', new BufferAttribute(skin.joints, 4));
    geometry.setAttribute('skinWeight', new BufferAttribute(skin.weights, 4));
    const bones = buildRestBones();
    const skinned = new SkinnedMesh(geometry, mesh.material);
    skinned.add(bones[0]!);
    skinned.bind(new Skeleton(bones));
    mesh.geometry.dispose();
    mesh.removeFromParent();
    scene.add(skinned);
  }
}

/** The sleeve share of each vertex from its skin, for the arm occlusion (occlusion-layer.ts). */
function markSleeves(mesh: SkinnedMesh): void {
  const { geometry } = mesh;
  const joints = geometry.getAttribute('skinIndex');
  const weights = geometry.getAttribute('skinWeight');
  if (!joints || !weights || geometry.getAttribute(SLEEVE_ATTRIBUTE)) return;
  // Through getComponent: glTF may store weights normalized, or both interleaved.
  const plainJoints = new Uint16Array(joints.count * 4);
  const plainWeights = new Float32Array(weights.count * 4);
  for (let i = 0; i < plainJoints.length; i++) {
    plainJoints[i] = joints.getComponent(i >> 2, i & 3);
    plainWeights[i] = weights.getComponent(i >> 2, i & 3);
  }
  const names = mesh.skeleton.bones.map((bone) => bone.name);
  geometry.setAttribute(
    SLEEVE_ATTRIBUTE,
    new BufferAttribute(sleeveArmsFromSkin(plainJoints, plainWeights, names), 2),
  );
}

function findBones(scene: Object3D): (Bone | undefined)[] {
  const found: (Bone | undefined)[] = BONES.map(() => undefined);
  scene.traverse((object) => {
    if ((object as Bone).isBone && object.name in BONE_INDEX) {
      found[BONE_INDEX[object.name as BoneName]] = object as Bone;
    }
  });
  return found;
}

/** Vertex indices tracing the outline of the garment's torso in the rest pose. */
function torsoOutline(mesh: SkinnedMesh): Uint32Array {
  const position = mesh.geometry.getAttribute('position');
  let top = -Infinity;
  let bottom = Infinity;
  for (let i = 0; i < position.count; i++) {
    if (Math.abs(position.getX(i)) > SHOULDER_HALF_WIDTH_M) continue;
    top = Math.max(top, position.getY(i));
    bottom = Math.min(bottom, position.getY(i));
  }
  const left = new Int32Array(OUTLINE_BANDS).fill(-1);
  const right = new Int32Array(OUTLINE_BANDS).fill(-1);
  const bandHeight = (top - bottom) / OUTLINE_BANDS;
  for (let i = 0; i < position.count; i++) {
    const x = position.getX(i);
    if (Math.abs(x) > SHOULDER_HALF_WIDTH_M || !(bandHeight > 0)) continue;
    const band = Math.min(OUTLINE_BANDS - 1, Math.floor((top - position.getY(i)) / bandHeight));
    if (left[band] === -1 || x > position.getX(left[band]!)) left[band] = i;
    if (right[band] === -1 || x < position.getX(right[band]!)) right[band] = i;
  }
  // Person's left (+x) down one side, then up the right: a simple polygon.
  const order = [...left, ...[...right].reverse()].filter((i) => i >= 0);
  return Uint32Array.from(order);
}

/** A glTF garment worn on the canonical skeleton, posed by the rig and placed by its camera. */
export class MeshGarment implements GarmentView {
  readonly root = new Group();
  private readonly bones: (Bone | undefined)[];
  private readonly skinned: SkinnedMesh[] = [];
  private readonly outlineMesh: SkinnedMesh | null;
  private readonly outline: Uint32Array;
  /** Bone index and landmark index of each alignment anchor, side by side. */
  private readonly anchorBones: Int32Array;
  private readonly anchorLandmarks: Int32Array;
  private readonly projected: Float64Array;
  private readonly targets: Float64Array;
  private readonly outlinePx: Float64Array;
  private readonly torsoPx = new Float64Array(8);
  private readonly alignment = createAlignmentError();
  private placedSkeletonVersion = -1;
  private readonly fitOverlays: SkinnedMesh[] = [];
  private readonly anchorVertices: readonly AnchorVertex[];
  private readonly stretches: readonly BoneStretch[];

  private constructor(
    readonly worn: WornGarment,
    scene: Object3D,
  ) {
    this.root.matrixAutoUpdate = false;
    this.root.add(scene);
    this.bones = findBones(scene);
    scene.traverse((object) => {
      if ((object as SkinnedMesh).isSkinnedMesh) {
        const mesh = object as SkinnedMesh;
        // Posed limbs leave the rest-pose bounds; culling by them would drop a raised sleeve.
        mesh.frustumCulled = false;
        markSleeves(mesh);
        this.skinned.push(mesh);
      }
    });
    this.outlineMesh = worn.garment.category === 'bottom' ? null : (this.skinned[0] ?? null);
    this.outline = this.outlineMesh ? torsoOutline(this.outlineMesh) : new Uint32Array(0);
    this.outlinePx = new Float64Array(this.outline.length * 2);
    const anchors = ANCHORS[worn.garment.category];
    this.anchorBones = Int32Array.from(anchors, ([bone]) => BONE_INDEX[bone]);
    this.anchorLandmarks = Int32Array.from(anchors, ([, landmark]) => landmark);
    this.projected = new Float64Array(anchors.length * 2);
    this.targets = new Float64Array(anchors.length * 2);
    scene.updateMatrixWorld(true);
    this.anchorVertices = findAnchorVertices(this.skinned, worn.garment.category);
    this.stretches = findStretches(this.skinned);
  }

  static async load(
    worn: WornGarment,
    onProgress: (fraction: number) => void = () => {},
  ): Promise<MeshGarment> {
    const url = meshUrlForSize(worn.garment, worn.size);
    const name = `"${worn.garment.name}" (${worn.size})`;
    const response = await fetchAsset(url, (status) => unavailable(name, status));
    const bytes = await readWithProgress(response, onProgress);
    let scene: Object3D;
    try {
      const { parseGltfScene } = await import('./gltf-scene.ts');
      scene = await parseGltfScene(bytes, url.slice(0, url.lastIndexOf('/') + 1));
      if (findBones(scene).some((bone) => bone === undefined)) skinToCanonicalSkeleton(scene);
      if (softwareWebGl()) {
        applySoftwareLook(scene);
        const { MeshoptSimplifier } = await import('meshoptimizer/simplifier');
        await MeshoptSimplifier.ready;
        applySoftwareLod(scene, MeshoptSimplifier, anchorVerticesByMesh(scene, worn));
      }
    } catch (error) {
      throw new GarmentAssetError(
        'garment_asset_invalid',
        `${name} is not a usable 3D garment: ${error instanceof Error ? error.message : String(error)}.`,
      );
    }
    return new MeshGarment(worn, scene);
  }

  update(rig: RigFrame): void {
    this.root.visible = rig.frame !== null;
    if (!rig.frame) return;
    this.root.matrix.fromArray(rig.camera.matrix);
    this.root.matrixWorldNeedsUpdate = true;
    const rotations = rig.solution.rotations;
    for (let i = 0; i < BONES.length; i++) this.bones[i]?.quaternion.fromArray(rotations, i * 4);
    if (rig.skeletonVersion !== this.placedSkeletonVersion) {
      this.placeBones(rig.skeleton);
      this.placedSkeletonVersion = rig.skeletonVersion;
    }
    this.root.updateMatrixWorld(true);
  }

  measure(rig: RigFrame, out: GarmentFitSample): void {
    const frame = rig.frame;
    const pose = frame?.poses[0];
    if (!frame || !pose) {
      out.alignmentMean = out.alignmentMax = out.coverage = Number.NaN;
      return;
    }
    const { width, height } = frame;
    let count = 0;
    // Index loop over flat arrays: no iterator or tuple per anchor per frame.
    for (let a = 0; a < this.anchorBones.length; a++) {
      const lm = pose.landmarks[this.anchorLandmarks[a]!]!;
      const node = this.bones[this.anchorBones[a]!];
      if (!node || lm.visibility < MIN_ANCHOR_VISIBILITY) continue;
      node.getWorldPosition(_v);
      this.projected[count * 2] = _v.x;
      this.projected[count * 2 + 1] = height - _v.y;
      this.targets[count * 2] = lm.x * width;
      this.targets[count * 2 + 1] = lm.y * height;
      count++;
    }
    measureAlignment(
      this.projected,
      this.targets,
      count,
      torsoHeightPx(pose.landmarks, width, height),
      this.alignment,
    );
    out.alignmentMean = this.alignment.meanTorsoHeights;
    out.alignmentMax = this.alignment.maxTorsoHeights;
    out.coverage = this.coverage(pose.landmarks, width, height);
  }

  /** A mesh has no cut-out: its outline is what it draws. */
  showOutline(): void {}

  drawnAnchors(rig: RigFrame): DrawnAnchor[] {
    const frame = rig.frame;
    if (!frame || !this.root.visible) return [];
    return this.anchorVertices.map(({ name, mesh, vertex }) => {
      mesh.getVertexPosition(vertex, _v).applyMatrix4(mesh.matrixWorld);
      return { name, x: _v.x, y: frame.height - _v.y };
    });
  }

  /** Draws the fit map (fit-map.ts) instead of the garment's own look; null restores it. */
  showFitMap(verdicts: RegionVerdicts | null): void {
    for (const overlay of this.fitOverlays) disposeFitOverlay(overlay);
    this.fitOverlays.length = 0;
    for (const mesh of this.skinned) {
      mesh.visible = verdicts === null;
      if (!verdicts) continue;
      const overlay = createFitOverlay(mesh, verdicts);
      mesh.parent?.add(overlay);
      this.fitOverlays.push(overlay);
    }
  }

  dispose(): void {
    this.root.removeFromParent();
    disposeObject(this.root);
  }

  private coverage(
    landmarks: readonly { x: number; y: number }[],
    width: number,
    height: number,
  ): number {
    const mesh = this.outlineMesh;
    if (!mesh || this.outline.length < 3) return Number.NaN;
    for (let k = 0; k < this.outline.length; k++) {
      mesh.getVertexPosition(this.outline[k]!, _v);
      _v.applyMatrix4(mesh.matrixWorld);
      this.outlinePx[k * 2] = _v.x;
      this.outlinePx[k * 2 + 1] = height - _v.y;
    }
    for (let k = 0; k < TORSO_CORNERS.length; k++) {
      const lm = landmarks[TORSO_CORNERS[k]!]!;
      this.torsoPx[k * 2] = lm.x * width;
      this.torsoPx[k * 2 + 1] = lm.y * height;
    }
    return torsoCoverage(this.torsoPx, this.outlinePx, this.outline.length);
  }

  private placeBones(skeleton: readonly BoneDef[]): void {
    for (const def of skeleton) {
      const bone = this.bones[BONE_INDEX[def.name]];
      if (!bone) continue;
      const parent = def.parent ? skeleton[BONE_INDEX[def.parent]]!.head : [0, 0, 0];
      bone.position.set(
        def.head[0] - parent[0]!,
        def.head[1] - parent[1]!,
        def.head[2] - parent[2]!,
      );
    }
    // Bind space is skeleton space at the rest pose, where the garments are made and fitted.
    for (const { bone, loaded, used } of this.stretches) {
      const rest = REST_SKELETON[bone]!;
      const fitted = skeleton[bone]!;
      const scale = boneLength(fitted) / boneLength(rest);
      boneStretchMatrix(rest.head, rest.tail, scale, _stretch.elements);
      used.copy(loaded).multiply(_stretch);
    }
  }
}

/** Reads a download, reporting progress against Content-Length when the server sends one. */
async function readWithProgress(
  response: Response,
  onProgress: (fraction: number) => void,
): Promise<ArrayBuffer> {
  const total = Number(response.headers.get('content-length') ?? 0);
  if (!response.body || !(total > 0)) {
    const buffer = await response.arrayBuffer();
    onProgress(1);
    return buffer;
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    received += chunk.value.length;
    onProgress(Math.min(1, received / total));
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes.buffer;
}
