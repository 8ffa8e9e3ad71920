import { LM, requireLandmarkCount } from '../pose/landmarks.ts';
import type { Landmark, SegmentationMask } from '../pose/types.ts';
import { inPicture } from './body-framing.ts';
import { MaskInputError } from './errors.ts';
import { BONE_INDEX, REST_SKELETON } from '../shared/skeleton.ts';
import { ARM_BIT } from './sleeve-arms.ts';
import { OCCLUSION_TUNING } from './tuning.ts';

/**
 * Where the shopper's own arm or hand is IN FRONT of their torso, so the garment drawn on the
 * torso must be hidden there: a per-pixel mask at the segmentation mask's resolution.
 *
 * Depth convention: image landmarks' z (pose/types.ts) is depth relative to the hips' midpoint
 * on roughly the scale of x (fractions of the image width), SMALLER = NEARER the camera. The
 * torso's depth at a pixel is the plane fitted through the visible shoulders and hips (so a
 * turned torso is handled); an arm point occludes when its z, interpolated along the limb, is
 * below that plane by `OCCLUSION_TUNING.inFrontMarginZ`. An arm hanging at the side has the
 * torso's depth and does not occlude; one crossing the chest or reaching to the camera does.
 *
 * A pixel is marked (1) when it lies within a capsule around an upper arm, forearm or hand
 * (shoulder→elbow, elbow→wrist, wrist→knuckles; radii in `OCCLUSION_TUNING` as fractions of the
 * shoulder width), that limb point there is in front of the torso, the pixel is ON the torso in
 * the image (the shoulder–hip quad, widened by `torsoMarginPerShoulderWidth`), so is the limb's
 * own axis point nearest the pixel (the capsule's edge alone is not enough), AND the
 * segmentation mask says person (> `personThreshold`) — the capsules are rough, the mask is what
 * makes the edge exact. The torso test is what keeps an arm hanging BESIDE the body (which
 * BlazePose often puts a little nearer the camera than the chest) from cutting a band out of the
 * garment's side: only an arm or hand crossing the torso can hide the garment on it. A forearm
 * or hand that does cross it (at least `crossingShareOfLimb` of its axis over the quad) hides
 * the garment along its whole length, torso quad or not: a loose garment is drawn wider than
 * the shoulder–hip joints, and the forearm from the elbow at the body's side to the quad's edge
 * is in front of it too (seen on a real photo: a man holding a plate at his belly showed the
 * cloth over his forearm up to a straight vertical edge at the quad). Without
 * seen hips (a desk webcam) the quad runs down from the shoulders by the rest torso proportions.
 * Each marked pixel holds the bits (`ARM_BIT`) of the arms in front there, so the garment's own
 * sleeve on that arm stays drawn (`hidesGarment`, sleeve-arms.ts) while the torso under it is cut.
 */

const SIDES = [
  {
    bit: ARM_BIT.left,
    shoulder: LM.leftShoulder,
    elbow: LM.leftElbow,
    wrist: LM.leftWrist,
    index: LM.leftIndex,
    pinky: LM.leftPinky,
  },
  {
    bit: ARM_BIT.right,
    shoulder: LM.rightShoulder,
    elbow: LM.rightElbow,
    wrist: LM.rightWrist,
    index: LM.rightIndex,
    pinky: LM.rightPinky,
  },
] as const;
const TORSO = [LM.leftShoulder, LM.rightShoulder, LM.leftHip, LM.rightHip] as const;

/** Torso depth plane z = a·x + b·y + c in normalized image coordinates (module scratch). */
const plane = { a: 0, b: 0, c: 0 };
/** The torso quad in mask pixels, corners in order left shoulder, left hip, right hip, right shoulder. */
const quad = new Float64Array(8);

function restHead(name: (typeof REST_SKELETON)[number]['name']) {
  return REST_SKELETON[BONE_INDEX[name]]!.head;
}
const REST_SHOULDER_WIDTH_M = restHead('leftUpperArm')[0] - restHead('rightUpperArm')[0];
const TORSO_PER_SHOULDER_WIDTH = restHead('leftUpperArm')[1] / REST_SHOULDER_WIDTH_M;
const HIP_PER_SHOULDER_WIDTH =
  (restHead('leftUpperLeg')[0] - restHead('rightUpperLeg')[0]) / REST_SHOULDER_WIDTH_M;

/**
 * Fills `quad` from the shoulders and hips (hips from the rest proportions when not both in the
 * picture), each corner pushed `marginPx` outward along the shoulder line.
 */
function fitTorsoQuad(
  landmarks: readonly Landmark[],
  mask: SegmentationMask,
  marginPx: number,
): void {
  const { width, height } = mask;
  const ls = landmarks[LM.leftShoulder]!;
  const rs = landmarks[LM.rightShoulder]!;
  const lh = landmarks[LM.leftHip]!;
  const rh = landmarks[LM.rightHip]!;
  const lsx = ls.x * width;
  const lsy = ls.y * height;
  const rsx = rs.x * width;
  const rsy = rs.y * height;
  const ux0 = lsx - rsx;
  const uy0 = lsy - rsy;
  const shoulderPx = Math.hypot(ux0, uy0);
  const ux = ux0 / shoulderPx;
  const uy = uy0 / shoulderPx;
  let lhx = lh.x * width;
  let lhy = lh.y * height;
  let rhx = rh.x * width;
  let rhy = rh.y * height;
  if (!inPicture(lh) || !inPicture(rh)) {
    // Down the image, square to the shoulder line, whichever way the person faces.
    const dx = -uy * Math.sign(ux || 1);
    const dy = Math.abs(ux);
    const mx = (lsx + rsx) / 2 + dx * TORSO_PER_SHOULDER_WIDTH * shoulderPx;
    const my = (lsy + rsy) / 2 + dy * TORSO_PER_SHOULDER_WIDTH * shoulderPx;
    const half = (HIP_PER_SHOULDER_WIDTH * shoulderPx) / 2;
    lhx = mx + ux * half;
    lhy = my + uy * half;
    rhx = mx - ux * half;
    rhy = my - uy * half;
  }
  quad[0] = lsx + ux * marginPx;
  quad[1] = lsy + uy * marginPx;
  quad[2] = lhx + ux * marginPx;
  quad[3] = lhy + uy * marginPx;
  quad[4] = rhx - ux * marginPx;
  quad[5] = rhy - uy * marginPx;
  quad[6] = rsx - ux * marginPx;
  quad[7] = rsy - uy * marginPx;
}

/** Inside the convex torso quad, either winding. */
function onTorso(x: number, y: number): boolean {
  let sign = 0;
  for (let k = 0; k < 4; k++) {
    const ax = quad[k * 2]!;
    const ay = quad[k * 2 + 1]!;
    const bx = quad[((k + 1) % 4) * 2]!;
    const by = quad[((k + 1) % 4) * 2 + 1]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/**
 * Share (0..1) of the segment A→B (mask pixels) inside the torso quad: the segment clipped to
 * each edge's inner half-plane in turn (Cyrus–Beck; the quad is convex, either winding).
 */
function shareOnTorso(ax: number, ay: number, bx: number, by: number): number {
  let orientation = 0;
  for (let k = 0; k < 4; k++) {
    const j = (k + 1) % 4;
    orientation += quad[k * 2]! * quad[j * 2 + 1]! - quad[j * 2]! * quad[k * 2 + 1]!;
  }
  const sign = Math.sign(orientation);
  if (sign === 0) return 0;
  const dx = bx - ax;
  const dy = by - ay;
  let enter = 0;
  let exit = 1;
  for (let k = 0; k < 4; k++) {
    const px = quad[k * 2]!;
    const py = quad[k * 2 + 1]!;
    const ex = quad[((k + 1) % 4) * 2]! - px;
    const ey = quad[((k + 1) % 4) * 2 + 1]! - py;
    // Inside where sign · cross(edge, P(t) − corner) ≥ 0, linear in t: start + t · rate.
    const start = sign * (ex * (ay - py) - ey * (ax - px));
    const rate = sign * (ex * dy - ey * dx);
    if (rate === 0) {
      if (start < 0) return 0;
    } else if (rate > 0) enter = Math.max(enter, -start / rate);
    else exit = Math.min(exit, -start / rate);
  }
  return Math.max(0, exit - enter);
}

function seen(lm: Landmark): boolean {
  return lm.visibility >= OCCLUSION_TUNING.minVisibility;
}

/** Least-squares plane through the visible torso landmarks; constant depth with fewer than 3. */
function fitTorsoPlane(landmarks: readonly Landmark[]): boolean {
  let n = 0;
  let sx = 0,
    sy = 0,
    sz = 0,
    sxx = 0,
    sxy = 0,
    syy = 0,
    sxz = 0,
    syz = 0;
  for (const i of TORSO) {
    const p = landmarks[i]!;
    // Off-frame hips are guesses: their depth would tilt the plane.
    if (!seen(p) || !inPicture(p)) continue;
    n++;
    sx += p.x;
    sy += p.y;
    sz += p.z;
    sxx += p.x * p.x;
    sxy += p.x * p.y;
    syy += p.y * p.y;
    sxz += p.x * p.z;
    syz += p.y * p.z;
  }
  if (n === 0) return false;
  plane.a = 0;
  plane.b = 0;
  plane.c = sz / n;
  if (n < 3) return true;
  // Normal equations [sxx sxy sx; sxy syy sy; sx sy n]·(a, b, c) = (sxz, syz, sz), by Cramer.
  const det = sxx * (syy * n - sy * sy) - sxy * (sxy * n - sy * sx) + sx * (sxy * sy - syy * sx);
  if (Math.abs(det) < 1e-12) return true;
  plane.a =
    (sxz * (syy * n - sy * sy) - sxy * (syz * n - sy * sz) + sx * (syz * sy - syy * sz)) / det;
  plane.b =
    (sxx * (syz * n - sz * sy) - sxz * (sxy * n - sy * sx) + sx * (sxy * sz - syz * sx)) / det;
  plane.c =
    (sxx * (syy * sz - sy * syz) - sxy * (sxy * sz - syz * sx) + sxz * (sxy * sy - syy * sx)) / det;
  return true;
}

/**
 * Marks one capsule of the arm `bit` from landmark-space point A (x, y normalized, z) to B,
 * radius in pixels. Returns the number of pixels no arm had marked before.
 */
function markCapsule(
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  radiusPx: number,
  bit: number,
  mask: SegmentationMask,
  out: Uint8Array,
  crossesTorso: boolean,
): number {
  const { width, height, data } = mask;
  const { personThreshold, inFrontMarginZ } = OCCLUSION_TUNING;
  const pax = ax * width,
    pay = ay * height;
  const pbx = bx * width,
    pby = by * height;
  // A limb crossing the torso hides the garment along all of it; any other only over the torso.
  const wholeLimb =
    crossesTorso && shareOnTorso(pax, pay, pbx, pby) >= OCCLUSION_TUNING.crossingShareOfLimb;
  const dx = pbx - pax,
    dy = pby - pay;
  const lengthSq = dx * dx + dy * dy;
  const x0 = Math.max(0, Math.floor(Math.min(pax, pbx) - radiusPx));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(pax, pbx) + radiusPx));
  const y0 = Math.max(0, Math.floor(Math.min(pay, pby) - radiusPx));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(pay, pby) + radiusPx));
  const radiusSq = radiusPx * radiusPx;
  let marked = 0;
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const i = y * width + x;
      if (out[i]! & bit || !(data[i]! > personThreshold)) continue;
      const cx = x + 0.5;
      const t =
        lengthSq > 0 ? Math.min(1, Math.max(0, ((cx - pax) * dx + (cy - pay) * dy) / lengthSq)) : 0;
      const limbX = pax + t * dx;
      const limbY = pay + t * dy;
      const ex = cx - limbX;
      const ey = cy - limbY;
      // The limb itself must be over the torso, not only its capsule's edge: a hanging arm's
      // capsule reaches a few pixels over the torso's outline and cut a sliver there.
      if (ex * ex + ey * ey > radiusSq) continue;
      if (!wholeLimb && (!onTorso(cx, cy) || !onTorso(limbX, limbY))) continue;
      const armZ = az + t * (bz - az);
      const torsoZ = plane.a * (cx / width) + plane.b * (cy / height) + plane.c;
      if (armZ < torsoZ - inFrontMarginZ) {
        if (out[i] === 0) marked++;
        out[i] = out[i]! | bit;
      }
    }
  }
  return marked;
}

/**
 * Fills `out` (one byte per mask pixel, row-major like `mask.data`) with the `ARM_BIT`s of the
 * arms or hands covering the torso there, 0 elsewhere; returns the number of marked pixels.
 * Allocates nothing.
 */
export function armOcclusionMask(
  landmarks: readonly Landmark[],
  mask: SegmentationMask,
  out: Uint8Array,
): number {
  requireLandmarkCount(landmarks, 'occlusion: image landmarks', MaskInputError);
  const pixels = mask.width * mask.height;
  if (mask.data.length !== pixels || out.length !== pixels) {
    throw new MaskInputError(
      `occlusion: a ${mask.width}×${mask.height} mask needs ${pixels} values in and out, got ${mask.data.length} and ${out.length}`,
    );
  }
  out.fill(0);
  if (!fitTorsoPlane(landmarks)) return 0;
  const ls = landmarks[LM.leftShoulder]!;
  const rs = landmarks[LM.rightShoulder]!;
  const shoulderWidthPx = Math.hypot((ls.x - rs.x) * mask.width, (ls.y - rs.y) * mask.height);
  if (!(shoulderWidthPx > 0)) return 0;
  const t = OCCLUSION_TUNING;
  fitTorsoQuad(landmarks, mask, t.torsoMarginPerShoulderWidth * shoulderWidthPx);
  let marked = 0;
  for (let s = 0; s < SIDES.length; s++) {
    const side = SIDES[s]!;
    const shoulder = landmarks[side.shoulder]!;
    const elbow = landmarks[side.elbow]!;
    const wrist = landmarks[side.wrist]!;
    if (seen(shoulder) && seen(elbow)) {
      marked += markCapsule(
        shoulder.x,
        shoulder.y,
        shoulder.z,
        elbow.x,
        elbow.y,
        elbow.z,
        t.upperArmRadiusPerShoulderWidth * shoulderWidthPx,
        side.bit,
        mask,
        out,
        false,
      );
    }
    if (seen(elbow) && seen(wrist)) {
      marked += markCapsule(
        elbow.x,
        elbow.y,
        elbow.z,
        wrist.x,
        wrist.y,
        wrist.z,
        t.forearmRadiusPerShoulderWidth * shoulderWidthPx,
        side.bit,
        mask,
        out,
        true,
      );
    }
    const index = landmarks[side.index]!;
    const pinky = landmarks[side.pinky]!;
    if (seen(wrist) && seen(index) && seen(pinky)) {
      marked += markCapsule(
        wrist.x,
        wrist.y,
        wrist.z,
        (index.x + pinky.x) / 2,
        (index.y + pinky.y) / 2,
        (index.z + pinky.z) / 2,
        t.handRadiusPerShoulderWidth * shoulderWidthPx,
        side.bit,
        mask,
        out,
        true,
      );
    }
  }
  return marked;
}
