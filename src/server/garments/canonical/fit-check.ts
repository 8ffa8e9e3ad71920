import { Matrix4 } from 'three';
import { BONE_INDEX, BONES, REST_SKELETON, type BoneName } from '../../../shared/skeleton.ts';
import { bodyDistance } from './body-model.ts';

/**
 * What a merchant should know about a fitted garment before shoppers wear it: how much of it is
 * inside the reference body (skin would show through), and how far its edges stretch when the
 * body moves (arms raised, a step), from its own skin weights. Canonical A-pose input. Pure.
 */
export interface FitCheck {
  /** Share of vertices inside the reference body. */
  readonly insideShare: number;
  /** Largest edge length ratio, posed ÷ rest, per pose (edges over 1 mm). */
  readonly maxStretch: Readonly<Record<FitPose, number>>;
  /** The ratio 99% of edges stay under: the garment's stretch, without its worst seam. */
  readonly stretch99: Readonly<Record<FitPose, number>>;
}

export type FitPose = 'armsUp' | 'step';

export interface FitMesh {
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** Dense weights, `v * BONES.length + b`. */
  readonly dense: Float64Array;
}

/** Rotations about joints, radians: arms raised 75° (30° above horizontal), a walking step. */
const POSES: Readonly<Record<FitPose, readonly (readonly [BoneName, 'x' | 'z', number])[]>> = {
  armsUp: [
    ['leftUpperArm', 'z', (75 * Math.PI) / 180],
    ['rightUpperArm', 'z', (-75 * Math.PI) / 180],
  ],
  step: [
    ['leftUpperLeg', 'x', (-20 * Math.PI) / 180],
    ['rightUpperLeg', 'x', (15 * Math.PI) / 180],
  ],
};

const CHILD: Partial<Record<BoneName, BoneName>> = {
  leftUpperArm: 'leftLowerArm',
  rightUpperArm: 'rightLowerArm',
  leftUpperLeg: 'leftLowerLeg',
  rightUpperLeg: 'rightLowerLeg',
};

/** Bone matrices of a pose: each rotated bone and its child turned about the bone's head. */
export function poseMatrices(pose: FitPose): Matrix4[] {
  const matrices = BONES.map(() => new Matrix4());
  for (const [bone, axis, angle] of POSES[pose]) {
    const [x, y, z] = REST_SKELETON[BONE_INDEX[bone]]!.head;
    const rotation =
      axis === 'x' ? new Matrix4().makeRotationX(angle) : new Matrix4().makeRotationZ(angle);
    const m = new Matrix4()
      .makeTranslation(x, y, z)
      .multiply(rotation)
      .multiply(new Matrix4().makeTranslation(-x, -y, -z));
    matrices[BONE_INDEX[bone]] = m;
    const child = CHILD[bone];
    if (child) matrices[BONE_INDEX[child]] = m;
  }
  return matrices;
}

function skin(mesh: FitMesh, matrices: readonly Matrix4[]): Float32Array {
  const out = new Float32Array(mesh.positions.length);
  const B = BONES.length;
  for (let v = 0; v < mesh.positions.length / 3; v++) {
    const [x, y, z] = [
      mesh.positions[v * 3]!,
      mesh.positions[v * 3 + 1]!,
      mesh.positions[v * 3 + 2]!,
    ];
    for (let b = 0; b < B; b++) {
      const w = mesh.dense[v * B + b]!;
      if (w === 0) continue;
      const e = matrices[b]!.elements;
      out[v * 3]! += w * (e[0]! * x + e[4]! * y + e[8]! * z + e[12]!);
      out[v * 3 + 1]! += w * (e[1]! * x + e[5]! * y + e[9]! * z + e[13]!);
      out[v * 3 + 2]! += w * (e[2]! * x + e[6]! * y + e[10]! * z + e[14]!);
    }
  }
  return out;
}

const edgeLength = (p: Float32Array, a: number, b: number): number =>
  Math.hypot(p[a * 3]! - p[b * 3]!, p[a * 3 + 1]! - p[b * 3 + 1]!, p[a * 3 + 2]! - p[b * 3 + 2]!);

export function fitCheck(meshes: readonly FitMesh[]): FitCheck {
  let inside = 0;
  let total = 0;
  for (const mesh of meshes)
    for (let i = 0; i < mesh.positions.length; i += 3) {
      total++;
      const p = mesh.positions;
      if (bodyDistance([p[i]!, p[i + 1]!, p[i + 2]!]) < 0) inside++;
    }
  const maxStretch = { armsUp: 1, step: 1 };
  const stretch99 = { armsUp: 1, step: 1 };
  for (const pose of ['armsUp', 'step'] as const) {
    const matrices = poseMatrices(pose);
    const ratios: number[] = [];
    for (const mesh of meshes) {
      const posed = skin(mesh, matrices);
      for (let t = 0; t < mesh.indices.length; t += 3)
        for (let k = 0; k < 3; k++) {
          const a = mesh.indices[t + k]!;
          const b = mesh.indices[t + ((k + 1) % 3)]!;
          const rest = edgeLength(mesh.positions, a, b);
          if (rest < 0.001) continue;
          ratios.push(edgeLength(posed, a, b) / rest);
        }
    }
    ratios.sort((a, b) => a - b);
    maxStretch[pose] = Math.max(1, ratios[ratios.length - 1] ?? 1);
    stretch99[pose] = Math.max(1, ratios[Math.floor(0.99 * (ratios.length - 1))] ?? 1);
  }
  return { insideShare: total > 0 ? inside / total : 0, maxStretch, stretch99 };
}
