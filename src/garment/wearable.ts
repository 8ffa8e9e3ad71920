import type { GarmentManifest } from '../shared/garment.ts';
import type { BodyFraming } from './body-framing.ts';

/** Why a worn garment is not drawn this frame; each has a message telling the shopper what to do. */
export type HiddenBecause = 'shouldersOutOfFrame' | 'legsOutOfFrame' | 'facingAway';

/** What the shopper is asked to do, per reason. */
export const HIDDEN_MESSAGE: Readonly<Record<HiddenBecause, string>> = {
  shouldersOutOfFrame: 'Step back so your shoulders and hips are visible.',
  legsOutOfFrame: 'Step back so your legs are in the picture to try on trousers.',
  facingAway: 'Turn to face the camera to see this garment.',
};

/**
 * Whether the garment can be drawn on the body the camera sees, or why not:
 * - every garment hangs from the shoulders or the hips, so without both shoulders nothing is
 *   placed (the rig cannot solve the torso);
 * - trousers and skirts need the legs: a half-body frame would leave them guessing where the
 *   knees are, so they wait for the shopper to step back; tops and dresses hang from the shoulders
 *   and the torso's axis (hips extrapolated, see body-framing.ts) and stay on;
 * - a 2D garment is a photo of its front: on a shopper seen from behind it would show the front
 *   print on their back, so it waits unless the merchant added a back photo (then that is drawn,
 *   `TwoSidedImageGarment`). A 3D garment has a back and turns with the body, so it stays.
 */
export function whyHidden(garment: GarmentManifest, framing: BodyFraming): HiddenBecause | null {
  if (!framing.shouldersSeen) return 'shouldersOutOfFrame';
  if (garment.category === 'bottom' && !framing.legsSeen) return 'legsOutOfFrame';
  const { asset } = garment;
  if (asset.kind === 'image2d' && !asset.back && framing.facing === 'back') return 'facingAway';
  return null;
}
