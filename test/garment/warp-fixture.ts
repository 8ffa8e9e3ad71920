import { LANDMARK_COUNT, LM, type LandmarkName } from '../../src/pose/landmarks.ts';
import type { AlphaImage } from '../../src/garment/grid-mesh.ts';
import type { AnchorPositions } from '../../src/garment/warp-controls.ts';

/**
 * A long-sleeved top drawn as a product image (520 × 300 px, alpha only): a torso block and
 * two sleeves hanging 45° in the A-pose, with the anchors a merchant would mark. The garment
 * faces the viewer, so its left sleeve is on the image's right.
 */
export const TOP_WIDTH_PX = 520;
export const TOP_HEIGHT_PX = 300;

export const TOP_ANCHORS: AnchorPositions = {
  collar: [260, 45],
  leftShoulder: [330, 60],
  rightShoulder: [190, 60],
  leftElbow: [403, 133],
  rightElbow: [117, 133],
  leftSleeveEnd: [471, 201],
  rightSleeveEnd: [49, 201],
  leftArmpit: [322, 112],
  rightArmpit: [198, 112],
  leftWaist: [324, 185],
  rightWaist: [196, 185],
  leftHem: [326, 250],
  rightHem: [194, 250],
};

type P = readonly [number, number];

function insideConvex(poly: readonly P[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i]!;
    const [bx, by] = poly[(i + 1) % poly.length]!;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

function sleeveQuad(from: P, to: P, halfWidth: number): P[] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const length = Math.hypot(dx, dy);
  const nx = (-dy / length) * halfWidth;
  const ny = (dx / length) * halfWidth;
  const sx = from[0] - (dx / length) * 12;
  const sy = from[1] - (dy / length) * 12;
  return [
    [sx + nx, sy + ny],
    [to[0] + nx, to[1] + ny],
    [to[0] - nx, to[1] - ny],
    [sx - nx, sy - ny],
  ];
}

export function topCoverage(): AlphaImage {
  const torso: P[] = [
    [196, 48],
    [324, 48],
    [328, 256],
    [192, 256],
  ];
  const left = sleeveQuad([330, 60], [471, 201], 24);
  const right = sleeveQuad([190, 60], [49, 201], 24);
  const data = new Uint8Array(TOP_WIDTH_PX * TOP_HEIGHT_PX);
  for (let y = 0; y < TOP_HEIGHT_PX; y++) {
    for (let x = 0; x < TOP_WIDTH_PX; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      if (
        insideConvex(torso, cx, cy) ||
        insideConvex(left, cx, cy) ||
        insideConvex(right, cx, cy)
      ) {
        data[y * TOP_WIDTH_PX + x] = 255;
      }
    }
  }
  return { width: TOP_WIDTH_PX, height: TOP_HEIGHT_PX, channels: 1, data };
}

/** Unit direction in image pixels (y down) from degrees: 0 = image right, 90 = down. */
function dir(deg: number): P {
  const r = (deg * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r)];
}

export interface BodyPose {
  readonly name: string;
  /** Upper arm and forearm directions, degrees (0 = image right, 90 = down). */
  readonly leftArm: readonly [number, number];
  readonly rightArm: readonly [number, number];
  /** Shoulder width in px, and the whole body's roll about the shoulder midpoint. */
  readonly shoulderWidthPx?: number;
  readonly rollDeg?: number;
  readonly center?: P;
}

/** Image landmarks (px, y down) of a frontal body in `pose`, plus full visibility. */
export function bodyLandmarksPx(pose: BodyPose): { px: Float64Array; visibility: Float64Array } {
  const w = pose.shoulderWidthPx ?? 120;
  const [cx, cy] = pose.center ?? [320, 150];
  const upper = (0.28 / 0.38) * w;
  const lower = (0.26 / 0.38) * w;
  const torso = (0.48 / 0.38) * w;
  const points = new Map<LandmarkName, P>();
  points.set('leftShoulder', [w / 2, 0]);
  points.set('rightShoulder', [-w / 2, 0]);
  points.set('leftHip', [w / 4, torso]);
  points.set('rightHip', [-w / 4, torso]);
  points.set('leftKnee', [w / 4, torso * 2]);
  points.set('rightKnee', [-w / 4, torso * 2]);
  points.set('leftAnkle', [w / 4, torso * 3]);
  points.set('rightAnkle', [-w / 4, torso * 3]);
  for (const side of ['left', 'right'] as const) {
    const [a, b] = side === 'left' ? pose.leftArm : pose.rightArm;
    const s = points.get(`${side}Shoulder`)!;
    const e: P = [s[0] + dir(a)[0] * upper, s[1] + dir(a)[1] * upper];
    points.set(`${side}Elbow`, e);
    points.set(`${side}Wrist`, [e[0] + dir(b)[0] * lower, e[1] + dir(b)[1] * lower]);
  }
  points.set('leftEar', [w / 8, -w / 2]);
  points.set('rightEar', [-w / 8, -w / 2]);
  const roll = ((pose.rollDeg ?? 0) * Math.PI) / 180;
  const px = new Float64Array(LANDMARK_COUNT * 2);
  const visibility = new Float64Array(LANDMARK_COUNT);
  for (const [name, [x, y]] of points) {
    const i = LM[name];
    px[i * 2] = cx + Math.cos(roll) * x - Math.sin(roll) * y;
    px[i * 2 + 1] = cy + Math.sin(roll) * x + Math.cos(roll) * y;
    visibility[i] = 1;
  }
  return { px, visibility };
}

/** Left arm 45° down-out is 45°; the right arm's mirror image is 135°. */
export const EXTREME_POSES: readonly BodyPose[] = [
  { name: 'A-pose, smaller than the photo', leftArm: [45, 45], rightArm: [135, 135] },
  { name: 'both arms straight up', leftArm: [-80, -85], rightArm: [-100, -95] },
  { name: 'arms crossing in front', leftArm: [120, 190], rightArm: [60, -10] },
  { name: 'one arm down, one in a T', leftArm: [90, 92], rightArm: [180, 180] },
  { name: 'elbows bent, fists up', leftArm: [0, -90], rightArm: [180, -90] },
  { name: 'hands on hips', leftArm: [70, 160], rightArm: [110, 20] },
  {
    name: 'twice as big, rolled 40°',
    leftArm: [45, 45],
    rightArm: [135, 135],
    shoulderWidthPx: 280,
    rollDeg: 40,
    center: [320, 120],
  },
  {
    name: 'far away and rolled −30°, arms up',
    leftArm: [-60, -70],
    rightArm: [-120, -110],
    shoulderWidthPx: 50,
    rollDeg: -30,
  },
];
