import { GARMENT_ANCHORS, type GarmentAnchor, type ImageSide } from '../../shared/garment.ts';
import type { ValidationReport } from '../../shared/garment-upload.ts';

/** A back photo's report items point into `/back` (`PUT …/back`), the front's into the root. */
const POINTER: Readonly<Record<ImageSide, RegExp>> = {
  front: /^\/anchors\/(\w+)$/,
  back: /^\/back\/anchors\/(\w+)$/,
};

/**
 * The anchors of one photo, `side`, that an upload report flags as placed with low confidence
 * (`anchor_low_confidence`).
 */
export function lowConfidenceAnchors(
  report: ValidationReport | null,
  side: ImageSide,
): ReadonlySet<GarmentAnchor> {
  const out = new Set<GarmentAnchor>();
  for (const item of report?.items ?? []) {
    if (item.code !== 'anchor_low_confidence') continue;
    const name = POINTER[side].exec(item.pointer ?? '')?.[1];
    if ((GARMENT_ANCHORS as readonly string[]).includes(name ?? '')) out.add(name as GarmentAnchor);
  }
  return out;
}
