/**
 * Pose frames of a surveyed (ANSUR II) body standing before a 640×480 camera: image and world
 * landmarks of a figure of the body's measured stature, and a person mask whose torso, at chest,
 * waist and hip level, is as wide as the body's measured breadths (facing) or depths (sideways),
 * and facing, over the shoulders, as the measured bideltoid breadth (sideways: the chest depth).
 * Between the levels the mask narrows or widens linearly. The figure's joints sit at Drillis &
 * Contini's fractions of stature, a little jittered per frame; its arms below the deltoids (not
 * drawn) are clear of the torso. The stated height is the row's own, so the app scales by what the person said.
 */
import type { AnthropometryRow } from '../../scripts/body-model/anthropometry.ts';
import { gaussian } from '../../scripts/body-model/seeded-random.ts';
import type { View } from '../../src/fit/silhouette.ts';
import { TORSO_ROW_FRACTION } from '../../src/fit/tuning.ts';
import { LM } from '../../src/pose/landmarks.ts';
import type { Landmark, PoseFrame } from '../../src/pose/types.ts';

const W = 640;
const H = 480;
/** The figure is this many pixels tall, feet at row `FLOOR_PX`. */
const FIGURE_PX = 420;
const FLOOR_PX = 455;
/** Heights above the floor, fractions of stature (Winter, fig. 4.1). */
const LEVEL = { eye: 0.936, shoulder: 0.818, hip: 0.53, knee: 0.285, ankle: 0.039 };

export function surveyedFrame(
  row: AnthropometryRow,
  view: View,
  random: () => number,
  timestampMs = 0,
): PoseFrame {
  const cmPerPx = row.statureCm / FIGURE_PX;
  const jitter = () => 0.8 * gaussian(random);
  const y = (level: number) => FLOOR_PX - level * FIGURE_PX + jitter();
  // Facing: left and right apart in x; sideways: in depth (z), one behind the other.
  const half = (cm: number) => cm / cmPerPx / 2;
  const px = (side: -1 | 1, cm: number) =>
    W / 2 + (view === 'front' ? side * half(cm) : 0) + jitter();
  const z = (side: -1 | 1, cm: number) => (view === 'side' ? (side * cm) / 200 : 0);
  const landmarks: Landmark[] = Array.from({ length: 33 }, () => ({
    x: 0.5,
    y: 0.5,
    z: 0,
    visibility: 0.1,
    presence: 1,
  }));
  const world: Landmark[] = landmarks.map((lm) => ({ ...lm }));
  const put = (index: number, xPx: number, yPx: number, zM: number) => {
    landmarks[index] = { x: xPx / W, y: yPx / H, z: zM, visibility: 0.95, presence: 1 };
    world[index] = {
      x: ((xPx - W / 2) * cmPerPx) / 100,
      y: ((yPx - FLOOR_PX) * cmPerPx) / 100,
      z: zM,
      visibility: 0.95,
      presence: 1,
    };
  };
  const pairs: readonly (readonly [number, number, keyof typeof LEVEL, number])[] = [
    [LM.leftEye, LM.rightEye, 'eye', 6],
    [LM.leftShoulder, LM.rightShoulder, 'shoulder', row.camera.shoulderBreadth],
    [LM.leftHip, LM.rightHip, 'hip', row.camera.hipBreadth * 0.6],
    [LM.leftKnee, LM.rightKnee, 'knee', row.camera.hipBreadth * 0.55],
    [LM.leftAnkle, LM.rightAnkle, 'ankle', row.camera.hipBreadth * 0.5],
  ];
  // The person's left is the image's right when facing the camera.
  for (const [left, right, level, apartCm] of pairs) {
    const yPx = y(LEVEL[level]);
    put(left, px(1, apartCm), yPx, z(1, apartCm));
    put(right, px(-1, apartCm), yPx, z(-1, apartCm));
  }
  return {
    timestampMs,
    width: W,
    height: H,
    inferenceMs: 10,
    poses: [{ landmarks, worldLandmarks: world }],
    segmentationMask: torsoMask(row, view, cmPerPx, landmarks),
  };
}

function torsoMask(
  row: AnthropometryRow,
  view: View,
  cmPerPx: number,
  landmarks: readonly Landmark[],
): { width: number; height: number; data: Float32Array } {
  const data = new Float32Array(W * H);
  const c = row.camera;
  const span =
    view === 'front'
      ? [c.deltoidBreadth, c.chestBreadth, c.waistBreadth, c.hipBreadth]
      : [c.chestDepth, c.chestDepth, c.waistDepth, c.hipDepth];
  const top = ((landmarks[LM.leftShoulder]!.y + landmarks[LM.rightShoulder]!.y) / 2) * H;
  const bottom = ((landmarks[LM.leftHip]!.y + landmarks[LM.rightHip]!.y) / 2) * H;
  const { shoulder, chest, waist, hip } = TORSO_ROW_FRACTION;
  const levels = [shoulder, chest, waist, hip];
  for (let yPx = Math.floor(top); yPx <= bottom + 0.3 * (bottom - top); yPx++) {
    const t = (yPx - top) / (bottom - top);
    let cm = span[0]!;
    for (let k = 0; k < levels.length - 1; k++) {
      if (t > levels[k]!) {
        const f = Math.min(1, (t - levels[k]!) / (levels[k + 1]! - levels[k]!));
        cm = span[k]! + f * (span[k + 1]! - span[k]!);
      }
    }
    const halfPx = cm / cmPerPx / 2;
    // Pixel centres within the half-width of the centre line.
    for (let x = Math.ceil(W / 2 - halfPx - 0.5); x <= Math.floor(W / 2 + halfPx - 0.5); x++) {
      data[yPx * W + x] = 0.9;
    }
  }
  return { width: W, height: H, data };
}
