import type { GarmentAnchor } from '../shared/garment.ts';
import type { BoneName } from '../shared/skeleton.ts';
import { MeshInputError } from './errors.ts';
import type { AnchorPositions } from './warp-controls.ts';

/**
 * Which arm's sleeve each garment vertex belongs to, so the arm-occlusion mask (occlusion.ts)
 * cuts the torso under an arm that crosses it but not that arm's own sleeve. Per vertex two
 * numbers in [0, 1], (left, right): how much of the vertex is the person's left sleeve, how
 * much the right. A drawn fragment counts as a sleeve where its interpolated share exceeds ½
 * (`sleeveArmBits`). Load-time: each function allocates its result.
 */

const LEFT_ARM_BONES: ReadonlySet<string> = new Set<BoneName>(['leftUpperArm', 'leftLowerArm']);
const RIGHT_ARM_BONES: ReadonlySet<string> = new Set<BoneName>(['rightUpperArm', 'rightLowerArm']);

/**
 * A 3D garment's sleeves from its skin: the vertex's summed weight on each arm's bones.
 * `joints`/`weights` are three.js `skinIndex`/`skinWeight` arrays (4 per vertex); a joint
 * number indexes `boneNames` (the mesh skeleton's bones, in its own order). Torso cloth near an
 * armhole follows the upper arm a little (under ½), so it stays torso.
 */
export function sleeveArmsFromSkin(
  joints: ArrayLike<number>,
  weights: ArrayLike<number>,
  boneNames: readonly string[],
): Float32Array {
  if (joints.length !== weights.length || joints.length % 4 !== 0) {
    throw new MeshInputError(
      `sleeves: ${joints.length} skin joints and ${weights.length} weights; both must be 4 per vertex`,
    );
  }
  const out = new Float32Array((joints.length / 4) * 2);
  for (let i = 0; i < joints.length; i++) {
    const bone = boneNames[joints[i]!] ?? '';
    const v = i >> 2;
    if (LEFT_ARM_BONES.has(bone)) out[v * 2] = out[v * 2]! + weights[i]!;
    else if (RIGHT_ARM_BONES.has(bone)) out[v * 2 + 1] = out[v * 2 + 1]! + weights[i]!;
  }
  return out;
}

type Side = 'left' | 'right';
const SEAM: Readonly<Record<Side, readonly GarmentAnchor[]>> = {
  left: ['leftShoulder', 'leftArmpit', 'leftWaist', 'leftHem'],
  right: ['rightShoulder', 'rightArmpit', 'rightWaist', 'rightHem'],
};

/**
 * How far out (px, + outward) image point (x, y) lies beyond one side's outline shoulder →
 * armpit → waist → hem, compared at its own height: above the shoulder with the shoulder, below
 * the last point with that point, in between on the segment spanning its height.
 */
function beyondSeam(
  seam: readonly (readonly [number, number])[],
  outward: number,
  x: number,
  y: number,
) {
  const first = seam[0]!;
  const last = seam[seam.length - 1]!;
  let seamX = y <= first[1] ? first[0] : last[0];
  for (let k = 0; k + 1 < seam.length; k++) {
    const [ax, ay] = seam[k]!;
    const [bx, by] = seam[k + 1]!;
    if (y >= ay && y <= by && by > ay) {
      seamX = ax + ((y - ay) / (by - ay)) * (bx - ax);
      break;
    }
  }
  return (x - seamX) * outward;
}

/**
 * A 2D garment's sleeves from its anchors: a grid vertex (product-image px, x right, y down) is
 * one side's sleeve when it lies outside that side's outline from the shoulder down the armpit,
 * waist and hem anchors it has (a hanging sleeve beside the body is outside the side seam, as a
 * raised one is outside the armhole). A side without an armpit anchor has no sleeve. Outward is
 * the shoulder's side of the collar (or of the shoulders' middle), so a back photo, whose left
 * is on the image's left, works as a front one.
 */
export function sleeveArmsOfImage(
  positions: ArrayLike<number>,
  anchors: AnchorPositions,
): Float32Array {
  const out = new Float32Array(positions.length);
  const ls = anchors.leftShoulder;
  const rs = anchors.rightShoulder;
  if (!ls || !rs) return out;
  const centreX = anchors.collar?.[0] ?? (ls[0] + rs[0]) / 2;
  for (const side of ['left', 'right'] as const) {
    const seam = SEAM[side].flatMap((name) => {
      const p = anchors[name];
      return p ? [p] : [];
    });
    if (!anchors[side === 'left' ? 'leftArmpit' : 'rightArmpit']) continue;
    // Points must run down the image for the height lookup; out-of-order anchors are dropped.
    const down = seam.filter((p, k) => k === 0 || p[1] > seam[k - 1]![1]);
    const outward = Math.sign(down[0]![0] - centreX) || (side === 'left' ? 1 : -1);
    const slot = side === 'left' ? 0 : 1;
    for (let v = 0; v * 2 < positions.length; v++) {
      if (beyondSeam(down, outward, positions[v * 2]!, positions[v * 2 + 1]!) > 0)
        out[v * 2 + slot] = 1;
    }
  }
  return out;
}

/** Bit of each arm in the occlusion mask and in a fragment's own sleeves (occlusion.ts). */
export const ARM_BIT = { left: 1, right: 2 } as const;

/** The arms whose sleeve a fragment with these interpolated shares is (bits of `ARM_BIT`). */
export function sleeveArmBits(left: number, right: number): number {
  return (left > 0.5 ? ARM_BIT.left : 0) | (right > 0.5 ? ARM_BIT.right : 0);
}

/**
 * Whether the garment is hidden at a pixel whose occlusion mark is `mark` (the bits of the arms
 * in front of the torso there) for a fragment that is the sleeve of `ownArms`: an arm hides the
 * torso and the other arm's sleeve, never the sleeve it is in. The renderer's shader
 * (render/occlusion-layer.ts) makes the same test.
 */
export function hidesGarment(mark: number, ownArms: number): boolean {
  return (mark & ~ownArms) !== 0;
}
