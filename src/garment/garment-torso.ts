import { BONE_INDEX, REST_SKELETON } from '../shared/skeleton.ts';
import { WarpInputError } from './errors.ts';
import { WARP_TUNING } from './tuning.ts';
import type { AnchorPositions } from './warp-controls.ts';

function restHead(name: (typeof REST_SKELETON)[number]['name']) {
  return REST_SKELETON[BONE_INDEX[name]]!.head;
}
/** Rest torso height ÷ rest shoulder width (shoulder joints to the hips' level). */
export const TORSO_PER_SHOULDER_WIDTH =
  restHead('leftUpperArm')[1] / (restHead('leftUpperArm')[0] - restHead('rightUpperArm')[0]);

function distance(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * How many of a top's (or dress's) own image pixels make one torso of its wearer, shoulders to
 * hips: the scale that puts its hem, armpits and waist at the garment's own length on the body,
 * so a crop top stays a crop top and a tunic reaches past the hips.
 *
 * The scale comes from a width the photo shows and the body proportion that width stands for:
 * - with a sleeve, the shoulder anchors are the shoulder points (where the top edge turns into
 *   the sleeve): the shoulder width, against the rest skeleton's torso ÷ shoulder width;
 * - without a sleeve on either side the shoulder anchors are the tops of the straps
 *   (top-anchors.ts), which are laid out on the photo at whatever length and spread the merchant
 *   left them: they say nothing of the body. The width at the armpits does: a sleeveless top's
 *   front spans the chest there, so that width is taken for the wearer's chest breadth, against
 *   `WARP_TUNING.chestBreadthPerTorso` (ANSUR II). A sleeveless top laid flat shows its whole
 *   half girth instead (wider than the chest's breadth) and comes out shorter than it is.
 * Garments without armpits keep the shoulder rule. Load-time, pure.
 */
export function garmentTorsoPx(anchors: AnchorPositions): number {
  const { leftShoulder, rightShoulder, leftArmpit, rightArmpit } = anchors;
  if (!leftShoulder || !rightShoulder) {
    throw new WarpInputError('garment anchors: a top needs leftShoulder and rightShoulder');
  }
  const sleeved = anchors.leftSleeveEnd !== undefined || anchors.rightSleeveEnd !== undefined;
  if (!sleeved && leftArmpit && rightArmpit) {
    return distance(leftArmpit, rightArmpit) / WARP_TUNING.chestBreadthPerTorso;
  }
  return distance(leftShoulder, rightShoulder) * TORSO_PER_SHOULDER_WIDTH;
}
