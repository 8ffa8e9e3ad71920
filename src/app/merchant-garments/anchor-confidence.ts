import { GARMENT_ANCHORS, type GarmentAnchor } from '../../shared/garment.ts';
import type { ValidationReport } from '../../shared/garment-upload.ts';

const POINTER = /^\/anchors\/(\w+)$/;

/** The anchors an upload report flags as placed with low confidence (`anchor_low_confidence`). */
export function lowConfidenceAnchors(report: ValidationReport | null): ReadonlySet<GarmentAnchor> {
  const out = new Set<GarmentAnchor>();
  for (const item of report?.items ?? []) {
    if (item.code !== 'anchor_low_confidence') continue;
    const name = POINTER.exec(item.pointer ?? '')?.[1];
    if ((GARMENT_ANCHORS as readonly string[]).includes(name ?? '')) out.add(name as GarmentAnchor);
  }
  return out;
}
