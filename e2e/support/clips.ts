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
