import type { ExperimentArm } from './events.ts';

/** Share of visitors held out from try-on when a storefront configures none. */
export const DEFAULT_HOLDOUT_SHARE = 0.1;

/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Where a visitor falls in [0, 1): the same on every device, page load, client and server. */
export function visitorBucket(visitorId: string, salt = 'fitting-room-holdout-v1'): number {
  return fnv1a32(`${salt}:${visitorId}`) / 2 ** 32;
}

/**
 * The visitor's experiment arm: deterministic by `visitorId`, with `holdoutShare` (0..1) of
 * visitors in `holdout`, who are not offered try-on.
 */
export function assignArm(visitorId: string, holdoutShare: number): ExperimentArm {
  if (!(holdoutShare >= 0 && holdoutShare <= 1)) {
    throw new RangeError(`holdoutShare must be within [0, 1], got ${holdoutShare}`);
  }
  return visitorBucket(visitorId) < holdoutShare ? 'holdout' : 'tryon';
}
