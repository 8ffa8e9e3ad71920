import { LM, POSE_BONES } from '../pose/landmarks.ts';
import type { Pose } from '../pose/types.ts';

export interface SkeletonStyle {
  /** Landmarks less visible than this are not drawn. */
  readonly minVisibility: number;
  readonly boneColor: string;
  readonly jointColor: string;
  readonly lineWidthPx: number;
  readonly jointRadiusPx: number;
}

export const DEFAULT_SKELETON_STYLE: SkeletonStyle = {
  minVisibility: 0.5,
  boneColor: 'rgba(0, 230, 180, 0.9)',
  jointColor: '#ffffff',
  lineWidthPx: 4,
  jointRadiusPx: 4,
};

/**
 * Draws each pose's skeleton on a 2D canvas whose pixels cover the analysed image exactly.
 * Mirroring for a selfie view is the caller's CSS transform, so coordinates stay the image's.
 */
export function drawSkeletons(
  ctx: CanvasRenderingContext2D,
  poses: readonly Pose[],
  style: SkeletonStyle = DEFAULT_SKELETON_STYLE,
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.lineWidth = style.lineWidthPx;
  ctx.lineCap = 'round';
  for (const { landmarks } of poses) {
    ctx.strokeStyle = style.boneColor;
    ctx.beginPath();
    for (const [from, to] of POSE_BONES) {
      const a = landmarks[LM[from]];
      const b = landmarks[LM[to]];
      if (!a || !b || a.visibility < style.minVisibility || b.visibility < style.minVisibility) {
        continue;
      }
      ctx.moveTo(a.x * width, a.y * height);
      ctx.lineTo(b.x * width, b.y * height);
    }
    ctx.stroke();
    ctx.fillStyle = style.jointColor;
    for (const point of landmarks) {
      if (point.visibility < style.minVisibility) continue;
      ctx.beginPath();
      ctx.arc(point.x * width, point.y * height, style.jointRadiusPx, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
