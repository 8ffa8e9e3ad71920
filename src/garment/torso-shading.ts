import type { GarmentAnchor } from '../shared/garment.ts';

/**
 * A soft vertical shading of a flat product photo worn on a body, so it reads as cloth round a
 * torso rather than a sticker: the torso is taken as a cylinder facing the camera, lit from the
 * front, its axis the garment's centre line (the collar, else the middle of the shoulders or
 * waist), its radius half the shoulder (else waist) width. A point at relative distance d from
 * the axis is lit as the cylinder's surface there, cos(asin d) = √(1 − d²), mixed in at
 * `depth`; past the torso's side (sleeves) the darkening eases off again, a sleeve being its own
 * narrower cylinder that the flat photo already shows. Brightness factors, 1 = as photographed.
 */
export const TORSO_SHADING = {
  /** How much darker the torso's sides get than its centre line (share of brightness). */
  depth: 0.28,
  /** Past the side, the darkening falls off over this share of the torso's half-width. */
  sleeveFalloff: 0.3,
} as const;

type Anchors = Partial<Record<GarmentAnchor, readonly [number, number]>>;

/** The torso's centre x and half-width in image px from the anchors; null without a pair. */
export function torsoAxis(anchors: Anchors): { centreX: number; halfWidth: number } | null {
  const pair =
    anchors.leftShoulder && anchors.rightShoulder
      ? ([anchors.leftShoulder, anchors.rightShoulder] as const)
      : anchors.leftWaist && anchors.rightWaist
        ? ([anchors.leftWaist, anchors.rightWaist] as const)
        : null;
  if (!pair) return null;
  const halfWidth = Math.abs(pair[0][0] - pair[1][0]) / 2;
  if (halfWidth <= 0) return null;
  const centreX = anchors.collar?.[0] ?? (pair[0][0] + pair[1][0]) / 2;
  return { centreX, halfWidth };
}

/** Brightness at relative distance `d` (≥ 0) from the centre line. */
export function shadingAt(d: number, tuning = TORSO_SHADING): number {
  if (d <= 1) return 1 - tuning.depth * (1 - Math.sqrt(1 - d * d));
  const past = (d - 1) / tuning.sleeveFalloff;
  return 1 - tuning.depth * Math.exp(-past * past);
}

/**
 * Per-vertex RGB brightness for a garment grid whose rest positions are `positions` (x, y px
 * pairs): all 1 when the anchors give no torso.
 */
export function torsoShading(positions: ArrayLike<number>, anchors: Anchors): Float32Array {
  const count = positions.length / 2;
  const colours = new Float32Array(count * 3).fill(1);
  const axis = torsoAxis(anchors);
  if (!axis) return colours;
  for (let v = 0; v < count; v++) {
    const s = shadingAt(Math.abs(positions[v * 2]! - axis.centreX) / axis.halfWidth);
    colours[v * 3] = colours[v * 3 + 1] = colours[v * 3 + 2] = s;
  }
  return colours;
}
