import type { Document, Node } from '@gltf-transform/core';
import { compactPrimitive } from '@gltf-transform/functions';
import { Matrix3, Matrix4, Vector3 } from 'three';
import { topInfluences } from '../../../garment/skinning.ts';
import { BONE_INDEX, BONES, REST_SKELETON, type BoneName } from '../../../shared/skeleton.ts';
import type { GarmentCategory } from '../../../shared/garment.ts';
import type { GarmentMesh } from '../../../shared/garment-upload.ts';
import type { ReportBuilder } from '../report.ts';
import { bodyDistance, limbSegments, sampleBody, type BodyPose } from './body-model.ts';
import { flattenScene, type FlatJoint, type FlatPart } from './flatten.ts';
import {
  frameFromGeometry,
  frameFromRig,
  type CanonicalFrame,
  type RigLandmarks,
} from './frame.ts';
import {
  applyRepose,
  dropAngle,
  reposeMatrices,
  type LimbJoints,
  type SourcePose,
} from './repose.ts';
import { canonicalBone, mapRig, type BodyPart, type MappedBone, type Side } from './rig-map.ts';
import { fitCheck, type FitCheck } from './fit-check.ts';
import {
  accessoryCuts,
  bodyParts,
  chosenParts,
  cutText,
  otherPieces,
  type AccessoryCut,
  type Stripped,
} from './strip.ts';
import { dropFarBones, shoulderOnChest, transferWeights } from './weight-transfer.ts';

/**
 * Any read garment document brought into our canonical frame and skinned to our skeleton, so the
 * shopper app only poses it: flattened (flatten.ts), body meshes of a clothed character and the
 * pieces that are not this garment stripped, framed (frame.ts), weights from the file's own rig
 * where its bones map to ours (rig-map.ts) else carried from the reference body
 * (weight-transfer.ts), reposed to our A-pose (repose.ts), pushed out of the reference body, and
 * written back as meshes skinned to `BONES`. What was found and done is reported as notes.
 */

/** Sleeve vertices start this far beside the shoulder joint; a sleeve shorter than
 * `MIN_SLEEVE_M` (a cap sleeve) says nothing about the arm. */
const SLEEVE_START_M = 0.07;
const MIN_SLEEVE_M = 0.12;
/** Cloth thickness kept between the reference body and a pushed-out vertex, metres. */
const PUSH_OUT_M = 0.006;
/** Deeper than this inside the reference body, a vertex is the file's shape, not an overlap. */
const PUSH_OUT_MAX_DEPTH_M = 0.04;
/** A transferred weight on a bone farther than this is dropped (what makes shards). */
const FAR_BONE_M = 0.2;
/** Carried weights: the upper arm's share ramps in over the last 9 cm to the shoulder joint. */
const SHOULDER_RAMP = {
  jointX: REST_SKELETON[BONE_INDEX.leftUpperArm]!.head[0],
  widthM: 0.09,
  chest: BONE_INDEX.chest,
  upperArms: [BONE_INDEX.leftUpperArm, BONE_INDEX.rightUpperArm],
} as const;
/** Fit-check thresholds behind its warnings. */
const FIT_INSIDE_WARN = 0.05;
const FIT_STRETCH_WARN = 1.6;
/** Bones a transferred garment of each category may follow (a top's hem does not walk). */
const CATEGORY_BONES: Readonly<Record<GarmentCategory, readonly BoneName[]>> = {
  top: [
    'hips',
    'spine',
    'chest',
    'neck',
    'leftUpperArm',
    'leftLowerArm',
    'rightUpperArm',
    'rightLowerArm',
  ],
  outerwear: BONES,
  dress: BONES,
  bottom: ['hips', 'spine', 'leftUpperLeg', 'leftLowerLeg', 'rightUpperLeg', 'rightLowerLeg'],
};
export interface CanonicalSummary {
  readonly frame: CanonicalFrame;
  readonly rig: string | null;
  readonly stripped: readonly string[];
  readonly armDropDeg: readonly [number, number];
  readonly pushedOut: number;
  readonly vertices: number;
  readonly fit: FitCheck;
  /** Every mesh of the file (a primitive each), kept or left out and why. */
  readonly meshes: readonly GarmentMesh[];
}

export interface CanonicalizeOptions {
  /**
   * The merchant's choice of meshes (`GarmentMesh.id`s) to keep, instead of the server's guess:
   * the others are left out, nothing else is stripped.
   */
  readonly keep?: ReadonlySet<string>;
}

interface Landmark {
  readonly part: BodyPart;
  readonly side: Side;
}

/** The first (highest) joint mapped to each part and side. */
function firstJoints(
  joints: readonly FlatJoint[],
  mapped: readonly (MappedBone | null)[],
): Map<string, number> {
  const found = new Map<string, number>();
  const key = ({ part, side }: Landmark) => `${part}:${side ?? ''}`;
  for (let j = 0; j < joints.length; j++) {
    const bone = mapped[j];
    if (!bone || found.has(key(bone))) continue;
    let parent = joints[j]!.parent;
    while (parent >= 0 && !mapped[parent]) parent = joints[parent]!.parent;
    const parentBone = parent >= 0 ? mapped[parent] : null;
    if (parentBone && key(parentBone) === key(bone)) continue;
    found.set(key(bone), j);
  }
  return found;
}

function rigLandmarks(joints: readonly FlatJoint[], found: Map<string, number>): RigLandmarks {
  const at = (part: BodyPart, side: Side = null): Vector3 | undefined => {
    const j = found.get(`${part}:${side ?? ''}`);
    return j === undefined ? undefined : joints[j]!.position.clone();
  };
  const landmarks: Record<string, Vector3 | undefined> = {
    hips: at('hips'),
    neck: at('neck') ?? at('head'),
    leftShoulder: at('upperArm', 'left'),
    rightShoulder: at('upperArm', 'right'),
    leftHip: at('upperLeg', 'left'),
    rightHip: at('upperLeg', 'right'),
    leftKnee: at('lowerLeg', 'left'),
    rightKnee: at('lowerLeg', 'right'),
  };
  return Object.fromEntries(
    Object.entries(landmarks).filter(([, v]) => v !== undefined),
  ) as RigLandmarks;
}

/** The rig's limbs in the canonical frame, for reposing. */
function rigPose(
  joints: readonly FlatJoint[],
  found: Map<string, number>,
  frame: Matrix4,
): SourcePose {
  const at = (part: BodyPart, side: Side): Vector3 | null => {
    const j = found.get(`${part}:${side}`);
    return j === undefined ? null : joints[j]!.position.clone().applyMatrix4(frame);
  };
  const limb = (side: 'left' | 'right', arm: boolean): LimbJoints | undefined => {
    const root = at(arm ? 'upperArm' : 'upperLeg', side);
    const middle = at(arm ? 'lowerArm' : 'lowerLeg', side);
    if (!root || !middle) return undefined;
    return { root, middle, end: at(arm ? 'hand' : 'foot', side) };
  };
  const pose: Record<string, LimbJoints | undefined> = {
    leftArm: limb('left', true),
    rightArm: limb('right', true),
    leftLeg: limb('left', false),
    rightLeg: limb('right', false),
  };
  return Object.fromEntries(Object.entries(pose).filter(([, v]) => v !== undefined)) as SourcePose;
}

/**
 * Each arm's angle below horizontal from a top's sleeves: the direction from the shoulder joint
 * to the centre of the sleeve's far end (its vertices farthest from the shoulder, the cuff), or
 * null when there is no sleeve to speak of. A line fitted through all sleeve vertices would be
 * thrown by the cuff's ring, which slants across the arm.
 */
export function sleeveDrop(parts: readonly FlatPart[], side: 1 | -1): number | null {
  const [shoulderX, shoulderY] = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
  const reach: { d: number; x: number; y: number }[] = [];
  for (const part of parts)
    for (let i = 0; i < part.positions.length; i += 3) {
      const x = part.positions[i]! * side - shoulderX;
      const y = part.positions[i + 1]! - shoulderY;
      if (x < SLEEVE_START_M) continue;
      reach.push({ d: Math.hypot(x, y), x, y });
    }
  if (reach.length < 20) return null;
  reach.sort((a, b) => b.d - a.d);
  const cuff = reach.slice(0, Math.max(5, Math.ceil(reach.length * 0.1)));
  const x = cuff.reduce((sum, p) => sum + p.x, 0) / cuff.length;
  const y = cuff.reduce((sum, p) => sum + p.y, 0) / cuff.length;
  if (Math.hypot(x, y) < MIN_SLEEVE_M) return null;
  return Math.min(Math.PI / 2.2, Math.max(0, Math.atan2(-y, x)));
}

/** Straight limbs of the canonical skeleton with arms at the given drops: an unrigged pose. */
function droppedArmsPose(drops: readonly [number, number]): SourcePose {
  const pose: Record<string, LimbJoints> = {};
  ([1, -1] as const).forEach((side, i) => {
    const shoulder = REST_SKELETON[BONE_INDEX.leftUpperArm]!.head;
    const root = new Vector3(side * shoulder[0], shoulder[1], 0);
    const dir = new Vector3(side * Math.cos(drops[i]!), -Math.sin(drops[i]!), 0);
    pose[side === 1 ? 'leftArm' : 'rightArm'] = {
      root,
      middle: root.clone().addScaledVector(dir, 0.28),
      end: root.clone().addScaledVector(dir, 0.54),
    };
  });
  return pose as SourcePose;
}

function transformPart(part: FlatPart, matrix: Matrix4): void {
  const v = new Vector3();
  for (let i = 0; i < part.positions.length; i += 3) {
    v.set(part.positions[i]!, part.positions[i + 1]!, part.positions[i + 2]!).applyMatrix4(matrix);
    part.positions.set([v.x, v.y, v.z], i);
  }
  if (!part.normals) return;
  const normal = new Matrix3().getNormalMatrix(matrix);
  for (let i = 0; i < part.normals.length; i += 3) {
    v.set(part.normals[i]!, part.normals[i + 1]!, part.normals[i + 2]!).applyMatrix3(normal);
    v.normalize();
    part.normals.set([v.x, v.y, v.z], i);
  }
}

/** Area-weighted vertex normals, shared across vertices at one position (no seams). */
export function computeNormals(positions: Float32Array, indices: Uint32Array): Float32Array {
  const normals = new Float32Array(positions.length);
  const key = (v: number) =>
    `${Math.round(positions[v * 3]! * 1e5)},${Math.round(positions[v * 3 + 1]! * 1e5)},${Math.round(positions[v * 3 + 2]! * 1e5)}`;
  const byPosition = new Map<string, number>();
  const canonical = new Uint32Array(positions.length / 3);
  for (let v = 0; v < canonical.length; v++) {
    const k = key(v);
    const first = byPosition.get(k);
    if (first === undefined) byPosition.set(k, v);
    canonical[v] = first ?? v;
  }
  const a = new Vector3();
  const b = new Vector3();
  const c = new Vector3();
  for (let t = 0; t < indices.length; t += 3) {
    const [i, j, k] = [indices[t]!, indices[t + 1]!, indices[t + 2]!];
    a.fromArray(positions, i * 3);
    b.fromArray(positions, j * 3).sub(a);
    c.fromArray(positions, k * 3).sub(a);
    b.cross(c);
    for (const v of [canonical[i]!, canonical[j]!, canonical[k]!]) {
      normals[v * 3]! += b.x;
      normals[v * 3 + 1]! += b.y;
      normals[v * 3 + 2]! += b.z;
    }
  }
  for (let v = 0; v < canonical.length; v++) {
    const s = canonical[v]!;
    a.fromArray(normals, s * 3).normalize();
    if (a.lengthSq() === 0) a.set(0, 0, 1);
    normals.set([a.x, a.y, a.z], v * 3);
  }
  return normals;
}

/** Dense canonical weights from the file's own skin, through the bone-name map. */
function mappedWeights(
  part: FlatPart,
  joints: readonly FlatJoint[],
  mapped: readonly (MappedBone | null)[],
): Float64Array {
  // Unmapped joints (roots, twist helpers, IK targets) follow their closest mapped ancestor.
  const boneOf = joints.map((_, j) => {
    let k = j;
    while (k >= 0 && !mapped[k]) k = joints[k]!.parent;
    return BONE_INDEX[k >= 0 ? canonicalBone(mapped[k]!) : 'hips'];
  });
  const skin = part.skin!;
  const vertexCount = part.positions.length / 3;
  const dense = new Float64Array(vertexCount * BONES.length);
  for (let v = 0; v < vertexCount; v++) {
    let sum = 0;
    for (let k = 0; k < 4; k++) {
      const w = skin.weights[v * 4 + k]!;
      dense[v * BONES.length + boneOf[skin.joints[v * 4 + k]!]!]! += w;
      sum += w;
    }
    if (sum > 0) for (let b = 0; b < BONES.length; b++) dense[v * BONES.length + b]! /= sum;
    else dense[v * BONES.length] = 1;
  }
  return dense;
}

/** Distance from a point to a bone of the body in `pose` (torso bones: their rest segment). */
function boneDistance(pose: BodyPose): (p: Vector3, bone: number) => number {
  const limbs = new Map(limbSegments(pose).map((s) => [s.bone, s]));
  const segment = (bone: BoneName) => limbs.get(bone) ?? REST_SKELETON[BONE_INDEX[bone]]!;
  const _d = new Vector3();
  const _a = new Vector3();
  return (p, b) => {
    const s = segment(BONES[b]!);
    const head = new Vector3(...s.head);
    _d.set(s.tail[0] - s.head[0], s.tail[1] - s.head[1], s.tail[2] - s.head[2]);
    _a.copy(p).sub(head);
    const t = Math.min(1, Math.max(0, _a.dot(_d) / _d.lengthSq()));
    return _a.addScaledVector(_d, -t).length();
  };
}

/** Moves vertices slightly inside the reference body out to its surface (plus cloth). */
function pushOut(positions: Float32Array): number {
  const h = 0.002;
  let moved = 0;
  const p = new Vector3();
  for (let i = 0; i < positions.length; i += 3) {
    p.fromArray(positions, i);
    const d = bodyDistance([p.x, p.y, p.z]);
    if (d >= PUSH_OUT_M || d < -PUSH_OUT_MAX_DEPTH_M) continue;
    const g = new Vector3(
      bodyDistance([p.x + h, p.y, p.z]) - bodyDistance([p.x - h, p.y, p.z]),
      bodyDistance([p.x, p.y + h, p.z]) - bodyDistance([p.x, p.y - h, p.z]),
      bodyDistance([p.x, p.y, p.z + h]) - bodyDistance([p.x, p.y, p.z - h]),
    );
    if (g.lengthSq() === 0) continue;
    p.addScaledVector(g.normalize(), PUSH_OUT_M - d);
    positions.set([p.x, p.y, p.z], i);
    moved++;
  }
  return moved;
}

export function canonicalize(
  document: Document,
  category: GarmentCategory,
  report: ReportBuilder,
  file: string,
  options: CanonicalizeOptions = {},
): CanonicalSummary {
  const flat = flattenScene(document);
  const ids = new Map(flat.parts.map((part, i) => [part, String(i)]));
  const idOf = (part: FlatPart) => ids.get(part)!;
  const keep = options.keep;
  const stripped: Stripped = keep ? chosenParts(flat.parts, keep, idOf) : bodyParts(flat.parts);
  let parts = flat.parts.filter((part) => !stripped.has(part));
  const triangles = new Map(flat.parts.map((part) => [part, part.indices.length / 3]));

  const mapped = mapRig(flat.joints.map((j) => j.name));
  const found = firstJoints(flat.joints, mapped);
  const rigged = parts.some((p) => p.skin) ? frameFromRig(rigLandmarks(flat.joints, found)) : null;
  const frame =
    rigged ??
    frameFromGeometry(
      parts.map((p) => p.positions),
      category,
    );
  for (const part of parts) transformPart(part, frame.matrix);
  if (!keep) {
    for (const [part, why] of otherPieces(parts, category)) stripped.set(part, why);
    parts = parts.filter((part) => !stripped.has(part));
  }

  const pose = rigged ? rigPose(flat.joints, found, frame.matrix) : null;
  const drops: [number, number] = [Math.PI / 4, Math.PI / 4];
  if (pose) {
    if (pose.leftArm) drops[0] = dropAngle(pose.leftArm);
    if (pose.rightArm) drops[1] = dropAngle(pose.rightArm);
  } else if (category !== 'bottom') {
    drops[0] = sleeveDrop(parts, 1) ?? drops[0];
    drops[1] = sleeveDrop(parts, -1) ?? drops[1];
  }
  const bodyPose: BodyPose = { leftArmDropRad: drops[0], rightArmDropRad: drops[1] };
  const matrices = reposeMatrices(pose ?? droppedArmsPose(drops));
  const mappedCount = mapped.filter(Boolean).length;
  const useRig = rigged !== null && mappedCount > 0;
  let samples: ReturnType<typeof sampleBody> | null = null;
  let pushedOut = 0;
  let vertices = 0;
  const weights = parts.map((part) => {
    const normals = part.normals ?? computeNormals(part.positions, part.indices);
    let dense: Float64Array;
    if (useRig && part.skin) {
      dense = mappedWeights(part, flat.joints, mapped);
    } else {
      samples ??= sampleBody(bodyPose);
      dense = transferWeights(part.positions, normals, part.indices, samples, BONES.length).dense;
      const distance = boneDistance(bodyPose);
      const allowed = new Set(CATEGORY_BONES[category].map((bone) => BONE_INDEX[bone]));
      const p = new Vector3();
      dropFarBones(
        dense,
        BONES.length,
        (v, b) => (allowed.has(b) ? distance(p.fromArray(part.positions, v * 3), b) : Infinity),
        FAR_BONE_M,
      );
      shoulderOnChest(dense, BONES.length, part.positions, SHOULDER_RAMP);
    }
    applyRepose(part.positions, normals, dense, matrices);
    pushedOut += pushOut(part.positions);
    vertices += part.positions.length / 3;
    part.normals = part.normals ? normals : computeNormals(part.positions, part.indices);
    return dense;
  });
  const cuts: Map<FlatPart, AccessoryCut> = keep
    ? new Map()
    : accessoryCuts(parts, vertices, category);
  for (const [part, cut] of cuts) {
    // Vertices stay, unreferenced, until the primitive is compacted.
    part.indices = cut.kept;
    if (cut.kept.length === 0)
      stripped.set(part, { reason: cutText(cut), label: `${part.name} / ${part.material}` });
  }
  const worn = parts.flatMap((part, i) =>
    stripped.has(part) ? [] : [{ part, dense: weights[i]! }],
  );
  const fit = fitCheck(worn.map(({ part, dense }) => ({ ...part, dense })));
  writeCanonical(
    document,
    worn.map((w) => w.part),
    worn.map((w) => w.dense),
  );

  const summary: CanonicalSummary = {
    frame,
    rig: useRig ? `${mappedCount} of ${flat.joints.length} joints mapped to ours` : null,
    stripped: strippedLabels(flat.parts, stripped, cuts),
    armDropDeg: [(drops[0] * 180) / Math.PI, (drops[1] * 180) / Math.PI],
    pushedOut,
    vertices,
    fit,
    meshes: flat.parts.map((part) => {
      const cut = cuts.get(part);
      const reason = stripped.get(part)?.reason ?? (cut ? `${cutText(cut)} left out` : null);
      return {
        id: idOf(part),
        name: part.name,
        material: part.material,
        triangles: triangles.get(part)!,
        kept: !stripped.has(part),
        reason,
        chosen: keep !== undefined,
      };
    }),
  };
  report.add({ code: 'fitted', severity: 'info', message: describe(summary), file });
  if (summary.stripped.length > 0)
    report.add({
      code: 'meshes_stripped',
      severity: 'info',
      message: `left out as not part of the garment: ${summary.stripped.join(', ')}`,
      file,
    });
  report.add({ code: 'fit_check', severity: 'info', message: describeFit(fit), file });
  if (fit.insideShare > FIT_INSIDE_WARN)
    report.add({
      code: 'fit_inside_body',
      severity: 'warning',
      message: `${(fit.insideShare * 100).toFixed(0)}% of the garment is inside the reference body: skin may show through it; check its size and placement`,
      file,
    });
  const worst = Math.max(fit.stretch99.armsUp, fit.stretch99.step);
  if (worst > FIT_STRETCH_WARN)
    report.add({
      code: 'fit_stretches',
      severity: 'warning',
      message: `1% of its edges stretch over ×${worst.toFixed(1)} when the body moves (${fit.stretch99.armsUp >= fit.stretch99.step ? 'arms raised' : 'a step'}): the cloth may look torn there; a rig with our bone names avoids it`,
      file,
    });
  if (flat.skippedPrimitives > 0)
    report.add({
      code: 'primitives_skipped',
      severity: 'warning',
      message: `${flat.skippedPrimitives} primitives are points, lines or strips; only triangle lists are worn`,
      file,
    });
  return summary;
}

function describeFit(fit: FitCheck): string {
  const pose = (name: 'armsUp' | 'step') =>
    `×${fit.stretch99[name].toFixed(2)} (worst ×${fit.maxStretch[name].toFixed(2)})`;
  return `fit check: ${(fit.insideShare * 100).toFixed(1)}% of vertices inside the body; 99% of edges stretch under ${pose('armsUp')} with arms raised, ${pose('step')} in a step`;
}

/** The report's labels of what was left out, as `meshes_stripped` has always named them. */
function strippedLabels(
  parts: readonly FlatPart[],
  stripped: Stripped,
  cuts: ReadonlyMap<FlatPart, AccessoryCut>,
): string[] {
  const labels = parts.flatMap((part) => {
    const cut = cuts.get(part);
    if (cut) return [`${part.name} / ${part.material}: ${cutText(cut)}`];
    const why = stripped.get(part);
    return why ? [why.label] : [];
  });
  return [...new Set(labels)];
}

function describe(s: CanonicalSummary): string {
  const scale = Math.abs(s.frame.scale - 1) > 0.05 ? ` ×${s.frame.scale.toFixed(2)}` : '';
  return [
    `units ${s.frame.units}${scale}`,
    `up ${s.frame.up === 'rig' ? 'from the rig' : s.frame.up}`,
    s.rig ? `rig: ${s.rig}` : 'no usable rig: weights carried from the reference body',
    `arms from ${s.armDropDeg.map((d) => d.toFixed(0)).join('°/')}° to 45° down`,
    `${s.pushedOut} of ${s.vertices} vertices pushed out of the body`,
  ].join('; ');
}

/** Replaces the document's scenes, nodes, skins and animations by the canonical skinned meshes. */
function writeCanonical(
  document: Document,
  parts: readonly FlatPart[],
  weights: readonly Float64Array[],
): void {
  const root = document.getRoot();
  const oldNodes = root.listNodes();
  const oldMeshes = root.listMeshes();
  const buffer = root.listBuffers()[0] ?? document.createBuffer();
  for (const animation of root.listAnimations()) animation.dispose();
  for (const skin of root.listSkins()) skin.dispose();
  for (const scene of root.listScenes()) scene.dispose();

  const bones = new Map<BoneName, Node>();
  for (const def of REST_SKELETON) {
    const parent = def.parent ? REST_SKELETON[BONE_INDEX[def.parent]]!.head : [0, 0, 0];
    const node = document
      .createNode(def.name)
      .setTranslation([
        def.head[0] - parent[0]!,
        def.head[1] - parent[1]!,
        def.head[2] - parent[2]!,
      ]);
    bones.set(def.name, node);
    if (def.parent) bones.get(def.parent)!.addChild(node);
  }
  const inverseBind = new Float32Array(16 * BONES.length);
  BONES.forEach((name, i) => {
    const [x, y, z] = REST_SKELETON[BONE_INDEX[name]]!.head;
    inverseBind.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -x, -y, -z, 1], i * 16);
  });
  const skin = document
    .createSkin('canonical')
    .setSkeleton(bones.get('hips')!)
    .setInverseBindMatrices(
      document.createAccessor().setType('MAT4').setArray(inverseBind).setBuffer(buffer),
    );
  for (const name of BONES) skin.addJoint(bones.get(name)!);

  const garment = document.createNode('garment');
  garment.addChild(bones.get('hips')!);
  const meshes = new Map<string, Node>();
  parts.forEach((part, i) => {
    const primitive = part.primitive;
    for (const semantic of primitive.listSemantics())
      if (!/^(TEXCOORD_\d+|COLOR_0)$/.test(semantic)) primitive.setAttribute(semantic, null);
    for (const target of primitive.listTargets()) primitive.removeTarget(target);
    const skinWeights = topInfluences(weights[i]!, BONES.length, part.positions.length / 3);
    const accessor = (
      type: 'VEC3' | 'VEC4' | 'SCALAR',
      array: Float32Array | Uint16Array | Uint32Array,
    ) => document.createAccessor().setType(type).setArray(array).setBuffer(buffer);
    primitive
      .setAttribute('POSITION', accessor('VEC3', part.positions))
      .setAttribute('NORMAL', accessor('VEC3', part.normals!))
      .setAttribute('JOINTS_0', accessor('VEC4', skinWeights.joints))
      .setAttribute('WEIGHTS_0', accessor('VEC4', skinWeights.weights))
      .setIndices(accessor('SCALAR', part.indices));
    let node = meshes.get(part.name);
    if (!node) {
      node = document.createNode(part.name).setMesh(document.createMesh(part.name)).setSkin(skin);
      meshes.set(part.name, node);
      garment.addChild(node);
    }
    part.mesh.removePrimitive(primitive);
    node.getMesh()!.addPrimitive(primitive);
    // Vertices of stripped pieces go (the shopper's outline reads every vertex).
    compactPrimitive(primitive);
  });
  for (const node of oldNodes) node.dispose();
  for (const mesh of oldMeshes) mesh.dispose();
  root.setDefaultScene(document.createScene('garment').addChild(garment));
}
