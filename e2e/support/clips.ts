import { join } from 'node:path';

/** Clips made by `global-setup.ts` for the fake camera; fixed paths because launch flags need them. */
export const CLIP_DIR = join(process.cwd(), '.cache', 'e2e');
export const PERSON_CLIP = join(CLIP_DIR, 'person.y4m');
export const PERSON_CLIP_META = join(CLIP_DIR, 'person.json');
/** The single, fully visible person the camera tests track. */
export const PERSON_IMAGE_FILE = 'images/coco__000000000785.jpg';
export const CLIP_WIDTH = 640;
export const CLIP_HEIGHT = 480;
/** The same person as a short WebM, for the "Use a video" path. */
export const PERSON_VIDEO = join(CLIP_DIR, 'person.webm');
/** An empty room, for the "step back" state. */
export const EMPTY_CLIP = join(CLIP_DIR, 'empty.y4m');
/** The half-body shopper of the try-on fixtures (head to thighs), as portrait camera clips. */
export const HALF_BODY_IMAGE = 'people/vitonhd_14627_00__ootd.jpg';
export const PORTRAIT_CLIPS = {
  /** 480×640, a phone's front camera in portrait. */
  small: { path: join(CLIP_DIR, 'half-body-480x640.y4m'), width: 480, height: 640 },
  /** 720×1280, a 9:16 portrait camera. */
  tall: { path: join(CLIP_DIR, 'half-body-720x1280.y4m'), width: 720, height: 1280 },
} as const;
/** The try-on fixtures' shopper seen from behind, 640×480. */
export const FROM_BEHIND_IMAGE = 'people/h36m_S1_Directions_back.jpg';
export const FROM_BEHIND_CLIP = join(CLIP_DIR, 'from-behind.y4m');
