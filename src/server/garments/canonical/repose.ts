import { Matrix4, Quaternion, Vector3 } from 'three';
import { BONE_INDEX, BONES, REST_SKELETON, type BoneName } from '../../../shared/skeleton.ts';

/**
 * From the pose a garment was modelled in (a T-pose, arms forward, legs apart) to our A-pose:
 * each limb bone rotated about its joint so it points the way ours does, the lower limb
 * following its upper one, applied by linear blend skinning with the garment's weights, so
 * sleeves come down with the arms. Canonical frame, metres. Pure.
 */
export interface LimbJoints {
  /** Joint positions in the source pose (canonical frame): root, middle, end of the limb. */
  readonly root: Vector3;
  readonly middle: Vector3;
  /** Null when the rig stops at the middle joint: the lower bone then follows the upper. */
  readonly end: Vector3 | null;
}

export type SourcePose = Partial<
  Record<'leftArm' | 'rightArm' | 'leftLeg' | 'rightLeg', LimbJoints>
>;

const LIMBS = [
  ['leftArm', 'leftUpperArm', 'leftLowerArm'],
  ['rightArm', 'rightUpperArm', 'rightLowerArm'],
  ['leftLeg', 'leftUpperLeg', 'leftLowerLeg'],
  ['rightLeg', 'rightUpperLeg', 'rightLowerLeg'],
] as const;

const direction = (bone: BoneName): Vector3 => {
  const def = REST_SKELETON[BONE_INDEX[bone]]!;
  return new Vector3(
    def.tail[0] - def.head[0],
    def.tail[1] - def.head[1],
    def.tail[2] - def.head[2],
  ).normalize();
};

/** Rotation by `q` about `pivot`, then moved so `pivot` lands on `to`. */
function about(q: Quaternion, pivot: Vector3, to: Vector3): Matrix4 {
  return new Matrix4()
    .makeTranslation(to.x, to.y, to.z)
    .multiply(new Matrix4().makeRotationFromQuaternion(q))
    .multiply(new Matrix4().makeTranslation(-pivot.x, -pivot.y, -pivot.z));
}

/** One matrix per bone of `BONES` (identity for the torso and for limbs the pose lacks). */
export function reposeMatrices(pose: SourcePose): Matrix4[] {
  const matrices = BONES.map(() => new Matrix4());
  for (const [limb, upper, lower] of LIMBS) {
    const joints = pose[limb];
    if (!joints) continue;
    const upperFrom = joints.middle.clone().sub(joints.root).normalize();
    const qUpper = new Quaternion().setFromUnitVectors(upperFrom, direction(upper));
    const upperMatrix = about(qUpper, joints.root, joints.root);
    matrices[BONE_INDEX[upper]] = upperMatrix;
    const lowerFrom = joints.end ? joints.end.clone().sub(joints.middle).normalize() : upperFrom;
    const qLower = new Quaternion().setFromUnitVectors(lowerFrom, direction(lower));
    matrices[BONE_INDEX[lower]] = about(
      qLower,
      joints.middle,
      joints.middle.clone().applyMatrix4(upperMatrix),
    );
  }
  return matrices;
}

/** The angle below horizontal of a limb's upper bone, radians (for the body it is fitted on). */
export function dropAngle(joints: LimbJoints): number {
  const d = joints.middle.clone().sub(joints.root);
  return Math.atan2(-d.y, Math.hypot(d.x, d.z));
}

/**
 * Blends each vertex's bone matrices by its dense weights (`v * BONES.length + b`): positions
 * moved in place, normals turned (and renormalized) in place.
 */
export function applyRepose(
  positions: Float32Array,
  normals: Float32Array | null,
  dense: Float64Array,
  matrices: readonly Matrix4[],
): void {
  const boneCount = BONES.length;
  const blended = new Float64Array(16);
  for (let v = 0; v < positions.length / 3; v++) {
    blended.fill(0);
    for (let b = 0; b < boneCount; b++) {
      const w = dense[v * boneCount + b]!;
      if (w === 0) continue;
      const e = matrices[b]!.elements;
      for (let k = 0; k < 16; k++) blended[k]! += e[k]! * w;
    }
    const [x, y, z] = [positions[v * 3]!, positions[v * 3 + 1]!, positions[v * 3 + 2]!];
    positions[v * 3] = blended[0]! * x + blended[4]! * y + blended[8]! * z + blended[12]!;
    positions[v * 3 + 1] = blended[1]! * x + blended[5]! * y + blended[9]! * z + blended[13]!;
    positions[v * 3 + 2] = blended[2]! * x + blended[6]! * y + blended[10]! * z + blended[14]!;
    if (!normals) continue;
    const [nx, ny, nz] = [normals[v * 3]!, normals[v * 3 + 1]!, normals[v * 3 + 2]!];
    const ox = blended[0]! * nx + blended[4]! * ny + blended[8]! * nz;
    const oy = blended[1]! * nx + blended[5]! * ny + blended[9]! * nz;
    const oz = blended[2]! * nx + blended[6]! * ny + blended[10]! * nz;
    const length = Math.hypot(ox, oy, oz) || 1;
    normals[v * 3] = ox / length;
    normals[v * 3 + 1] = oy / length;
    normals[v * 3 + 2] = oz / length;
  }
}
